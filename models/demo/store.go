package demo

import (
	"fmt"

	"gorm.io/gorm"

	"steward/models"
)

// store inserts the data set in batches, parents before the rows that point to them, and
// resolves the indexes between records into the ids the inserts return.
func store(tx *gorm.DB, ds *dataset) error {
	for _, step := range []struct {
		what string
		fn   func() error
	}{
		{"channels", func() error { return create(tx, ds.channels) }},
		{"price lists", func() error { return create(tx, ds.priceLists) }},
		{"locations", func() error { return create(tx, ds.locations) }},
		{"products", func() error { return create(tx, ds.products) }},
		{"customers", func() error { return storeCustomers(tx, ds) }},
		{"addresses", func() error { return storeAddresses(tx, ds.accounts) }},
		{"contacts", func() error { return storeContacts(tx, ds.accounts) }},
		{"price rules", func() error { return storeRules(tx, ds) }},
		{"inventory", func() error { return storeStock(tx, ds) }},
		{"external references", func() error { return storeRefs(tx, ds) }},
	} {
		if err := step.fn(); err != nil {
			return fmt.Errorf("store demo %s: %w", step.what, err)
		}
	}
	return nil
}

// create inserts rows in batches; the ids land in the rows themselves.
func create[T any](tx *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return tx.Create(&rows).Error
}

// storeCustomers inserts head offices and single accounts first, so branches can name
// their parent's id.
func storeCustomers(tx *gorm.DB, ds *dataset) error {
	for _, branches := range []bool{false, true} {
		var rows []models.Customer
		var from []*account
		for _, a := range ds.accounts {
			if (a.parent >= 0) != branches {
				continue
			}
			if a.priceList >= 0 {
				a.m.PriceListID = ptr(ds.priceLists[a.priceList].ID)
			}
			if a.parent >= 0 {
				a.m.ParentID = ptr(ds.accounts[a.parent].m.ID)
			}
			rows = append(rows, a.m)
			from = append(from, a)
		}
		if err := create(tx, rows); err != nil {
			return err
		}
		for i, a := range from {
			a.m = rows[i]
		}
	}
	return nil
}

// storeAddresses inserts billing and delivery addresses first, so ship-to addresses can
// name the delivery address they belong to.
func storeAddresses(tx *gorm.DB, accounts []*account) error {
	for _, shipTo := range []bool{false, true} {
		var rows []models.Address
		var from []*address
		for _, a := range accounts {
			for j := range a.addrs {
				ad := &a.addrs[j]
				if (ad.parent >= 0) != shipTo {
					continue
				}
				ad.m.CustomerID = a.m.ID
				if ad.parent >= 0 {
					ad.m.ParentID = ptr(a.addrs[ad.parent].m.ID)
				}
				rows = append(rows, ad.m)
				from = append(from, ad)
			}
		}
		if err := create(tx, rows); err != nil {
			return err
		}
		for i, ad := range from {
			ad.m = rows[i]
		}
	}
	return nil
}

func storeContacts(tx *gorm.DB, accounts []*account) error {
	var rows []models.Contact
	for _, a := range accounts {
		for _, c := range a.contacts {
			c.CustomerID = a.m.ID
			rows = append(rows, c)
		}
	}
	return create(tx, rows)
}

func storeRules(tx *gorm.DB, ds *dataset) error {
	rows := make([]models.PriceRule, len(ds.rules))
	for i, r := range ds.rules {
		rows[i] = r.m
		rows[i].PriceListID = ds.priceLists[r.list].ID
		rows[i].ProductID = ds.products[r.product].ID
		if r.customer >= 0 {
			rows[i].CustomerID = ptr(ds.accounts[r.customer].m.ID)
		}
	}
	return create(tx, rows)
}

func storeStock(tx *gorm.DB, ds *dataset) error {
	rows := make([]models.InventoryLevel, len(ds.stock))
	for i, s := range ds.stock {
		rows[i] = s.m
		rows[i].ProductID = ds.products[s.product].ID
		rows[i].LocationID = ds.locations[s.location].ID
	}
	return create(tx, rows)
}

func storeRefs(tx *gorm.DB, ds *dataset) error {
	rows := make([]models.ExternalRef, len(ds.refs))
	for i, r := range ds.refs {
		rows[i] = r.m
		rows[i].ChannelID = ds.channels[r.channel].ID
		if r.m.ObjectType == models.ObjectCustomer {
			rows[i].GoldenID = ds.accounts[r.golden].m.ID
		} else {
			rows[i].GoldenID = ds.products[r.golden].ID
		}
	}
	return create(tx, rows)
}
