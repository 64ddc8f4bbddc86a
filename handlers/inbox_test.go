package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

// TestInboxDecisionsForEveryRole: role × decision × domain → status, and what became of
// the item. Viewers and managers are stopped at the route; stewards decide products and
// customers, pricing stewards prices, admins everything.
func TestInboxDecisionsForEveryRole(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	may := map[string][]string{
		rules.RoleSteward:        {"product", "customer"},
		rules.RolePricingSteward: {"price"},
		rules.RoleAdmin:          {"product", "customer", "price", "inventory"},
	}
	edits := map[string]url.Values{
		"product":   {"f.name": {"Shop item, fixed"}},
		"customer":  {"f.name": {"Hansa Elektro GmbH"}},
		"price":     {"f.price": {"9.50"}},
		"inventory": {"f.on_hand": {"7"}},
	}
	decisions := []struct {
		name       string
		path       string
		form       func(domain string) url.Values
		wantStatus string // the item's status when the decision is taken
	}{
		{"approve", "approve", func(string) url.Values { return url.Values{} }, models.InboxApproved},
		{"edit", "edit", func(d string) url.Values { return edits[d] }, models.InboxApproved},
		{"reject", "reject", func(string) url.Values { return url.Values{"note": {"The shop sent a test record."}} }, models.InboxRejected},
		{"assign", "assign", func(string) url.Values { return url.Values{"assignee": {"me"}} }, models.InboxOpen},
	}
	for _, role := range rules.Roles {
		c := e.as(role)
		for _, dec := range decisions {
			for _, domain := range rules.Domains {
				t.Run(role+"/"+dec.name+"/"+domain, func(t *testing.T) {
					it := seed.item(t, domain)
					form := url.Values{"version": {fmt.Sprint(it.Version)}}
					for k, v := range dec.form(domain) {
						form[k] = v
					}
					res, body := c.post(fmt.Sprintf("/inbox/%d/%s", it.ID, dec.path), form)
					after, _ := models.InboxItemByID(e.db, it.ID)
					allowed := false
					for _, d := range may[role] {
						allowed = allowed || d == domain
					}
					if !allowed {
						if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "do not allow this") && !strings.Contains(body, "decide items about") {
							t.Errorf("status %d, want 403 with an explanation", res.StatusCode)
						}
						if after.Status != models.InboxOpen || after.Version != it.Version || after.AssigneeID != nil {
							t.Errorf("a refused %s changed the item: %+v", dec.name, after)
						}
						return
					}
					if res.StatusCode != http.StatusSeeOther {
						t.Fatalf("status %d, want 303; page says %s", res.StatusCode, alertText(body))
					}
					if after.Status != dec.wantStatus {
						t.Errorf("item status %q, want %q", after.Status, dec.wantStatus)
					}
					if dec.name == "assign" && (after.AssigneeID == nil || *after.AssigneeID != e.users[role].ID) {
						t.Errorf("assigned to %v, want %s", after.AssigneeID, role)
					}
					if dec.wantStatus != models.InboxOpen && after.DecidedBy != e.users[role].Email {
						t.Errorf("decided by %q", after.DecidedBy)
					}
				})
			}
		}
	}
	// Every decision taken is audited once; refusals at the route are audited as denials.
	var approvals, rejections int64
	e.db.Model(&models.AuditEvent{}).Where("action = ?", "inbox.approve").Count(&approvals)
	e.db.Model(&models.AuditEvent{}).Where("action = ?", "inbox.reject").Count(&rejections)
	// steward 2 domains, pricing steward 1, admin 4; approve and edit both approve.
	if approvals != 2*7 || rejections != 7 {
		t.Errorf("%d approvals and %d rejections audited, want 14 and 7", approvals, rejections)
	}
}

// alertText pulls the message out of an error page or alert, for test failure messages.
func alertText(body string) string {
	for _, marker := range []string{`role="alert"`, `class="error-page"`} {
		if i := strings.Index(body, marker); i >= 0 {
			return body[i:min(len(body), i+300)]
		}
	}
	return body[:min(len(body), 300)]
}

// Two stewards open the same item; the first approves, the second is told who did and
// when, and nothing is applied twice.
func TestInboxConcurrentDecision(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	it := seed.item(t, "product")
	first, second := e.as(rules.RoleSteward), e.as(rules.RoleAdmin)
	form := url.Values{"version": {fmt.Sprint(it.Version)}}
	if res, _ := first.post(fmt.Sprintf("/inbox/%d/approve", it.ID), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first approval: %d", res.StatusCode)
	}
	decided, _ := models.InboxItemByID(e.db, it.ID)
	when := decided.DecidedAt.UTC().Format("2006-01-02 15:04 UTC")
	res, body := second.post(fmt.Sprintf("/inbox/%d/approve", it.ID), url.Values{"version": {fmt.Sprint(it.Version)}})
	want := "steward@example.com already approved this item at " + when + ". Nothing was applied a second time."
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, want) {
		t.Errorf("second approval: status %d, want 409 saying %q; got %s", res.StatusCode, want, alertText(body))
	}
	// The page the second steward sees shows the decision too.
	if !strings.Contains(body, "Approved by steward@example.com") {
		t.Error("the conflict page does not show who decided")
	}
	// A rejection after the approval is refused the same way, also from the list (HTMX).
	res, body = second.do("POST", fmt.Sprintf("/inbox/%d/reject", it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "note": {"no"}}, map[string]string{"HX-Request": "true"})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "already approved") || !strings.Contains(body, `hx-swap-oob="true"`) || !strings.Contains(body, "decided-approved") {
		t.Errorf("HTMX rejection after approval: %d %s", res.StatusCode, body)
	}
	if n := e.auditCount("inbox.approve"); n != 1 {
		t.Errorf("%d approvals audited", n)
	}
	if n := e.auditCount("product.create"); n != 1 {
		t.Errorf("the product was created %d times", n)
	}
}

func TestInboxListDecisionSwapsTheRow(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	items := seed.hold(t, seed.change("product"), seed.change("product"), seed.change("price"))
	c := e.as(rules.RoleSteward)
	hx := map[string]string{"HX-Request": "true"}
	// Approving from the list answers with the decided row and the new counts, out of band.
	res, body := c.do("POST", fmt.Sprintf("/inbox/%d/approve", items[0].ID), url.Values{"version": {"1"}, "domain": {"product"}}, hx)
	if res.StatusCode != 200 || !strings.Contains(body, `id="item-`+fmt.Sprint(items[0].ID)+`"`) || !strings.Contains(body, "Approved by steward@example.com") {
		t.Fatalf("approve from the list: %d %s", res.StatusCode, body)
	}
	if !strings.Contains(body, `id="reason-tabs"`) || !strings.Contains(body, `1 item waiting`) {
		t.Errorf("the counts under the list's filter (products) were not sent: %s", body)
	}
	// A rejection without a reason keeps the row's form open with the message next to it.
	res, body = c.do("POST", fmt.Sprintf("/inbox/%d/reject", items[1].ID), url.Values{"version": {"1"}, "note": {""}}, hx)
	if res.StatusCode != 200 || !strings.Contains(body, "Say why the change is rejected") || strings.Contains(body, "reject-form\" hidden") {
		t.Errorf("reject without a reason: %d %s", res.StatusCode, body)
	}
	// Without scripts the same mistake is a 422 page with the message next to the field.
	res, body = c.post(fmt.Sprintf("/inbox/%d/reject", items[1].ID), url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="err-note"`) {
		t.Errorf("reject without a reason, no script: %d", res.StatusCode)
	}
	// A steward's list offers no actions on the price item.
	_, body = c.get("/inbox")
	row := body[strings.Index(body, `id="item-`+fmt.Sprint(items[2].ID)+`"`):]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Contains(row, `data-action="approve"`) || !strings.Contains(row, ">View<") {
		t.Errorf("a steward's price row offers decisions: %s", row)
	}
}

func TestInboxEditKeepsBothValues(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	if _, err := models.SeedOwnershipRules(e.db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	it := seed.item(t, "product")
	c := e.as(rules.RoleSteward)
	res, body := c.get(fmt.Sprintf("/inbox/%d/edit", it.ID))
	if res.StatusCode != 200 || !strings.Contains(body, `name="f.list_price" value="9.90"`) {
		t.Fatalf("edit form: %d", res.StatusCode)
	}
	res, body = c.post(fmt.Sprintf("/inbox/%d/edit", it.ID), url.Values{"version": {"1"}, "f.list_price": {"nine"}, "f.name": {"Shop item 1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="err-list_price"`) || !strings.Contains(body, `value="nine"`) {
		t.Fatalf("an unreadable price: %d %s", res.StatusCode, alertText(body))
	}
	res, _ = c.post(fmt.Sprintf("/inbox/%d/edit", it.ID), url.Values{"version": {"1"}, "f.list_price": {"10.90"}, "f.name": {"Shop item 1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit and approve: %d", res.StatusCode)
	}
	p, _ := models.ProductBySKU(e.db, "SH-1")
	if p.ListPrice != 109000 {
		t.Errorf("list price %v, want 10.90", p.ListPrice)
	}
	_, body = c.get(fmt.Sprintf("/inbox/%d", it.ID))
	if !strings.Contains(body, "10.90") || !strings.Contains(body, "instead of 9.90") || !strings.Contains(body, "queued for odoo") {
		t.Errorf("the decided item does not show both values and the send-back")
	}
	var back int64
	e.db.Model(&models.Publication{}).Where("channel_id = ? AND summary LIKE ?", seed.odoo.ID, "Send back to Odoo ERP%").Count(&back)
	if back != 1 {
		t.Errorf("%d publications carry the fix back to Odoo, want 1", back)
	}
}

func TestInboxRecordView(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	if _, err := models.SeedOwnershipRules(e.db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	gate := models.Gate{Domain: rules.DomainProduct, Kind: rules.GateRequired, Field: "barcode", Severity: rules.SeverityBlock}
	if err := models.CreateGate(e.db, &gate); err != nil {
		t.Fatal(err)
	}
	first := seed.change("product")
	it := seed.hold(t, first)[0]
	// The shop sends the same record again, changed: both are in its history.
	again := first
	again.Stamp, again.Product = "2", &models.Product{SKU: "SH-1", Name: "Shop item 1 v2", UoM: "EA", Currency: "EUR", ListPrice: 98000, Active: true}
	seed.hold(t, again)
	res, body := e.as(rules.RoleViewer).get(fmt.Sprintf("/inbox/%d", it.ID))
	if res.StatusCode != 200 {
		t.Fatalf("record view: %d", res.StatusCode)
	}
	for _, want := range []string{
		"Shop item 1",                            // summary
		"&#34;title&#34;: &#34;Shop item 1&#34;", // the source's record
		"&#34;SKU&#34;: &#34;SH-1&#34;",          // mapped to the canonical model
		"List price",                             // field by field
		"Odoo owns the list price of products; a change from Shopify waits for a steward.",
		"Barcode is missing",    // the gate's failure, in plain words
		"approving creates one", // no golden record yet
		"newer",                 // the later change from the shop
		"Your roles let you read this item but not decide it.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the record view lacks %q", want)
		}
	}
}

func TestInboxListFiltersAndCounts(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	seed.hold(t, seed.change("product"), seed.change("product"), seed.change("customer"), seed.change("price"))
	// One item failed validation instead, one has waited three days, one is assigned.
	e.db.Model(&models.InboxItem{}).Where("domain = ?", "customer").Update("reason", models.ReasonValidation)
	e.db.Model(&models.InboxItem{}).Where("domain = ?", "price").Update("created_at", e.now.Add(-3*24*time.Hour))
	e.db.Model(&models.InboxItem{}).Where("summary = ?", "SH-2 Shop item 2").Update("assignee_id", e.users[rules.RoleSteward].ID)
	c := e.as(rules.RoleSteward)
	for _, tt := range []struct {
		query      string
		want       []string
		wantAbsent []string
	}{
		{"", []string{"SH-1 Shop item 1", "SH-2 Shop item 2", "Hansa Elektro 3", "price 9.50 for product gid-base", "4 items waiting", "Ownership conflict <span class=\"tab-count\">3"}, nil},
		{"?domain=product", []string{"SH-1", "SH-2", "2 items waiting"}, []string{"Hansa"}},
		{"?reason=validation", []string{"Hansa Elektro 3", "1 item waiting", "Ownership conflict <span class=\"tab-count\">3"}, []string{"SH-1"}},
		{"?assignee=me", []string{"SH-2"}, []string{"SH-1 Shop item 1"}},
		{"?assignee=nobody", []string{"SH-1"}, []string{"SH-2 Shop item 2"}},
		{"?age=week", []string{"price 9.50"}, []string{"SH-1"}},
		{"?q=hansa", []string{"Hansa Elektro 3", "1 item waiting"}, []string{"SH-1"}},
		{"?q=gid-2", []string{"SH-2 Shop item 2"}, []string{"SH-1 Shop item 1"}},
		{fmt.Sprintf("?channel=%d", seed.odoo.ID), []string{"No waiting items match."}, []string{"SH-1"}},
		{"?q=nothing-like-this", []string{"No waiting items match.", "clear the filters"}, nil},
	} {
		res, body := c.get("/inbox" + tt.query)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", tt.query, res.StatusCode)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("/inbox%s lacks %q", tt.query, w)
			}
		}
		for _, w := range tt.wantAbsent {
			if strings.Contains(body, w) {
				t.Errorf("/inbox%s shows %q", tt.query, w)
			}
		}
	}
	// Newest first puts the last item first.
	_, body := c.get("/inbox?order=newest")
	if strings.Index(body, "price 9.50") > strings.Index(body, "SH-1 Shop item 1") {
		t.Error("newest first does not start with the newest item")
	}
	// An empty inbox says what fills it.
	e.db.Model(&models.InboxItem{}).Where("1 = 1").Update("status", models.InboxRejected)
	if _, body := c.get("/inbox"); !strings.Contains(body, "Nothing waiting. Well done.") {
		t.Error("the empty inbox does not explain itself")
	}
}

func TestInboxBulk(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	items := seed.hold(t, seed.change("product"), seed.change("product"), seed.change("price"))
	c := e.as(rules.RoleSteward)
	ids := url.Values{"ids": {fmt.Sprint(items[0].ID), fmt.Sprint(items[1].ID), fmt.Sprint(items[2].ID)}}
	// The confirmation says how many records change, and what is left out.
	form := url.Values{"do": {"approve-selected"}}
	for k, v := range ids {
		form[k] = v
	}
	res, body := c.do("POST", "/inbox/bulk/confirm", form, map[string]string{"HX-Request": "true"})
	if res.StatusCode != 200 || !strings.Contains(body, "Approve 2 selected items?") || !strings.Contains(body, "2 golden records will change") || !strings.Contains(body, "1 item here is not yours to decide") {
		t.Fatalf("confirm: %d %s", res.StatusCode, body)
	}
	form = url.Values{"do": {"reject-all"}}
	if _, body := c.do("POST", "/inbox/bulk/confirm", form, map[string]string{"HX-Request": "true"}); !strings.Contains(body, "Say why the change is rejected") {
		t.Errorf("a bulk rejection without a reason was not refused: %s", body)
	}
	// Confirmed: the steward's two items are approved, the price item is left, even though
	// its id was posted.
	form = url.Values{"action": {"approve"}, "scope": {"selected"}}
	for k, v := range ids {
		form[k] = v
	}
	res, _ = c.post("/inbox/bulk", form)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "decided=2") {
		t.Fatalf("bulk approve: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if price, _ := models.InboxItemByID(e.db, items[2].ID); price.Status != models.InboxOpen {
		t.Errorf("a steward's bulk approval decided a price item: %+v", price)
	}
	if n := e.auditCount("inbox.approve"); n != 2 {
		t.Errorf("%d approvals audited", n)
	}
	if _, body := c.get(res.Header.Get("Location")); !strings.Contains(body, "Approved 2 items.") {
		t.Errorf("no flash after the bulk approval")
	}
	// A whole filter of more than 200 items runs as a job with a progress page.
	var more []ingest.Change
	for i := 0; i < rules.BulkInline+1; i++ {
		more = append(more, seed.change("customer"))
	}
	held := seed.hold(t, more...)
	res, _ = c.post("/inbox/bulk", url.Values{"action": {"reject"}, "scope": {"all"}, "domain": {"customer"}, "note": {"Test accounts from the shop's staging site."}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/inbox/bulk/") {
		t.Fatalf("large bulk rejection: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	var runs []models.BulkRun
	e.db.Find(&runs)
	var jobs int64
	e.db.Table("river_job").Where("kind = ?", "inbox.bulk").Count(&jobs)
	if len(runs) != 1 || runs[0].Total != int64(len(held)) || runs[0].Status != models.RunQueued || jobs != 1 || runs[0].StartedBy != "steward@example.com" {
		t.Fatalf("runs %+v, %d jobs", runs, jobs)
	}
	if res, body := e.as(rules.RoleViewer).get(res.Header.Get("Location")); res.StatusCode != 200 || !strings.Contains(body, "Queued") || !strings.Contains(body, "0 of 201") {
		t.Errorf("progress page: %d", res.StatusCode)
	}
	// A pricing steward's whole-filter bulk over products finds nothing theirs.
	res, body = e.as(rules.RolePricingSteward).post("/inbox/bulk", url.Values{"action": {"approve"}, "scope": {"all"}, "domain": {"product"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "No waiting item you may decide") {
		t.Errorf("a pricing steward's bulk over products: %d %s", res.StatusCode, alertText(body))
	}
}

func TestDashboardInboxByReason(t *testing.T) {
	e := sqliteEnv(t)
	e.now = time.Now().UTC()
	seed := newInboxSeed(t, e.db)
	items := seed.hold(t, seed.change("product"), seed.change("customer"))
	e.db.Model(&models.InboxItem{}).Where("id = ?", items[1].ID).Update("reason", models.ReasonValidation)
	c := e.as(rules.RoleAdmin)
	if res, _ := c.post(fmt.Sprintf("/inbox/%d/reject", items[0].ID), url.Values{"version": {"1"}, "note": {"test"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", res.StatusCode)
	}
	_, body := c.get("/")
	for _, want := range []string{"Inbox by reason", `data-reason="validation"`, "Hansa Elektro 2", "Decided today: <strong>1</strong> item."} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
}
