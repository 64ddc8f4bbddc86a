package ingest_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
)

// mergeGolden merges the golden record of dupExt into that of survExt, as a steward would.
func mergeGolden(t *testing.T, db *gorm.DB, ch models.Channel, domain, survExt, dupExt string) (surv, dup int64) {
	t.Helper()
	surv, dup = mustGolden(t, db, ch.ID, domain, survExt), mustGolden(t, db, ch.ID, domain, dupExt)
	if _, _, err := models.SaveCandidates(db, domain, "scan", []models.FoundPair{{LeftID: surv, RightID: dup, Score: 0.9, Band: "review"}}, false); err != nil {
		t.Fatal(err)
	}
	var cand models.DuplicateCandidate
	if err := db.Where("domain = ? AND left_id = ? AND right_id = ?", domain, surv, dup).Take(&cand).Error; err != nil {
		t.Fatal(err)
	}
	err := db.Transaction(func(tx *gorm.DB) error {
		req := models.MergeRequest{CandidateID: cand.ID, CandidateVersion: cand.Version, DuplicateID: dup, Who: models.Actor{Name: "steward"}}
		if domain == models.ObjectCustomer {
			s, _ := models.CustomerByID(tx, surv)
			d, _ := models.CustomerByID(tx, dup)
			req.Customer, req.DuplicateVersion = &s, d.Version
		} else {
			s, _ := models.ProductByID(tx, surv)
			d, _ := models.ProductByID(tx, dup)
			req.Product, req.DuplicateVersion = &s, d.Version
		}
		_, err := models.MergeRecords(tx, req)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return surv, dup
}

// TestChangesOfAMergedRecordReachItsSurvivor: Odoo still holds both partners after a
// merge (the duplicate keeps its reference there) and goes on sending the duplicate. Its
// changes land on the survivor, only what Odoo changed, through the ownership rules; the
// merged record is never written to or revived, and its archiving is not the survivor's.
func TestChangesOfAMergedRecordReachItsSurvivor(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		dupCust := ingest.Change{Object: models.ObjectCustomer, ExternalID: "9", Stamp: "a", Customer: &models.Customer{
			Name: "Keller Elektro", Phone: "+49 30 1234567", Email: "alt@keller.example", Currency: "EUR", Country: "DE", Active: true}}
		dupProd := product("101", "a", "CT200-B", "Cable tie 200mm black", 119000)
		if _, err := in.Apply(ctx, odoo, 0, []ingest.Change{
			{Object: models.ObjectCustomer, ExternalID: "7", Stamp: "a", Customer: &models.Customer{
				Name: "Keller Elektro GmbH", TaxID: "DE811907980", Email: "info@keller.example", Currency: "EUR", Country: "DE", Active: true}},
			dupCust, product("100", "a", "CT-200", "Cable tie 200 mm", 125000), dupProd,
		}, nil); err != nil {
			t.Fatal(err)
		}
		surv, dup := mergeGolden(t, db, odoo, models.ObjectCustomer, "7", "9")
		survP, dupP := mergeGolden(t, db, odoo, models.ObjectProduct, "100", "101")
		dupBefore, _ := models.CustomerByID(db, dup)
		dupPBefore, _ := models.ProductByID(db, dupP)

		// Odoo archives the duplicate partner (the merge's write-back) and, later, someone
		// there changes its phone; a new delivery address arrives under it.
		archived := dupCust
		archived.Stamp, archived.Customer = "b", &models.Customer{Name: "Keller Elektro", Phone: "+49 30 7654321", Email: "alt@keller.example", Currency: "EUR", Country: "DE"}
		address := ingest.Change{Object: ingest.ObjectAddress, ExternalID: "12", Stamp: "a", ParentRef: "9",
			Address: &models.Address{Kind: models.AddressDelivery, Street: "Lagerweg 9", City: "Berlin", Country: "DE"}}
		repriced := dupProd
		repriced.Stamp = "b"
		p := *dupProd.Product
		p.ListPrice, p.Description, p.Active = 129000, "UV resistant", false
		repriced.Product = &p
		in.Decide = holdPrices{}
		got, err := in.Apply(ctx, odoo, 0, []ingest.Change{archived, address, repriced}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Failed != 0 {
			t.Fatalf("counts %+v", got)
		}
		s, _ := models.CustomerByID(db, surv)
		if s.Phone != "+49 30 7654321" || s.Name != "Keller Elektro GmbH" || s.Email != "info@keller.example" || !s.Active {
			t.Errorf("survivor after the duplicate's change: %+v (want only the new phone)", s)
		}
		if d, _ := models.CustomerByID(db, dup); d.Version != dupBefore.Version || d.Active || d.Phone != dupBefore.Phone {
			t.Errorf("the merged customer was written to: %+v", d)
		}
		if into, _ := models.MergedInto(db, models.ObjectCustomer, dup); into != surv {
			t.Errorf("merged customer now merged into %d, want %d", into, surv)
		}
		if n := count(t, db, &models.Address{}, "customer_id = ?", surv); n != 1 {
			t.Errorf("survivor has %d addresses, want the new one", n)
		}
		if n := count(t, db, &models.Address{}, "customer_id = ?", dup); n != 0 {
			t.Errorf("an address landed on the merged customer")
		}
		// The product: its new price (and with it the description) waits for a steward on
		// the survivor, as any price change from Odoo would; it stays active.
		sp, _ := models.ProductByID(db, survP)
		if sp.ListPrice != 125000 || sp.Name != "Cable tie 200 mm" || sp.SKU != "CT-200" || !sp.Active {
			t.Errorf("surviving product %+v", sp)
		}
		var held models.InboxItem
		if err := db.Where("external_id = ? AND status = ?", "101", models.InboxOpen).Take(&held).Error; err != nil || held.GoldenID == nil || *held.GoldenID != survP {
			t.Errorf("held price change %+v %v, want it on the survivor %d", held, err, survP)
		}
		// A steward approves it: the price and description land on the survivor, nothing else
		// of the duplicate's copy does.
		if err := db.Transaction(func(tx *gorm.DB) error {
			_, err := ingest.Decide(tx, held.ID, held.Version, ingest.Decision{Status: models.InboxApproved, Who: models.Actor{Name: "steward"}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		sp, _ = models.ProductByID(db, survP)
		if sp.ListPrice != 129000 || sp.Description != "UV resistant" || sp.Name != "Cable tie 200 mm" || sp.SKU != "CT-200" || !sp.Active {
			t.Errorf("surviving product after approval %+v", sp)
		}
		if d, _ := models.ProductByID(db, dupP); d.Version != dupPBefore.Version || d.Active {
			t.Errorf("the merged product was written to: %+v", d)
		}
	})
}
