package handlers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// A steward opens the drift a reconciliation found, picks the portal's differing names,
// confirms, and the portal's value is taken through the normal change path.
func TestBrowserDrift(t *testing.T) {
	browser := startBrowser(t)
	db := testdb.SQLite(t)
	s := startSite(t, db)
	s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
	portal := models.Channel{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &portal); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var items []models.DriftItem
	for i, name := range []string{"Cable 3x1.5", "Cable 5x2.5"} {
		p := newProduct(fmt.Sprintf("EL-%d", i+1), name)
		if err := models.CreateProduct(db, p); err != nil {
			t.Fatal(err)
		}
		ext := fmt.Sprintf("portal-%d", i+1)
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: portal.ID, ObjectType: models.ObjectProduct, ExternalID: ext, GoldenID: p.ID}); err != nil {
			t.Fatal(err)
		}
		items = append(items, models.DriftItem{ChannelID: portal.ID, ObjectType: models.ObjectProduct, RecordKey: ext, ExternalID: ext, GoldenID: &p.ID,
			Kind: models.DriftDiffers, Field: "fields.name", GoldenValue: name, ChannelValue: strings.Replace(name, "Cable", "Kabel", 1),
			Summary: p.SKU + " " + name, Status: models.DriftOpen, FoundAt: now, SeenAt: now})
	}
	unknown, _ := json.Marshal(ingest.Change{Object: models.ObjectProduct, ExternalID: "portal-9", Product: &models.Product{SKU: "XX-9", Name: "Only on the portal"}})
	items = append(items, models.DriftItem{ChannelID: portal.ID, ObjectType: models.ObjectProduct, RecordKey: "portal-9", ExternalID: "portal-9",
		Kind: models.DriftUnknown, ChannelRecord: string(unknown), Summary: "XX-9 Only on the portal", Status: models.DriftOpen, FoundAt: now, SeenAt: now})
	if err := models.SaveDrift(db, items); err != nil {
		t.Fatal(err)
	}

	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("sam@example.com", password)
	if status := tb.open("/publications/drift"); status != 200 {
		t.Fatalf("/publications/drift: %d", status)
	}
	if groups := tb.text("#drift-groups"); !strings.Contains(groups, "fields.name") || !strings.Contains(groups, "on the channel, unknown to Steward") {
		t.Errorf("the groups say %q", groups)
	}
	tb.do("open the name group", chromedp.Click(chromedp.CSS(`#drift-groups a[href*="fields.name"]`)))
	tb.waitFor(`location.search.includes("field=fields.name")`, "the name group")
	tb.do("select both rows", chromedp.Click(chromedp.CSS(`#drift-items input[name=ids]:nth-of-type(1)`)))
	tb.do("select all of the group", chromedp.Click(chromedp.CSS(`#drift-items input[name=scope]`)))
	if status := tb.submit(`#drift-items button[value=accept]`); status != 200 {
		t.Fatalf("ask to accept: %d", status)
	}
	if q := tb.text("#drift-question"); q != "Accept the channel's values for all 2 items of this group?" {
		t.Errorf("the confirmation asks %q", q)
	}
	topScreenshot(tb, screenshotDir(t), "drift-confirm")
	if status := tb.submit(`.confirm button[type=submit]`); status != 200 {
		t.Fatalf("confirm: %d", status)
	}
	if done := tb.text(".flash"); !strings.Contains(done, "2 items resolved.") {
		t.Errorf("after accepting the page says %q", done)
	}
	for _, sku := range []string{"EL-1", "EL-2"} {
		if p, _ := models.ProductBySKU(db, sku); !strings.HasPrefix(p.Name, "Kabel") {
			t.Errorf("%s is called %q after accepting the portal's name", sku, p.Name)
		}
	}
	if open, _ := models.ListDrift(db, models.DriftFilter{}); len(open) != 1 || open[0].Kind != models.DriftUnknown {
		t.Errorf("open drift after accepting: %+v", open)
	}
	topScreenshot(tb, screenshotDir(t), "drift-resolved")
}

// An admin creates an API token: it is shown once, and the list shows only its start.
func TestBrowserTokens(t *testing.T) {
	browser := startBrowser(t)
	db := testdb.SQLite(t)
	s := startSite(t, db)
	s.addUser(t, "ada@example.com", "Ada Admin", password, rules.RoleAdmin)
	portal := models.Channel{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &portal); err != nil {
		t.Fatal(err)
	}
	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("ada@example.com", password)
	if status := tb.open("/admin/tokens"); status != 200 {
		t.Fatalf("/admin/tokens: %d", status)
	}
	tb.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#t-name"), "Portal production"),
		chromedp.SetValue(chromedp.CSS("#t-channel"), fmt.Sprint(portal.ID)),
		chromedp.Click(chromedp.CSS(`input[value="incoming:customers"]`)))
	if status := tb.submit(`form[action="/admin/tokens"] button[type=submit]`); status != 201 {
		t.Fatalf("create: %d", status)
	}
	token := tb.text("#new-token code.token")
	if !strings.HasPrefix(token, "stw_") || len(token) < 40 {
		t.Errorf("the new token reads %q", token)
	}
	topScreenshot(tb, screenshotDir(t), "api-token-created")
	tb.open("/admin/tokens")
	if list := tb.text("#tokens"); strings.Contains(list, token) || !strings.Contains(list, token[:10]) || !strings.Contains(list, "incoming:customers") {
		t.Errorf("the token list says %q", list)
	}
}
