package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// An approved change whose price a sync moved before its date must not go live: policy
// judged it against the old price. It is closed as stale, saying why, and audited.
func TestApprovedPriceThatMovedIsNotApplied(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		monday := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
		p := w.approved(t, models.PriceProposal{Kind: rules.PriceList, OldPrice: 100000, NewPrice: 110000}, monday)
		// Approved at 10.00; a sync then applies 10.50 within policy.
		prod, _ := models.ProductByID(db, w.product.ID)
		prod.ListPrice = 105000
		if err := models.UpdateProduct(db, &prod); err != nil {
			t.Fatal(err)
		}
		now := monday.Add(-time.Second)
		a := &jobs.PriceApplier{DB: db, Now: func() time.Time { return now }}
		if run, err := a.Run(context.Background()); err != nil || run.Stale != 0 || run.Applied != 0 {
			t.Fatalf("before its date: %+v %v, want nothing touched", run, err)
		}
		if got, _ := models.PriceProposalByID(db, p.ID); got.Status != rules.ProposalApproved {
			t.Fatalf("closed before its date: %s", got.Status)
		}

		now = monday
		run, err := a.Run(context.Background())
		if err != nil || run.Stale != 1 || run.Applied != 0 || run.Failed != 0 {
			t.Fatalf("on its date: %+v %v, want one stale", run, err)
		}
		if got, _ := models.ProductByID(db, w.product.ID); got.ListPrice != 105000 {
			t.Errorf("list price %s, want the synced 10.50 kept", got.ListPrice)
		}
		got, _ := models.PriceProposalByID(db, p.ID)
		if got.Status != rules.ProposalStale || got.DecidedAt == nil || !got.DecidedAt.Equal(monday) {
			t.Errorf("proposal %s decided %v, want stale on Monday", got.Status, got.DecidedAt)
		}
		for _, want := range []string{"moved from EUR 10.00 to EUR 10.50", "after approval", "propose again"} {
			if !strings.Contains(got.DecisionNote, want) {
				t.Errorf("note %q lacks %q", got.DecisionNote, want)
			}
		}
		var ev []models.AuditEvent
		db.Where("action = ? AND object_id = ?", "price_proposal.stale", itoa(p.ID)).Find(&ev)
		if len(ev) != 1 || ev[0].Reason != got.DecisionNote || !strings.Contains(ev[0].After, "10.5") {
			t.Errorf("audit %+v", ev)
		}
		if to := publishedTo(t, db, models.ObjectProduct, w.product.ID); len(to) != 0 {
			t.Errorf("channels heard of a price that did not go live: %v", to)
		}
		// Nothing is left to do, and the price is open for a new proposal.
		if run, _ := a.Run(context.Background()); run != (jobs.PriceRun{}) {
			t.Errorf("second run %+v, want nothing", run)
		}
		again := w.approved(t, models.PriceProposal{Kind: rules.PriceList, OldPrice: 105000, NewPrice: 110000}, monday)
		if run, err := a.Run(context.Background()); err != nil || run.Applied != 1 {
			t.Fatalf("proposed again from the current price: %+v %v", run, err)
		}
		if got, _ := models.PriceProposalByID(db, again.ID); got.Status != rules.ProposalApplied {
			t.Errorf("new proposal %s, want applied", got.Status)
		}
	})
}
