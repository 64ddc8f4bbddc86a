package jobs_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func TestSyncPriceCutUnderTheFloorWaitsAsAProposal(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db) // cost 5.00
		ctx := context.Background()
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: w.odoo.ID, ObjectType: models.ObjectProduct, ExternalID: "100", GoldenID: w.product.ID}); err != nil {
			t.Fatal(err)
		}
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		rule := func(stamp string, price models.Money) ingest.Change {
			return ingest.Change{Object: models.ObjectPriceRule, ExternalID: "55", Stamp: stamp, ProductRef: "100", PriceListRef: "3",
				RefName: "Wholesale", Currency: "EUR", PriceRule: &models.PriceRule{Price: price}}
		}
		// A new price with a healthy margin applies at once.
		if got, err := in.Apply(ctx, w.odoo, 0, []ingest.Change{rule("a", 100000)}, nil); err != nil || got.Created != 1 {
			t.Fatalf("first price: %+v %v", got, err)
		}
		ruleID := mustRule(t, db, w.odoo.ID)
		pubs := publishedTo(t, db, models.ObjectPriceRule, ruleID)
		// +3 % is within what a sync may do alone.
		if got, _ := in.Apply(ctx, w.odoo, 0, []ingest.Change{rule("b", 103000)}, nil); got.Updated != 1 {
			t.Fatalf("small change: %+v", got)
		}
		// A cut to 5.40 leaves a 7.4 % margin, under the 10 % floor: held before any channel sees it.
		got, err := in.Apply(ctx, w.odoo, 0, []ingest.Change{rule("c", 54000)}, nil)
		if err != nil || got.Held != 1 {
			t.Fatalf("cut under the floor: %+v %v", got, err)
		}
		var r models.PriceRule
		db.Take(&r, ruleID)
		if r.Price != 103000 {
			t.Errorf("golden price %s, want it unchanged at 10.30", r.Price)
		}
		after := publishedTo(t, db, models.ObjectPriceRule, ruleID)
		if after[w.shop.ID] != pubs[w.shop.ID]+1 {
			t.Errorf("publications %v → %v: only the +3 %% change may have been published", pubs, after)
		}
		page, _ := models.ListPriceProposals(db, models.ProposalFilter{})
		if len(page.Items) != 1 {
			t.Fatalf("%d proposals, want 1", len(page.Items))
		}
		p := page.Items[0]
		if p.Source != models.ProposalFromSync || p.ApprovalsNeeded != 2 || p.OldPrice != 103000 || p.NewPrice != 54000 || p.PriceRuleID == nil || *p.PriceRuleID != ruleID {
			t.Errorf("proposal %+v", p.PriceProposal)
		}
		// The history lists the change Odoo made within policy, not the held one.
		hist, _ := models.PriceHistory(db, w.product.ID, 0, 10)
		if len(hist) != 1 || hist[0].NewPrice != 103000 || hist[0].OldPrice != 100000 || hist[0].ProposedByName != "Odoo" {
			t.Errorf("history %+v", hist)
		}
		// Odoo changes it again: the newer change replaces the waiting one.
		if got, _ := in.Apply(ctx, w.odoo, 0, []ingest.Change{rule("d", 53000)}, nil); got.Held != 1 {
			t.Fatalf("second cut: %+v", got)
		}
		old, _ := models.PriceProposalByID(db, p.ID)
		if old.Status != rules.ProposalRejected {
			t.Errorf("the older proposal is %s, want it superseded", old.Status)
		}
		page, _ = models.ListPriceProposals(db, models.ProposalFilter{})
		if len(page.Items) != 1 || page.Items[0].NewPrice != 53000 {
			t.Errorf("waiting proposals %+v", page.Items)
		}
	})
}

func mustRule(t *testing.T, db *gorm.DB, channelID int64) int64 {
	t.Helper()
	id, err := models.ExternalRefGolden(db, channelID, models.ObjectPriceRule, "55")
	if err != nil {
		t.Fatal(err)
	}
	return id
}
