package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/csvsource"
	"steward/jobs/ingest"
	"steward/models"
)

// maxProblemsKept bounds what a run records of unreadable rows; the count stays exact.
const maxProblemsKept = 1000

// Import reads a CSV file of object (products or customers) from channel into the run's
// record, through the same ingestion path as a pull. Unreadable rows are recorded with their
// line and column and counted as failed; they never stop the good rows.
func Import(ctx context.Context, cfg Config, ch models.Channel, object string, file io.Reader, runID int64, progress Progress) (err error) {
	db := cfg.DB
	defer func() {
		if ferr := models.FinishRun(db, runID, err, ""); ferr != nil && err == nil {
			err = ferr
		}
	}()
	if err := models.StartRun(db, runID, 0, ""); err != nil {
		return err
	}
	rd, err := csvsource.NewReader(file, object)
	if err != nil {
		return err
	}
	decide, err := cfg.Decider(db)
	if err != nil {
		return err
	}
	in := &ingest.Ingester{DB: db, Decide: decide}
	var done int64
	err = rd.Pull(ctx, func(changes []ingest.Change, _ string) error {
		if _, err := in.Apply(ctx, ch, runID, changes, nil); err != nil {
			return err
		}
		done += int64(len(changes))
		if progress != nil {
			progress(done, 0)
		}
		return nil
	})
	if len(rd.Problems) > 0 {
		kept := make([]string, 0, min(len(rd.Problems), maxProblemsKept))
		for _, p := range rd.Problems[:min(len(rd.Problems), maxProblemsKept)] {
			kept = append(kept, p.String())
		}
		rows := map[int]bool{}
		for _, p := range rd.Problems {
			rows[p.Line] = true
		}
		if perr := models.SetRunProblems(db, runID, kept, int64(len(rows))); perr != nil && err == nil {
			err = perr
		}
	}
	return err
}

// ImportArgs are the arguments of an import of an uploaded file.
type ImportArgs struct {
	UploadID int64 `json:"upload_id"`
	RunID    int64 `json:"run_id"`
}

// Kind names the job in the queue.
func (ImportArgs) Kind() string { return "sync.import" }

// InsertOpts puts imports on the sync queue.
func (ImportArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

type importWorker struct {
	river.WorkerDefaults[ImportArgs]
	r *Runner
}

func (w *importWorker) Timeout(*river.Job[ImportArgs]) time.Duration {
	return w.r.cfg.RescueAfter - time.Minute
}

func (w *importWorker) Work(ctx context.Context, job *river.Job[ImportArgs]) error {
	db := w.r.cfg.DB
	up, err := models.UploadByID(db, job.Args.UploadID)
	if err != nil {
		return river.JobCancel(fmt.Errorf("upload %d: %w", job.Args.UploadID, err))
	}
	ch, err := models.ChannelByID(db, up.ChannelID)
	if err != nil {
		return river.JobCancel(err)
	}
	if err := Import(ctx, w.r.cfg, ch, up.Object, bytes.NewReader(up.Content), job.Args.RunID, nil); err != nil {
		return err
	}
	return models.DeleteUpload(db, up.ID)
}

// EnqueueImport stores an uploaded file with its run and job in tx.
func (r *Runner) EnqueueImport(ctx context.Context, tx *gorm.DB, up *models.Upload) (int64, error) {
	if err := models.CreateUpload(tx, up); err != nil {
		return 0, err
	}
	run := models.SyncRun{ChannelID: up.ChannelID, Kind: "import", Object: up.Object, StartedBy: up.UploadedBy}
	if err := models.CreateRun(tx, &run); err != nil {
		return 0, err
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	if _, err := r.client.InsertTx(ctx, sqlTx, ImportArgs{UploadID: up.ID, RunID: run.ID}, nil); err != nil {
		return 0, fmt.Errorf("queue import: %w", err)
	}
	return run.ID, nil
}
