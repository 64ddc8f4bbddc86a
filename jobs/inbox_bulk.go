package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

// queueInbox is the queue of bulk inbox decisions: two at a time, so one steward's large
// approval does not wait behind another's.
const queueInbox = "inbox"

// bulkChunk is how many items one transaction decides: enough that commits do not
// dominate, few enough that SQLite's one connection is free often for people's pages.
const bulkChunk = 100

// BulkArgs are the arguments of a bulk inbox decision.
type BulkArgs struct {
	RunID int64 `json:"run_id"`
}

// Kind names the job in the queue.
func (BulkArgs) Kind() string { return "inbox.bulk" }

// InsertOpts puts bulk decisions on the inbox queue.
func (BulkArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queueInbox} }

type bulkWorker struct {
	river.WorkerDefaults[BulkArgs]
	r *Runner
}

func (w *bulkWorker) Timeout(*river.Job[BulkArgs]) time.Duration {
	return w.r.cfg.RescueAfter - time.Minute
}

func (w *bulkWorker) Work(ctx context.Context, job *river.Job[BulkArgs]) error {
	return RunBulk(ctx, w.r.cfg.DB, job.Args.RunID)
}

// EnqueueBulk records a bulk decision over a filter and its job in tx, so both exist or
// neither does.
func (r *Runner) EnqueueBulk(ctx context.Context, tx *gorm.DB, run *models.BulkRun, f models.InboxFilter) (int64, error) {
	if err := models.CreateBulkRun(tx, run, f); err != nil {
		return 0, err
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	if _, err := r.client.InsertTx(ctx, sqlTx, BulkArgs{RunID: run.ID}, nil); err != nil {
		return 0, fmt.Errorf("queue bulk decision: %w", err)
	}
	return run.ID, nil
}

// RunBulk works a bulk decision through its filter, oldest item first, a chunk per
// transaction with the run's progress. Every item is decided through ingest.Decide, so each
// is audited once and one decided meanwhile by someone else is skipped, not decided again.
// A run resumed after a crash continues after the last chunk it stored.
func RunBulk(ctx context.Context, db *gorm.DB, runID int64) (err error) {
	run, err := models.BulkRunByID(db, runID)
	if err != nil {
		return river.JobCancel(fmt.Errorf("bulk run %d: %w", runID, err))
	}
	if run.Status == models.RunSucceeded {
		return nil
	}
	defer func() {
		if ferr := models.FinishBulkRun(db, runID, err); ferr != nil && err == nil {
			err = ferr
		}
		// Thousands of decisions leave as many tally rows: fold them now, not in a minute.
		if cerr := models.CompactInboxCounts(db); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if err := models.StartBulkRun(db, runID); err != nil {
		return err
	}
	f, err := run.InboxFilter()
	if err != nil {
		return river.JobCancel(err)
	}
	who := models.Actor{Name: run.StartedBy}
	var roles []string
	if run.StartedByID != nil {
		who.ID = *run.StartedByID
		// Roles as they are now: someone who lost a role since confirming decides nothing.
		if roles, err = models.RolesOfUser(db, who.ID); err != nil {
			return err
		}
	}
	d := ingest.Decision{Status: models.InboxApproved, Note: run.Reason, Who: who}
	if run.Action == models.BulkReject {
		d.Status = models.InboxRejected
	}
	may := func(domain string) bool { return rules.MayDecide(roles, domain) }
	after := run.LastItemID
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		items, err := models.InboxItemsAfter(db, f, after, bulkChunk)
		if err != nil || len(items) == 0 {
			return err
		}
		last := items[len(items)-1].ID
		err = models.Prepared(db.WithContext(ctx)).Transaction(func(tx *gorm.DB) error {
			tally, err := ingest.DecideAll(tx, items, d, may)
			if err != nil {
				return err
			}
			return models.AdvanceBulkRun(tx, runID, last, tally)
		})
		if err != nil {
			return fmt.Errorf("bulk run %d after item %d: %w", runID, after, err)
		}
		after = last
	}
}

// CompactArgs are the arguments of the periodic fold of the inbox's tallies.
type CompactArgs struct{}

// Kind names the job in the queue.
func (CompactArgs) Kind() string { return "inbox.compact_counts" }

// InsertOpts puts the fold on the inbox queue.
func (CompactArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queueInbox} }

type compactWorker struct {
	river.WorkerDefaults[CompactArgs]
	r *Runner
}

func (w *compactWorker) Work(ctx context.Context, _ *river.Job[CompactArgs]) error {
	return models.CompactInboxCounts(w.r.cfg.DB.WithContext(ctx))
}

// compactEvery is how often the inbox's tallies are folded: each held item or decision
// appends a row, so a busy minute adds a few thousand at most.
const compactEvery = time.Minute

func compactJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(compactEvery), func() (river.JobArgs, *river.InsertOpts) {
		return CompactArgs{}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
	}, &river.PeriodicJobOpts{ID: "inbox-compact-counts"})
}
