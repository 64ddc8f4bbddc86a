package ingest_test

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// A steward approves a held product change whose price policy wants approved: the rest of
// the change applies, the price waits as a proposal, and the incoming record says it went
// to pricing approval rather than "applied".
func TestApprovedInboxItemWhosePriceWaitsIsMarkedProposed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db) // EL-1 at 12.50, cost 6.25
		items := s.hold(t, holdAll{}, product("gid-1", "t1", "EL-1", "Cable tie, black", 100000))
		it, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxApproved})
		if err != nil || it.Status != models.InboxApproved {
			t.Fatalf("approve: %+v %v", it, err)
		}
		p, _ := models.ProductByID(db, s.product.ID)
		if p.Name != "Cable tie, black" || p.ListPrice != 125000 || p.Cost != 62500 {
			t.Errorf("golden %q list %s cost %s: the name applies, the -20 %% prices wait", p.Name, p.ListPrice, p.Cost)
		}
		rec, err := models.IncomingByID(db, *it.IncomingRecordID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != models.IncomingProposed || !strings.Contains(rec.Reasons, "waits for pricing approval as proposal #") {
			t.Errorf("incoming %s, reasons %s", rec.Status, rec.Reasons)
		}
		page, _ := models.ListPriceProposals(db, models.ProposalFilter{ProductID: s.product.ID})
		if len(page.Items) != 2 || page.Items[0].Kind != rules.PriceList || page.Items[0].NewPrice != 100000 || page.Items[0].ApprovalsNeeded != 2 {
			t.Errorf("proposals %+v", page.Items)
		}
		evs, _ := models.ListAudit(db, models.AuditFilter{Action: "inbox.approve"})
		if len(evs) != 1 || !strings.Contains(evs[0].Reason, "its price went to pricing approval") {
			t.Errorf("audit %+v", evs)
		}
	})
}
