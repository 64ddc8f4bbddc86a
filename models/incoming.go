package models

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Incoming record statuses.
const (
	IncomingApplied   = "applied"
	IncomingUnchanged = "unchanged"
	IncomingHeld      = "held"
	IncomingRejected  = "rejected"
	IncomingFailed    = "failed"
	// IncomingProposed: a price in it waits for pricing approval as a price proposal; the
	// rest of the change, if any, applied.
	IncomingProposed = "proposed"
)

// IncomingRecord is one change as a source sent it, mapped to the canonical model, with what
// became of it.
type IncomingRecord struct {
	ID          int64
	ChannelID   int64
	ObjectType  string
	ExternalID  string
	ContentHash string
	SourceStamp string
	Payload     string
	Source      string
	Status      string
	Reasons     string
	GoldenID    *int64
	SyncRunID   *int64
	CreatedAt   time.Time
}

// LatestIncoming returns the newest incoming record for an external record (ID 0 when
// there is none), without its payloads.
func LatestIncoming(db *gorm.DB, channelID int64, objectType, externalID string) (IncomingRecord, error) {
	var recs []IncomingRecord
	err := db.Select("id, content_hash, status").Where("channel_id = ? AND object_type = ? AND external_id = ?", channelID, objectType, externalID).
		Order("id DESC").Limit(1).Find(&recs).Error
	if err != nil || len(recs) == 0 {
		return IncomingRecord{}, err
	}
	return recs[0], nil
}

// InsertIncoming stores an incoming record unless the same one (source, object, external
// id, content hash) is already stored; it reports whether it stored it.
func InsertIncoming(db *gorm.DB, r *IncomingRecord) (bool, error) {
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(r)
	return res.RowsAffected == 1, res.Error
}

// SetIncomingOutcome records what became of an incoming record.
func SetIncomingOutcome(db *gorm.DB, id int64, status, reasons string, goldenID int64) error {
	upd := map[string]any{"status": status, "reasons": reasons}
	if goldenID != 0 {
		upd["golden_id"] = goldenID
	}
	return db.Model(&IncomingRecord{}).Where("id = ?", id).Updates(upd).Error
}

// ExternalRefGolden finds the golden id linked to a channel's external id.
func ExternalRefGolden(db *gorm.DB, channelID int64, objectType, externalID string) (int64, error) {
	var ids []int64
	err := db.Model(&ExternalRef{}).Where("channel_id = ? AND object_type = ? AND external_id = ?", channelID, objectType, externalID).
		Limit(1).Pluck("golden_id", &ids).Error
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, ErrNotFound
	}
	return ids[0], nil
}

// DestinationChannels lists the active channels that receive golden records, except the
// one a change came from.
func DestinationChannels(db *gorm.DB, except int64) ([]Channel, error) {
	var chans []Channel
	err := db.Where("active = ? AND direction IN ? AND id <> ?", true, []string{DirectionDestination, DirectionBoth}, except).Order("id").Find(&chans).Error
	return chans, err
}
