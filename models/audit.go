package models

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// AuditEvent is one entry of the append-only audit trail.
type AuditEvent struct {
	ID         int64
	At         time.Time
	ActorID    *int64
	Actor      string
	Action     string
	ObjectType string
	ObjectID   string
	Before     string
	After      string
	Reason     string
	RequestID  string
}

// Actor is who did something: a person, or a named system process.
type Actor struct {
	ID        int64 // 0 for the system
	Name      string
	RequestID string
}

// SystemActor is the actor for changes made by the command line or background jobs.
func SystemActor(name string) Actor { return Actor{Name: name} }

// Change describes one audited change; Before and After are marshalled to JSON.
type Change struct {
	Action     string
	ObjectType string
	ObjectID   any
	Before     any
	After      any
	Reason     string
}

// Audit appends an event. Call it with the transaction that makes the change, so the change
// and its audit event commit or roll back together.
func Audit(tx *gorm.DB, who Actor, c Change) error {
	ev, err := NewAuditEvent(tx.NowFunc(), who, c)
	if err != nil {
		return err
	}
	if err := tx.Create(&ev).Error; err != nil {
		return fmt.Errorf("write audit event %s: %w", c.Action, err)
	}
	return nil
}

// NewAuditEvent builds the event for a change without storing it, for callers that store
// many in one statement (ingestion of a page); they must store it in the change's
// transaction all the same.
func NewAuditEvent(at time.Time, who Actor, c Change) (AuditEvent, error) {
	ev := AuditEvent{
		At:         at,
		Actor:      who.Name,
		Action:     c.Action,
		ObjectType: c.ObjectType,
		ObjectID:   idString(c.ObjectID),
		Reason:     c.Reason,
		RequestID:  who.RequestID,
	}
	if who.ID != 0 {
		id := who.ID
		ev.ActorID = &id
	}
	var err error
	if ev.Before, err = jsonOrEmpty(c.Before); err != nil {
		return ev, err
	}
	if ev.After, err = jsonOrEmpty(c.After); err != nil {
		return ev, err
	}
	return ev, nil
}

func idString(id any) string {
	switch v := id.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	default:
		return fmt.Sprint(v)
	}
}

func jsonOrEmpty(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("marshal audit snapshot: %w", err)
	}
	return string(b), nil
}

// AuditFilter narrows the audit list. Zero fields do not filter.
type AuditFilter struct {
	ObjectType string
	ObjectID   string
	Action     string
	Actor      string
	Before     int64 // keyset: events with a smaller id
	Limit      int
}

// ListAudit returns events newest first.
func ListAudit(db *gorm.DB, f AuditFilter) ([]AuditEvent, error) {
	q := db.Model(&AuditEvent{})
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Actor != "" {
		q = q.Where("lower(actor) = lower(?)", f.Actor)
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	var evs []AuditEvent
	err := q.Order("id DESC").Limit(f.Limit).Find(&evs).Error
	return evs, err
}

// AuditActionNames are the actions Steward records, for the audit filter menu.
var AuditActionNames = []string{
	"access.denied", "auth.login", "auth.login_failed", "auth.logout",
	"customer.create", "customer.update", "demo.seed", "gate.create", "gate.delete", "gate.update",
	"inbox.approve", "inbox.assign", "inbox.bulk", "inbox.reject", "inbox.release",
	"ownership.create", "ownership.delete", "ownership.seed", "ownership.update",
	"product.create", "product.update", "role.update", "user.create", "user.update",
}
