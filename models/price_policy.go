package models

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// PricingPolicy is the guard rail every price change passes, as admins set it at
// /admin/pricing (rules.PricingPolicy is the same type; rules decides with it).
// Percentages are basis points (1500 = 15 %), so no boundary depends on a float.
type PricingPolicy struct {
	// MarginFloorBP is the lowest margin, (price − cost) / price, a price may have.
	MarginFloorBP int `gorm:"column:margin_floor_bp"`
	// AutoApproveMaxBP is the largest change a sync may apply without approval.
	AutoApproveMaxBP int `gorm:"column:auto_approve_max_bp"`
	// TwoApproversAboveBP: a change larger than this needs two approvers.
	TwoApproversAboveBP int `gorm:"column:two_approvers_above_bp"`
	// EffectiveWeekday is the weekday (0 Sunday … 6 Saturday) approved changes go live on,
	// the first after the day of approval; -1 applies them at once.
	EffectiveWeekday int
	// ExpiryDays is how long a proposal waits for a decision before it lapses; 0 never.
	ExpiryDays int
	Version    int
}

// pricingPolicyRow is the one stored row of the policy.
type pricingPolicyRow struct {
	ID int64
	PricingPolicy
	UpdatedAt time.Time
}

func (pricingPolicyRow) TableName() string { return "pricing_policies" }

// LoadPricingPolicy reads the policy; before an admin saved one, def (Version 0).
func LoadPricingPolicy(db *gorm.DB, def PricingPolicy) (PricingPolicy, error) {
	var row pricingPolicyRow
	err := db.Take(&row, 1).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		def.Version = 0
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("load pricing policy: %w", err)
	}
	return row.PricingPolicy, nil
}

// SavePricingPolicy stores the policy if nobody changed it since it was read (p.Version as
// read), audited in the same transaction.
func SavePricingPolicy(tx *gorm.DB, who Actor, before, p PricingPolicy) error {
	row := pricingPolicyRow{ID: 1, PricingPolicy: p, UpdatedAt: tx.NowFunc()}
	row.Version = p.Version + 1
	if p.Version == 0 {
		if err := tx.Create(&row).Error; err != nil {
			if isUniqueViolation(err) {
				return ErrStale
			}
			return fmt.Errorf("save pricing policy: %w", err)
		}
	} else {
		res := tx.Model(&pricingPolicyRow{}).Where("id = 1 AND version = ?", p.Version).Select("*").Omit("id").Updates(&row)
		if res.Error != nil {
			return fmt.Errorf("save pricing policy: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrStale
		}
	}
	return Audit(tx, who, Change{Action: "pricing_policy.update", ObjectType: "pricing_policy", ObjectID: int64(1), Before: before, After: row.PricingPolicy})
}

// PricingContext reads, in one query, what judging a product's price change needs: the
// policy (def before an admin saved one) and the product's cost and currency. Ingestion
// asks it for every changed price, so it costs one index probe, not two.
func PricingContext(db *gorm.DB, def PricingPolicy, productID int64) (PricingPolicy, Product, error) {
	var row struct {
		Cost     Money
		Currency string
		pricingPolicyRow
		PolicyID *int64
	}
	err := db.Table("products AS p").
		Select("p.cost, p.currency, pol.*, pol.id AS policy_id").
		Joins("LEFT JOIN pricing_policies pol ON pol.id = 1").
		Where("p.id = ?", productID).Take(&row).Error
	if err != nil {
		return def, Product{}, notFound(err)
	}
	prod := Product{ID: productID, Cost: row.Cost, Currency: row.Currency}
	if row.PolicyID == nil {
		def.Version = 0
		return def, prod, nil
	}
	return row.PricingPolicy, prod, nil
}
