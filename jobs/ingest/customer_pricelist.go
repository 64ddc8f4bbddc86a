package ingest

import (
	"fmt"

	"gorm.io/gorm"

	"steward/models"
)

// withPriceList is the incoming customer with the price list it buys from resolved from the
// source's id for it. A source that names none, or a price list Steward has not pulled yet,
// leaves the golden customer's price list as it is: the rest of the record still applies,
// and the next pull after the price lists links it.
func withPriceList(db *gorm.DB, channelID int64, c Change, golden models.Customer, resolve func(object, ref string) (int64, error)) (*models.Customer, error) {
	in := *c.Customer
	in.PriceListID = golden.PriceListID
	if c.PriceListRef == "" {
		return &in, nil
	}
	if resolve == nil {
		resolve = func(object, ref string) (int64, error) { return linked(db, channelID, object, ref) }
	}
	id, err := resolve(ObjectPriceList, c.PriceListRef)
	if err != nil {
		return nil, fmt.Errorf("price list %s: %w", c.PriceListRef, err)
	}
	if id != 0 {
		in.PriceListID = &id
	}
	return &in, nil
}

// namePriceLists writes the price list's name where a diff would show its id: stewards
// read the audit trail, not the database.
func namePriceLists(db *gorm.DB, maps ...map[string]any) error {
	for _, m := range maps {
		id, _ := m["price_list"].(*int64)
		if id == nil {
			continue
		}
		var pl models.PriceList
		if err := db.Select("name").Take(&pl, *id).Error; err != nil {
			return fmt.Errorf("price list %d: %w", *id, err)
		}
		m["price_list"] = pl.Name
	}
	return nil
}
