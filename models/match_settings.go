package models

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Matching domains, as the matching engine names them.
const (
	MatchCustomer = "customer"
	MatchProduct  = "product"
)

// MatchDomains are the domains that have matching settings, in the order pages show them.
var MatchDomains = []string{MatchCustomer, MatchProduct}

// LoadMatchSettings returns a domain's stored settings, or def (the engine's defaults,
// Version 0) when an admin has not saved any.
func LoadMatchSettings(db *gorm.DB, domain string, def MatchSettings) (MatchSettings, error) {
	var s MatchSettings
	err := notFound(db.Where("domain = ?", domain).Take(&s).Error)
	if errors.Is(err, ErrNotFound) {
		def.Domain, def.Version = domain, 0
		return def, nil
	}
	return s, err
}

// ListMatchSettings returns the stored settings of every domain.
func ListMatchSettings(db *gorm.DB) ([]MatchSettings, error) {
	var out []MatchSettings
	return out, db.Order("domain").Find(&out).Error
}

// SaveMatchSettings stores a domain's settings if nobody saved them since they were read
// (Version as read; 0 for the first save) and audits the change against before.
func SaveMatchSettings(tx *gorm.DB, who Actor, s *MatchSettings, before MatchSettings) error {
	s.UpdatedBy, s.UpdatedAt = who.Name, tx.NowFunc()
	if s.Version == 0 {
		s.Version = 1
		if err := tx.Create(s).Error; err != nil {
			if isUniqueViolation(err) {
				return ErrStale
			}
			return fmt.Errorf("save matching settings of %s: %w", s.Domain, err)
		}
	} else {
		res := tx.Model(&MatchSettings{}).Where("domain = ? AND version = ?", s.Domain, s.Version).Updates(map[string]any{
			"match_threshold": s.MatchThreshold, "review_threshold": s.ReviewThreshold, "auto_merge": s.AutoMerge,
			"scan_cron": s.ScanCron, "updated_by": s.UpdatedBy, "updated_at": s.UpdatedAt, "version": s.Version + 1,
		})
		if res.Error != nil {
			return fmt.Errorf("save matching settings of %s: %w", s.Domain, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrStale
		}
		s.Version++
	}
	type view struct {
		MatchThreshold  float64 `json:"match_threshold"`
		ReviewThreshold float64 `json:"review_threshold"`
		AutoMerge       bool    `json:"auto_merge"`
		ScanCron        string  `json:"scan_cron"`
	}
	return Audit(tx, who, Change{
		Action: "matching.settings", ObjectType: "match_settings", ObjectID: s.Domain,
		Before: view{before.MatchThreshold, before.ReviewThreshold, before.AutoMerge, before.ScanCron},
		After:  view{s.MatchThreshold, s.ReviewThreshold, s.AutoMerge, s.ScanCron},
	})
}

// MatchSettingsChangedSince tells whether an admin changed any domain's settings after t,
// so every instance picks up a new scan schedule.
func MatchSettingsChangedSince(db *gorm.DB, t time.Time) (bool, error) {
	var n int64
	err := db.Model(&MatchSettings{}).Where("updated_at > ?", t).Count(&n).Error
	return n > 0, err
}

// TableName keeps GORM's plural away from the settings table.
func (MatchSettings) TableName() string { return "match_settings" }
