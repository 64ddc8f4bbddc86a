package models

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// SurvivorshipRule is an admin's choice of how one attribute's merged value is chosen
// (rules.Survive); a field without one takes its domain's default.
type SurvivorshipRule struct {
	Domain     string `gorm:"primaryKey"`
	Field      string `gorm:"primaryKey"`
	Strategy   string
	Sources    string // channel names, most trusted first, comma-separated
	FixedValue string
	UpdatedBy  string
	UpdatedAt  time.Time
	Version    int
}

// SourceList is the trusted channels in order, without blanks.
func (r SurvivorshipRule) SourceList() []string {
	var out []string
	for _, s := range strings.Split(r.Sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SurvivorshipRules lists the rules admins saved for a domain.
func SurvivorshipRules(db *gorm.DB, domain string) ([]SurvivorshipRule, error) {
	var out []SurvivorshipRule
	err := db.Where("domain = ?", domain).Order("field").Find(&out).Error
	return out, err
}

// SaveSurvivorshipRules replaces a domain's rules with rs and audits what changed, in
// the caller's transaction.
func SaveSurvivorshipRules(tx *gorm.DB, who Actor, domain string, rs []SurvivorshipRule) error {
	before, err := SurvivorshipRules(tx, domain)
	if err != nil {
		return err
	}
	if err := tx.Where("domain = ?", domain).Delete(&SurvivorshipRule{}).Error; err != nil {
		return fmt.Errorf("clear survivorship rules of %s: %w", domain, err)
	}
	now := tx.NowFunc()
	for i := range rs {
		rs[i].Domain, rs[i].UpdatedBy, rs[i].UpdatedAt = domain, who.Name, now
		rs[i].Version = 1
		for _, b := range before {
			if b.Field == rs[i].Field {
				rs[i].Version = b.Version + 1
			}
		}
	}
	if len(rs) > 0 {
		if err := tx.Create(&rs).Error; err != nil {
			return fmt.Errorf("save survivorship rules of %s: %w", domain, err)
		}
	}
	return Audit(tx, who, Change{Action: "survivorship.update", ObjectType: "survivorship", ObjectID: domain, Before: before, After: rs})
}
