package main

import (
	"encoding/csv"
	"strconv"

	"gorm.io/gorm"

	"steward/models"
)

// exportBatch rows are read at a time, in id order from the last id seen (keyset), so an
// export of any size holds one batch in memory and never rescans skipped rows.
const exportBatch = 1000

var productColumns = []string{
	"id", "sku", "name", "description", "category", "brand", "uom", "barcode",
	"weight_kg", "length_cm", "width_cm", "height_cm", "hs_code", "tax_class",
	"list_price", "cost", "currency", "lifecycle_status", "active",
}

var customerColumns = []string{
	"id", "name", "legal_name", "tax_id", "email", "phone", "website", "payment_terms",
	"credit_limit", "currency", "country", "price_list", "parent_id", "active",
	"billing_street", "billing_street2", "billing_city", "billing_postcode", "billing_state", "billing_country",
}

// eachBatch calls fn with successive batches of rows in id order until none are left.
func eachBatch[T any](tx *gorm.DB, key func(T) int64, fn func([]T) error) error {
	var after int64
	for {
		var batch []T
		if err := tx.Where("id > ?", after).Order("id").Limit(exportBatch).Find(&batch).Error; err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < exportBatch {
			return nil
		}
		after = key(batch[len(batch)-1])
	}
}

func exportProducts(tx *gorm.DB, w *csv.Writer) (int, error) {
	if err := w.Write(productColumns); err != nil {
		return 0, err
	}
	n := 0
	err := eachBatch(tx, func(p models.Product) int64 { return p.ID }, func(ps []models.Product) error {
		for _, p := range ps {
			row := []string{
				formatID(p.ID), p.SKU, p.Name, p.Description, p.Category, p.Brand, p.UoM, p.Barcode,
				optFloat(p.WeightKg), optFloat(p.LengthCm), optFloat(p.WidthCm), optFloat(p.HeightCm), p.HSCode, p.TaxClass,
				p.ListPrice.String(), p.Cost.String(), p.Currency, p.LifecycleStatus, strconv.FormatBool(p.Active),
			}
			if err := w.Write(row); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func exportCustomers(tx *gorm.DB, w *csv.Writer) (int, error) {
	var lists []models.PriceList
	if err := tx.Find(&lists).Error; err != nil {
		return 0, err
	}
	listName := make(map[int64]string, len(lists))
	for _, pl := range lists {
		listName[pl.ID] = pl.Name
	}
	if err := w.Write(customerColumns); err != nil {
		return 0, err
	}
	n := 0
	err := eachBatch(tx, func(c models.Customer) int64 { return c.ID }, func(cs []models.Customer) error {
		billing, err := billingAddresses(tx, cs)
		if err != nil {
			return err
		}
		for _, c := range cs {
			row := []string{
				formatID(c.ID), c.Name, c.LegalName, c.TaxID, c.Email, c.Phone, c.Website, c.PaymentTerms,
				c.CreditLimit.String(), c.Currency, c.Country, "", "", strconv.FormatBool(c.Active),
			}
			if c.PriceListID != nil {
				row[11] = listName[*c.PriceListID]
			}
			if c.ParentID != nil {
				row[12] = formatID(*c.ParentID)
			}
			a := billing[c.ID]
			row = append(row, a.Street, a.Street2, a.City, a.Postcode, a.State, a.Country)
			if err := w.Write(row); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// billingAddresses loads the first billing address of each customer in a batch with one
// query.
func billingAddresses(tx *gorm.DB, cs []models.Customer) (map[int64]models.Address, error) {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	var addrs []models.Address
	err := tx.Where("customer_id IN ? AND kind = ?", ids, models.AddressBilling).Order("customer_id, id").Find(&addrs).Error
	if err != nil {
		return nil, err
	}
	out := make(map[int64]models.Address, len(cs))
	for _, a := range addrs {
		if _, seen := out[a.CustomerID]; !seen {
			out[a.CustomerID] = a
		}
	}
	return out, nil
}

func formatID(n int64) string { return strconv.FormatInt(n, 10) }

// optFloat prints a measurement as short as it reads exactly, and nothing when unknown.
func optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
