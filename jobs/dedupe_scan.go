package jobs

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules/match"
)

// ScanArgs are the arguments of a duplicate scan of one domain. RunID is set when a person
// queued it; periodic scans open their own run.
type ScanArgs struct {
	Domain string `json:"domain" river:"unique"`
	RunID  int64  `json:"run_id"`
}

// Kind names the job in the queue.
func (ScanArgs) Kind() string { return "match.scan" }

// InsertOpts puts scans on the sync queue. A queue of their own would cost SQLite's one
// connection another poller: with a third queue, two bulk inbox runs starved the pool
// (TestBulkApprovalOfTenThousandItems hung).
func (ScanArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

type scanWorker struct {
	river.WorkerDefaults[ScanArgs]
	r *Runner
}

func (w *scanWorker) Work(ctx context.Context, job *river.Job[ScanArgs]) error {
	runID := job.Args.RunID
	if runID == 0 {
		ch, err := models.ScanChannel(w.r.cfg.DB)
		if err != nil {
			return err
		}
		run, err := models.OpenRun(w.r.cfg.DB, ch.ID, models.ScanRunKind, job.Args.Domain, "schedule")
		if err != nil {
			return err
		}
		runID = run.ID
	}
	return scan(ctx, w.r.cfg, job.Args.Domain, runID, nil, w.r)
}

// EnqueueScan records a queued scan of a domain and its job in tx, so both exist or
// neither does.
func (r *Runner) EnqueueScan(ctx context.Context, tx *gorm.DB, domain, startedBy string) (int64, error) {
	ch, err := models.ScanChannel(tx)
	if err != nil {
		return 0, err
	}
	run := models.SyncRun{ChannelID: ch.ID, Kind: models.ScanRunKind, Object: domain, StartedBy: startedBy}
	if err := models.CreateRun(tx, &run); err != nil {
		return 0, err
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	res, err := r.client.InsertTx(ctx, sqlTx, ScanArgs{Domain: domain, RunID: run.ID}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive})
	if err != nil {
		return 0, fmt.Errorf("queue scan: %w", err)
	}
	if res.UniqueSkippedAsDuplicate {
		return 0, ErrAlreadyQueued
	}
	return run.ID, nil
}

// scanBatch is how many pairs one transaction stores: short transactions, since SQLite has
// one connection for everybody.
const scanBatch = 500

// Scan compares every active golden record of a domain with the others and stores the pairs
// in the review and match bands as duplicate candidates, recording progress and counts in
// the run. A pair a steward dismissed stays dismissed unless a side changed materially. The
// domain's blocking keys are filed again, for ingestion to find candidates by.
//
// Match-band pairs are stored with band "match" (and counted as held). With
// MatchSettings.AutoMerge on (off by default) they are then merged without a person
// (dedupe_automerge.go); without it they wait for a person like any candidate.
func Scan(ctx context.Context, cfg Config, domain string, runID int64, progress Progress) error {
	return scan(ctx, cfg, domain, runID, progress, nil)
}

// scan is Scan with the runner that queues automatic merges' Odoo write-back (nil: none).
func scan(ctx context.Context, cfg Config, domain string, runID int64, progress Progress, r *Runner) (err error) {
	db := cfg.DB
	defer func() {
		if ferr := models.FinishRun(db, runID, err, ""); ferr != nil && err == nil {
			err = ferr
		}
	}()
	if err := models.StartRun(db, runID, 0, ""); err != nil {
		return err
	}
	settings, err := ingest.MatchSettings(db, domain)
	if err != nil {
		return err
	}
	t := ingest.Thresholds(settings)
	set, err := ingest.LoadMatchSet(db, domain, nil)
	if err != nil {
		return Permanent(err)
	}
	total := int64(len(set.Entities))
	if err := db.Model(&models.SyncRun{}).Where("id = ?", runID).Update("total", total).Error; err != nil {
		return err
	}
	model := match.DefaultModel(match.Domain(domain))
	// The engine reports from one goroutine at a time; the run's row is written from here,
	// at most once a second.
	var lastWrite atomic.Int64
	opts := match.Options{MinScore: t.Review, Progress: func(done, total int64) {
		if progress != nil {
			progress(done, total)
		}
		now := time.Now().UnixMilli()
		if now-lastWrite.Load() < 1000 {
			return
		}
		lastWrite.Store(now)
		db.Model(&models.SyncRun{}).Where("id = ?", runID).Updates(map[string]any{"read": done, "heartbeat_at": db.NowFunc()})
	}}
	pairs := match.Dedupe(model, set.Entities, opts)
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.Model(&models.SyncRun{}).Where("id = ?", runID).Update("read", total).Error; err != nil {
		return err
	}
	var sum models.CandidateCounts
	for start := 0; start < len(pairs); start += scanBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		found := make([]models.FoundPair, 0, scanBatch)
		for _, p := range pairs[start:min(start+scanBatch, len(pairs))] {
			fp, err := ingest.FoundPair(model, &set, int(p.A), int(p.B), t.Band(p.Score))
			if err != nil {
				return err
			}
			found = append(found, fp)
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			c, _, err := models.SaveCandidates(tx, domain, "scan", found, true)
			if err != nil {
				return err
			}
			sum = addCandidateCounts(sum, c)
			var held int64
			for _, f := range found {
				if f.Band == string(match.BandMatch) {
					held++
				}
			}
			return models.AddRunCounts(tx, runID, models.Counts{Created: c.Created, Updated: c.Updated + c.Reopened,
				Unchanged: c.Unchanged + c.Dismissed + c.Merged, Held: held})
		})
		if err != nil {
			return fmt.Errorf("store candidates of the %s scan: %w", domain, err)
		}
	}
	stale, err := staleCandidates(db, domain, model, &set, t)
	if err != nil {
		return err
	}
	if err := db.Transaction(func(tx *gorm.DB) error {
		if err := models.ResolveCandidates(tx, stale, fmt.Sprintf("no longer a possible duplicate: below the review threshold or a side archived (scan run %d)", runID)); err != nil {
			return err
		}
		if _, err := models.RecomputeClusters(tx, domain); err != nil {
			return err
		}
		return models.Audit(tx, models.SystemActor("duplicate scan"), models.Change{
			Action: "matching.scan", ObjectType: "sync_run", ObjectID: runID,
			After: map[string]any{"domain": domain, "records": total, "pairs": len(pairs), "new": sum.Created,
				"updated": sum.Updated, "reopened": sum.Reopened, "still_dismissed": sum.Dismissed, "resolved": len(stale),
				"match_threshold": t.Match, "review_threshold": t.Review, "auto_merge": settings.AutoMerge},
			Reason: fmt.Sprintf("duplicate scan of %d %s records", total, domain),
		})
	}); err != nil {
		return err
	}
	if settings.AutoMerge {
		res, err := autoMerge(ctx, db, r, domain, t)
		if aerr := models.Audit(db, models.SystemActor(AutoMergeActor), models.Change{
			Action: "matching.auto_merge", ObjectType: "sync_run", ObjectID: runID, After: res,
			Reason: fmt.Sprintf("merged %d %s pairs in the match band automatically; %d left for review", res.Merged, domain, res.Left),
		}); err == nil {
			err = aerr
		}
		if err != nil {
			return err
		}
	}
	return fileMatchKeys(ctx, db, domain, &set)
}

// staleCandidates are the open candidates of a domain that no longer need a steward: one
// side is archived or gone, or the pair, scored again, falls below the review threshold (an
// edit made them differ). A pair the scan's blocking did not propose but that still scores
// is kept: blocking is a shortcut, not a verdict.
func staleCandidates(db *gorm.DB, domain string, model *match.Model, set *ingest.MatchSet, t match.Thresholds) ([]int64, error) {
	open, err := models.OpenCandidatePairs(db, domain)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	at := make(map[int64]int, len(set.Entities))
	for i := range set.Entities {
		at[set.GoldenID(i)] = i
	}
	var stale []int64
	for _, c := range open {
		l, okL := at[c.LeftID]
		r, okR := at[c.RightID]
		if !okL || !okR || model.Score(match.Compare(&set.Entities[l], &set.Entities[r])) < t.Review {
			stale = append(stale, c.ID)
		}
	}
	return stale, nil
}

func addCandidateCounts(a, b models.CandidateCounts) models.CandidateCounts {
	return models.CandidateCounts{Created: a.Created + b.Created, Updated: a.Updated + b.Updated, Reopened: a.Reopened + b.Reopened,
		Unchanged: a.Unchanged + b.Unchanged, Dismissed: a.Dismissed + b.Dismissed, Merged: a.Merged + b.Merged}
}

// fileMatchKeys files every record of the scan under its blocking keys, replacing what the
// domain had, in short transactions.
func fileMatchKeys(ctx context.Context, db *gorm.DB, domain string, set *ingest.MatchSet) error {
	if err := models.ClearMatchKeys(db, domain); err != nil {
		return fmt.Errorf("clear match keys: %w", err)
	}
	const per = 2000
	for start := 0; start < len(set.Entities); start += per {
		if err := ctx.Err(); err != nil {
			return err
		}
		keys := map[int64][]string{}
		for i := start; i < min(start+per, len(set.Entities)); i++ {
			keys[set.GoldenID(i)] = ingest.IndexedKeys(&set.Entities[i])
		}
		if err := db.Transaction(func(tx *gorm.DB) error { return models.AddMatchKeys(tx, domain, keys) }); err != nil {
			return err
		}
	}
	return nil
}
