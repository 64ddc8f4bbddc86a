// Package demo fills an empty database with a believable data set for a European B2B
// distributor of electrical, industrial and office supplies: products, customer accounts
// with addresses and contacts, price lists, stock, channels and their references, and a
// share of near-duplicates for the duplicate detector to find. The data is generated from
// a seed, so the same options always give the same records.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"steward/models"
)

// ErrNotEmpty means the database already holds users or products, so Seed left it alone.
var ErrNotEmpty = errors.New("the database already holds users or products")

// batchSize is how many rows go into one INSERT. The SQLite driver finds each bound value
// by a linear scan of all of them, so its cost per row grows with the batch: batches of
// 100 store the demo set five times faster there than batches of 1,000. PostgreSQL
// prefers big batches.
func batchSize(db *gorm.DB) int {
	if models.DialectOfDB(db) == models.SQLite {
		return 100
	}
	return 1000
}

// Summary counts what Seed stored.
type Summary struct {
	Products           int
	DuplicateProducts  int
	Customers          int
	DuplicateCustomers int
	Addresses          int
	Contacts           int
	PriceLists         int
	PriceRules         int
	CustomerPrices     int
	Locations          int
	InventoryLevels    int
	Channels           int
	ExternalRefs       int
	Took               time.Duration
}

// String is the one-line report printed after seeding.
func (s Summary) String() string {
	return fmt.Sprintf("Demo data: %s products (%d near-duplicates), %s customers (%d near-duplicates) with %s addresses and %s contacts, "+
		"%d price lists with %s price rules (%s customer-specific), %d warehouses with %s stock levels, %d channels with %s external references; took %.1f s.",
		thousands(s.Products), s.DuplicateProducts, thousands(s.Customers), s.DuplicateCustomers, thousands(s.Addresses), thousands(s.Contacts),
		s.PriceLists, thousands(s.PriceRules), thousands(s.CustomerPrices), s.Locations, thousands(s.InventoryLevels), s.Channels, thousands(s.ExternalRefs),
		s.Took.Seconds())
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Empty tells whether the database has neither users nor products, the only state in
// which Seed adds anything.
func Empty(db *gorm.DB) (bool, error) {
	var users, products int64
	if err := db.Model(&models.User{}).Count(&users).Error; err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	if err := db.Model(&models.Product{}).Count(&products).Error; err != nil {
		return false, fmt.Errorf("count products: %w", err)
	}
	return users == 0 && products == 0, nil
}

// Seed stores the demo data set in one transaction, with a "demo.seed" audit event that
// counts it. A database that already holds users or products gets ErrNotEmpty and is left
// as it was.
func Seed(ctx context.Context, db *gorm.DB, opt Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		empty, err := Empty(tx)
		if err != nil {
			return err
		}
		if !empty {
			return ErrNotEmpty
		}
		ds := generate(opt)
		if err := store(tx.Session(&gorm.Session{SkipDefaultTransaction: true, CreateBatchSize: batchSize(tx)}), ds); err != nil {
			return err
		}
		sum = ds.summary()
		return models.Audit(tx, models.SystemActor("demo"), models.Change{
			Action: "demo.seed", After: sum.counts(), Reason: "demo data seeded into an empty database",
		})
	})
	if err != nil {
		return Summary{}, err
	}
	sum.Took = time.Since(start)
	return sum, nil
}

func (ds *dataset) summary() Summary {
	s := Summary{
		Products: len(ds.products), DuplicateProducts: len(ds.products) - ds.originals,
		Customers: len(ds.accounts), PriceLists: len(ds.priceLists), PriceRules: len(ds.rules),
		Locations: len(ds.locations), InventoryLevels: len(ds.stock), Channels: len(ds.channels), ExternalRefs: len(ds.refs),
	}
	for _, a := range ds.accounts {
		if a.dupOf >= 0 {
			s.DuplicateCustomers++
		}
		s.Addresses += len(a.addrs)
		s.Contacts += len(a.contacts)
	}
	for _, r := range ds.rules {
		if r.customer >= 0 {
			s.CustomerPrices++
		}
	}
	return s
}

func (s Summary) counts() map[string]int {
	return map[string]int{
		"products": s.Products, "duplicate_products": s.DuplicateProducts,
		"customers": s.Customers, "duplicate_customers": s.DuplicateCustomers,
		"addresses": s.Addresses, "contacts": s.Contacts, "price_lists": s.PriceLists,
		"price_rules": s.PriceRules, "customer_prices": s.CustomerPrices, "locations": s.Locations,
		"inventory_levels": s.InventoryLevels, "channels": s.Channels, "external_refs": s.ExternalRefs,
	}
}
