package handlers_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"steward/models"
	"steward/rules"
)

// pendingProposal stores a pending list-price proposal made by proposer.
func (e *testEnv) pendingProposal(proposer models.User, p *models.Product, newPrice models.Money, needed int) models.PriceProposal {
	e.t.Helper()
	pp := models.PriceProposal{Kind: rules.PriceList, ProductID: p.ID, Currency: "EUR", HasOld: true, OldPrice: p.ListPrice, NewPrice: newPrice, Cost: p.Cost,
		SellPrice: p.ListPrice, PriceKey: rules.PriceKey(rules.PriceList, p.ID, 0, nil, 0), ProposedBy: &proposer.ID, ProposedByName: proposer.Email,
		Reason: "supplier increase", Source: models.ProposalFromUI, ApprovalsNeeded: needed}
	if err := models.CreatePriceProposal(e.db, models.Actor{ID: proposer.ID, Name: proposer.Email}, &pp); err != nil {
		e.t.Fatal(err)
	}
	return pp
}

func (e *testEnv) product(sku string) *models.Product {
	e.t.Helper()
	p := newProduct(sku, "Cable tie "+sku) // list 12.50, cost 8.00
	if err := models.CreateProduct(e.db, p); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func TestNobodyApprovesTheirOwnPriceChange(t *testing.T) {
	e := sqliteEnv(t)
	for i, role := range rules.Roles {
		t.Run(role, func(t *testing.T) {
			p := e.product(fmt.Sprintf("SELF-%d", i))
			own := e.pendingProposal(e.users[role], p, 130000, 1)
			c := e.as(role)
			mayApprove := role == rules.RoleManager || role == rules.RoleAdmin
			res, body := c.post(fmt.Sprintf("/pricing/%d/approve", own.ID), url.Values{"version": {"1"}})
			want := "Your roles do not allow this"
			if mayApprove {
				want = "someone else must approve it"
			}
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, want) {
				t.Errorf("%s approving own proposal: %d, want 403 saying %q", role, res.StatusCode, want)
			}
			// The bulk path refuses it the same way.
			if mayApprove {
				_, body = c.post("/pricing/bulk", url.Values{"do": {"approve"}, "ids": {fmt.Sprint(own.ID)}, "confirm": {"1"}})
				if !strings.Contains(body, "not decided") || !strings.Contains(body, "someone else must approve it") {
					t.Errorf("%s bulk-approving own proposal was not refused", role)
				}
			}
			after, _ := models.PriceProposalByID(e.db, own.ID)
			as, _ := models.ApprovalsOf(e.db, []int64{own.ID})
			if after.Status != rules.ProposalPending || len(as[own.ID]) != 0 {
				t.Errorf("after self-approval: %s with %d approvals", after.Status, len(as[own.ID]))
			}
		})
	}
}

func TestTwoApproversMustBeDistinctAndNotTheProposer(t *testing.T) {
	e := sqliteEnv(t)
	p := e.product("TWO-1")
	secondManager := e.addUser("manager2@example.com", rules.RoleManager)
	prop := e.pendingProposal(e.users[rules.RolePricingSteward], p, 160000, 2) // +28 %
	manager := e.as(rules.RoleManager)
	path := fmt.Sprintf("/pricing/%d/approve", prop.ID)
	if res, _ := manager.post(path, url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first approval: %d", res.StatusCode)
	}
	if res, body := manager.post(path, url.Values{"version": {"2"}}); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "approved this change already") {
		t.Errorf("same manager twice: %d", res.StatusCode)
	}
	if got, _ := models.PriceProposalByID(e.db, prop.ID); got.Status != rules.ProposalPending {
		t.Fatalf("after one of two approvals: %s", got.Status)
	}
	if res, _ := e.signIn(secondManager.Email).post(path, url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second approval: %d", res.StatusCode)
	}
	got, _ := models.PriceProposalByID(e.db, prop.ID)
	// Friday 2026-11-27 09:00 → live Monday 00:00 UTC.
	if got.Status != rules.ProposalApproved || got.EffectiveAt == nil || !got.EffectiveAt.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("after two approvals: %s effective %v", got.Status, got.EffectiveAt)
	}
	if n := e.auditCount("price_proposal.approve"); n != 2 {
		t.Errorf("%d approvals audited, want 2", n)
	}
}

func TestProposeThenApproveThroughTheQueue(t *testing.T) {
	e := sqliteEnv(t)
	p := e.product("FLOW-1")
	steward := e.as(rules.RolePricingSteward)
	form := url.Values{"kind": {"list_price"}, "sku": {"FLOW-1"}, "new_price": {"13.25"}, "reason": {"supplier increase"}}
	// Mistakes come back next to their fields and store nothing.
	for _, bad := range []struct{ field, value, want string }{
		{"new_price", "abc", "Enter the new price as a number"},
		{"new_price", "0", "Enter a price above zero"},
		{"sku", "NOPE", "There is no product with SKU"},
		{"reason", " ", "Say why the price changes"},
		{"new_price", "12.50", "The price is EUR 12.50 already"},
	} {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set(bad.field, bad.value)
		res, body := steward.post("/pricing", f)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) || !strings.Contains(body, `class="field-error"`) {
			t.Errorf("%s=%q: %d, want 422 saying %q", bad.field, bad.value, res.StatusCode, bad.want)
		}
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 0 {
		t.Fatalf("bad input stored %d proposals", len(page.Items))
	}
	res, _ := steward.post("/pricing", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: %d", res.StatusCode)
	}
	// A second proposal on the same price is a conflict.
	if res, body := steward.post("/pricing", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already changes this price") {
		t.Errorf("second proposal: %d", res.StatusCode)
	}
	manager := e.as(rules.RoleManager)
	_, body := manager.get("/pricing")
	for _, want := range []string{"FLOW-1", "EUR 12.50", "EUR 13.25", "+6 %", "36 % → 39.62 %", "Everyone buying at list price", "pricing_steward@example.com", "supplier increase", `data-action="approve"`} {
		if !strings.Contains(body, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
	page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{})
	id := page.Items[0].ID
	res, _ = manager.post(fmt.Sprintf("/pricing/%d/reject", id), url.Values{"version": {"1"}, "note": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("reject without reason: %d", res.StatusCode)
	}
	res, _ = manager.post(fmt.Sprintf("/pricing/%d/approve", id), url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	_, body = manager.get(res.Header.Get("Location"))
	if !strings.Contains(body, "approved: live from 2026-11-30 00:00 UTC") {
		t.Errorf("no confirmation of the approval")
	}
	if got, _ := models.ProductByID(e.db, p.ID); got.ListPrice != 125000 {
		t.Errorf("approval changed the price before its date")
	}
	if _, body = manager.get("/pricing?tab=approved"); !strings.Contains(body, "approved, live from 2026-11-30 00:00 UTC") || !strings.Contains(body, "manager@example.com") {
		t.Errorf("the approved tab does not show the waiting change")
	}
	if _, body = manager.get("/pricing"); !strings.Contains(body, "No price change waits for approval") {
		t.Errorf("the queue is not empty after the only proposal was approved")
	}
}

func TestBulkRejectAsksThenDecides(t *testing.T) {
	e := sqliteEnv(t)
	var ids []string
	for i := 0; i < 3; i++ {
		pp := e.pendingProposal(e.users[rules.RolePricingSteward], e.product(fmt.Sprintf("BULK-%d", i)), 130000, 1)
		ids = append(ids, fmt.Sprint(pp.ID))
	}
	m := e.as(rules.RoleManager)
	res, body := m.post("/pricing/bulk", url.Values{"do": {"reject"}, "ids": ids})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Say why you reject them") {
		t.Errorf("bulk reject without reason: %d", res.StatusCode)
	}
	res, body = m.post("/pricing/bulk", url.Values{"do": {"reject"}, "ids": ids, "note": {"wrong supplier file"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Yes, reject 3") {
		t.Fatalf("confirmation: %d", res.StatusCode)
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 3 {
		t.Fatal("asking to confirm decided something")
	}
	_, body = m.post("/pricing/bulk", url.Values{"do": {"reject"}, "ids": ids, "note": {"wrong supplier file"}, "confirm": {"1"}})
	if strings.Count(body, "rejected.") != 3 {
		t.Errorf("bulk result: %s", body)
	}
}

func TestPricingPolicyForm(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	res, body := admin.post("/admin/pricing", url.Values{"margin_floor": {"100"}, "auto_approve_max": {"20"}, "two_approvers_above": {"15"}, "effective_weekday": {"1"}, "expiry_days": {"x"}, "version": {"0"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter a margin floor from 0") || !strings.Contains(body, "whole number of days") {
		t.Errorf("bad policy: %d", res.StatusCode)
	}
	if n := e.auditCount("pricing_policy.update"); n != 0 {
		t.Fatalf("bad policy was saved")
	}
	res, body = admin.post("/admin/pricing", url.Values{"margin_floor": {"12.5"}, "auto_approve_max": {"3"}, "two_approvers_above": {"10"}, "effective_weekday": {"-1"}, "expiry_days": {"7"}, "version": {"0"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Pricing policy saved") {
		t.Fatalf("save: %d", res.StatusCode)
	}
	p, _ := models.LoadPricingPolicy(e.db, rules.DefaultPricingPolicy())
	if p.MarginFloorBP != 1250 || p.AutoApproveMaxBP != 300 || p.TwoApproversAboveBP != 1000 || p.EffectiveWeekday != -1 || p.ExpiryDays != 7 || p.Version != 1 {
		t.Errorf("saved policy %+v", p)
	}
	// A stale form does not overwrite the newer policy.
	res, _ = admin.post("/admin/pricing", url.Values{"margin_floor": {"5"}, "auto_approve_max": {"3"}, "two_approvers_above": {"10"}, "effective_weekday": {"1"}, "expiry_days": {"7"}, "version": {"0"}})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("stale save: %d", res.StatusCode)
	}
	if n := e.auditCount("pricing_policy.update"); n != 1 {
		t.Errorf("%d policy changes audited, want 1", n)
	}
}

func TestPriceCSVUpload(t *testing.T) {
	e := sqliteEnv(t)
	e.product("CSV-1")
	e.product("CSV-2")
	c := e.as(rules.RolePricingSteward)
	upload := func(content string) (*http.Response, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("_csrf", c.csrf)
		fw, _ := mw.CreateFormFile("file", "prices.csv")
		_, _ = io.WriteString(fw, content)
		mw.Close()
		req := httptest.NewRequest("POST", "/pricing/upload", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		for k, v := range c.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		res, err := e.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	res, body := upload("sku,kind,new_price,reason\r\nCSV-1,list_price,13.00,supplier\r\nNOPE,list_price,1,x\r\nCSV-2,cost,abc,supplier\r\nCSV-2,cost,\"8,50\",supplier\r\n")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Line 3: There is no product with SKU &#34;NOPE&#34;") ||
		!strings.Contains(body, "Line 4: Enter the new price") || !strings.Contains(body, "Line 5: Write decimals with a point") {
		t.Errorf("bad file: %d %s", res.StatusCode, body)
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 0 {
		t.Fatalf("a file with bad lines proposed %d prices", len(page.Items))
	}
	res, _ = upload("sku,kind,new_price,reason\nCSV-1,list_price,13.00,supplier\n\"CSV-2\",cost,\"8.50\",\"supplier, March\"\n")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/pricing?proposed=2" {
		t.Fatalf("good file: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{})
	if len(page.Items) != 2 || page.Items[1].Kind != rules.PriceCost || page.Items[1].NewPrice != 85000 || page.Items[1].Reason != "supplier, March" {
		t.Errorf("proposals %+v", page.Items)
	}
}

func TestPercentAdjustShowsEveryRowFirst(t *testing.T) {
	e := sqliteEnv(t)
	for i := 0; i < 3; i++ {
		p := newProduct(fmt.Sprintf("ADJ-%d", i), "Adjusted")
		p.Brand = "Acme"
		if err := models.CreateProduct(e.db, p); err != nil {
			t.Fatal(err)
		}
	}
	other := e.product("OTHER-1")
	e.pendingProposal(e.users[rules.RoleAdmin], other, 130000, 1)
	c := e.as(rules.RolePricingSteward)
	form := url.Values{"value": {"brand:Acme"}, "percent": {"+4"}, "reason": {"annual increase"}}
	res, body := c.post("/pricing/adjust", form)
	if res.StatusCode != http.StatusOK || strings.Count(body, "EUR 13.00") != 3 || !strings.Contains(body, "Propose these 3 changes") {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 1 {
		t.Fatal("the preview stored proposals")
	}
	form.Set("confirm", "1")
	if res, _ = c.post("/pricing/adjust", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 4 {
		t.Errorf("%d proposals after confirming, want 4", len(page.Items))
	}
	if res, body := c.post("/pricing/adjust", url.Values{"value": {"brand:Acme"}, "percent": {"lots"}, "reason": {"x"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter a percentage") {
		t.Errorf("bad percent: %d", res.StatusCode)
	}
}

func TestPriceHistoryCSV(t *testing.T) {
	e := sqliteEnv(t)
	p := e.product("HIST-1")
	pp := e.pendingProposal(e.users[rules.RolePricingSteward], p, 130000, 1)
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	if err := models.UpdateProposal(e.db, pp.ID, pp.Version, map[string]any{"status": "applied", "applied_at": now, "reason": "=HYPERLINK(\"x\")"}); err != nil {
		t.Fatal(err)
	}
	e.db.Create(&models.PriceApproval{ProposalID: pp.ID, UserID: e.users[rules.RoleManager].ID, UserName: "manager@example.com", CreatedAt: now})
	c := e.as(rules.RoleViewer)
	res, body := c.get(fmt.Sprintf("/products/%d/prices.csv", p.ID))
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	want := "2026-11-30T00:00:00Z,HIST-1,Cable tie HIST-1,list_price,,,0,EUR,12.50,13.00,pricing_steward@example.com,manager@example.com,\"'=HYPERLINK(\"\"x\"\")\"," + fmt.Sprint(pp.ID) + "\r\n"
	if !strings.Contains(body, want) {
		t.Errorf("csv row\n%q\nwant\n%q", body, want)
	}
	_, body = c.get(fmt.Sprintf("/products/%d/prices", p.ID))
	if !strings.Contains(body, "manager@example.com") || strings.Contains(body, "Propose a price change") {
		t.Errorf("history fragment for a viewer: %s", body)
	}
}

func TestCustomerPriceProposalShowsOnlyItsChannels(t *testing.T) {
	e := sqliteEnv(t)
	p := e.product("CUST-1")
	list := models.PriceList{Name: "Wholesale", Currency: "EUR", Active: true, Version: 1}
	e.db.Create(&list)
	cust := models.Customer{Name: "Hansa Elektro", Currency: "EUR", Active: true, PriceListID: &list.ID}
	if err := models.CreateCustomer(e.db, &cust); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []models.Channel{
		{Name: "Storefront", Kind: models.ChannelShopify, Direction: models.DirectionDestination, Public: true, Active: true},
		{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionDestination, Active: true},
		{Name: "EDI Other", Kind: models.ChannelEDI, Direction: models.DirectionDestination, Active: true},
	} {
		if err := models.CreateChannel(e.db, &ch); err != nil {
			t.Fatal(err)
		}
		if ch.Kind != models.ChannelEDI {
			models.CreateExternalRef(e.db, &models.ExternalRef{ChannelID: ch.ID, ObjectType: models.ObjectCustomer, ExternalID: "c1", GoldenID: cust.ID})
		}
	}
	c := e.as(rules.RolePricingSteward)
	_, body := c.get(fmt.Sprintf("/pricing/new?customer_id=%d&product_id=%d", cust.ID, p.ID))
	if !strings.Contains(body, `value="CUST-1"`) || !strings.Contains(body, "For Hansa Elektro.") {
		t.Errorf("the form from the customer's page is not filled in")
	}
	res, body := c.post("/pricing", url.Values{"kind": {"price_rule"}, "sku": {"CUST-1"}, "price_list": {fmt.Sprint(list.ID)}, "customer": {fmt.Sprint(cust.ID)},
		"min_quantity": {"10"}, "new_price": {"11.90"}, "reason": {"framework contract 2027"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: %d %s", res.StatusCode, body)
	}
	_, body = e.as(rules.RoleManager).get("/pricing")
	if !strings.Contains(body, "Hansa Elektro") || !strings.Contains(body, "B2B portal") || strings.Contains(body, "Storefront") || strings.Contains(body, "EDI Other") {
		t.Errorf("the queue shows the customer's price reaching the wrong channels")
	}
}
