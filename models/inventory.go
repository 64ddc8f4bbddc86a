package models

import (
	"time"

	"gorm.io/gorm"
)

// Location is a warehouse or stock location.
type Location struct {
	ID        int64
	Code      string
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// InventoryLevel is the stock of one product at one location.
type InventoryLevel struct {
	ID         int64
	ProductID  int64
	LocationID int64
	OnHand     float64
	Reserved   float64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// InventoryView is a level with its location's names.
type InventoryView struct {
	InventoryLevel
	LocationCode string
	LocationName string
}

// Available is what can still be promised.
func (v InventoryView) Available() float64 { return v.OnHand - v.Reserved }

// InventoryFor lists a product's stock per location.
func InventoryFor(db *gorm.DB, productID int64) ([]InventoryView, error) {
	var out []InventoryView
	err := db.Table("inventory_levels AS i").
		Select("i.*, l.code AS location_code, l.name AS location_name").
		Joins("JOIN locations l ON l.id = i.location_id").
		Where("i.product_id = ?", productID).Order("l.code").Scan(&out).Error
	return out, err
}
