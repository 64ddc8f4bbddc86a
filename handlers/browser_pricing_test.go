package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// TestBrowserPricing is the four-eyes flow: a pricing steward proposes a new list price from
// the product's page; a manager approves it from the queue with the keyboard (j, a); on its
// date the pricing job applies it, and the product page shows the new price and its history.
func TestBrowserPricing(t *testing.T) {
	browser := startBrowser(t)
	s := startSite(t, testdb.SQLite(t))
	s.addUser(t, "pia@example.com", "Pia Pricing", password, rules.RolePricingSteward)
	s.addUser(t, "max@example.com", "Max Manager", password, rules.RoleManager)
	p := newProduct("EL-100", "Cable tie 200 mm") // list 12.50, cost 8.00
	if err := models.CreateProduct(s.DB, p); err != nil {
		t.Fatal(err)
	}
	shots := screenshotDir(t)

	pia := openTab(t, browser, s.URL, 40*time.Second)
	pia.signIn("pia@example.com", password)
	pia.open(fmt.Sprintf("/products/%d", p.ID))
	pia.waitFor(`!!document.querySelector("#price-history a[href^='/pricing/new']")`, "the price history to load with its propose link")
	if status := pia.submit("#price-history a[href^='/pricing/new']"); status != 200 {
		t.Fatalf("propose form: status %d", status)
	}
	if sku := eval[string](pia, `document.getElementById("p-sku").value`); sku != "EL-100" {
		t.Errorf("the form is for %q, want the product it came from", sku)
	}
	topScreenshot(pia, shots, "pricing-new")
	pia.do("fill the proposal",
		chromedp.SendKeys(chromedp.ID("p-price"), "13.75"),
		chromedp.SendKeys(chromedp.ID("p-reason"), "Supplier raised prices 8 %"),
	)
	if status := pia.submit(`#single button[type=submit]`); status != 200 {
		t.Fatalf("propose: status %d", status)
	}
	if flash := pia.text(".flash"); !strings.Contains(flash, "proposed") {
		t.Errorf("after proposing the page says %q", flash)
	}
	if txt := pia.text("table.pricing tbody tr"); !strings.Contains(txt, "Your proposal") {
		t.Errorf("the proposer's row says %q, want it marked as theirs", txt)
	}
	topScreenshot(pia, shots, "pricing-proposed")

	// A second proposal of Pia's waits behind the first; the manager rejects it with r.
	second := newProduct("EL-200", "Cable tie 300 mm")
	if err := models.CreateProduct(s.DB, second); err != nil {
		t.Fatal(err)
	}
	var piaUser models.User
	s.DB.Where("email = ?", "pia@example.com").Take(&piaUser)
	other := models.PriceProposal{Kind: rules.PriceList, ProductID: second.ID, Currency: "EUR", HasOld: true, OldPrice: second.ListPrice, NewPrice: 88000,
		Cost: second.Cost, SellPrice: second.ListPrice, PriceKey: rules.PriceKey(rules.PriceList, second.ID, 0, nil, 0), ProposedBy: &piaUser.ID,
		ProposedByName: piaUser.Email, Reason: "clearance", ApprovalsNeeded: 2}
	if err := models.CreatePriceProposal(s.DB, models.Actor{ID: piaUser.ID, Name: piaUser.Email}, &other); err != nil {
		t.Fatal(err)
	}

	max := openTab(t, browser, s.URL, 40*time.Second)
	max.signIn("max@example.com", password)
	max.open("/pricing")
	row := max.text("table.pricing tbody tr")
	for _, want := range []string{"EL-100", "EUR 12.50", "EUR 13.75", "+10 %", "36 % → 41.81 %", "pia@example.com", "Supplier raised prices 8 %", "0 of 1"} {
		if !strings.Contains(row, want) {
			t.Errorf("the queue row lacks %q: %q", want, row)
		}
	}
	topScreenshot(max, shots, "pricing-queue")
	max.do("j then a", pressKey("j"), pressKey("a"))
	max.waitFor(`location.search.includes("decided=")`, "the approval to come back to the queue")
	if flash := max.text(".flash"); !strings.Contains(flash, "approved: live from") {
		t.Errorf("after approving the page says %q", flash)
	}
	// The clearance price breaks the margin floor; r asks why, Enter rejects it.
	if row := max.text("table.pricing tbody tr"); !strings.Contains(row, "below floor") || !strings.Contains(row, "0 of 2") {
		t.Errorf("the remaining row says %q", row)
	}
	max.do("j then r", pressKey("j"), pressKey("r"))
	if focused := eval[string](max, `document.activeElement ? document.activeElement.name : ""`); focused != "note" {
		t.Fatalf("r focused %q, want the reason field", focused)
	}
	max.do("type why and send it", chromedp.KeyEvent("Margin too thin"), chromedp.KeyEvent("\r"))
	max.waitFor(`location.search.includes("decided=`+fmt.Sprint(other.ID)+`")`, "the rejection to come back to the queue")
	if got, _ := models.PriceProposalByID(s.DB, other.ID); got.Status != rules.ProposalRejected || got.DecisionNote != "Margin too thin" {
		t.Errorf("the second proposal is %s (%q)", got.Status, got.DecisionNote)
	}

	// The job runs every minute; its clock stands on the effective date here.
	page, err := models.ListPriceProposals(s.DB, models.ProposalFilter{Status: rules.ProposalApproved})
	if err != nil || len(page.Items) != 1 || page.Items[0].EffectiveAt == nil {
		t.Fatalf("approved proposals %+v %v", page.Items, err)
	}
	at := *page.Items[0].EffectiveAt
	applier := &jobs.PriceApplier{DB: s.DB, Now: func() time.Time { return at }}
	if run, err := applier.Run(context.Background()); err != nil || run.Applied != 1 {
		t.Fatalf("apply: %+v %v", run, err)
	}

	max.open(fmt.Sprintf("/products/%d", p.ID))
	max.waitFor(`!!document.querySelector("#price-history table")`, "the price history to list the change")
	if txt := max.text("dl.fields.card:nth-of-type(2)"); !strings.Contains(txt, "EUR 13.75") {
		t.Errorf("the product shows %q, want the new list price", txt)
	}
	hist := max.text("#price-history")
	for _, want := range []string{"EUR 12.50 → EUR 13.75", "pia@example.com", "max@example.com", "Supplier raised prices 8 %"} {
		if !strings.Contains(hist, want) {
			t.Errorf("the price history lacks %q: %q", want, hist)
		}
	}
	// An admin sets the policy; a mistake comes back next to its field.
	s.addUser(t, "ada@example.com", "Ada Admin", password, rules.RoleAdmin)
	ada := openTab(t, browser, s.URL, 20*time.Second)
	ada.signIn("ada@example.com", password)
	ada.open("/admin/pricing")
	ada.do("type a floor of 100 %", chromedp.Clear(chromedp.ID("margin_floor")), chromedp.SendKeys(chromedp.ID("margin_floor"), "100"))
	if status := ada.submit(`form[action="/admin/pricing"] button[type=submit]`); status != 422 {
		t.Errorf("a 100 %% floor: status %d, want 422", status)
	}
	if msg := ada.text("#err-margin_floor"); !strings.Contains(msg, "up to, but not including, 100 %") {
		t.Errorf("the floor's error says %q", msg)
	}
	topScreenshot(ada, shots, "pricing-policy-error")

	max.do("scroll to the history", chromedp.Evaluate[chromedp.Void](`document.getElementById("price-history").scrollIntoView()`))
	max.screenshot(shots, "pricing-applied")
}
