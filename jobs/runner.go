package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/jobs/publish"
	"steward/models"
)

// Config is what the background workers need; cmd builds it once.
type Config struct {
	DB      *gorm.DB
	Log     *slog.Logger
	Sources SourceFactory
	// Decider loads the current ownership rules and gates for a batch.
	Decider func(db *gorm.DB) (ingest.Decider, error)
	// Workers is how many jobs run at once; 0 means 4.
	Workers int
	// RetryPolicy overrides River's (attempt⁴ seconds) backoff; tests make it short.
	RetryPolicy river.ClientRetryPolicy
	// RescueAfter is how long a job may look alive before another instance takes it over
	// (after a crash); 0 means 30 minutes.
	RescueAfter time.Duration
	// ScheduleCheck is how often schedule changes are picked up; 0 means 15 seconds.
	ScheduleCheck time.Duration
	// InsertOnly builds a client that enqueues but works nothing (command line tools).
	InsertOnly bool
	// Readers builds the reader of a channel's current state for reconciliation; nil
	// reconciles nothing.
	Readers ReaderFactory
	// Now is the clock of the pricing job (when approved changes are due); nil is time.Now.
	Now func() time.Time
	// Publish configures the publish worker (its DB is DB); PublishWorkers is how many
	// publications are sent at once, 0 means 4.
	Publish        publish.Config
	PublishWorkers int
}

// Runner owns the durable queue: it enqueues jobs in the caller's transaction and, unless
// insert-only, works them and enqueues the periodic ones (on the elected leader only).
type Runner struct {
	cfg    Config
	client *river.Client[*sql.Tx]

	mu        sync.Mutex
	loadedAt  time.Time
	stopWatch context.CancelFunc
	watchDone chan struct{}
}

// queuePull is the queue of sync pulls: few at a time, since each holds a page in memory
// and one source should not be hammered by many parallel readers.
const queuePull = "sync"

// NewRunner builds the queue client with every worker registered.
func NewRunner(cfg Config) (*Runner, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Workers == 0 {
		cfg.Workers = 4
	}
	if cfg.RescueAfter == 0 {
		cfg.RescueAfter = 30 * time.Minute
	}
	if cfg.ScheduleCheck == 0 {
		cfg.ScheduleCheck = 15 * time.Second
	}
	if cfg.Decider == nil {
		cfg.Decider = func(*gorm.DB) (ingest.Decider, error) { return ingest.AcceptAll{}, nil }
	}
	r := &Runner{cfg: cfg}
	driver, err := models.QueueDriver(cfg.DB)
	if err != nil {
		return nil, err
	}
	rc := &river.Config{
		Logger:      slog.New(quietHandler{cfg.Log.Handler(), slog.LevelWarn}).With("component", "jobs"),
		RetryPolicy: cfg.RetryPolicy,
		MaxAttempts: 10,
	}
	if !cfg.InsertOnly {
		workers := river.NewWorkers()
		river.AddWorker(workers, &pullWorker{r: r})
		river.AddWorker(workers, &importWorker{r: r})
		river.AddWorker(workers, &bulkWorker{r: r})
		river.AddWorker(workers, &compactWorker{r: r})
		river.AddWorker(workers, &reconcileWorker{r: r})
		river.AddWorker(workers, &pruneDeliveriesWorker{r: r})
		river.AddWorker(workers, &ediSettleWorker{r: r})
		river.AddWorker(workers, &priceApplyWorker{r: r})
		publish.AddWorkers(workers, publishConfig(cfg))
		river.AddWorker(workers, &scanWorker{r: r})
		river.AddWorker(workers, &odooMergeWorker{r: r})
		river.AddWorker(workers, &odooUnmergeWorker{r: r})
		rc.Workers = workers
		rc.Queues = map[string]river.QueueConfig{queuePull: {MaxWorkers: cfg.Workers}, queueInbox: {MaxWorkers: 2}, queuePricing: {MaxWorkers: 1}}
		rc.Queues[publish.Queue] = publish.QueueConfig(cmp.Or(cfg.PublishWorkers, 4))
		rc.JobTimeout = max(cfg.RescueAfter-time.Minute, cfg.RescueAfter/2)
		rc.RescueStuckJobsAfter = cfg.RescueAfter
		rc.FetchCooldown = 50 * time.Millisecond
		rc.FetchPollInterval = time.Second
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, fmt.Errorf("build job queue: %w", err)
	}
	r.client = client
	// Publications written in a transaction on this database queue their job in it too.
	models.SetPublicationQueue(cfg.DB, publish.Enqueuer{Client: client})
	return r, nil
}

// Start works jobs and keeps the periodic schedules in step with the database.
func (r *Runner) Start(ctx context.Context) error {
	if r.cfg.InsertOnly {
		return nil
	}
	if err := r.loadSchedules(); err != nil {
		return err
	}
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	wctx, cancel := context.WithCancel(context.Background())
	r.stopWatch, r.watchDone = cancel, make(chan struct{})
	go r.watchSchedules(wctx)
	return nil
}

// Stop finishes the jobs in hand (up to the context's deadline) and stops.
func (r *Runner) Stop(ctx context.Context) error {
	if r.cfg.InsertOnly {
		return nil
	}
	if r.stopWatch != nil {
		r.stopWatch()
		<-r.watchDone
	}
	return r.client.Stop(ctx)
}

// Client exposes the queue client for subscriptions in tests and tools.
func (r *Runner) Client() *river.Client[*sql.Tx] { return r.client }

// uniqueWhileActive keeps one job per arguments queued or running at a time.
var uniqueWhileActive = &river.UniqueOpts{
	ByArgs: true,
	ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled,
	},
}

// ErrAlreadyQueued means the same sync is already waiting or running.
var ErrAlreadyQueued = errors.New("this sync is already queued or running")

// EnqueuePull records a queued run and its job in tx, so both exist or neither does.
func (r *Runner) EnqueuePull(ctx context.Context, tx *gorm.DB, channelID int64, object, startedBy string) (int64, error) {
	return r.EnqueuePullAt(ctx, tx, channelID, object, startedBy, time.Time{})
}

// EnqueuePullAt is EnqueuePull for a pull that should not start before at (zero: now).
func (r *Runner) EnqueuePullAt(ctx context.Context, tx *gorm.DB, channelID int64, object, startedBy string, at time.Time) (int64, error) {
	run := models.SyncRun{ChannelID: channelID, Kind: "pull", Object: object, StartedBy: startedBy}
	if err := models.CreateRun(tx, &run); err != nil {
		return 0, err
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	res, err := r.client.InsertTx(ctx, sqlTx, PullArgs{ChannelID: channelID, Object: object, RunID: run.ID}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive, ScheduledAt: at})
	if err != nil {
		return 0, fmt.Errorf("queue sync: %w", err)
	}
	if res.UniqueSkippedAsDuplicate {
		return 0, ErrAlreadyQueued
	}
	return run.ID, nil
}
