package models

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ObjectOwnershipRule names ownership rules in audit events.
const ObjectOwnershipRule = "ownership_rule"

// OwnershipRule says which system is authoritative for an attribute of a domain ("*" for
// every attribute), and what happens when another source changes it. The rules package
// decides with these; this is only how they are stored.
type OwnershipRule struct {
	ID        int64     `json:"id"`
	Domain    string    `json:"domain"`
	Attribute string    `json:"attribute"`
	Owner     string    `json:"owner"`  // a channel kind, "steward", or "" for nobody
	Policy    string    `json:"policy"` // reject, hold or accept a change from another source
	CreatedAt time.Time `json:"-"`
	UpdatedAt time.Time `json:"-"`
	Version   int       `json:"version"`
}

// ListOwnershipRules returns every rule by domain, the "*" rule of each domain first.
func ListOwnershipRules(db *gorm.DB) ([]OwnershipRule, error) {
	var rs []OwnershipRule
	err := db.Order("domain, CASE WHEN attribute = '*' THEN 0 ELSE 1 END, attribute").Find(&rs).Error
	return rs, err
}

// OwnershipRuleByID finds a rule.
func OwnershipRuleByID(db *gorm.DB, id int64) (OwnershipRule, error) {
	var r OwnershipRule
	return r, notFound(db.Take(&r, id).Error)
}

// CreateOwnershipRule stores a new rule; a rule for the same domain and attribute is
// ErrDuplicate.
func CreateOwnershipRule(db *gorm.DB, r *OwnershipRule) error {
	r.Version = 1
	if err := db.Create(r).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("ownership rule %s.%s: %w", r.Domain, r.Attribute, ErrDuplicate)
		}
		return fmt.Errorf("create ownership rule %s.%s: %w", r.Domain, r.Attribute, err)
	}
	return nil
}

// SaveOwnershipRule writes a rule if nobody changed it since it was read (ErrStale
// otherwise).
func SaveOwnershipRule(db *gorm.DB, r *OwnershipRule) error {
	res := db.Model(&OwnershipRule{}).Where("id = ? AND version = ?", r.ID, r.Version).Updates(map[string]any{
		"domain": r.Domain, "attribute": r.Attribute, "owner": r.Owner, "policy": r.Policy,
		"version": r.Version + 1, "updated_at": db.NowFunc(),
	})
	if res.Error != nil {
		if isUniqueViolation(res.Error) {
			return fmt.Errorf("ownership rule %s.%s: %w", r.Domain, r.Attribute, ErrDuplicate)
		}
		return fmt.Errorf("save ownership rule %d: %w", r.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	r.Version++
	return nil
}

// DeleteOwnershipRule removes a rule at the version the caller saw (ErrStale otherwise).
func DeleteOwnershipRule(db *gorm.DB, id int64, version int) error {
	res := db.Where("id = ? AND version = ?", id, version).Delete(&OwnershipRule{})
	if res.Error != nil {
		return fmt.Errorf("delete ownership rule %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// SeedOwnershipRules stores the defaults when there are no rules at all, and tells whether
// it did. The caller passes the defaults (rules.DefaultOwnership) because models does not
// know the business.
func SeedOwnershipRules(db *gorm.DB, defaults []OwnershipRule) (bool, error) {
	var n int64
	if err := db.Model(&OwnershipRule{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count ownership rules: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	err := db.Transaction(func(tx *gorm.DB) error {
		stored := make([]OwnershipRule, 0, len(defaults))
		for _, r := range defaults {
			r.ID = 0
			if err := CreateOwnershipRule(tx, &r); err != nil {
				return err
			}
			stored = append(stored, r)
		}
		return Audit(tx, SystemActor("steward"), Change{
			Action: "ownership.seed", ObjectType: ObjectOwnershipRule, After: stored,
			Reason: "no ownership rules were stored; the defaults apply",
		})
	})
	if err != nil {
		if errors.Is(err, ErrDuplicate) { // another instance seeded first: fine
			return false, nil
		}
		return false, fmt.Errorf("store default ownership rules: %w", err)
	}
	return true, nil
}
