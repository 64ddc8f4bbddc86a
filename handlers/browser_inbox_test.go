package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// TestBrowserInbox works three items with the keyboard alone: j to the first and a to
// approve it; r to reject the second, typing why; x to select the third and e to edit its
// price, then Enter to approve. The first two decisions swap their rows without loading
// the page, and the focus moves on to the next row each time.
func TestBrowserInbox(t *testing.T) {
	browser := startBrowser(t)
	s := startSite(t, testdb.SQLite(t))
	s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
	items := seedThreePrices(t, s.DB)

	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("sam@example.com", password)
	if status := tb.open("/inbox"); status != 200 {
		t.Fatalf("/inbox: status %d", status)
	}
	tb.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.stewardNoReload = true`))
	row := func(id int64) string { return fmt.Sprintf("item-%d", id) }

	tb.do("press ?", pressKey("?"))
	if help := tb.text("#keys-help"); !strings.Contains(help, "approve") || !strings.Contains(help, "reject (asks why)") || !strings.Contains(help, "select the row") {
		t.Errorf("the key help says %q", help)
	}
	tb.do("close the help", pressKey("?"))

	// First item: j selects it, a approves it.
	tb.do("j then a", pressKey("j"), pressKey("a"))
	tb.waitFor(fmt.Sprintf(`document.getElementById(%q).classList.contains("decided")`, row(items[0])), "the first row to show it is decided")
	tb.waitFor(fmt.Sprintf(`document.activeElement && document.activeElement.id === %q`, row(items[1])), "the focus to move to the second row")
	if txt := tb.text("#" + row(items[0])); !strings.Contains(txt, "Approved by sam@example.com") {
		t.Errorf("the first row says %q", txt)
	}
	if count := tb.text("#inbox-count"); count != "2 items waiting, oldest first." {
		t.Errorf("after one approval the count says %q", count)
	}

	// Second item: r asks why, Enter sends it.
	tb.do("r", pressKey("r"))
	if focused := eval[string](tb, `document.activeElement ? document.activeElement.name : ""`); focused != "note" {
		t.Fatalf("r focused %q, want the reason field", focused)
	}
	tb.do("type the reason and send it", chromedp.KeyEvent("Shop price is a typo"), chromedp.KeyEvent("\r"))
	tb.waitFor(fmt.Sprintf(`document.getElementById(%q).classList.contains("decided")`, row(items[1])), "the second row to show it is rejected")
	tb.waitFor(fmt.Sprintf(`document.activeElement && document.activeElement.id === %q`, row(items[2])), "the focus to move to the third row")
	if txt := tb.text("#" + row(items[1])); !strings.Contains(txt, "Rejected by sam@example.com") || !strings.Contains(txt, "Shop price is a typo") {
		t.Errorf("the second row says %q", txt)
	}
	if tabs := tb.text("#reason-tabs"); !strings.Contains(tabs, "All 1") {
		t.Errorf("the reason tabs say %q after two decisions", tabs)
	}
	if !eval[bool](tb, `window.stewardNoReload === true`) {
		t.Error("a decision reloaded the whole page")
	}
	topScreenshot(tb, screenshotDir(t), "inbox-keyboard")

	// Third item: x selects it for a bulk decision, e opens its edit form.
	tb.do("x", pressKey("x"))
	if n := tb.text("[data-selected-count]"); n != "1 selected" {
		t.Errorf("after x the bulk bar says %q", n)
	}
	tb.do("e", pressKey("e"))
	tb.waitFor(`document.getElementById("edit-form") !== null && document.activeElement && document.activeElement.name === "f.list_price"`, "the edit form, focused on the list price")
	tb.do("type the right price and approve",
		selectAll(), chromedp.KeyEvent("13.00"), chromedp.KeyEvent("\r"))
	tb.waitFor(`location.pathname === "/inbox" && document.querySelector(".flash") !== null`, "the inbox again, with what was done")
	if flash := tb.text(".flash"); !strings.Contains(flash, "Nothing else is waiting.") {
		t.Errorf("after the last item the page says %q", flash)
	}

	want := map[int64]string{items[0]: models.InboxApproved, items[1]: models.InboxRejected, items[2]: models.InboxApproved}
	for id, status := range want {
		it, _ := models.InboxItemByID(s.DB, id)
		if it.Status != status || it.DecidedBy != "sam@example.com" {
			t.Errorf("item %d is %s by %q, want %s", id, it.Status, it.DecidedBy, status)
		}
	}
	third, _ := models.InboxItemByID(s.DB, items[2])
	if e := third.EditList(); len(e) != 1 || e[0].Field != "list_price" || e[0].Steward != "13.00" {
		t.Errorf("the third item's edits %+v", e)
	}
	if p, _ := models.ProductBySKU(s.DB, "KB-3"); p.ListPrice != 130000 {
		t.Errorf("the third product costs %v, want 13.00 (within what policy lets a sync change alone)", p.ListPrice)
	}
	// The decided item shows who approved it, and the steward's value beside the source's.
	tb.open(fmt.Sprintf("/inbox/%d", items[2]))
	if banner := tb.text(".decision-banner"); !strings.Contains(banner, "Approved by sam@example.com") || !strings.Contains(banner, "13.00 instead of 18.00") {
		t.Errorf("the decided item says %q", banner)
	}
	topScreenshot(tb, screenshotDir(t), "inbox-decided")
}

// bulkScreens shows the confirmation of a bulk approval and a bulk run's progress page.
func bulkScreens(t *testing.T, tb *tab, db *gorm.DB, dir string) {
	if dir == "" {
		return
	}
	if status := tb.open("/inbox?domain=product"); status != 200 {
		t.Fatalf("/inbox: status %d", status)
	}
	tb.do("select two rows and ask to approve them",
		chromedp.Click(chromedp.CSS(`tbody tr:nth-child(1) input[name=ids]`)),
		chromedp.Click(chromedp.CSS(`tbody tr:nth-child(2) input[name=ids]`)),
		chromedp.Click(chromedp.CSS(`button[value=approve-selected]`)),
		chromedp.WaitVisible(chromedp.CSS(`#bulk-confirm .confirm`)))
	topScreenshot(tb, dir, "inbox-bulk-confirm")
	tb.do("cancel", chromedp.Click(chromedp.CSS(`[data-action=cancel-confirm]`)))
	started := time.Now().UTC().Add(-40 * time.Second)
	run := models.BulkRun{Action: models.BulkApprove, StartedBy: "ada@example.com", Total: 12480, Decided: 5100, Skipped: 12, Failed: 2,
		Problems: `["Item 4711 (SF-GLV-09 Cut-resistant gloves): This change cannot be applied as it stands: SKU SF-GLV-09 is already used by another product. Edit it, or reject it."]`}
	if err := models.CreateBulkRun(db, &run, models.InboxFilter{Reason: models.ReasonOwnership}); err != nil {
		t.Fatal(err)
	}
	db.Model(&run).Updates(map[string]any{"status": models.RunRunning, "started_at": started, "queued_at": started, "decided": 5100, "skipped": 12, "failed": 2, "problems": run.Problems})
	if status := tb.open(fmt.Sprintf("/inbox/bulk/%d", run.ID)); status != 200 {
		t.Fatalf("bulk run page: status %d", status)
	}
	topScreenshot(tb, dir, "inbox-bulk-run")
	db.Model(&run).Updates(map[string]any{"status": models.RunSucceeded, "finished_at": time.Now().UTC()})
}

// waitFor polls a JavaScript condition until it holds, across page loads (a poll running
// while the page changes loses its context and starts again on the new page).
func (tb *tab) waitFor(cond, what string) {
	tb.t.Helper()
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		_, err = chromedp.Run(tb.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil || tb.ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v; the page shows %q", what, err, eval[string](tb, `document.getElementById("main") ? document.getElementById("main").innerText.slice(0, 600) : document.body.innerText.slice(0, 600)`))
	}
}

// pressKey presses a printable key the way a keyboard does: one keydown whose default
// action types the character (a handler that cancels it types nothing), then a keyup.
func pressKey(key string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		code, vk := "Key"+strings.ToUpper(key), int64(strings.ToUpper(key)[0])
		if key == "?" {
			code, vk = "Slash", 191
		}
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key, UnmodifiedText: key,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		if key == "?" {
			down.Modifiers = int64(chromedp.ModifierShift)
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// selectAll presses Ctrl+A in the focused field, with the editing command a real
// keyboard's shortcut runs (a synthetic key event alone does not run it).
func selectAll() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: "a", Code: "KeyA", WindowsVirtualKeyCode: 65, NativeVirtualKeyCode: 65, Modifiers: int64(chromedp.ModifierCtrl)}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Commands = []string{"selectAll"}
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedThreePrices stores three products and a shop's new price for each, held in the inbox.
func seedThreePrices(t *testing.T, db *gorm.DB) []int64 {
	t.Helper()
	seed := newInboxSeed(t, db)
	var changes []ingest.Change
	for i := 1; i <= 3; i++ {
		p := newProduct(fmt.Sprintf("KB-%d", i), fmt.Sprintf("Keyboard item %d", i))
		if err := models.CreateProduct(db, p); err != nil {
			t.Fatal(err)
		}
		in := *p
		in.ListPrice = models.Money(150000 + i*10000)
		changes = append(changes, ingest.Change{Object: models.ObjectProduct, ExternalID: fmt.Sprintf("kb-%d", i), Stamp: "1", Product: &in})
	}
	var ids []int64
	for _, it := range seed.hold(t, changes...) {
		ids = append(ids, it.ID)
	}
	return ids
}

// seedPolicy decides like a real installation's policy: the default ownership matrix and
// two gates (a GTIN for barcodes, a VAT id for customers), without storing the gates, so
// the gate pages of the other flows stay as they expect.
type seedPolicy struct{ gates rules.GateSet }

func newSeedPolicy() seedPolicy {
	set, _ := rules.CompileGates([]models.Gate{
		{Domain: rules.DomainProduct, Kind: rules.GateFormat, Field: "barcode", Format: rules.FormatGTIN, Severity: rules.SeverityBlock},
		{Domain: rules.DomainCustomer, Kind: rules.GateFormat, Field: "tax_id", Format: rules.FormatVAT, Severity: rules.SeverityBlock},
	})
	return seedPolicy{gates: set}
}

func (p seedPolicy) Ownership(domain, source string, changed []string) ingest.Verdict {
	d := rules.DecideOwnership(rules.DefaultOwnership(), domain, source, changed)
	var v ingest.Verdict
	for _, a := range d.Apply {
		v.Apply = append(v.Apply, a.Attribute)
	}
	for _, a := range d.Hold {
		v.Held, v.Reasons = append(v.Held, a.Attribute), append(v.Reasons, a.Reason+".")
	}
	for _, a := range d.Reject {
		v.Rejected, v.Reasons = append(v.Rejected, a.Attribute), append(v.Reasons, a.Reason+".")
	}
	return v
}

func (p seedPolicy) Validate(domain string, _ models.Channel, record any) (blocking, warnings []string) {
	var fields map[string]any
	switch r := record.(type) {
	case models.Product:
		fields = rules.ProductFields(r)
	case models.Customer:
		fields = rules.CustomerFields(r)
	default:
		return nil, nil
	}
	for _, f := range rules.Validate(p.gates, domain, "", fields) {
		blocking = append(blocking, f.Message)
	}
	return blocking, nil
}

// inboxScreens are the items the screenshots show.
type inboxScreens struct{ product, validation int64 }

// seedInbox fills the inbox of the screenshot site (seedCatalog's products and customers)
// with what a B2B shop typically sends that Steward holds: prices and names Odoo owns, a
// wrong barcode, a malformed VAT id, a new account with a credit limit, a price, stock, and
// a second shop product with a SKU the shop already uses.
func seedInbox(t *testing.T, db *gorm.DB) inboxScreens {
	t.Helper()
	shop := models.Channel{Name: "Shopify B2B", Kind: models.ChannelShopify, Direction: models.DirectionBoth, BaseURL: "https://b2b.example", Active: true}
	if err := models.CreateChannel(db, &shop); err != nil {
		t.Fatal(err)
	}
	cal, _ := models.ProductBySKU(db, "HT-CAL-150")
	drill, _ := models.ProductBySKU(db, "PT-DRL-18V")
	hex, _ := models.ProductBySKU(db, "HT-HEX-9")
	var keller models.Customer
	db.Where("name = ?", "Baumarkt Keller").Take(&keller)
	calIn := cal
	calIn.Name, calIn.ListPrice, calIn.Description = "Digital caliper 150mm (B2B pack)", 349000, "Stainless steel, 0.01 mm resolution, IP54. B2B pack of 1."
	drillIn := drill
	drillIn.Barcode = "4006381333941"
	kellerIn := keller
	kellerIn.TaxID, kellerIn.Phone = "DE81190798", "+49 89 4512 300"
	hexIn := hex
	changes := []ingest.Change{
		{Object: models.ObjectProduct, ExternalID: "gid://shopify/Product/7301", Stamp: "2026-11-20T08:14:03Z", Product: &calIn,
			Source: map[string]any{"id": 7301, "title": calIn.Name, "body_html": "<p>" + calIn.Description + "</p>", "vendor": "Mitra", "product_type": "Measuring",
				"variants": []any{map[string]any{"sku": "HT-CAL-150", "price": "34.90", "barcode": cal.Barcode, "weight": 0.18, "weight_unit": "kg"}}}},
		{Object: models.ObjectProduct, ExternalID: "gid://shopify/Product/7302", Stamp: "2026-11-24T10:02:41Z", Product: &drillIn},
		{Object: models.ObjectProduct, ExternalID: "gid://shopify/Product/7355", Stamp: "2026-11-26T16:40:00Z", Product: &models.Product{
			SKU: "HT-PLR-180", Name: "Combination pliers 180 mm", Brand: "Kessel", Category: "Hand tools", UoM: "pc", Currency: "EUR", ListPrice: 129000, Active: true, LifecycleStatus: models.LifecycleActive}},
		{Object: models.ObjectCustomer, ExternalID: "gid://shopify/Company/88", Stamp: "2026-11-25T09:00:00Z", Customer: &kellerIn},
		{Object: models.ObjectCustomer, ExternalID: "gid://shopify/Company/91", Stamp: "2026-11-27T07:30:00Z", Customer: &models.Customer{
			Name: "Nordlicht Elektro", LegalName: "Nordlicht Elektro GmbH", TaxID: "DE136695976", Email: "einkauf@nordlicht.example", Currency: "EUR", Country: "DE", CreditLimit: 150000000, Active: true}},
		// Unchanged: the shop's copy of the hex key set links it, for the price and stock below.
		{Object: models.ObjectProduct, ExternalID: "gid://shopify/Product/7310", Stamp: "1", Product: &hexIn},
		{Object: models.ObjectPriceRule, ExternalID: "gid://shopify/PriceList/3/HT-HEX-9", Stamp: "1", ProductRef: "gid://shopify/Product/7310", PriceListRef: "3", RefName: "B2B Germany", Currency: "EUR",
			PriceRule: &models.PriceRule{Price: 119000, MinQuantity: 10}},
		{Object: models.ObjectInventory, ExternalID: "gid://shopify/InventoryLevel/7310-1", Stamp: "1", ProductRef: "gid://shopify/Product/7310", LocationRef: "1", RefName: "SHOPIFY/Berlin",
			Inventory: &models.InventoryLevel{OnHand: 40}},
		{Object: models.ObjectProduct, ExternalID: "gid://shopify/Product/7399", Stamp: "1", Product: &models.Product{
			SKU: "HT-HEX-9", Name: "Hex key set 9 pcs (promo)", Brand: "Kessel", UoM: "set", Currency: "EUR", ListPrice: 129000, Active: true, LifecycleStatus: models.LifecycleActive}},
	}
	got, err := (&ingest.Ingester{DB: db, Decide: newSeedPolicy()}).Apply(context.Background(), shop, 0, changes, nil)
	if err != nil || got.Held != 8 {
		t.Fatalf("seed the inbox: %+v %v", got, err)
	}
	// Spread the waiting times, and give one item to Sam.
	var items []models.InboxItem
	db.Order("id").Find(&items)
	ages := []time.Duration{9 * 24 * time.Hour, 3 * 24 * time.Hour, 26 * time.Hour, 5 * time.Hour, 2 * time.Hour, 50 * time.Minute, 30 * time.Minute, 6 * time.Minute}
	now := time.Now().UTC()
	for i, it := range items {
		db.Model(&models.InboxItem{}).Where("id = ?", it.ID).Update("created_at", now.Add(-ages[i%len(ages)]))
	}
	var sam models.User
	if db.Where("email = ?", "sam@example.com").Take(&sam).Error == nil {
		db.Model(&models.InboxItem{}).Where("id = ?", items[1].ID).Update("assignee_id", sam.ID)
	}
	return inboxScreens{product: items[0].ID, validation: items[1].ID}
}
