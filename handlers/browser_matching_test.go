package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// An admin lowers the customer review threshold: the Preview button says what it would
// change without leaving the page, Save shows the preview again to confirm, and the
// confirmed thresholds are stored.
func TestBrowserMatchingSettings(t *testing.T) {
	browser := startBrowser(t)
	db := testdb.SQLite(t)
	s := startSite(t, db)
	s.addUser(t, "ada@example.com", "Ada Admin", password, rules.RoleAdmin)
	for _, r := range [][3]string{
		{"Baumarkt Keller GmbH", "DE811907980", "einkauf@keller-bau.de"},
		{"Baumarkt Keller", "DE811907980", "einkauf@keller-bau.de"},
		{"Elektro Brandt OHG", "", "info@brandt-elektro.de"},
		{"Elektro Brand", "", "info@brandt.de"},
		{"Nordic Tools AB", "SE556677889901", "orders@nordictools.se"},
	} {
		c := models.Customer{Name: r[0], TaxID: r[1], Email: r[2], Country: "DE", Currency: "EUR", Active: true}
		if err := models.CreateCustomer(db, &c); err != nil {
			t.Fatal(err)
		}
	}
	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("ada@example.com", password)
	if status := tb.open("/admin/matching"); status != 200 {
		t.Fatalf("/admin/matching: %d", status)
	}
	tb.do("propose new customer thresholds and preview them",
		chromedp.SetValue(chromedp.ID("m-review-customer"), "0.05"),
		chromedp.SetValue(chromedp.ID("m-match-customer"), "0.9"),
		chromedp.Click(chromedp.CSS(`#matching-form-customer button[hx-post="/admin/matching/preview"]`)),
	)
	tb.waitFor(`(document.querySelector("#matching-preview-customer .preview-count") || {}).textContent?.startsWith("Would")`, "the preview")
	if got := tb.path(); got != "/admin/matching" {
		t.Errorf("the preview left the page for %s", got)
	}
	if p := tb.text("#matching-preview-customer"); !strings.Contains(p, "among all 5 customers") {
		t.Errorf("the preview says %q", p)
	}
	topScreenshot(tb, screenshotDir(t), "matching-preview")
	if status := tb.submit(`#matching-form-customer button.primary`); status != 200 {
		t.Fatalf("save: %d", status)
	}
	if got, _ := ingest.MatchSettings(db, "customer"); got.Version != 0 {
		t.Fatal("saved without confirming the preview")
	}
	if status := tb.submit(`#matching-form-customer button.primary`); status != 200 || tb.path() != "/admin/matching?saved=customer" {
		t.Fatalf("confirm: %d at %s", status, tb.path())
	}
	if got, _ := ingest.MatchSettings(db, "customer"); got.ReviewThreshold != 0.05 || got.MatchThreshold != 0.9 {
		t.Errorf("stored %+v", got)
	}
}
