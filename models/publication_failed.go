package models

import (
	"time"

	"gorm.io/gorm"
)

// FailedGroup is the failed publications of one channel with one class of error: 300
// failures with one cause read as one problem.
type FailedGroup struct {
	ChannelID   int64
	ChannelName string
	ErrorClass  string
	Count       int64
	Sample      string // one failure's message, for the group's heading
	LatestID    int64
	Latest      time.Time
}

// FailedGroups lists the failed publications grouped by channel and error class, the
// largest first.
func FailedGroups(db *gorm.DB) ([]FailedGroup, error) {
	var gs []FailedGroup
	err := db.Table("publications AS p").
		Select("p.channel_id, c.name AS channel_name, p.error_class, COUNT(*) AS count, MAX(p.error) AS sample, MAX(p.id) AS latest_id").
		Joins("JOIN channels c ON c.id = p.channel_id").
		Where("p.status = ?", PublicationFailed).
		Group("p.channel_id, c.name, p.error_class").
		Order("count DESC, c.name, p.error_class").Scan(&gs).Error
	if err != nil || len(gs) == 0 {
		return gs, err
	}
	// MAX over a time column comes back as text on SQLite: read the newest rows instead.
	ids := make([]int64, len(gs))
	for i, g := range gs {
		ids[i] = g.LatestID
	}
	var rows []Publication
	if err := db.Select("id, updated_at").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	at := map[int64]time.Time{}
	for _, r := range rows {
		at[r.ID] = r.UpdatedAt
	}
	for i := range gs {
		gs[i].Latest = at[gs[i].LatestID]
	}
	return gs, nil
}

// PublicationView is a publication with the names a steward needs to read it.
type PublicationView struct {
	Publication
	ChannelName string
	ChannelKind string
}

// FailedInGroup lists one group's failed publications by id after the cursor (keyset,
// ordered by the publications_failed index), one extra row telling whether more follow.
func FailedInGroup(db *gorm.DB, channelID int64, class string, afterID int64, size int) ([]PublicationView, bool, error) {
	var out []PublicationView
	err := db.Table("publications AS p").
		Select("p.*, c.name AS channel_name, c.kind AS channel_kind").
		Joins("JOIN channels c ON c.id = p.channel_id").
		Where("p.status = ? AND p.channel_id = ? AND p.error_class = ? AND p.id > ?", PublicationFailed, channelID, class, afterID).
		Order("p.id").Limit(size + 1).Scan(&out).Error
	more := len(out) > size
	if more {
		out = out[:size]
	}
	return out, more, err
}

// PublicationCount is how many publications of a channel are in one status.
type PublicationCount struct {
	ChannelID int64
	Status    string
	Count     int64
}

// PublicationCounts counts publications per channel and status.
func PublicationCounts(db *gorm.DB) ([]PublicationCount, error) {
	var cs []PublicationCount
	err := db.Model(&Publication{}).Select("channel_id, status, COUNT(*) AS count").
		Group("channel_id, status").Order("channel_id, status").Scan(&cs).Error
	return cs, err
}

// PublicationsOfRecord returns each channel's newest publication of a golden record, for
// the record page.
func PublicationsOfRecord(db *gorm.DB, objectType string, goldenID int64) ([]PublicationView, error) {
	var out []PublicationView
	newest := db.Model(&Publication{}).Select("MAX(id)").Where("object_type = ? AND golden_id = ?", objectType, goldenID).Group("channel_id")
	err := db.Table("publications AS p").
		Select("p.*, c.name AS channel_name, c.kind AS channel_kind").
		Joins("JOIN channels c ON c.id = p.channel_id").
		Where("p.id IN (?)", newest).Order("c.name").Scan(&out).Error
	return out, err
}

// RetryPublications puts failed publications back to pending, with the stored payload
// (original) or re-rendered, and queues their jobs in the same transaction. It reports how
// many it put back; publications no longer failed are left alone.
func RetryPublications(tx *gorm.DB, who Actor, ids []int64, original bool, reason string) (int, error) {
	var ps []Publication
	if err := tx.Where("id IN ? AND status = ?", ids, PublicationFailed).Order("id").Find(&ps).Error; err != nil {
		return 0, err
	}
	if len(ps) == 0 {
		return 0, nil
	}
	now := tx.NowFunc()
	ids = ids[:0]
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	err := tx.Model(&Publication{}).Where("id IN ?", ids).Updates(map[string]any{
		"status": PublicationPending, "attempts": 0, "replays": gorm.Expr("replays + 1"), "replay_original": original,
		"next_attempt_at": nil, "updated_at": now, "version": gorm.Expr("version + 1"),
	}).Error
	if err != nil {
		return 0, err
	}
	q := publicationQueue(tx)
	action := "publication.retry"
	if original {
		action = "publication.replay"
	}
	evs := make([]AuditEvent, 0, len(ps))
	keys := make([]PublicationKey, 0, len(ps))
	for _, p := range ps {
		keys = append(keys, PublicationKey{ChannelID: p.ChannelID, ObjectType: p.ObjectType, GoldenID: p.GoldenID})
		ev, err := NewAuditEvent(now, who, Change{Action: action, ObjectType: "publication", ObjectID: p.ID,
			Before: map[string]any{"status": p.Status, "error": p.Error}, After: map[string]any{"status": PublicationPending, "original_payload": original}, Reason: reason})
		if err != nil {
			return 0, err
		}
		evs = append(evs, ev)
	}
	if q != nil {
		if err := q.EnqueuePublishTx(tx, keys...); err != nil {
			return 0, err
		}
	}
	return len(ps), tx.CreateInBatches(evs, 500).Error
}

// SkipPublication gives up on a failed publication with a steward's reason.
func SkipPublication(tx *gorm.DB, who Actor, id int64, reason string) error {
	p, err := PublicationByID(tx, id)
	if err != nil {
		return err
	}
	if p.Status != PublicationFailed {
		return ErrStale
	}
	res := tx.Model(&Publication{}).Where("id = ? AND status = ?", id, PublicationFailed).
		Updates(map[string]any{"status": PublicationSkipped, "skip_reason": reason, "updated_at": tx.NowFunc(), "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return Audit(tx, who, Change{Action: "publication.skip", ObjectType: "publication", ObjectID: id,
		Before: map[string]any{"status": p.Status, "error": p.Error}, After: map[string]any{"status": PublicationSkipped}, Reason: reason})
}

// FailedIDsInGroup lists the ids of a group's failed publications, for "retry all".
func FailedIDsInGroup(db *gorm.DB, channelID int64, class string) ([]int64, error) {
	var ids []int64
	err := db.Model(&Publication{}).Where("status = ? AND channel_id = ? AND error_class = ?", PublicationFailed, channelID, class).
		Order("id").Pluck("id", &ids).Error
	return ids, err
}
