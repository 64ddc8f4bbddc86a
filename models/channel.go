package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Channel kinds Steward knows how to talk to.
const (
	ChannelOdoo        = "odoo"
	ChannelShopify     = "shopify"
	ChannelWooCommerce = "woocommerce"
	ChannelEDI         = "edi"
	ChannelWebhook     = "webhook"
	ChannelPortal      = "portal"
	ChannelCSV         = "csv"
)

// Channel directions.
const (
	DirectionSource      = "source"
	DirectionDestination = "destination"
	DirectionBoth        = "both"
)

// Channel is a system Steward exchanges data with. Public channels (storefronts) must
// never receive customer-specific data.
type Channel struct {
	ID        int64
	Name      string
	Kind      string
	Direction string
	BaseURL   string `gorm:"column:base_url"`
	Public    bool
	Settings  string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// CreateChannel stores a new channel; a name in use is ErrDuplicate.
func CreateChannel(db *gorm.DB, c *Channel) error {
	c.Version = 1
	if c.Settings == "" {
		c.Settings = "{}"
	}
	if err := db.Create(c).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("channel %s: %w", c.Name, ErrDuplicate)
		}
		return fmt.Errorf("create channel %s: %w", c.Name, err)
	}
	return nil
}

// ListChannels returns every channel by name.
func ListChannels(db *gorm.DB) ([]Channel, error) {
	var cs []Channel
	return cs, db.Order("name").Find(&cs).Error
}

// ActiveChannelsOfKind lists the switched-on channels of a kind (all Odoo instances, say).
func ActiveChannelsOfKind(db *gorm.DB, kind string) ([]Channel, error) {
	var cs []Channel
	return cs, db.Where("kind = ? AND active = ?", kind, true).Order("id").Find(&cs).Error
}

// ExternalRef links a golden record to the id a channel uses for it.
type ExternalRef struct {
	ID         int64
	ChannelID  int64
	ObjectType string
	ExternalID string
	GoldenID   int64
	CreatedAt  time.Time
}

// Object types named in external references and audit events.
const (
	ObjectProduct   = "product"
	ObjectCustomer  = "customer"
	ObjectPriceRule = "price_rule"
	ObjectInventory = "inventory"
	ObjectUser      = "user"
	ObjectRole      = "role"
	ObjectChannel   = "channel"
)

// CreateExternalRef links a golden record to a channel's id; either side already linked is
// ErrDuplicate.
func CreateExternalRef(db *gorm.DB, r *ExternalRef) error {
	if err := db.Create(r).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("external reference %s %s: %w", r.ObjectType, r.ExternalID, ErrDuplicate)
		}
		return err
	}
	return nil
}

// ExternalRefView is a reference with its channel's name.
type ExternalRefView struct {
	ExternalRef
	ChannelName string
	ChannelKind string
}

// ExternalRefsFor lists the references of one golden record.
func ExternalRefsFor(db *gorm.DB, objectType string, goldenID int64) ([]ExternalRefView, error) {
	var out []ExternalRefView
	err := db.Table("external_refs AS r").
		Select("r.*, c.name AS channel_name, c.kind AS channel_kind").
		Joins("JOIN channels c ON c.id = r.channel_id").
		Where("r.object_type = ? AND r.golden_id = ?", objectType, goldenID).
		Order("c.name").Scan(&out).Error
	return out, err
}
