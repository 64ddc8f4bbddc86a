package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"steward/models"
)

// deliveryMemory is how long a webhook delivery id is remembered: Shopify retries a
// delivery for up to 48 hours and WooCommerce not at all, so a week drops every
// redelivery with room to spare.
const deliveryMemory = 7 * 24 * time.Hour

// PruneDeliveriesArgs are the arguments of the daily clean-up of webhook delivery ids.
type PruneDeliveriesArgs struct{}

// Kind names the job in the queue.
func (PruneDeliveriesArgs) Kind() string { return "hooks.prune_deliveries" }

// InsertOpts puts the clean-up on the inbox queue, beside the other housekeeping.
func (PruneDeliveriesArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queueInbox} }

type pruneDeliveriesWorker struct {
	river.WorkerDefaults[PruneDeliveriesArgs]
	r *Runner
}

func (w *pruneDeliveriesWorker) Work(ctx context.Context, _ *river.Job[PruneDeliveriesArgs]) error {
	_, err := models.PruneDeliveries(w.r.cfg.DB.WithContext(ctx), time.Now().UTC().Add(-deliveryMemory), 5000)
	return err
}

func pruneDeliveriesJob() *river.PeriodicJob {
	return river.NewPeriodicJob(nightly{hour: 3}, func() (river.JobArgs, *river.InsertOpts) {
		return PruneDeliveriesArgs{}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
	}, &river.PeriodicJobOpts{ID: "hooks-prune-deliveries"})
}
