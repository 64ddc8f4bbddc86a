package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/edi"
	"steward/models"
)

// ediSettleEvery is how often trading partners' inbound folders are read for 997s: reading
// an empty folder costs nothing, and a rejected catalog should reach /publications while the
// steward who changed the price still remembers why.
const ediSettleEvery = time.Minute

// EDISettleArgs are the arguments of the job that carries partners' 997 acknowledgements to
// the publications they acknowledge.
type EDISettleArgs struct{}

// Kind names the job in the queue.
func (EDISettleArgs) Kind() string { return "edi.settle" }

// InsertOpts puts the job on the inbox queue, beside the other housekeeping.
func (EDISettleArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queueInbox} }

type ediSettleWorker struct {
	river.WorkerDefaults[EDISettleArgs]
	r *Runner
}

func (w *ediSettleWorker) Work(ctx context.Context, _ *river.Job[EDISettleArgs]) error {
	_, err := SettleEDI(ctx, w.r.cfg.DB.WithContext(ctx), w.r.cfg.Log)
	return err
}

func ediSettleJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(ediSettleEvery), func() (river.JobArgs, *river.InsertOpts) {
		return EDISettleArgs{}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
	}, &river.PeriodicJobOpts{ID: "edi-settle"})
}

// SettleEDI reads the waiting 997s of every active EDI channel: a set the partner rejected
// fails its publications with the AK3/AK4 errors in words. One channel's unreadable folder
// or damaged settings do not keep the others from settling; the errors are returned joined.
// It returns how many acknowledged sets were read.
func SettleEDI(ctx context.Context, db *gorm.DB, log *slog.Logger) (int, error) {
	if log == nil {
		log = slog.Default()
	}
	chans, err := models.ListChannels(db)
	if err != nil {
		return 0, fmt.Errorf("load channels: %w", err)
	}
	n := 0
	var errs []error
	for _, ch := range chans {
		if ch.Kind != models.ChannelEDI || !ch.Active {
			continue
		}
		conn, err := edi.New(db, ch)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		acks, err := conn.Settle(ctx)
		n += len(acks)
		for _, a := range acks {
			if a.Status == models.EDIRejected {
				log.Info("EDI set rejected by the trading partner", "channel", ch.Name, "set", a.SetCode, "group", a.GroupControl, "note", a.Note)
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ch.Name, err))
		}
	}
	return n, errors.Join(errs...)
}
