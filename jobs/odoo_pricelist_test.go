package jobs_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/models/testdb"
)

// The price list an Odoo partner buys from becomes the golden customer's, through the
// price list pulled with prices; a change in Odoo follows, audited by name; a price list
// Steward has not pulled yet leaves the customer without one and still applies the rest.
func TestOdooPartnerPricelistSetsCustomerPriceList(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := odooChannel(t, db)
		srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw"})
		defer srv.Close()
		stats := srv.SeedWith(odootest.SeedOptions{Products: 10})
		public, wholesale, distributor := stats.Pricelists[0], stats.Pricelists[1], stats.Pricelists[3] // Distributor has no items
		partner := func(name string, pricelist int64) int64 {
			id, err := srv.Create("res.partner", map[string]any{"name": name, "is_company": true, "property_product_pricelist": pricelist})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		keller := partner("Baumarkt Keller GmbH", wholesale)
		hansa := partner("Hansa Werkzeuge AG", distributor)

		src := &odoosync.Source{Client: odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "pw"}, nil)}
		cfg := jobs.Config{DB: db, Decider: jobs.LoadPolicy, Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
			Sources: func(models.Channel) (jobs.Source, error) { return src, nil }}
		pull := func(object string) {
			t.Helper()
			run := models.SyncRun{ChannelID: ch.ID, Kind: "pull", Object: object, StartedBy: "test"}
			if err := models.CreateRun(db, &run); err != nil {
				t.Fatal(err)
			}
			if err := jobs.Pull(context.Background(), cfg, ch.ID, object, run.ID, nil); err != nil {
				t.Fatalf("pull %s: %v", object, err)
			}
		}
		golden := func(object string, odooID int64) int64 {
			t.Helper()
			id, err := models.ExternalRefGolden(db, ch.ID, object, fmt.Sprint(odooID))
			if err != nil {
				t.Fatalf("%s %d: %v", object, odooID, err)
			}
			return id
		}
		pull(models.SyncProducts)
		pull(models.SyncPrices)
		pull(models.SyncCustomers)

		k, err := models.CustomerByID(db, golden(models.ObjectCustomer, keller))
		if err != nil {
			t.Fatal(err)
		}
		if want := golden("price_list", wholesale); k.PriceListID == nil || *k.PriceListID != want {
			t.Fatalf("Keller buys from %v, want price list %d", k.PriceListID, want)
		}
		h, err := models.CustomerByID(db, golden(models.ObjectCustomer, hansa))
		if err != nil {
			t.Fatal(err)
		}
		if h.Name != "Hansa Werkzeuge AG" || h.PriceListID != nil {
			t.Errorf("Hansa (price list not pulled): name %q, price list %v", h.Name, h.PriceListID)
		}

		srv.Advance(60e9)
		if err := srv.Write("res.partner", []int64{keller}, map[string]any{"property_product_pricelist": public}); err != nil {
			t.Fatal(err)
		}
		pull(models.SyncCustomers)
		k, _ = models.CustomerByID(db, k.ID)
		publicID := golden("price_list", public)
		if k.PriceListID == nil || *k.PriceListID != publicID {
			t.Fatalf("after the change in Odoo Keller buys from %v, want %d", k.PriceListID, publicID)
		}
		var pub, whole models.PriceList
		db.Take(&pub, publicID)
		db.Take(&whole, golden("price_list", wholesale))
		var ev models.AuditEvent
		if err := db.Where("action = ? AND object_id = ?", "customer.update", fmt.Sprint(k.ID)).Take(&ev).Error; err != nil {
			t.Fatalf("no audited update: %v", err)
		}
		if !strings.Contains(ev.Before, whole.Name) || !strings.Contains(ev.After, pub.Name) || !strings.Contains(ev.After, "price_list") {
			t.Errorf("audit of the change: before %s, after %s (want %q → %q)", ev.Before, ev.After, whole.Name, pub.Name)
		}
	})
}
