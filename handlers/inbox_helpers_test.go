package handlers_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
)

// holdAll is a policy under which the source owns nothing: every change waits in the inbox.
type holdAll struct{ ingest.AcceptAll }

func (holdAll) Ownership(domain, source string, changed []string) ingest.Verdict {
	return ingest.Verdict{Held: changed, Reasons: []string{"Odoo owns the " + domain + " data; a change from " + source + " waits for a steward."}}
}

// inboxSeed makes held changes from a shop: each call a fresh item of the domain asked for.
type inboxSeed struct {
	db         *gorm.DB
	odoo, shop models.Channel
	n          int
}

func newInboxSeed(t testing.TB, db *gorm.DB) *inboxSeed {
	t.Helper()
	s := &inboxSeed{db: db}
	s.odoo = models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	s.shop = models.Channel{Name: "Webshop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	for _, ch := range []*models.Channel{&s.odoo, &s.shop} {
		if err := models.CreateChannel(db, ch); err != nil {
			t.Fatal(err)
		}
	}
	// A product both systems know, for the shop's prices and stock to refer to.
	base := newProduct("BASE-1", "Cable tie 200 mm")
	if err := models.CreateProduct(db, base); err != nil {
		t.Fatal(err)
	}
	if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: s.shop.ID, ObjectType: models.ObjectProduct, ExternalID: "gid-base", GoldenID: base.ID}); err != nil {
		t.Fatal(err)
	}
	return s
}

// change is a new change of a domain from the shop.
func (s *inboxSeed) change(domain string) ingest.Change {
	s.n++
	n := s.n
	switch domain {
	case "customer":
		return ingest.Change{Object: models.ObjectCustomer, ExternalID: fmt.Sprintf("cust-%d", n), Stamp: "1",
			Customer: &models.Customer{Name: fmt.Sprintf("Hansa Elektro %d", n), Email: "orders@hansa.example", Currency: "EUR", Country: "DE", Active: true}}
	case "price":
		return ingest.Change{Object: models.ObjectPriceRule, ExternalID: fmt.Sprintf("price-%d", n), Stamp: "1", ProductRef: "gid-base",
			PriceListRef: "b2b", RefName: "Webshop B2B", Currency: "EUR", PriceRule: &models.PriceRule{Price: 95000, MinQuantity: float64(n)}}
	case "inventory":
		return ingest.Change{Object: models.ObjectInventory, ExternalID: fmt.Sprintf("stock-%d", n), Stamp: "1", ProductRef: "gid-base",
			LocationRef: fmt.Sprintf("wh-%d", n), RefName: fmt.Sprintf("SHOP/WH-%d", n), Inventory: &models.InventoryLevel{OnHand: 12}}
	}
	return ingest.Change{Object: models.ObjectProduct, ExternalID: fmt.Sprintf("gid-%d", n), Stamp: "1",
		Source: map[string]any{"id": n, "title": fmt.Sprintf("Shop item %d", n), "variants": []any{map[string]any{"sku": fmt.Sprintf("SH-%d", n), "price": "9.90"}}},
		Product: &models.Product{SKU: fmt.Sprintf("SH-%d", n), Name: fmt.Sprintf("Shop item %d", n), UoM: "EA", Currency: "EUR",
			ListPrice: 99000, Cost: 50000, LifecycleStatus: models.LifecycleActive, Active: true}}
}

// hold stores changes from the shop under a policy that holds them all; it returns the items.
func (s *inboxSeed) hold(t testing.TB, changes ...ingest.Change) []models.InboxItem {
	t.Helper()
	var last int64
	s.db.Model(&models.InboxItem{}).Select("COALESCE(max(id), 0)").Scan(&last)
	got, err := (&ingest.Ingester{DB: s.db, Decide: holdAll{}}).Apply(context.Background(), s.shop, 0, changes, nil)
	if err != nil || got.Held != int64(len(changes)) {
		t.Fatalf("hold %d changes: %+v %v", len(changes), got, err)
	}
	var items []models.InboxItem
	if err := s.db.Where("id > ?", last).Order("id").Find(&items).Error; err != nil {
		t.Fatal(err)
	}
	return items
}

// item holds one fresh change of a domain.
func (s *inboxSeed) item(t testing.TB, domain string) models.InboxItem {
	t.Helper()
	return s.hold(t, s.change(domain))[0]
}
