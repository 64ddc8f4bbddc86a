package models

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Inbox item statuses: open until a person decides it.
const (
	InboxOpen     = "open"
	InboxApproved = "approved"
	InboxRejected = "rejected"
)

// ObjectInboxItem names inbox items in audit events.
const ObjectInboxItem = "inbox_item"

// Inbox reasons.
const (
	ReasonValidation = "validation"
	ReasonOwnership  = "ownership"
	ReasonDuplicate  = "duplicate"
	ReasonPricing    = "pricing"
	ReasonDrift      = "drift"
)

// Reasons lists the inbox reasons in the order the inbox shows them.
var Reasons = []string{ReasonValidation, ReasonOwnership, ReasonDuplicate, ReasonPricing, ReasonDrift}

// InboxItem is a record, candidate or proposal waiting for a person, with its reasons, and
// once decided, who decided it, when and how.
type InboxItem struct {
	ID               int64
	Domain           string
	Reason           string
	Status           string
	ChannelID        *int64
	ExternalID       string
	GoldenID         *int64
	Summary          string
	Reasons          string // JSON list of plain-words reasons
	IncomingRecordID *int64
	AssigneeID       *int64
	DecidedByID      *int64
	DecidedBy        string
	DecidedAt        *time.Time
	DecisionNote     string // the reason for a rejection, or what an approval noted
	Edits            string // JSON list of FieldEdit
	SearchText       string `json:"-"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// ReasonList decodes the item's reasons; text that is not a JSON list is one reason.
func (it InboxItem) ReasonList() []string {
	if it.Reasons == "" {
		return nil
	}
	var out []string
	if err := json.Unmarshal([]byte(it.Reasons), &out); err != nil {
		return []string{it.Reasons}
	}
	return out
}

// FieldEdit is a steward's fix of one attribute, kept apart from what the source sent, so
// that both stay on record and the fix can be sent back to the system that owns it.
type FieldEdit struct {
	Field    string `json:"field"`
	Source   string `json:"source"`    // the value the source sent, as shown to the steward
	Steward  string `json:"steward"`   // the value the steward approved instead
	Owner    string `json:"owner"`     // the system that owns the attribute ("" for nobody)
	SendBack bool   `json:"send_back"` // a publication to the owner carries the fix back
}

// EditList decodes the steward's fixes.
func (it InboxItem) EditList() []FieldEdit {
	var out []FieldEdit
	_ = json.Unmarshal([]byte(it.Edits), &out)
	return out
}

// CreateInboxItem puts an item in the inbox.
func CreateInboxItem(db *gorm.DB, it *InboxItem) error {
	if it.Status == "" {
		it.Status = InboxOpen
	}
	it.Version = 1
	it.SearchText = foldText(it.Summary, it.ExternalID)
	return db.Create(it).Error
}

// CreateInboxItems puts many items in the inbox at once (imports, tests, benchmarks).
func CreateInboxItems(db *gorm.DB, items []InboxItem) error {
	for i := range items {
		if items[i].Status == "" {
			items[i].Status = InboxOpen
		}
		items[i].Version = 1
		items[i].SearchText = foldText(items[i].Summary, items[i].ExternalID)
	}
	return db.CreateInBatches(items, 500).Error
}

// InboxItemByID finds an inbox item.
func InboxItemByID(db *gorm.DB, id int64) (InboxItem, error) {
	var it InboxItem
	return it, notFound(db.Take(&it, id).Error)
}

// InboxDecision is how a person settled an item.
type InboxDecision struct {
	Status string // InboxApproved or InboxRejected
	Note   string
	Edits  []FieldEdit
}

// DecideInboxItem records a decision on an item that is still open at the version the
// person saw; otherwise it writes nothing and returns ErrStale, so an item is decided at
// most once. Call it first in the decision's transaction: on PostgreSQL the row then stays
// locked until the transaction ends, and a second decider waits for it and finds the new
// version.
func DecideInboxItem(tx *gorm.DB, it *InboxItem, who Actor, d InboxDecision) error {
	now := tx.NowFunc()
	edits := ""
	if len(d.Edits) > 0 {
		b, err := json.Marshal(d.Edits)
		if err != nil {
			return err
		}
		edits = string(b)
	}
	var by *int64
	if who.ID != 0 {
		id := who.ID
		by = &id
	}
	res := tx.Model(&InboxItem{}).Where("id = ? AND version = ? AND status = ?", it.ID, it.Version, InboxOpen).Updates(map[string]any{
		"status": d.Status, "decided_by": who.Name, "decided_by_id": by, "decided_at": now,
		"decision_note": d.Note, "edits": edits, "version": it.Version + 1, "updated_at": now,
	})
	if res.Error != nil {
		return fmt.Errorf("decide inbox item %d: %w", it.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	it.Status, it.DecidedBy, it.DecidedByID, it.DecidedAt = d.Status, who.Name, by, &now
	it.DecisionNote, it.Edits, it.Version, it.UpdatedAt = d.Note, edits, it.Version+1, now
	return nil
}

// AssignInboxItem gives an open item to a person, or to nobody (nil). Assigning is not a
// decision: it does not move the version, so a steward looking at the item can still
// decide it. A decided item is ErrStale.
func AssignInboxItem(tx *gorm.DB, id int64, assignee *int64) error {
	res := tx.Model(&InboxItem{}).Where("id = ? AND status = ?", id, InboxOpen).
		Updates(map[string]any{"assignee_id": assignee, "updated_at": tx.NowFunc()})
	if res.Error != nil {
		return fmt.Errorf("assign inbox item %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// IncomingRecordView is an incoming record with the inbox item that held it, if any.
type IncomingRecordView struct {
	IncomingRecord
	InboxItemID *int64
	ItemStatus  string
}

// IncomingHistory lists what one source sent for one external record, newest first.
func IncomingHistory(db *gorm.DB, channelID int64, objectType, externalID string, limit int) ([]IncomingRecordView, error) {
	var out []IncomingRecordView
	err := db.Table("incoming_records AS r").
		Select("r.*, i.id AS inbox_item_id, COALESCE(i.status, '') AS item_status").
		Joins("LEFT JOIN inbox_items i ON i.incoming_record_id = r.id").
		Where("r.channel_id = ? AND r.object_type = ? AND r.external_id = ?", channelID, objectType, externalID).
		Order("r.id DESC").Limit(limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("history of %s %s: %w", objectType, externalID, err)
	}
	return out, nil
}

// IncomingByID finds an incoming record.
func IncomingByID(db *gorm.DB, id int64) (IncomingRecord, error) {
	var r IncomingRecord
	return r, notFound(db.Take(&r, id).Error)
}
