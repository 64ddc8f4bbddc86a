package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// A sync moved the price after a manager approved a change to it: on its date the change
// does not go live, and /pricing says why under Decided instead of leaving it to vanish
// from "Approved, not yet live".
func TestPricingShowsApprovedChangeNotAppliedBecauseThePriceMoved(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newTestEnv(t, db)
		p := e.product("STALE-1") // list 12.50
		prop := e.pendingProposal(e.users[rules.RolePricingSteward], p, 132500, 1)
		manager := e.as(rules.RoleManager)
		if res, _ := manager.post(fmt.Sprintf("/pricing/%d/approve", prop.ID), url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", res.StatusCode)
		}
		approved, _ := models.PriceProposalByID(db, prop.ID)
		if approved.Status != rules.ProposalApproved || approved.EffectiveAt == nil {
			t.Fatalf("after approval: %s effective %v", approved.Status, approved.EffectiveAt)
		}
		cur, _ := models.ProductByID(db, p.ID)
		cur.ListPrice = 128000 // a sync, within policy, before the change's date
		if err := models.UpdateProduct(db, &cur); err != nil {
			t.Fatal(err)
		}
		applier := &jobs.PriceApplier{DB: db, Now: func() time.Time { return *approved.EffectiveAt }}
		if run, err := applier.Run(context.Background()); err != nil || run.Stale != 1 || run.Applied != 0 {
			t.Fatalf("run %+v %v, want the change closed as stale", run, err)
		}

		const why = "Not applied: the price moved from EUR 12.50 to EUR 12.80 after approval"
		_, body := manager.get("/pricing?tab=done")
		if !strings.Contains(body, `data-stale>`+why) || !strings.Contains(body, "propose again from the current price") {
			t.Errorf("the Decided tab does not say why the change did not go live")
		}
		if !strings.Contains(body, fmt.Sprintf(`id="proposal-%d"`, prop.ID)) || !strings.Contains(body, "Approvals 1 of 1: "+e.users[rules.RoleManager].Email) {
			t.Errorf("the Decided tab does not list the proposal with its approval")
		}
		if _, body = manager.get("/pricing?tab=approved"); strings.Contains(body, fmt.Sprintf(`id="proposal-%d"`, prop.ID)) {
			t.Errorf("the stale change is still listed as waiting to go live")
		}
		if n := e.auditCount("price_proposal.stale"); n != 1 {
			t.Errorf("%d stale audit events, want 1", n)
		}
	})
}
