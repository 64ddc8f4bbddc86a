package models_test

import (
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func TestPriceProposalsPageAndCollide(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		who := models.SystemActor("test")
		var ids []int64
		for i := 0; i < 7; i++ {
			p := models.Product{SKU: fmt.Sprintf("PP-%d", i), Name: "P", UoM: "EA", Currency: "EUR", ListPrice: 100000, LifecycleStatus: models.LifecycleActive, Active: true}
			if err := models.CreateProduct(db, &p); err != nil {
				t.Fatal(err)
			}
			pp := models.PriceProposal{Kind: rules.PriceList, ProductID: p.ID, NewPrice: 110000, PriceKey: rules.PriceKey(rules.PriceList, p.ID, 0, nil, 0), ApprovalsNeeded: 1}
			if err := models.CreatePriceProposal(db, who, &pp); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, pp.ID)
			// The index refuses a second open proposal on the same price, even past the check.
			dup := pp
			dup.ID = 0
			if err := models.CreatePriceProposal(db, who, &dup); !errors.Is(err, models.ErrOpenProposal) {
				t.Fatalf("second open proposal on one price: %v", err)
			}
		}
		// Keyset pages of 3, oldest first, with no row twice or missed.
		var seen []int64
		after := int64(0)
		for pages := 0; pages < 5; pages++ {
			page, err := models.ListPriceProposals(db, models.ProposalFilter{After: after, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				seen = append(seen, it.ID)
			}
			if page.Next == 0 {
				break
			}
			after = page.Next
		}
		if fmt.Sprint(seen) != fmt.Sprint(ids) {
			t.Errorf("pages walked %v, want %v", seen, ids)
		}
		// A decided proposal frees its price for a new one.
		if err := models.UpdateProposal(db, ids[0], 1, map[string]any{"status": rules.ProposalRejected}); err != nil {
			t.Fatal(err)
		}
		if err := models.UpdateProposal(db, ids[0], 1, map[string]any{"status": rules.ProposalRejected}); !errors.Is(err, models.ErrStale) {
			t.Errorf("stale update: %v", err)
		}
		open, _ := models.OpenProposalIDs(db, rules.PriceKey(rules.PriceList, 1, 0, nil, 0))
		if len(open) != 0 {
			t.Errorf("open proposals after rejection: %v", open)
		}
		done, _ := models.ListPriceProposals(db, models.ProposalFilter{Status: "done"})
		if len(done.Items) != 1 || done.Items[0].ID != ids[0] {
			t.Errorf("decided list %+v", done.Items)
		}
	})
}

func TestPricingPolicyStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		def := rules.DefaultPricingPolicy()
		p, err := models.LoadPricingPolicy(db, def)
		if err != nil || p.Version != 0 || p.MarginFloorBP != def.MarginFloorBP {
			t.Fatalf("before any save: %+v %v", p, err)
		}
		next := p
		next.MarginFloorBP = 1200
		if err := models.SavePricingPolicy(db, models.SystemActor("test"), p, next); err != nil {
			t.Fatal(err)
		}
		if err := models.SavePricingPolicy(db, models.SystemActor("test"), p, next); !errors.Is(err, models.ErrStale) {
			t.Errorf("saving over a newer policy: %v", err)
		}
		got, _ := models.LoadPricingPolicy(db, def)
		if got.MarginFloorBP != 1200 || got.Version != 1 {
			t.Errorf("saved %+v", got)
		}
		got.ExpiryDays = 3
		if err := models.SavePricingPolicy(db, models.SystemActor("test"), got, got); err != nil {
			t.Fatal(err)
		}
		if again, _ := models.LoadPricingPolicy(db, def); again.ExpiryDays != 3 || again.Version != 2 {
			t.Errorf("second save %+v", again)
		}
	})
}
