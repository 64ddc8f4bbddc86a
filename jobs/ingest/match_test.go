package ingest_test

import (
	"context"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
)

func customerChange(ext, name, vat, email, country string) ingest.Change {
	return ingest.Change{Object: models.ObjectCustomer, ExternalID: ext, Stamp: "s1", Customer: &models.Customer{
		Name: name, TaxID: vat, Email: email, Country: country, Currency: "EUR", Active: true}}
}

func TestIngestionMatchesBeforeCreating(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		erp := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		shop := channel(t, db, "Webshop", models.ChannelCSV, models.DirectionSource)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		// Steward has two accounts from Odoo and one product.
		if _, err := in.Apply(ctx, erp, 0, []ingest.Change{
			customerChange("1", "Baumarkt Keller GmbH", "DE811907980", "einkauf@keller-bau.de", "DE"),
			customerChange("2", "Elektro Brandt OHG", "", "info@brandt-elektro.de", "DE"),
			{Object: models.ObjectProduct, ExternalID: "p1", Stamp: "s1", Product: &models.Product{SKU: "BO-GSR12", Name: "Bosch GSR 12V-15 cordless drill",
				Brand: "Bosch", Barcode: "4006381333931", UoM: "EA", Currency: "EUR", Active: true, LifecycleStatus: models.LifecycleActive}},
		}, nil); err != nil {
			t.Fatal(err)
		}
		keller, _ := models.ExternalRefGolden(db, erp.ID, models.ObjectCustomer, "1")
		brandt, _ := models.ExternalRefGolden(db, erp.ID, models.ObjectCustomer, "2")
		drill, _ := models.ExternalRefGolden(db, erp.ID, models.ObjectProduct, "p1")
		// Records created by ingestion are filed under their keys at once.
		if n := count(t, db, &models.MatchKey{}, "domain = ? AND golden_id = ?", "customer", keller); n == 0 {
			t.Fatal("ingestion filed no blocking keys for a new account")
		}
		customers := count(t, db, &models.Customer{}, "")
		got, err := in.Apply(ctx, shop, 0, []ingest.Change{
			// The same VAT id (written otherwise) and mailbox: linked, no new account.
			customerChange("w-1", "Baumarkt Keller", "DE 811 907 980", "einkauf@keller-bau.de", "DE"),
			// Alike, but nothing proves it: a new account and a candidate for a steward.
			customerChange("w-2", "Elektro Brand", "", "info@brandt-elektro.de", "DE"),
			// Nothing like it: a new account.
			customerChange("w-3", "Nordic Tools AB", "SE556677889901", "orders@nordictools.se", "SE"),
			// Twice in one page with one VAT id: the second finds the first, but the webshop
			// holds both, so they are its own duplicate for a steward, not a link.
			customerChange("w-4", "Papeterie Martin SARL", "FR40303265045", "contact@papeterie-martin.fr", "FR"),
			customerChange("w-5", "Papeterie Martin", "FR 40 303265045", "contact@papeterie-martin.fr", "FR"),
			// Another SKU, the same GTIN: the same drill.
			{Object: models.ObjectProduct, ExternalID: "wp-1", Stamp: "s1", Product: &models.Product{SKU: "4006381333931", Name: "Bosch GSR 12V-15 drill",
				Brand: "BOSCH", Barcode: "4006381333931", UoM: "EA", Currency: "EUR", Active: true, LifecycleStatus: models.LifecycleActive}},
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, &models.Customer{}, ""); n != customers+4 {
			t.Errorf("%d accounts created, want 4 (Brand, Nordic, Martin twice): %+v", n-customers, got)
		}
		if id, _ := models.ExternalRefGolden(db, shop.ID, models.ObjectCustomer, "w-1"); id != keller {
			t.Errorf("Keller from the webshop linked to %d, want %d", id, keller)
		}
		m4, _ := models.ExternalRefGolden(db, shop.ID, models.ObjectCustomer, "w-4")
		m5, _ := models.ExternalRefGolden(db, shop.ID, models.ObjectCustomer, "w-5")
		if id, _ := models.ExternalRefGolden(db, shop.ID, models.ObjectProduct, "wp-1"); id != drill {
			t.Errorf("drill from the webshop linked to %d, want %d", id, drill)
		}
		if n := count(t, db, &models.Product{}, ""); n != 1 {
			t.Errorf("%d products, want 1", n)
		}
		// The link is audited as one.
		if n := count(t, db, &models.AuditEvent{}, "action = ? AND object_id = ?", "customer.link", strconv.FormatInt(keller, 10)); n != 1 {
			t.Errorf("%d link audit events for Keller", n)
		}
		// The Brandt look-alike waits for a steward, found by the webshop.
		brand, _ := models.ExternalRefGolden(db, shop.ID, models.ObjectCustomer, "w-2")
		var cs []models.DuplicateCandidate
		db.Where("domain = ?", "customer").Order("id").Find(&cs)
		if len(cs) != 2 || cs[0].LeftID != min(brandt, brand) || cs[0].RightID != max(brandt, brand) || cs[0].Source != "Webshop" || cs[0].Status != models.CandidateOpen || cs[0].ClusterID != cs[0].ID || cs[0].Band != "review" {
			t.Fatalf("candidates %+v (Brandt %d, Brand %d)", cs, brandt, brand)
		}
		if cs[1].LeftID != m4 || cs[1].RightID != m5 || cs[1].Band != "match" {
			t.Errorf("Martin twice in the webshop: %+v", cs[1])
		}
	})
}
