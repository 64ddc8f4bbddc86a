package publish

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"steward/models"
)

// Queue is River's queue of publications: many small jobs, so it fetches with a short
// cooldown (River's default 100 ms caps a queue at about 10 jobs/s per worker).
const Queue = "publish"

// Args name one golden record for one channel; not its version: the worker sends whatever
// the record is when it runs, so while a job waits, newer versions ride on it.
type Args struct {
	ChannelID  int64  `json:"channel_id" river:"unique"`
	ObjectType string `json:"object_type" river:"unique"`
	GoldenID   int64  `json:"golden_id" river:"unique"`
	// Slot tells apart the jobs a record may have at once: a version committed while the
	// record's job runs (and may be past reading the pending versions) queues a job in the
	// next slot. A job stays "running" until River records its completion, a little after
	// it returns, so back-to-back versions can find two slots running.
	Slot int `json:"slot,omitempty" river:"unique"`
}

// Kind names the job in the queue.
func (Args) Kind() string { return "publish" }

// uniqueWhileQueued keeps one job per channel and record until it finishes. River insists
// that running jobs count too, so a version committed while its record's job runs gets a
// job in another slot (Args.Slot); the sweep catches anything left over.
var uniqueWhileQueued = river.UniqueOpts{
	ByArgs: true,
	ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled,
	},
}

// InsertOpts puts publications on their queue, one job per record and channel. Attempts
// are counted on the publication (Config.MaxAttempts); River's only guard infrastructure
// errors (a database hiccup), so its limit is generous.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 100, UniqueOpts: uniqueWhileQueued}
}

// Enqueuer inserts publish jobs in the caller's transaction; it is the models.PublicationQueue.
type Enqueuer struct {
	Client *river.Client[*sql.Tx]
}

// EnqueuePublishTx inserts the jobs of keys in the GORM transaction tx, all in one call;
// a record whose job is running gets one in the next free slot.
func (e Enqueuer) EnqueuePublishTx(tx *gorm.DB, keys ...models.PublicationKey) error {
	if len(keys) == 0 {
		return nil
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return err
	}
	ctx := tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	// Retrying all of a group may name one record many times; one job covers its versions.
	seen := map[models.PublicationKey]bool{}
	params := make([]river.InsertManyParams, 0, len(keys))
	var uniq []models.PublicationKey
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
			params = append(params, river.InsertManyParams{Args: Args{ChannelID: k.ChannelID, ObjectType: k.ObjectType, GoldenID: k.GoldenID}})
		}
	}
	res, err := e.Client.InsertManyTx(ctx, sqlTx, params)
	if err != nil {
		return fmt.Errorf("queue publications: %w", err)
	}
	for i, r := range res {
		if !r.UniqueSkippedAsDuplicate || r.Job.State != rivertype.JobStateRunning {
			continue // queued, or a job that has not started yet will send this version
		}
		k := uniq[i]
		for slot := 1; slot < maxSlots; slot++ {
			r, err := e.Client.InsertTx(ctx, sqlTx, Args{ChannelID: k.ChannelID, ObjectType: k.ObjectType, GoldenID: k.GoldenID, Slot: slot}, nil)
			if err != nil {
				return fmt.Errorf("queue publication of %s %d: %w", k.ObjectType, k.GoldenID, err)
			}
			if !r.UniqueSkippedAsDuplicate || r.Job.State != rivertype.JobStateRunning {
				break
			}
		}
		// Every slot running: the sweep queues it within a minute.
	}
	return nil
}

// maxSlots bounds the jobs one record may have at once.
const maxSlots = 4
