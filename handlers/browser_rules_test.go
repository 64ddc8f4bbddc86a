package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// seedRules stores the default ownership matrix, as `steward serve` does at start, and a
// few gates a distributor would have, for the rules flow and the screenshots.
func seedRules(t *testing.T, db *gorm.DB) {
	t.Helper()
	if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	maxKg := 30.0
	for _, g := range []models.Gate{
		{Domain: rules.DomainProduct, Kind: rules.GateRequired, Field: "name", Severity: rules.SeverityBlock},
		{Domain: rules.DomainProduct, Channel: "shopify", Kind: rules.GateFormat, Field: "barcode", Format: rules.FormatGTIN, Severity: rules.SeverityBlock},
		{Domain: rules.DomainProduct, Channel: "edi", Kind: rules.GateAllowed, Field: "uom", Allowed: []string{"pc", "set", "pair", "EA"}, Severity: rules.SeverityBlock},
		{Domain: rules.DomainProduct, Kind: rules.GateRange, Field: "weight_kg", Max: &maxKg, Severity: rules.SeverityWarn, Message: "Over 30 kg ships by freight, not parcel."},
		{Domain: rules.DomainCustomer, Kind: rules.GateFormat, Field: "tax_id", Format: rules.FormatVAT, Severity: rules.SeverityBlock},
		{Domain: rules.DomainCustomer, Kind: rules.GateFormat, Field: "email", Format: rules.FormatEmail, Severity: rules.SeverityWarn},
	} {
		if err := models.CreateGate(db, &g); err != nil {
			t.Fatal(err)
		}
	}
}

// gatePreviewFlow: an admin writes an expression gate with a misspelt field, previews it
// and is told next to the field; corrects it, previews the count of products it would
// hold, and saves it.
func gatePreviewFlow(t *testing.T, tb *tab, dir string) {
	tb.signIn("ada@example.com", password)
	if status := tb.open("/admin/validation"); status != 200 {
		t.Fatalf("/admin/validation: status %d", status)
	}
	if eval[bool](tb, `getComputedStyle(document.getElementById("g-expression").parentElement).display !== "none"`) {
		t.Error("the expression box shows while the form checks a required field")
	}
	tb.do("choose an expression gate",
		chromedp.SetValue(chromedp.ID("g-kind"), rules.GateExpression),
		chromedp.WaitVisible(chromedp.ID("g-expression")),
		chromedp.SendKeys(chromedp.ID("g-expression"), "list_price >= cots * 2.2"),
		chromedp.Click(chromedp.CSS(`button[hx-post="/admin/validation/preview"]`)),
		chromedp.WaitVisible(chromedp.ID("err-expression")),
	)
	if msg := tb.text("#err-expression"); !strings.HasPrefix(msg, "“cots” is not a field of products.") {
		t.Errorf("the error next to the expression says %q", msg)
	}
	if got := tb.path(); got != "/admin/validation" {
		t.Errorf("the preview left the page for %s", got)
	}
	topScreenshot(tb, dir, "validation-error")

	tb.do("correct the expression and preview again",
		chromedp.SetValue(chromedp.ID("g-expression"), "list_price >= cost * 2.2"),
		chromedp.Click(chromedp.CSS(`button[hx-post="/admin/validation/preview"]`)),
	)
	// Drill (1.80) and torque wrench (2.03) sell below 2.2 times their cost.
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](
		`(document.querySelector("#preview .preview-count strong") || {}).textContent === "2 of 8 products"`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("the preview does not count 2 of 8 products: %v; it says %q", err, eval[string](tb, `(document.getElementById("preview") || {}).innerText`))
	}
	if n := eval[int](tb, `document.querySelectorAll("#preview ul.examples a[href^='/products/']").length`); n != 2 {
		t.Errorf("the preview links %d products, want 2", n)
	}
	topScreenshot(tb, dir, "validation-preview")

	if status := tb.submit(`#gate-form button.primary`); status != 200 {
		t.Fatalf("saving the gate: status %d at %s", status, tb.path())
	}
	if flash := tb.text(".flash"); !strings.HasPrefix(flash, "Gate saved.") {
		t.Errorf("after saving the page says %q", flash)
	}
	if !strings.Contains(tb.text("#gates-product"), "list_price >= cost * 2.2") {
		t.Error("the saved gate is not in the product gates")
	}
}

// topScreenshot scrolls back to the top first: the sidebar is sticky, so a full-page picture
// taken after clicking further down shows it halfway down the page.
func topScreenshot(tb *tab, dir, name string) {
	tb.t.Helper()
	tb.do("scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	// Two frames let chromium paint what the scroll uncovered; a capture right away can
	// show rows of a long table half drawn.
	tb.do("let the page paint", chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))`, chromedp.EvalAwaitPromise))
	tb.screenshot(dir, name)
}
