package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/rules"
)

// Each proposal has its own optional approval note and required rejection reason; a
// problem comes back next to that proposal's field, keeps what was typed and changes nothing.
func TestPricingDecisionNotesPerProposal(t *testing.T) {
	e := sqliteEnv(t)
	manager := e.as(rules.RoleManager)
	a := e.pendingProposal(e.users[rules.RolePricingSteward], e.product("NOTE-1"), 130000, 1)
	b := e.pendingProposal(e.users[rules.RolePricingSteward], e.product("NOTE-2"), 130000, 1)
	_, body := manager.get("/pricing")
	if !strings.Contains(body, fmt.Sprintf(`id="approve-note-%d"`, a.ID)) || !strings.Contains(body, "Note (optional)") {
		t.Errorf("the queue has no approval note per proposal")
	}
	for _, bad := range []struct{ path, note, want string }{
		{fmt.Sprintf("/pricing/%d/reject", a.ID), "  ", "Say why you reject it"},
		{fmt.Sprintf("/pricing/%d/approve", a.ID), strings.Repeat("n", 501), "Keep the note under 500 characters"},
	} {
		res, body := manager.post(bad.path, url.Values{"version": {"1"}, "note": {bad.note}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s %q: %d, want 422 saying %q next to the field", bad.path, bad.note, res.StatusCode, bad.want)
		}
		if strings.TrimSpace(bad.note) != "" && !strings.Contains(body, bad.note) {
			t.Errorf("%s: the note typed was not kept", bad.path)
		}
		if strings.Contains(bad.path, "reject") && strings.Contains(body, fmt.Sprintf(`id="reject-%d" class="reject-form" hidden`, a.ID)) {
			t.Errorf("the rejection form came back hidden")
		}
	}
	if got, _ := models.PriceProposalByID(e.db, a.ID); got.Status != rules.ProposalPending || got.Version != 1 {
		t.Fatalf("refused decisions changed the proposal: %s v%d", got.Status, got.Version)
	}
	if res, _ := manager.post(fmt.Sprintf("/pricing/%d/approve", a.ID), url.Values{"version": {"1"}, "note": {"checked the supplier letter"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve with a note: %d", res.StatusCode)
	}
	as, _ := models.ApprovalsOf(e.db, []int64{a.ID})
	if len(as[a.ID]) != 1 || as[a.ID][0].Note != "checked the supplier letter" {
		t.Errorf("approvals %+v", as[a.ID])
	}
	if res, _ := manager.post(fmt.Sprintf("/pricing/%d/reject", b.ID), url.Values{"version": {"1"}, "note": {"margin too thin"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject with a reason: %d", res.StatusCode)
	}
	if got, _ := models.PriceProposalByID(e.db, b.ID); got.Status != rules.ProposalRejected || got.DecisionNote != "margin too thin" {
		t.Errorf("rejected %s %q", got.Status, got.DecisionNote)
	}
}

// A sync changed the price within policy after a person proposed a change to it: the queue
// says so, and the proposal, judged against a price no longer live, cannot be approved
// (one by one or in bulk), only rejected.
func TestApprovalRefusedWhenThePriceMovedSinceProposed(t *testing.T) {
	e := sqliteEnv(t)
	p := e.product("MOVED-1") // list 12.50
	prop := e.pendingProposal(e.users[rules.RolePricingSteward], p, 132500, 1)
	cur, _ := models.ProductByID(e.db, p.ID)
	cur.ListPrice = 128000 // +2.4 % from Odoo, within policy, applied at once
	if err := models.UpdateProduct(e.db, &cur); err != nil {
		t.Fatal(err)
	}
	manager := e.as(rules.RoleManager)
	const moved = "Price changed since proposed: was EUR 12.50, now EUR 12.80."
	_, body := manager.get("/pricing")
	if !strings.Contains(body, moved) || strings.Contains(body, fmt.Sprintf("/pricing/%d/approve", prop.ID)) {
		t.Errorf("the queue does not warn, or still offers to approve")
	}
	res, body := manager.post(fmt.Sprintf("/pricing/%d/approve", prop.ID), url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, moved) {
		t.Errorf("approve: %d, want 409 saying %q", res.StatusCode, moved)
	}
	_, body = manager.post("/pricing/bulk", url.Values{"do": {"approve"}, "ids": {fmt.Sprint(prop.ID)}, "confirm": {"1"}})
	if !strings.Contains(body, "not decided: "+moved) {
		t.Errorf("bulk approval was not refused")
	}
	as, _ := models.ApprovalsOf(e.db, []int64{prop.ID})
	if got, _ := models.PriceProposalByID(e.db, prop.ID); got.Status != rules.ProposalPending || len(as[prop.ID]) != 0 {
		t.Errorf("after refused approvals: %s with %d approvals", got.Status, len(as[prop.ID]))
	}
	if res, _ := manager.post(fmt.Sprintf("/pricing/%d/reject", prop.ID), url.Values{"version": {"1"}, "note": {"price moved; propose again"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("reject: %d", res.StatusCode)
	}
}

// A steward approves a held price whose margin is under the floor: the item is approved,
// but its page says the change went to pricing approval, not that it applied.
func TestInboxItemSaysItsPriceWentToPricingApproval(t *testing.T) {
	e := sqliteEnv(t)
	seed := newInboxSeed(t, e.db)
	c := seed.change("price")
	c.PriceRule.Price = 85000 // cost 8.00: a 5.88 % margin, under the 10 % floor
	it := seed.hold(t, c)[0]
	admin := e.as(rules.RoleAdmin)
	if res, _ := admin.post(fmt.Sprintf("/inbox/%d/approve", it.ID), url.Values{"version": {fmt.Sprint(it.Version)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	_, body := admin.get(fmt.Sprintf("/inbox/%d", it.ID))
	for _, want := range []string{"Sent to pricing approval", "sent to pricing approval", "waits for pricing approval as proposal #"} {
		if !strings.Contains(body, want) {
			t.Errorf("the item page lacks %q", want)
		}
	}
	if page, _ := models.ListPriceProposals(e.db, models.ProposalFilter{}); len(page.Items) != 1 || page.Items[0].NewPrice != 85000 || page.Items[0].ApprovalsNeeded != 2 {
		t.Errorf("proposals %+v", page.Items)
	}
}
