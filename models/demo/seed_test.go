package demo

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

func TestSeed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		sum, err := Seed(ctx, db, Options{Seed: 1})
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
		t.Logf("%s", sum)

		for table, want := range map[string]int{
			"products": Products, "customers": Customers, "addresses": sum.Addresses, "contacts": sum.Contacts,
			"price_lists": 3, "price_rules": sum.PriceRules, "locations": 2, "inventory_levels": sum.InventoryLevels,
			"channels": 5, "external_refs": sum.ExternalRefs,
		} {
			if got := count(t, db, table, ""); got != want {
				t.Errorf("%s: %d rows, want %d", table, got, want)
			}
		}
		for what, where := range map[string]string{
			"products without search text":          "search_text = ''",
			"products priced at or below cost":      "list_price <= cost",
			"products in another currency than EUR": "currency <> 'EUR'",
		} {
			if n := count(t, db, "products", where); n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
		if n := count(t, db, "customers", "search_text = ''"); n != 0 {
			t.Errorf("%d customers without search text", n)
		}
		atLeast(t, db, "customers", "parent_id IS NOT NULL", 40, "branch accounts")
		atLeast(t, db, "addresses", "kind = 'ship_to' AND parent_id IS NOT NULL", 100, "ship-to addresses under a delivery address")
		atLeast(t, db, "addresses", "kind = 'billing'", Customers, "billing addresses")
		atLeast(t, db, "price_rules", "customer_id IS NOT NULL", 300, "customer-specific price rules")
		atLeast(t, db, "price_rules", "customer_id IS NOT NULL AND valid_to IS NOT NULL", 50, "customer prices with a validity period")
		atLeast(t, db, "price_rules", "min_quantity = 100", 100, "quantity breaks")
		atLeast(t, db, "products", "lifecycle_status = 'discontinued'", 50, "discontinued products")
		atLeast(t, db, "products", "active = ?", 50, "inactive products", false)
		atLeast(t, db, "external_refs", "object_type = 'product' AND external_id LIKE 'gid://shopify/Product/%'", 300, "Shopify product references")
		atLeast(t, db, "external_refs r JOIN channels c ON c.id = r.channel_id", "c.name = 'Odoo ERP' AND r.object_type = 'customer'", 2000, "Odoo customer references")

		var barcodes []string
		if err := db.Model(&models.Product{}).Where("barcode <> ''").Pluck("barcode", &barcodes).Error; err != nil {
			t.Fatal(err)
		}
		if len(barcodes) < Products*3/4 {
			t.Errorf("only %d products have a barcode", len(barcodes))
		}
		seen := map[string]int{}
		for _, b := range barcodes {
			if !ValidEAN13(b) {
				t.Errorf("barcode %q is not a valid EAN-13", b)
			}
			seen[b]++
		}
		shared := 0
		for _, n := range seen {
			if n > 1 {
				shared++
			}
		}
		if shared != DuplicateProducts {
			t.Errorf("%d barcodes are shared by two products, want %d near-duplicate products", shared, DuplicateProducts)
		}

		checkDuplicateCustomers(t, db)

		var ev []models.AuditEvent
		if err := db.Where("action = ?", "demo.seed").Find(&ev).Error; err != nil || len(ev) != 1 || !strings.Contains(ev[0].After, `"products":3000`) {
			t.Errorf("demo.seed audit events: %+v (err %v)", ev, err)
		}

		if _, err := Seed(ctx, db, Options{Seed: 2}); !errors.Is(err, ErrNotEmpty) {
			t.Errorf("second seed: err %v, want ErrNotEmpty", err)
		}
		if got := count(t, db, "products", ""); got != Products {
			t.Errorf("after a second seed: %d products, want %d", got, Products)
		}
		if got := count(t, db, "audit_events", "action = 'demo.seed'"); got != 1 {
			t.Errorf("after a second seed: %d demo.seed events, want 1", got)
		}
	})
}

func TestSeedLeavesADatabaseWithUsersAlone(t *testing.T) {
	db := testdb.SQLite(t)
	if err := models.CreateUser(db, &models.User{Email: "a@example.com", PasswordHash: "x", Active: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(context.Background(), db, Options{}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("err %v, want ErrNotEmpty", err)
	}
	if n := count(t, db, "customers", ""); n != 0 {
		t.Errorf("%d customers stored", n)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	a, b := generate(Options{Seed: 7, Now: now}), generate(Options{Seed: 7, Now: now})
	for i := range a.products {
		if a.products[i].SKU != b.products[i].SKU || a.products[i].Name != b.products[i].Name || a.products[i].ListPrice != b.products[i].ListPrice {
			t.Fatalf("product %d differs: %+v vs %+v", i, a.products[i], b.products[i])
		}
	}
	for i := range a.accounts {
		if a.accounts[i].m.Name != b.accounts[i].m.Name || a.accounts[i].m.TaxID != b.accounts[i].m.TaxID {
			t.Fatalf("customer %d differs: %q vs %q", i, a.accounts[i].m.Name, b.accounts[i].m.Name)
		}
	}
	if len(a.rules) != len(b.rules) || len(a.refs) != len(b.refs) {
		t.Fatalf("rules %d/%d, refs %d/%d", len(a.rules), len(b.rules), len(a.refs), len(b.refs))
	}
}

func TestCheckDigits(t *testing.T) {
	for _, s := range []string{"4006381333931", "5901234123457", "0012345678905"} {
		if !ValidEAN13(s) {
			t.Errorf("%s should be valid", s)
		}
	}
	for _, s := range []string{"4006381333932", "400638133393", "40063813339a1"} {
		if ValidEAN13(s) {
			t.Errorf("%s should be invalid", s)
		}
	}
	if got := germanVATCheck("14345421"); got != 4 { // from a published VAT id, DE143454214
		t.Errorf("German VAT check digit %d, want 4", got)
	}
	if got := frenchVATKey("404833048"); got != 83 { // from a published VAT id, FR83404833048
		t.Errorf("French VAT key %d, want 83", got)
	}
}

var nonAlnum = regexp.MustCompile(`[^A-Z0-9]`)

// normalVAT reads a VAT number however it was typed: case, spaces, dots and dashes, a
// missing country prefix and the Swiss "MWST" suffix do not matter.
func normalVAT(country, vat string) string {
	s := nonAlnum.ReplaceAllString(strings.ToUpper(vat), "")
	s = strings.TrimSuffix(s, "MWST")
	if s != "" && s[0] >= '0' && s[0] <= '9' && country != "US" {
		s = country + s
	}
	return s
}

// checkDuplicateCustomers finds accounts that share a VAT number once it is normalised,
// leaving out branches, which share their head office's number by right.
func checkDuplicateCustomers(t *testing.T, db *gorm.DB) {
	t.Helper()
	var cs []models.Customer
	if err := db.Select("id, name, tax_id, country, parent_id, email").Where("tax_id <> '' AND parent_id IS NULL").Find(&cs).Error; err != nil {
		t.Fatal(err)
	}
	byVAT := map[string][]models.Customer{}
	for _, c := range cs {
		k := normalVAT(c.Country, c.TaxID)
		byVAT[k] = append(byVAT[k], c)
	}
	pairs, reformatted, renamed := 0, 0, 0
	for _, group := range byVAT {
		if len(group) < 2 {
			continue
		}
		pairs++
		if group[0].TaxID != group[1].TaxID {
			reformatted++
		}
		if group[0].Name != group[1].Name {
			renamed++
		}
	}
	if pairs < 60 || reformatted < 15 || renamed < 30 {
		t.Errorf("accounts sharing a normalised VAT id: %d pairs, %d written differently, %d named differently", pairs, reformatted, renamed)
	}
	// Differently named accounts with one email domain: the near-duplicates that kept the
	// original's domain. Branches share it by right and are left out.
	var all []models.Customer
	if err := db.Select("id, name, email").Where("email <> '' AND parent_id IS NULL").Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	names := map[string]map[string]bool{}
	for _, c := range all {
		_, domain, _ := strings.Cut(c.Email, "@")
		if names[domain] == nil {
			names[domain] = map[string]bool{}
		}
		names[domain][c.Name] = true
	}
	sameDomain := 0
	for _, ns := range names {
		if len(ns) > 1 {
			sameDomain++
		}
	}
	if sameDomain < 80 {
		t.Errorf("%d email domains are used by differently named accounts, want at least 80", sameDomain)
	}
}

func count(t *testing.T, db *gorm.DB, table, where string, args ...any) int {
	t.Helper()
	q := db.Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		t.Fatalf("count %s where %s: %v", table, where, err)
	}
	return int(n)
}

func atLeast(t *testing.T, db *gorm.DB, table, where string, want int, what string, args ...any) {
	t.Helper()
	if n := count(t, db, table, where, args...); n < want {
		t.Errorf("%d %s, want at least %d", n, what, want)
	}
}
