package handlers_test

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

const (
	// flowTime bounds each flow, so a page that never answers fails the test instead of
	// blocking it.
	flowTime = 15 * time.Second
	password = "correct horse battery staple"
)

// TestBrowser clicks through the real pages in headless chromium, against the real app
// serving a fresh database.
func TestBrowser(t *testing.T) {
	browser := startBrowser(t)

	t.Run("login", func(t *testing.T) {
		testdb.Each(t, func(t *testing.T, db *gorm.DB) {
			s := startSite(t, db)
			s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
			loginFlow(t, openTab(t, browser, s.URL, flowTime))
		})
	})

	s := startSite(t, testdb.SQLite(t))
	s.addUser(t, "ada@example.com", "Ada Admin", password, rules.RoleAdmin)
	s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
	products := seedCatalog(t, s.DB)
	seedSync(t, s.DB)
	inbox := seedInbox(t, s.DB)

	t.Run("admin pages need the admin role", func(t *testing.T) {
		steward := openTab(t, browser, s.URL, flowTime)
		steward.signIn("sam@example.com", password)
		if nav := steward.navLabels(); slices.Contains(nav, "Admin") || !slices.Contains(nav, "Products") {
			t.Errorf("a steward's navigation is %q, want Products and no Admin", nav)
		}
		if status := steward.open("/admin/users"); status != 403 {
			t.Errorf("a steward opening /admin/users got status %d, want 403", status)
		}
		if msg := steward.text(".error-page"); !strings.Contains(msg, "Your roles do not allow this") {
			t.Errorf("the 403 page says %q", msg)
		}
		if eval[bool](steward, `document.getElementById("users") !== null`) {
			t.Error("a steward was shown the users table")
		}

		admin := openTab(t, browser, s.URL, flowTime)
		admin.signIn("ada@example.com", password)
		if nav := admin.navLabels(); !slices.Contains(nav, "Admin") {
			t.Errorf("an admin's navigation is %q, want Admin in it", nav)
		}
		if status := admin.open("/admin/users"); status != 200 {
			t.Fatalf("an admin opening /admin/users got status %d", status)
		}
		admin.do("wait for the users table", chromedp.WaitVisible(chromedp.CSS("#users tbody tr")))
		emails := eval[[]string](admin, `[...document.querySelectorAll("#users tbody tr td:first-child")].map(td => td.textContent.trim())`)
		if !slices.Contains(emails, "ada@example.com") || !slices.Contains(emails, "sam@example.com") {
			t.Errorf("the users table lists %q, want both users", emails)
		}
	})

	t.Run("product search", func(t *testing.T) {
		tb := openTab(t, browser, s.URL, flowTime)
		tb.signIn("sam@example.com", password)
		if status := tb.open("/products"); status != 200 {
			t.Fatalf("/products: status %d", status)
		}
		if names := productNames(tb); len(names) != len(products) {
			t.Fatalf("the unfiltered list shows %q, want all %d products", names, len(products))
		}
		// A full page load would lose this; an HTMX swap keeps it.
		tb.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.stewardNoReload = true`))

		tb.do("press /", pressSlash())
		if focused := eval[string](tb, `document.activeElement ? document.activeElement.id : ""`); focused != "q" {
			t.Errorf(`"/" focused %q, want the search box #q`, focused)
		}
		if q, err := chromedp.Run(tb.ctx, chromedp.Value(chromedp.ID("q"))); err != nil || q != "" {
			t.Errorf(`after "/" the search box holds %q (%v), want it empty`, q, err)
		}
		tb.do("type a search", chromedp.SendKeys(chromedp.ID("q"), "calip"))
		_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](
			`[...document.querySelectorAll("#results tbody tr")].length === 1`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("the results were not narrowed to one row: %v; the page shows %q", err,
				eval[string](tb, `document.getElementById("main").innerText`))
		}
		names := productNames(tb)
		if !slices.Contains(names, "Digital caliper 150 mm") {
			t.Errorf("searching %q lists %q, want the caliper", "calip", names)
		}
		if slices.Contains(names, "Cordless drill 18 V") {
			t.Errorf("searching %q still lists the drill: %q", "calip", names)
		}
		if count := tb.text("#results .count"); count != "1 product" {
			t.Errorf("the results count says %q, want %q", count, "1 product")
		}
		if !eval[bool](tb, `window.stewardNoReload === true`) {
			t.Error("the search reloaded the whole page instead of swapping #results")
		}
		// The pushed address lets a search be reloaded and shared.
		if u, err := url.Parse(tb.path()); err != nil || u.Path != "/products" || u.Query().Get("q") != "calip" {
			t.Errorf("the address bar shows %s, want /products with q=calip", tb.path())
		}
	})

	t.Run("ownership and validation gates", func(t *testing.T) {
		seedRules(t, s.DB)
		gatePreviewFlow(t, openTab(t, browser, s.URL, flowTime), screenshotDir(t))
	})

	t.Run("screenshots", func(t *testing.T) {
		dir := screenshotDir(t)
		tb := openTab(t, browser, s.URL, flowTime)
		tb.signIn("ada@example.com", password)
		pages := []struct{ name, path string }{
			{"dashboard", "/"},
			{"inbox", "/inbox"},
			{"inbox-item", fmt.Sprintf("/inbox/%d", inbox.product)},
			{"inbox-edit", fmt.Sprintf("/inbox/%d/edit", inbox.validation)},
			{"products", "/products"},
			{"product", fmt.Sprintf("/products/%d", products["HT-CAL-150"])},
			{"customers", "/customers"},
			{"users", "/admin/users"},
			{"roles", "/admin/roles"},
			{"ownership", "/admin/ownership"},
			{"validation", "/admin/validation"},
			{"channels", "/admin/channels"},
			{"sync", "/sync"},
		}
		for _, p := range pages {
			if status := tb.open(p.path); status != 200 {
				t.Errorf("%s: status %d", p.path, status)
				continue
			}
			tb.do("wait for "+p.path, chromedp.WaitVisible(chromedp.CSS("main h1")))
			topScreenshot(tb, dir, p.name) // a form's autofocus may have scrolled the page
		}
		bulkScreens(t, tb, s.DB, dir)
		if dir != "" {
			t.Logf("screenshots saved in %s", dir)
		}
	})
}

// loginFlow: / sends a stranger to sign in; a wrong password is refused next to the form;
// the right one opens the dashboard with its queues.
func loginFlow(t *testing.T, tb *tab) {
	if status := tb.open("/"); status != 200 {
		t.Fatalf("/: status %d", status)
	}
	if got := tb.path(); got != "/login" {
		t.Fatalf("/ without a session went to %s, want /login", got)
	}
	tb.do("fill the form with a wrong password",
		chromedp.SendKeys(chromedp.ID("email"), "sam@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), "not the password"),
	)
	if status := tb.submit(`form[action="/login"] button[type=submit]`); status != 401 {
		t.Errorf("a wrong password got status %d, want 401", status)
	}
	if got := tb.path(); got != "/login" {
		t.Errorf("a wrong password went to %s, want to stay on /login", got)
	}
	if msg := tb.text(`form[action="/login"] #login-error`); msg != "That email and password do not match an active account." {
		t.Errorf("the form shows %q", msg)
	}
	if email, err := chromedp.Run(tb.ctx, chromedp.Value(chromedp.ID("email"))); err != nil || email != "sam@example.com" {
		t.Errorf("the email field holds %q (%v), want it kept for the retry", email, err)
	}

	// The email is kept, so the cursor waits in the password field for the retry.
	if focused := eval[string](tb, `document.activeElement ? document.activeElement.id : ""`); focused != "password" {
		t.Errorf("after a wrong password the focus is on %q, want the password field", focused)
	}
	tb.do("retry with the right password", chromedp.SendKeys(chromedp.ID("password"), password))
	if status := tb.submit(`form[action="/login"] button[type=submit]`); status != 200 {
		t.Fatalf("signing in got status %d", status)
	}
	if got := tb.path(); got != "/" {
		t.Fatalf("signing in went to %s, want the dashboard at /", got)
	}
	if h1 := tb.text("main h1"); h1 != "Dashboard" {
		t.Errorf("the dashboard's heading is %q", h1)
	}
	tb.do("wait for the queue cards", chromedp.WaitVisible(chromedp.CSS(`[aria-label="Queues"] .card.queue`)))
	queues := eval[[]string](tb, `[...document.querySelectorAll('[aria-label="Queues"] .card.queue')].map(a => a.dataset.queue)`)
	if want := []string{"inbox", "duplicates", "pricing", "publications"}; !slices.Equal(queues, want) {
		t.Errorf("the dashboard shows the queues %q, want %q", queues, want)
	}
}

// productNames lists the product names in the results table.
func productNames(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll("#results tbody tr td:nth-child(2)")].map(td => td.textContent.trim())`)
}

// seedCatalog stores a small catalog that looks like a distributor's, for the search and
// the screenshots; it returns product ids by SKU.
func seedCatalog(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	eur := func(units float64) models.Money { return models.Money(math.Round(units * models.MoneyScale)) }
	kg := func(f float64) *float64 { return &f }
	products := []models.Product{
		{SKU: "HT-CAL-150", Name: "Digital caliper 150 mm", Description: "Stainless steel, 0.01 mm resolution, IP54.", Category: "Measuring", Brand: "Mitra", UoM: "pc", Barcode: "4006381333931", WeightKg: kg(0.18), LengthCm: kg(23.5), WidthCm: kg(8), HeightCm: kg(1.6), HSCode: "9017300000", TaxClass: "standard", ListPrice: eur(39.9), Cost: eur(17.2)},
		{SKU: "PT-DRL-18V", Name: "Cordless drill 18 V", Category: "Power tools", Brand: "Voltra", UoM: "pc", Barcode: "4006381333948", ListPrice: eur(129), Cost: eur(71.5)},
		{SKU: "HT-TQW-200", Name: "Torque wrench ½″ 40–200 Nm", Category: "Hand tools", Brand: "Mitra", UoM: "pc", ListPrice: eur(89.5), Cost: eur(44)},
		{SKU: "HT-HEX-9", Name: "Hex key set, 9 pieces", Category: "Hand tools", Brand: "Kessel", UoM: "set", ListPrice: eur(14.95), Cost: eur(5.1)},
		{SKU: "SF-GLV-09", Name: "Cut-resistant gloves, size 9", Category: "Safety", Brand: "Guardo", UoM: "pair", ListPrice: eur(7.4), Cost: eur(2.35), LifecycleStatus: models.LifecyclePhaseOut},
		{SKU: "SF-EAR-30", Name: "Ear defenders SNR 30", Category: "Safety", Brand: "Guardo", UoM: "pc", ListPrice: eur(18), Cost: eur(7.9)},
		{SKU: "LT-LED-20", Name: "LED work light 20 W", Category: "Lighting", Brand: "Voltra", UoM: "pc", ListPrice: eur(34.5), Cost: eur(15)},
		{SKU: "MS-LVL-600", Name: "Spirit level 600 mm", Category: "Measuring", Brand: "Kessel", UoM: "pc", ListPrice: eur(22.9), Cost: eur(9.8), LifecycleStatus: models.LifecycleDiscontinued},
	}
	ids := map[string]int64{}
	for _, p := range products {
		p.Currency = "EUR"
		p.Active = p.LifecycleStatus != models.LifecycleDiscontinued
		if p.LifecycleStatus == "" {
			p.LifecycleStatus = models.LifecycleActive
		}
		if err := models.CreateProduct(db, &p); err != nil {
			t.Fatal(err)
		}
		ids[p.SKU] = p.ID
	}
	customers := []models.Customer{
		{Name: "Baumarkt Keller", LegalName: "Baumarkt Keller GmbH", TaxID: "DE811907980", Email: "einkauf@keller.example", Country: "DE", PaymentTerms: "30 days", CreditLimit: eur(50000)},
		{Name: "Atelier Durand", LegalName: "Atelier Durand SARL", TaxID: "FR40303265045", Email: "achats@durand.example", Country: "FR", PaymentTerms: "45 days", CreditLimit: eur(12000)},
		{Name: "Van Dijk Installatie", LegalName: "Van Dijk Installatie B.V.", TaxID: "NL810433941B01", Email: "inkoop@vandijk.example", Country: "NL", PaymentTerms: "30 days", CreditLimit: eur(25000)},
		{Name: "Ferramenta Rossi", LegalName: "Ferramenta Rossi S.r.l.", TaxID: "IT00743110157", Email: "ordini@rossi.example", Country: "IT", PaymentTerms: "60 days", CreditLimit: eur(8000)},
	}
	for _, c := range customers {
		c.Currency, c.Active = "EUR", true
		if err := models.CreateCustomer(db, &c); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}
