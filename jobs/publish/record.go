package publish

import (
	"fmt"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules/channelmap"
)

// LoadRecord reads a golden record as it is now, as transforms see it.
func LoadRecord(db *gorm.DB, objectType string, id int64) (channelmap.Record, error) {
	switch objectType {
	case models.ObjectProduct:
		p, err := models.ProductByID(db, id)
		return channelmap.ProductRecord(p), err
	case models.ObjectCustomer:
		c, err := models.CustomerByID(db, id)
		return channelmap.CustomerRecord(c), err
	case models.ObjectPriceRule:
		var rows []struct {
			models.PriceRule
			SKU      string
			Currency string
		}
		err := db.Table("price_rules AS r").Select("r.*, p.sku AS sku, pl.currency AS currency").
			Joins("JOIN products p ON p.id = r.product_id").Joins("JOIN price_lists pl ON pl.id = r.price_list_id").
			Where("r.id = ?", id).Scan(&rows).Error
		if err != nil {
			return channelmap.Record{}, err
		}
		if len(rows) == 0 {
			return channelmap.Record{}, models.ErrNotFound
		}
		return channelmap.PriceRecord(rows[0].PriceRule, rows[0].SKU, rows[0].Currency), nil
	case models.ObjectInventory:
		var rows []struct {
			models.InventoryLevel
			SKU      string
			Location string
		}
		err := db.Table("inventory_levels AS l").Select("l.*, p.sku AS sku, loc.code AS location").
			Joins("JOIN products p ON p.id = l.product_id").Joins("JOIN locations loc ON loc.id = l.location_id").
			Where("l.id = ?", id).Scan(&rows).Error
		if err != nil {
			return channelmap.Record{}, err
		}
		if len(rows) == 0 {
			return channelmap.Record{}, models.ErrNotFound
		}
		return channelmap.StockRecord(rows[0].InventoryLevel, rows[0].SKU, rows[0].Location), nil
	}
	return channelmap.Record{}, fmt.Errorf("Steward does not publish %s records", objectType)
}

// RenderFor renders a record for a channel with the mapping admins stored for its object type.
func RenderFor(db *gorm.DB, ch models.Channel, rec channelmap.Record) ([]byte, error) {
	maps, err := models.ChannelMappingsFor(db, ch.ID)
	if err != nil {
		return nil, err
	}
	m, err := channelmap.ParseMapping(maps[rec.Object].Mapping)
	if err != nil {
		return nil, err
	}
	return channelmap.Render(ch.Kind, ch.Public, rec, m)
}
