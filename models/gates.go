package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ObjectGate names validation gates in audit events.
const ObjectGate = "validation_gate"

// Gate is a validation rule as an admin configured it: a check on one field (required,
// format, allowed values, range) or an expression over several, for one domain and
// optionally one channel kind. The rules package compiles and applies it.
type Gate struct {
	ID         int64     `json:"id"`
	Domain     string    `json:"domain"`
	Channel    string    `json:"channel,omitempty"` // a channel kind; "" applies to every record
	Kind       string    `json:"kind"`
	Field      string    `json:"field,omitempty"`
	Format     string    `json:"format,omitempty"`
	Allowed    []string  `gorm:"serializer:json" json:"allowed,omitempty"`
	Min        *float64  `gorm:"column:min_value" json:"min,omitempty"`
	Max        *float64  `gorm:"column:max_value" json:"max,omitempty"`
	Expression string    `json:"expression,omitempty"`
	Severity   string    `json:"severity"`
	Message    string    `json:"message,omitempty"` // replaces the generated message when set
	CreatedAt  time.Time `json:"-"`
	UpdatedAt  time.Time `json:"-"`
	Version    int       `json:"version"`
}

// TableName keeps the table's name specific: "gates" alone would say nothing in SQL.
func (Gate) TableName() string { return "validation_gates" }

// ListGates returns the gates of a domain ("" for all) by domain, channel and id.
func ListGates(db *gorm.DB, domain string) ([]Gate, error) {
	q := db.Order("domain, channel, id")
	if domain != "" {
		q = q.Where("domain = ?", domain)
	}
	var gs []Gate
	return gs, q.Find(&gs).Error
}

// GateByID finds a gate.
func GateByID(db *gorm.DB, id int64) (Gate, error) {
	var g Gate
	return g, notFound(db.Take(&g, id).Error)
}

// CreateGate stores a new gate.
func CreateGate(db *gorm.DB, g *Gate) error {
	g.Version = 1
	if g.Allowed == nil {
		g.Allowed = []string{}
	}
	if err := db.Create(g).Error; err != nil {
		return fmt.Errorf("create %s gate on %s.%s: %w", g.Kind, g.Domain, g.Field, err)
	}
	return nil
}

// SaveGate writes a gate if nobody changed it since it was read (ErrStale otherwise).
func SaveGate(db *gorm.DB, g *Gate) error {
	if g.Allowed == nil {
		g.Allowed = []string{}
	}
	res := db.Model(&Gate{}).Where("id = ? AND version = ?", g.ID, g.Version).
		Select("domain", "channel", "kind", "field", "format", "allowed", "min_value", "max_value",
			"expression", "severity", "message", "version", "updated_at").
		Updates(&Gate{
			Domain: g.Domain, Channel: g.Channel, Kind: g.Kind, Field: g.Field, Format: g.Format,
			Allowed: g.Allowed, Min: g.Min, Max: g.Max, Expression: g.Expression,
			Severity: g.Severity, Message: g.Message, Version: g.Version + 1, UpdatedAt: db.NowFunc(),
		})
	if res.Error != nil {
		return fmt.Errorf("save gate %d: %w", g.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	g.Version++
	return nil
}

// DeleteGate removes a gate at the version the caller saw (ErrStale otherwise).
func DeleteGate(db *gorm.DB, id int64, version int) error {
	res := db.Where("id = ? AND version = ?", id, version).Delete(&Gate{})
	if res.Error != nil {
		return fmt.Errorf("delete gate %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}
