package ingest_test

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
)

func channel(t *testing.T, db *gorm.DB, name, kind, direction string) models.Channel {
	t.Helper()
	ch := models.Channel{Name: name, Kind: kind, Direction: direction, Active: true}
	if err := models.CreateChannel(db, &ch); err != nil {
		t.Fatal(err)
	}
	return ch
}

func product(ext, stamp, sku, name string, price models.Money) ingest.Change {
	return ingest.Change{Object: models.ObjectProduct, ExternalID: ext, Stamp: stamp, Product: &models.Product{
		SKU: sku, Name: name, UoM: "EA", Currency: "EUR", ListPrice: price, Cost: price / 2,
		LifecycleStatus: models.LifecycleActive, Active: true,
	}}
}

func count(t *testing.T, db *gorm.DB, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// holdPrices is a policy under which the source owns nothing about list prices.
type holdPrices struct{ ingest.AcceptAll }

func (holdPrices) Ownership(domain, source string, changed []string) ingest.Verdict {
	var v ingest.Verdict
	for _, f := range changed {
		if f == "list_price" {
			v.Held = append(v.Held, f)
			v.Reasons = append(v.Reasons, "Odoo owns the list price of products; a change from "+source+" waits for a steward.")
		} else {
			v.Apply = append(v.Apply, f)
		}
	}
	return v
}

func TestApplyIsIdempotentAndAudited(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		channel(t, db, "Shop", models.ChannelShopify, models.DirectionDestination)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		page := []ingest.Change{
			product("11", "2026-11-27 09:00:00", "EL-1", "Cable tie", 125000),
			product("12", "2026-11-27 09:00:00", "EL-2", "Fuse", 5000),
		}
		got, err := in.Apply(ctx, odoo, 0, page, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Read != 2 || got.Created != 2 {
			t.Fatalf("first apply counts %+v", got)
		}
		// The same page again, and again: nothing new is stored.
		for i := 0; i < 2; i++ {
			got, err = in.Apply(ctx, odoo, 0, page, nil)
			if err != nil || got.Unchanged != 2 || got.Created+got.Updated != 0 {
				t.Fatalf("replay %d: %+v %v", i, got, err)
			}
		}
		if n := count(t, db, &models.IncomingRecord{}, ""); n != 2 {
			t.Errorf("%d incoming records after replays, want 2", n)
		}
		if n := count(t, db, &models.Product{}, ""); n != 2 {
			t.Errorf("%d products, want 2", n)
		}
		// Two creations audited, one publication each to the destination channel only.
		if n := count(t, db, &models.AuditEvent{}, "action = ?", "product.create"); n != 2 {
			t.Errorf("%d product.create events, want 2", n)
		}
		if n := count(t, db, &models.Publication{}, ""); n != 2 {
			t.Errorf("%d publications, want 2 (one per product to the shop)", n)
		}
		// A new version of one product updates it, with before and after in the audit trail.
		changed := product("11", "2026-11-27 09:05:00", "EL-1", "Cable tie 200mm", 125000)
		got, err = in.Apply(ctx, odoo, 0, []ingest.Change{changed}, nil)
		if err != nil || got.Updated != 1 {
			t.Fatalf("update: %+v %v", got, err)
		}
		p, _ := models.ProductBySKU(db, "EL-1")
		if p.Name != "Cable tie 200mm" || p.Version != 2 {
			t.Errorf("product after update: %q version %d", p.Name, p.Version)
		}
		evs, _ := models.ListAudit(db, models.AuditFilter{Action: "product.update"})
		if len(evs) != 1 || !strings.Contains(evs[0].Before, `"name":"Cable tie"`) || !strings.Contains(evs[0].After, `"name":"Cable tie 200mm"`) || evs[0].Actor != "sync: Odoo" {
			t.Errorf("update audit %+v", evs)
		}
		// A revert to the first content with a new stamp is a real change again.
		revert := product("11", "2026-11-27 09:10:00", "EL-1", "Cable tie", 125000)
		if got, _ = in.Apply(ctx, odoo, 0, []ingest.Change{revert}, nil); got.Updated != 1 {
			t.Errorf("revert: %+v", got)
		}
	})
}

func TestHeldChangesWaitWithReasons(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		shop := channel(t, db, "Shop", models.ChannelShopify, models.DirectionBoth)
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		if _, err := (&ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}).Apply(ctx, odoo, 0, []ingest.Change{product("1", "s1", "EL-1", "Cable tie", 125000)}, nil); err != nil {
			t.Fatal(err)
		}
		// The shop sends the same SKU with a new price and name: it is linked by SKU, and the
		// price waits for a steward while nothing is applied.
		in := &ingest.Ingester{DB: db, Decide: holdPrices{}}
		got, err := in.Apply(ctx, shop, 0, []ingest.Change{product("gid://shopify/Product/9", "t1", "EL-1", "Cable tie (shop)", 99000)}, nil)
		if err != nil || got.Held != 1 {
			t.Fatalf("held: %+v %v", got, err)
		}
		p, _ := models.ProductBySKU(db, "EL-1")
		if p.ListPrice != 125000 || p.Name != "Cable tie" {
			t.Errorf("held change was applied: %+v", p)
		}
		var items []models.InboxItem
		db.Find(&items)
		if len(items) != 1 || items[0].Reason != models.ReasonOwnership || !strings.Contains(items[0].Reasons, "Odoo owns the list price") || items[0].GoldenID == nil || *items[0].GoldenID != p.ID {
			t.Errorf("inbox %+v", items)
		}
		var rec models.IncomingRecord
		db.Where("channel_id = ?", shop.ID).Take(&rec)
		if rec.Status != models.IncomingHeld {
			t.Errorf("incoming status %q", rec.Status)
		}
	})
}

func TestCustomersPricesAndStock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		changes := []ingest.Change{
			{Object: models.ObjectCustomer, ExternalID: "7", Stamp: "a", Customer: &models.Customer{Name: "Hansa Elektro GmbH", TaxID: "DE123456789", Currency: "EUR", Country: "DE", Active: true}},
			{Object: models.ObjectCustomer, ExternalID: "8", Stamp: "a", ParentRef: "7", Customer: &models.Customer{Name: "Hansa Elektro Kiel", Currency: "EUR", Country: "DE", Active: true}},
			{Object: ingest.ObjectContact, ExternalID: "9", Stamp: "a", ParentRef: "7", Contact: &models.Contact{Name: "Jana Berg", Email: "jana@hansa.example"}},
			{Object: ingest.ObjectAddress, ExternalID: "10", Stamp: "a", ParentRef: "7", Address: &models.Address{Kind: models.AddressDelivery, Street: "Kai 1", City: "Kiel", Postcode: "24103", Country: "DE"}},
			product("100", "a", "EL-1", "Cable tie", 125000),
			{Object: models.ObjectPriceRule, ExternalID: "55", Stamp: "a", ProductRef: "100", PriceListRef: "3", RefName: "Wholesale EUR", Currency: "EUR", CustomerRef: "7", PriceRule: &models.PriceRule{Price: 99000, MinQuantity: 10}},
			{Object: models.ObjectPriceRule, ExternalID: "56", Stamp: "a", ProductRef: "404", PriceListRef: "3", PriceRule: &models.PriceRule{Price: 1}},
			{Object: models.ObjectInventory, ExternalID: "77", Stamp: "a", ProductRef: "100", LocationRef: "8", RefName: "WH/Stock", Inventory: &models.InventoryLevel{OnHand: 40, Reserved: 5}},
		}
		got, err := in.Apply(ctx, odoo, 0, changes, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Created != 7 || got.Failed != 1 {
			t.Fatalf("counts %+v", got)
		}
		d, err := models.CustomerWithDetail(db, mustGolden(t, db, odoo.ID, models.ObjectCustomer, "7"))
		if err != nil || len(d.Children) != 1 || len(d.Contacts) != 1 || len(d.Addresses) != 1 {
			t.Fatalf("account detail %+v %v", d, err)
		}
		rules, _ := models.PriceRulesFor(db, 0, d.Customer.ID)
		if len(rules) != 1 || rules[0].PriceListName != "Wholesale EUR" || rules[0].Price != 99000 {
			t.Errorf("customer price %+v", rules)
		}
		var failed models.IncomingRecord
		db.Where("external_id = ?", "56").Take(&failed)
		if failed.Status != models.IncomingFailed || !strings.Contains(failed.Reasons, "product 404, which Steward does not have yet") {
			t.Errorf("failed record %+v", failed)
		}
		// Stock moves are applied and audited.
		move := changes[7]
		move.Stamp, move.Inventory = "b", &models.InventoryLevel{OnHand: 30, Reserved: 5}
		if got, _ = in.Apply(ctx, odoo, 0, []ingest.Change{move}, nil); got.Updated != 1 {
			t.Errorf("stock move %+v", got)
		}
		if n := count(t, db, &models.AuditEvent{}, "action = ?", "inventory.update"); n != 1 {
			t.Errorf("stock move audited %d times", n)
		}
	})
}

func mustGolden(t *testing.T, db *gorm.DB, ch int64, object, ext string) int64 {
	t.Helper()
	id, err := models.ExternalRefGolden(db, ch, object, ext)
	if err != nil {
		t.Fatalf("no golden record for %s %s: %v", object, ext, err)
	}
	return id
}

func TestCursorMovesOnlyWithItsRecords(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		_, err := in.Apply(ctx, odoo, 0, []ingest.Change{product("1", "a", "EL-1", "One", 1)}, func(tx *gorm.DB) error {
			return models.SaveCursor(tx, odoo.ID, models.SyncProducts, "cursor-1")
		})
		if err != nil {
			t.Fatal(err)
		}
		// A batch that fails after its records were written rolls back records and cursor.
		_, err = in.Apply(ctx, odoo, 0, []ingest.Change{product("2", "a", "EL-2", "Two", 1)}, func(tx *gorm.DB) error {
			if err := models.SaveCursor(tx, odoo.ID, models.SyncProducts, "cursor-2"); err != nil {
				return err
			}
			return context.Canceled
		})
		if err == nil {
			t.Fatal("a failed batch reported success")
		}
		cur, _ := models.LoadCursor(db, odoo.ID, models.SyncProducts)
		if cur != "cursor-1" || count(t, db, &models.Product{}, "") != 1 || count(t, db, &models.IncomingRecord{}, "") != 1 {
			t.Errorf("after a failed batch: cursor %q, %d products", cur, count(t, db, &models.Product{}, ""))
		}
	})
}

func TestFailedChangeIsRetriedWhenSeenAgain(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		odoo := channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		contact := ingest.Change{Object: ingest.ObjectContact, ExternalID: "9", Stamp: "a", ParentRef: "7", Contact: &models.Contact{Name: "Jana Berg"}}
		if got, _ := in.Apply(ctx, odoo, 0, []ingest.Change{contact}, nil); got.Failed != 1 {
			t.Fatalf("contact before its account: %+v", got)
		}
		account := ingest.Change{Object: models.ObjectCustomer, ExternalID: "7", Stamp: "a", Customer: &models.Customer{Name: "Hansa", Currency: "EUR", Active: true}}
		got, err := in.Apply(ctx, odoo, 0, []ingest.Change{account, contact}, nil)
		if err != nil || got.Created != 2 {
			t.Fatalf("account then the same contact again: %+v %v", got, err)
		}
		if n := count(t, db, &models.IncomingRecord{}, "object_type = ?", ingest.ObjectContact); n != 1 {
			t.Errorf("%d incoming contact records, want the failed one reused", n)
		}
		if got, _ := in.Apply(ctx, odoo, 0, []ingest.Change{contact}, nil); got.Unchanged != 1 {
			t.Errorf("third time: %+v", got)
		}
	})
}
