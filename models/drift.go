package models

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Drift kinds.
const (
	DriftDiffers = "differs" // the channel holds another value for a field
	DriftMissing = "missing" // a golden record published to the channel is not there
	DriftUnknown = "unknown" // the channel holds a record Steward does not know
)

// Drift statuses.
const (
	DriftOpen     = "open"
	DriftResolved = "resolved"
)

// DriftItem is one difference between what a channel holds and the golden record,
// found by reconciliation.
type DriftItem struct {
	ID            int64
	ChannelID     int64
	ObjectType    string
	RecordKey     string
	ExternalID    string
	GoldenID      *int64
	Kind          string
	Field         string
	GoldenValue   string
	ChannelValue  string
	ChannelRecord string
	Summary       string
	Status        string
	Resolution    string
	ResolvedBy    string
	ResolvedAt    *time.Time
	RunID         *int64
	FoundAt       time.Time
	SeenAt        time.Time
}

// DriftView is a drift item with its channel's name.
type DriftView struct {
	DriftItem
	ChannelName string
	ChannelKind string
}

// SaveDrift stores what a reconciliation run found: new differences are added, known ones
// take the values seen now and are open again.
func SaveDrift(tx *gorm.DB, items []DriftItem) error {
	if len(items) == 0 {
		return nil
	}
	return tx.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "channel_id"}, {Name: "object_type"}, {Name: "record_key"}, {Name: "field"}},
		DoUpdates: clause.AssignmentColumns([]string{"external_id", "golden_id", "kind", "golden_value", "channel_value",
			"channel_record", "summary", "status", "resolution", "resolved_by", "resolved_at", "run_id", "seen_at"}),
	}).CreateInBatches(items, 200).Error
}

// CloseStaleDrift resolves the open drift of a channel's object that a finished run no
// longer found: the channel and Steward agree again.
func CloseStaleDrift(tx *gorm.DB, channelID int64, objectType string, runID int64, now time.Time) (int64, error) {
	res := tx.Model(&DriftItem{}).
		Where("channel_id = ? AND object_type = ? AND status = ? AND (run_id IS NULL OR run_id <> ?)", channelID, objectType, DriftOpen, runID).
		Updates(map[string]any{"status": DriftResolved, "resolution": "agrees again", "resolved_by": "reconciliation", "resolved_at": now})
	return res.RowsAffected, res.Error
}

// DriftFilter narrows the drift list. Zero fields do not filter.
type DriftFilter struct {
	ChannelID int64
	Field     string
	Kind      string
	After     int64 // keyset: items with a larger id
	Limit     int
}

// ListDrift lists open drift oldest first, a page at a time (keyset on id).
func ListDrift(db *gorm.DB, f DriftFilter) ([]DriftView, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = PageSize
	}
	q := db.Table("drift_items AS d").Select("d.*, c.name AS channel_name, c.kind AS channel_kind").
		Joins("JOIN channels c ON c.id = d.channel_id").Where("d.status = ?", DriftOpen)
	if f.ChannelID != 0 {
		q = q.Where("d.channel_id = ?", f.ChannelID)
	}
	if f.Field != "" {
		q = q.Where("d.field = ?", f.Field)
	}
	if f.Kind != "" {
		q = q.Where("d.kind = ?", f.Kind)
	}
	if f.After > 0 {
		q = q.Where("d.id > ?", f.After)
	}
	var out []DriftView
	return out, q.Order("d.id").Limit(f.Limit).Scan(&out).Error
}

// DriftCount is how much open drift one channel has in one field.
type DriftCount struct {
	ChannelID   int64
	ChannelName string
	Kind        string
	Field       string
	N           int64
}

// CountDrift groups the open drift by channel, kind and field.
func CountDrift(db *gorm.DB) ([]DriftCount, error) {
	var out []DriftCount
	err := db.Table("drift_items AS d").Select("d.channel_id, c.name AS channel_name, d.kind, d.field, count(*) AS n").
		Joins("JOIN channels c ON c.id = d.channel_id").Where("d.status = ?", DriftOpen).
		Group("d.channel_id, c.name, d.kind, d.field").Order("c.name, d.kind, d.field").Scan(&out).Error
	return out, err
}

// DriftByIDs loads drift items by id.
func DriftByIDs(db *gorm.DB, ids []int64) ([]DriftItem, error) {
	var out []DriftItem
	return out, db.Where("id IN ?", ids).Order("id").Find(&out).Error
}

// ResolveDrift closes an open drift item with what was done about it; ErrStale if it was
// closed meanwhile.
func ResolveDrift(tx *gorm.DB, id int64, resolution, by string, now time.Time) error {
	res := tx.Model(&DriftItem{}).Where("id = ? AND status = ?", id, DriftOpen).
		Updates(map[string]any{"status": DriftResolved, "resolution": resolution, "resolved_by": by, "resolved_at": now})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}
