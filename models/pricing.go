package models

import (
	"time"

	"gorm.io/gorm"
)

// PriceList is a named set of price rules in one currency.
type PriceList struct {
	ID        int64
	Name      string
	Currency  string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// PriceRule is a price for a product on a price list, optionally for one customer, from a
// minimum quantity, within validity dates.
type PriceRule struct {
	ID          int64
	PriceListID int64
	ProductID   int64
	CustomerID  *int64
	MinQuantity float64
	Price       Money
	ValidFrom   *time.Time
	ValidTo     *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int
}

// ListPriceLists returns every price list by name.
func ListPriceLists(db *gorm.DB) ([]PriceList, error) {
	var pls []PriceList
	return pls, db.Order("name").Find(&pls).Error
}

// PriceRuleView is a rule with the names a person needs to read it.
type PriceRuleView struct {
	PriceRule
	PriceListName string
	Currency      string
	ProductSKU    string
	ProductName   string
	CustomerName  string
}

// PriceRulesFor lists the rules of a product or of a customer (one of the ids set).
func PriceRulesFor(db *gorm.DB, productID, customerID int64) ([]PriceRuleView, error) {
	q := db.Table("price_rules AS r").
		Select("r.*, pl.name AS price_list_name, pl.currency AS currency, p.sku AS product_sku, p.name AS product_name, COALESCE(c.name, '') AS customer_name").
		Joins("JOIN price_lists pl ON pl.id = r.price_list_id").
		Joins("JOIN products p ON p.id = r.product_id").
		Joins("LEFT JOIN customers c ON c.id = r.customer_id")
	if productID != 0 {
		q = q.Where("r.product_id = ?", productID)
	}
	if customerID != 0 {
		q = q.Where("r.customer_id = ?", customerID)
	}
	var out []PriceRuleView
	return out, q.Order("pl.name, r.customer_id, r.min_quantity, r.id").Limit(500).Scan(&out).Error
}
