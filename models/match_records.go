package models

import (
	"fmt"

	"gorm.io/gorm"
)

// customerMatchColumns are the columns the matching engine reads of a customer account.
const customerMatchColumns = "id, name, legal_name, tax_id, email, phone, country, active"

// productMatchColumns are the columns the matching engine reads of a product.
const productMatchColumns = "id, sku, name, description, brand, category, uom, barcode, list_price, active"

// MatchCustomers loads the active customer accounts with ids (all of them when ids is nil)
// and the address each is matched by: its billing address, or else its first one.
func MatchCustomers(db *gorm.DB, ids []int64) ([]Customer, map[int64]Address, error) {
	var out []Customer
	load := func(q *gorm.DB) error {
		var page []Customer
		if err := q.Select(customerMatchColumns).Where("active = ?", true).Order("id").Find(&page).Error; err != nil {
			return fmt.Errorf("load customers to match: %w", err)
		}
		out = append(out, page...)
		return nil
	}
	if ids == nil {
		// Keyset pages keep memory and statement size flat on a large table.
		var after int64
		for {
			n := len(out)
			if err := load(db.Where("id > ?", after).Limit(5000)); err != nil {
				return nil, nil, err
			}
			if len(out) == n {
				break
			}
			after = out[len(out)-1].ID
		}
	} else {
		for start := 0; start < len(ids); start += 500 {
			if err := load(db.Where("id IN ?", ids[start:min(start+500, len(ids))])); err != nil {
				return nil, nil, err
			}
		}
	}
	addrs, err := matchAddresses(db, out, ids == nil)
	return out, addrs, err
}

func matchAddresses(db *gorm.DB, cs []Customer, all bool) (map[int64]Address, error) {
	addrs := map[int64]Address{}
	keep := func(rows []Address) {
		for _, a := range rows {
			cur, ok := addrs[a.CustomerID]
			if !ok || (cur.Kind != AddressBilling && a.Kind == AddressBilling) {
				addrs[a.CustomerID] = a
			}
		}
	}
	const cols = "id, customer_id, kind, street, street2, city, postcode, state, country"
	if all {
		var after int64
		for {
			var rows []Address
			if err := db.Select(cols).Where("id > ?", after).Order("id").Limit(10000).Find(&rows).Error; err != nil {
				return nil, fmt.Errorf("load addresses to match: %w", err)
			}
			if len(rows) == 0 {
				return addrs, nil
			}
			keep(rows)
			after = rows[len(rows)-1].ID
		}
	}
	for start := 0; start < len(cs); start += 500 {
		ids := make([]int64, 0, 500)
		for _, c := range cs[start:min(start+500, len(cs))] {
			ids = append(ids, c.ID)
		}
		var rows []Address
		if err := db.Select(cols).Where("customer_id IN ?", ids).Order("id").Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("load addresses to match: %w", err)
		}
		keep(rows)
	}
	return addrs, nil
}

// MatchProducts loads the active products with ids (all of them when ids is nil).
func MatchProducts(db *gorm.DB, ids []int64) ([]Product, error) {
	var out []Product
	if ids == nil {
		var after int64
		for {
			var page []Product
			if err := db.Select(productMatchColumns).Where("active = ? AND id > ?", true, after).Order("id").Limit(5000).Find(&page).Error; err != nil {
				return nil, fmt.Errorf("load products to match: %w", err)
			}
			if len(page) == 0 {
				return out, nil
			}
			out = append(out, page...)
			after = page[len(page)-1].ID
		}
	}
	for start := 0; start < len(ids); start += 500 {
		var page []Product
		if err := db.Select(productMatchColumns).Where("active = ? AND id IN ?", true, ids[start:min(start+500, len(ids))]).Order("id").Find(&page).Error; err != nil {
			return nil, fmt.Errorf("load products to match: %w", err)
		}
		out = append(out, page...)
	}
	return out, nil
}

// MatchSample returns the ids of up to limit active records of a domain (the oldest) and how
// many active records it has, for a threshold preview that must answer while the admin waits.
func MatchSample(db *gorm.DB, domain string, limit int) ([]int64, int64, error) {
	table := "customers"
	if domain == MatchProduct {
		table = "products"
	}
	var total int64
	if err := db.Table(table).Where("active = ?", true).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var ids []int64
	err := db.Table(table).Where("active = ?", true).Order("id").Limit(limit).Pluck("id", &ids).Error
	return ids, total, err
}
