package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
)

// memorySource serves products from memory in pages, its cursor being the index reached.
type memorySource struct {
	mu    sync.Mutex
	items []ingest.Change
	page  int
	pulls int
	gate  chan struct{} // when set, each page waits for a receive
	// rescan reads everything on every pull, as a source with an overlap window re-reads
	// what it sent before; ingestion must then store each change once.
	rescan bool
}

func (s *memorySource) Count(_ context.Context, _ string, cursor string) (int64, error) {
	from, _ := strconv.Atoi(cursor)
	return int64(len(s.items) - from), nil
}

func (s *memorySource) Pull(ctx context.Context, _ string, cursor string, onPage func([]ingest.Change, string) error) error {
	s.mu.Lock()
	s.pulls++
	items := append([]ingest.Change(nil), s.items...)
	s.mu.Unlock()
	from, _ := strconv.Atoi(cursor)
	if s.rescan {
		from = 0
	}
	for i := from; i < len(items); i += s.page {
		if s.gate != nil {
			select {
			case <-s.gate:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		end := min(i+s.page, len(items))
		if err := onPage(items[i:end], strconv.Itoa(end)); err != nil {
			return err
		}
	}
	return nil
}

func products(n int) []ingest.Change {
	out := make([]ingest.Change, n)
	for i := range out {
		out[i] = ingest.Change{Object: models.ObjectProduct, ExternalID: strconv.Itoa(i + 1), Stamp: "s", Product: &models.Product{
			SKU: fmt.Sprintf("P-%04d", i+1), Name: fmt.Sprintf("Product %d", i+1), UoM: "EA", Currency: "EUR", Active: true, LifecycleStatus: models.LifecycleActive,
		}}
	}
	return out
}

func newRunner(t *testing.T, db *gorm.DB, src jobs.Source) *jobs.Runner {
	t.Helper()
	r, err := jobs.NewRunner(jobs.Config{
		DB:            db,
		Log:           slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Sources:       func(models.Channel) (jobs.Source, error) { return src, nil },
		RetryPolicy:   quickRetry{},
		ScheduleCheck: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r.Stop(ctx)
	})
	return r
}

type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(100 * time.Millisecond)
}

func waitRun(t *testing.T, db *gorm.DB, id int64) models.SyncRun {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		r, err := models.RunByID(db, id)
		if err == nil && (r.Status == models.RunSucceeded || r.Status == models.RunFailed) {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("run %d did not finish", id)
	return models.SyncRun{}
}

func odooChannel(t *testing.T, db *gorm.DB) models.Channel {
	t.Helper()
	ch := models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &ch); err != nil {
		t.Fatal(err)
	}
	return ch
}

func TestQueuedPullRunsOnceAndRecordsProgress(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := odooChannel(t, db)
		src := &memorySource{items: products(250), page: 100, gate: make(chan struct{})}
		r := newRunner(t, db, src)
		var runID int64
		err := db.Transaction(func(tx *gorm.DB) error {
			var err error
			runID, err = r.EnqueuePull(context.Background(), tx, ch.ID, models.SyncProducts, "ada@example.com")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// While it runs, the same sync cannot be queued twice.
		src.gate <- struct{}{}
		err = db.Transaction(func(tx *gorm.DB) error {
			_, err := r.EnqueuePull(context.Background(), tx, ch.ID, models.SyncProducts, "bob@example.com")
			return err
		})
		if !errors.Is(err, jobs.ErrAlreadyQueued) {
			t.Fatalf("second enqueue while running: %v", err)
		}
		var runs int64
		db.Model(&models.SyncRun{}).Count(&runs)
		if runs != 1 {
			t.Errorf("%d run records, want 1 (the refused one rolled back)", runs)
		}
		close(src.gate)
		run := waitRun(t, db, runID)
		if run.Status != models.RunSucceeded || run.Read != 250 || run.Created != 250 || run.Total != 250 || run.CursorTo != "250" || run.StartedBy != "ada@example.com" {
			t.Fatalf("run %+v", run)
		}
		if cur, _ := models.LoadCursor(db, ch.ID, models.SyncProducts); cur != "250" {
			t.Errorf("cursor %q", cur)
		}
	})
}

func TestEnqueueRollsBackWithItsTransaction(t *testing.T) {
	db := testdb.SQLite(t)
	ch := odooChannel(t, db)
	r := newRunner(t, db, &memorySource{items: products(1), page: 10})
	_ = db.Transaction(func(tx *gorm.DB) error {
		if _, err := r.EnqueuePull(context.Background(), tx, ch.ID, models.SyncProducts, "x"); err != nil {
			t.Fatal(err)
		}
		return errors.New("the change that caused it failed")
	})
	var jobsLeft, runs int64
	db.Table("river_job").Count(&jobsLeft)
	db.Model(&models.SyncRun{}).Count(&runs)
	if jobsLeft != 0 || runs != 0 {
		t.Errorf("after rollback: %d jobs, %d runs", jobsLeft, runs)
	}
}

func TestSchedulesRunPeriodically(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := odooChannel(t, db)
		src := &memorySource{items: products(3), page: 10}
		newRunner(t, db, src)
		// A schedule saved after start is picked up by the watcher.
		s := models.ChannelSchedule{ChannelID: ch.ID, Object: models.SyncProducts, Cron: "@every 1s", Enabled: true}
		if err := models.SaveSchedule(db, &s); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			var n int64
			db.Model(&models.SyncRun{}).Where("status = ? AND started_by = ?", models.RunSucceeded, "schedule").Count(&n)
			if n >= 2 {
				var p int64
				db.Model(&models.Product{}).Count(&p)
				if p != 3 {
					t.Fatalf("%d products after repeated runs, want 3", p)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatal("the schedule did not run twice within 30 s")
	})
}

var _ = river.JobCancel
