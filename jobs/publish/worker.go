package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules/channelmap"
)

// Factory builds the connector of a channel from its settings (cmd registers one per kind).
type Factory func(ch models.Channel) (Connector, error)

// Config is what the publish worker needs.
type Config struct {
	DB         *gorm.DB
	Connectors Factory
	// MaxAttempts is how many times a transient failure is tried before the publication
	// fails; 0 means 8 (about 20 minutes of backoff).
	MaxAttempts int
	Backoff     Backoff
	// PausedCheck is how often a paused channel's jobs look again; 0 means 30 seconds.
	PausedCheck time.Duration
	Now         func() time.Time
	Log         *slog.Logger
}

// Worker sends one golden record to one channel: the newest version, rendered with the
// channel's mapping, skipped when the channel already holds the same payload.
type Worker struct {
	river.WorkerDefaults[Args]
	cfg   Config
	limit limiter
	batch batcher

	mu     sync.Mutex
	conns  map[int64]cachedConnector
	states map[int64]channelState
}

type cachedConnector struct {
	version int
	updated time.Time
	conn    Connector
}

// NewWorker fills the config's defaults.
func NewWorker(cfg Config) *Worker {
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.Backoff.Base == 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.PausedCheck == 0 {
		cfg.PausedCheck = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Worker{cfg: cfg, conns: map[int64]cachedConnector{}, states: map[int64]channelState{}, batch: batcher{window: 5 * time.Millisecond}}
}

// Work publishes the record. A version committed while this job runs gets a follow-up
// job (see Enqueuer), so one round is enough.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	k := models.PublicationKey{ChannelID: job.Args.ChannelID, ObjectType: job.Args.ObjectType, GoldenID: job.Args.GoldenID}
	return w.publish(ctx, k)
}

// publish sends the newest pending version of a record, or records why it did not.
func (w *Worker) publish(ctx context.Context, k models.PublicationKey) error {
	db := w.cfg.DB.WithContext(ctx)
	st, err := w.channel(db, k.ChannelID)
	if err != nil {
		return err
	}
	ch, settings := st.ch, st.settings
	if settings.Paused {
		return river.JobSnooze(w.cfg.PausedCheck)
	}
	pubs, err := models.PendingPublications(db, k)
	if err != nil || len(pubs) == 0 {
		return err
	}
	latest, older := pubs[len(pubs)-1], pubs[:len(pubs)-1]
	now := w.cfg.Now()
	if latest.NextAttemptAt != nil && latest.NextAttemptAt.After(now.Add(time.Second)) {
		return river.JobSnooze(latest.NextAttemptAt.Sub(now))
	}
	if !ch.Active {
		return w.skipAll(db, pubs, "the channel is switched off")
	}

	conn, err := w.connector(ch)
	if errors.Is(err, ErrNoConnector) {
		return w.skipAll(db, pubs, err.Error())
	}
	if err != nil {
		latest.Attempts++
		return w.finish(db, older, &latest, models.PublishFailure{Class: ClassAuth, Message: "the channel's settings cannot be used", Detail: err.Error(), Final: true})
	}

	payload, err := w.payload(db, st, latest)
	if errors.Is(err, models.ErrNotFound) {
		return w.skipAll(db, pubs, "the record no longer exists")
	}
	if errors.Is(err, channelmap.ErrNotForChannel) {
		// Not a failure to repair: the channel does not take this record (the rules keep a
		// customer's own price off a storefront; an EDI catalog has no customers).
		return w.skipAll(db, pubs, err.Error())
	}
	if err != nil {
		// Refused by the rules (a customer's price for a storefront) or a broken mapping:
		// retrying cannot help until a person changes something.
		latest.Attempts++
		return w.finish(db, older, &latest, models.PublishFailure{Class: ClassValidation, Message: "Steward could not render the record for this channel", Detail: err.Error(), Final: true})
	}
	latest.Payload = string(payload)
	latest.PayloadHash = hash(payload)
	last, err := models.LastPublished(db, k)
	if err != nil {
		return err
	}
	if !latest.ReplayOriginal && latest.Replays == 0 {
		if last.ID != 0 && last.PayloadHash == latest.PayloadHash {
			return models.MarkUnchanged(db, ids(pubs))
		}
	}

	if wait, ok := w.limit.reserve(ch.ID, settings.RatePerSecond, now, 2*time.Second); !ok {
		return river.JobSnooze(wait)
	} else if wait > 0 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	extID := last.ExternalID
	if last.ID == 0 {
		// Never published here: the channel may still know the record (it was a source).
		if extID, err = models.ExternalIDFor(db, ch.ID, k.ObjectType, k.GoldenID); err != nil {
			return err
		}
	}
	item := Item{PublicationID: latest.ID, ObjectType: channelmap.ObjectOf(k.ObjectType), GoldenID: k.GoldenID, GoldenVersion: latest.GoldenVersion,
		ExternalID: extID, Payload: payload, IdempotencyKey: fmt.Sprintf("steward-%d-%d", latest.ID, latest.Replays)}
	latest.Attempts++
	res := w.batch.send(ctx, ch.ID, conn, item)
	if res.Err == nil {
		if res.ExternalID == "" {
			res.ExternalID = extID
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := models.AsyncCommit(tx); err != nil {
				return err
			}
			if err := models.Supersede(tx, ids(older), latest.GoldenVersion); err != nil {
				return err
			}
			return models.MarkPublished(tx, &latest, res.ExternalID)
		})
		if err != nil {
			return err
		}
		return nil
	}
	if errors.Is(res.Err, channelmap.ErrNotForChannel) {
		// Only the channel knows (an EDI partner takes its own customer's prices alone).
		return w.skipAll(db, pubs, res.Err.Error())
	}
	f := failure(res.Err)
	if !f.Final && latest.Attempts >= w.cfg.MaxAttempts {
		f.Final = true
		f.Message += fmt.Sprintf(" (gave up after %d attempts)", latest.Attempts)
	}
	var wait time.Duration
	if !f.Final {
		wait = w.cfg.Backoff.Next(latest.Attempts, retryAfterOf(res.Err))
		f.Next = now.Add(wait)
	}
	if err := w.finish(db, older, &latest, f); err != nil {
		return err
	}
	if f.Final {
		return nil
	}
	return river.JobSnooze(wait)
}

// payload is the stored payload for a replay of the original, else the record rendered now.
func (w *Worker) payload(db *gorm.DB, st channelState, p models.Publication) ([]byte, error) {
	if p.ReplayOriginal && p.Payload != "" {
		return []byte(p.Payload), nil
	}
	rec, err := LoadRecord(db, p.ObjectType, p.GoldenID)
	if err != nil {
		return nil, err
	}
	m, err := channelmap.ParseMapping(st.mappings[rec.Object].Mapping)
	if err != nil {
		return nil, err
	}
	return channelmap.Render(st.ch.Kind, st.ch.Public, rec, m)
}

// channelState is a channel with its publishing settings and mappings, read at most once a
// second per worker: a pause or a new mapping takes effect within that second.
type channelState struct {
	ch       models.Channel
	settings models.PublicationSettings
	mappings map[string]models.ChannelMapping
	loaded   time.Time
}

func (w *Worker) channel(db *gorm.DB, id int64) (channelState, error) {
	now := time.Now()
	w.mu.Lock()
	st, ok := w.states[id]
	w.mu.Unlock()
	if ok && now.Sub(st.loaded) < time.Second {
		return st, nil
	}
	var err error
	st = channelState{loaded: now}
	if st.ch, err = models.ChannelByID(db, id); err != nil {
		return st, err
	}
	if st.settings, err = models.PublicationSettingsFor(db, id); err != nil {
		return st, err
	}
	if st.mappings, err = models.ChannelMappingsFor(db, id); err != nil {
		return st, err
	}
	w.mu.Lock()
	w.states[id] = st
	w.mu.Unlock()
	return st, nil
}

func (w *Worker) finish(db *gorm.DB, older []models.Publication, p *models.Publication, f models.PublishFailure) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := models.Supersede(tx, ids(older), p.GoldenVersion); err != nil {
			return err
		}
		return models.MarkAttemptFailed(tx, p, f)
	})
}

func (w *Worker) skipAll(db *gorm.DB, pubs []models.Publication, reason string) error {
	return models.SkipPending(db, ids(pubs), reason)
}

// connector returns the channel's connector, built again when its settings change.
func (w *Worker) connector(ch models.Channel) (Connector, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if c, ok := w.conns[ch.ID]; ok && c.version == ch.Version && c.updated.Equal(ch.UpdatedAt) {
		return c.conn, nil
	}
	if w.cfg.Connectors == nil {
		return nil, fmt.Errorf("this instance has no connectors configured: %w", ErrNoConnector)
	}
	conn, err := w.cfg.Connectors(ch)
	if err != nil {
		return nil, err
	}
	w.conns[ch.ID] = cachedConnector{ch.Version, ch.UpdatedAt, conn}
	return conn, nil
}

// failure turns a connector's error into what the publication records. Errors that are not
// a *publish.Error (a connector's bug, a dropped connection) are retried as unavailable.
func failure(err error) models.PublishFailure {
	var pe *Error
	if errors.As(err, &pe) {
		return models.PublishFailure{Class: pe.Class, Message: pe.Message, Detail: pe.Detail, Field: pe.Field, Final: !pe.Retry}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return models.PublishFailure{Class: ClassTimeout, Message: "the channel did not answer in time", Detail: err.Error()}
	}
	return models.PublishFailure{Class: ClassUnavailable, Message: "the channel could not be reached", Detail: err.Error()}
}

func retryAfterOf(err error) time.Duration {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.RetryAfter
	}
	return 0
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func ids(ps []models.Publication) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
