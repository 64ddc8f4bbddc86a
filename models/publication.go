package models

import (
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Publication statuses.
const (
	PublicationPending   = "pending"
	PublicationPublished = "published"
	PublicationFailed    = "failed"
	PublicationSkipped   = "skipped"
)

// Publication is one golden record version to be sent to one channel, with what became of
// it: the payload sent, the channel's answer and, when it failed, the class of the error.
type Publication struct {
	ID             int64
	ChannelID      int64
	ObjectType     string
	GoldenID       int64
	GoldenVersion  int
	Status         string
	Error          string // in a steward's words
	ErrorClass     string // publish.Class*: groups failures with one cause
	ErrorDetail    string // the channel's own words
	ErrorField     string
	Summary        string
	Payload        string
	PayloadHash    string
	ExternalID     string
	Attempts       int
	Replays        int
	ReplayOriginal bool
	SkipReason     string
	PublishedAt    *time.Time
	NextAttemptAt  *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int
}

// PublicationQueue inserts the job that sends a golden record to a channel, in the
// caller's transaction. The jobs package provides it; models cannot import jobs.
type PublicationQueue interface {
	EnqueuePublishTx(tx *gorm.DB, keys ...PublicationKey) error
}

// The queue travels with the *gorm.DB as a GORM plugin rather than as a package variable:
// every session and transaction opened from the same database sees it, two databases in one
// process (tests, tools) keep their own, and the dozen callers of EnqueuePublications keep
// their signature. The row and the job are written by the same *sql.Tx, so both commit or
// neither does.
const publicationQueuePlugin = "steward:publication-queue"

type queuePlugin struct{ q PublicationQueue }

func (queuePlugin) Name() string              { return publicationQueuePlugin }
func (queuePlugin) Initialize(*gorm.DB) error { return nil }

// SetPublicationQueue makes every EnqueuePublications on db (and its transactions) also
// insert the publish job. Call it once at start, before work begins.
func SetPublicationQueue(db *gorm.DB, q PublicationQueue) {
	db.Config.Plugins[publicationQueuePlugin] = queuePlugin{q}
}

func publicationQueue(db *gorm.DB) PublicationQueue {
	if p, ok := db.Config.Plugins[publicationQueuePlugin].(queuePlugin); ok {
		return p.q
	}
	return nil
}

// EnqueuePublications records a pending publication of a golden record version for each
// destination channel and, when a queue is set, the job that sends it. Call it in the
// change's transaction. Without a queue (tools that only write) the rows wait for the
// publish sweep, which queues any pending publication that has no job.
func EnqueuePublications(db *gorm.DB, chans []Channel, objectType string, goldenID int64, version int, summary string) (int, error) {
	if len(chans) == 0 {
		return 0, nil
	}
	// One INSERT for the rows and one for the jobs, however many channels: this runs once
	// per changed record inside ingestion's page transactions.
	ps := make([]Publication, len(chans))
	keys := make([]PublicationKey, len(chans))
	for i, ch := range chans {
		ps[i] = Publication{ChannelID: ch.ID, ObjectType: objectType, GoldenID: goldenID, GoldenVersion: version, Status: PublicationPending, Summary: summary, Version: 1}
		keys[i] = PublicationKey{ChannelID: ch.ID, ObjectType: objectType, GoldenID: goldenID}
	}
	if err := db.Create(&ps).Error; err != nil {
		return 0, err
	}
	if q := publicationQueue(db); q != nil {
		if err := q.EnqueuePublishTx(db, keys...); err != nil {
			return 0, err
		}
	}
	return len(chans), nil
}

// PublicationKey names what one publish job sends: a golden record to a channel.
type PublicationKey struct {
	ChannelID  int64
	ObjectType string
	GoldenID   int64
}

// PendingPublications lists the versions of a record waiting for a channel, oldest first.
func PendingPublications(db *gorm.DB, k PublicationKey) ([]Publication, error) {
	var ps []Publication
	err := db.Where("channel_id = ? AND object_type = ? AND golden_id = ? AND status = ?", k.ChannelID, k.ObjectType, k.GoldenID, PublicationPending).
		Order("id").Find(&ps).Error
	return ps, err
}

// LastPublished returns the newest publication the channel accepted for a record (ID 0
// when none), whose hash tells whether a new payload changes anything.
func LastPublished(db *gorm.DB, k PublicationKey) (Publication, error) {
	var ps []Publication
	err := db.Select("id, payload_hash, external_id, golden_version").
		Where("channel_id = ? AND object_type = ? AND golden_id = ? AND status = ?", k.ChannelID, k.ObjectType, k.GoldenID, PublicationPublished).
		Order("id DESC").Limit(1).Find(&ps).Error
	if err != nil || len(ps) == 0 {
		return Publication{}, err
	}
	return ps[0], nil
}

// PublicationByID finds a publication.
func PublicationByID(db *gorm.DB, id int64) (Publication, error) {
	var p Publication
	return p, notFound(db.Take(&p, id).Error)
}

// Supersede marks older pending versions skipped once a newer one is being sent: the
// channel only ever needs the current golden record.
func Supersede(db *gorm.DB, ids []int64, by int) error {
	if len(ids) == 0 {
		return nil
	}
	return db.Model(&Publication{}).Where("id IN ? AND status = ?", ids, PublicationPending).
		Updates(map[string]any{"status": PublicationSkipped, "skip_reason": "superseded by version " + strconv.Itoa(by), "updated_at": db.NowFunc()}).Error
}

// MarkPublished records the channel's acceptance and links the golden record to the
// channel's id, so later publications update rather than create.
func MarkPublished(db *gorm.DB, p *Publication, externalID string) error {
	now := db.NowFunc()
	err := db.Model(&Publication{}).Where("id = ?", p.ID).Updates(map[string]any{
		"status": PublicationPublished, "payload": p.Payload, "payload_hash": p.PayloadHash, "external_id": externalID,
		"attempts": p.Attempts, "error": "", "error_class": "", "error_detail": "", "error_field": "",
		"published_at": now, "updated_at": now, "next_attempt_at": nil, "replay_original": false,
	}).Error
	if err != nil {
		return err
	}
	// A newer version got through: earlier failures of this record at this channel need no
	// repair any more (a steward fixed the record, and the fix was published).
	err = db.Model(&Publication{}).Where("channel_id = ? AND object_type = ? AND golden_id = ? AND status = ? AND id < ?", p.ChannelID, p.ObjectType, p.GoldenID, PublicationFailed, p.ID).
		Updates(map[string]any{"status": PublicationSkipped, "skip_reason": "resolved: version " + strconv.Itoa(p.GoldenVersion) + " was published", "updated_at": now}).Error
	if err != nil || externalID == "" {
		return err
	}
	ref := ExternalRef{ChannelID: p.ChannelID, ObjectType: p.ObjectType, ExternalID: externalID, GoldenID: p.GoldenID}
	return db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ref).Error
}

// MarkUnchanged skips publications whose payload equals what the channel already holds.
func MarkUnchanged(db *gorm.DB, ids []int64) error {
	return db.Model(&Publication{}).Where("id IN ? AND status = ?", ids, PublicationPending).
		Updates(map[string]any{"status": PublicationSkipped, "skip_reason": "unchanged since the last publication", "updated_at": db.NowFunc()}).Error
}

// PublishFailure is what a failed attempt leaves on the publication.
type PublishFailure struct {
	Class, Message, Detail, Field string
	// Final ends the publication as failed; otherwise it stays pending for the next attempt.
	Final bool
	Next  time.Time
}

// MarkAttemptFailed records a failed attempt with the payload that was sent.
func MarkAttemptFailed(db *gorm.DB, p *Publication, f PublishFailure) error {
	upd := map[string]any{
		"payload": p.Payload, "payload_hash": p.PayloadHash, "attempts": p.Attempts,
		"error": f.Message, "error_class": f.Class, "error_detail": f.Detail, "error_field": f.Field,
		"updated_at": db.NowFunc(),
	}
	if f.Final {
		upd["status"], upd["next_attempt_at"] = PublicationFailed, nil
	} else {
		upd["next_attempt_at"] = f.Next
	}
	return db.Model(&Publication{}).Where("id = ?", p.ID).Updates(upd).Error
}

// StalePendingKeys lists records with a publication pending since before cutoff, for the
// sweep that queues any that lost their job (written by a tool without a queue).
func StalePendingKeys(db *gorm.DB, cutoff time.Time, limit int) ([]PublicationKey, error) {
	var ks []PublicationKey
	err := db.Model(&Publication{}).Distinct("channel_id", "object_type", "golden_id").
		Where("status = ? AND created_at < ? AND (next_attempt_at IS NULL OR next_attempt_at < ?)", PublicationPending, cutoff, cutoff).
		Limit(limit).Scan(&ks).Error
	return ks, err
}

// SkipPending gives up on pending publications for a reason of Steward's own (the record
// is gone, the channel switched off).
func SkipPending(db *gorm.DB, ids []int64, reason string) error {
	return db.Model(&Publication{}).Where("id IN ? AND status = ?", ids, PublicationPending).
		Updates(map[string]any{"status": PublicationSkipped, "skip_reason": reason, "updated_at": db.NowFunc()}).Error
}

// ExternalIDFor returns the channel's id for a golden record, "" when it has none yet.
func ExternalIDFor(db *gorm.DB, channelID int64, objectType string, goldenID int64) (string, error) {
	var ids []string
	err := db.Model(&ExternalRef{}).Where("channel_id = ? AND object_type = ? AND golden_id = ?", channelID, objectType, goldenID).
		Limit(1).Pluck("external_id", &ids).Error
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// AsyncCommit lets a PostgreSQL transaction commit without waiting for its WAL flush. Only
// for writes that are safe to lose in a database crash: a publication marked published is
// re-sent after such a crash with the same idempotency key, which the channel drops; each
// delivery no longer waits for a disk flush of its own.
func AsyncCommit(tx *gorm.DB) error {
	if DialectOfDB(tx) != Postgres {
		return nil
	}
	return tx.Exec("SET LOCAL synchronous_commit TO OFF").Error
}
