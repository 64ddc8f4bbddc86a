package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/odoo"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/rules"
)

// PriceApplier takes approved price changes live when their date comes: it writes each back
// to Odoo, then in one transaction changes the golden price, audits it and enqueues a
// publication for every channel that shows that price. A proposal whose write-back fails
// stays approved with the error shown on /pricing and is tried again on the next run; one
// whose price moved after approval is not applied at all but closed as stale, saying so.
type PriceApplier struct {
	DB  *gorm.DB
	Now func() time.Time
	// Odoo builds the client of an Odoo channel; nil writes nothing back (no Odoo).
	Odoo func(ch models.Channel) (*odoo.Client, error)
	Log  *slog.Logger
}

// PriceRun counts what one run did.
type PriceRun struct {
	Expired, Applied, Failed int
	Stale                    int // not applied: the price moved after approval
}

// priceActor signs the audit events of the applying job.
var priceActor = models.SystemActor("pricing: apply approved changes")

// Run lapses the proposals nobody decided in time and applies the due ones.
func (a *PriceApplier) Run(ctx context.Context) (PriceRun, error) {
	var run PriceRun
	now := a.Now().UTC()
	db := a.DB.WithContext(ctx)
	err := db.Transaction(func(tx *gorm.DB) error {
		n, err := models.ExpireProposals(tx, priceActor, now)
		run.Expired = n
		return err
	})
	if err != nil {
		return run, fmt.Errorf("lapse price proposals: %w", err)
	}
	due, err := models.DueProposals(db, now, 200)
	if err != nil {
		return run, fmt.Errorf("find due price changes: %w", err)
	}
	odoos, err := models.ActiveChannelsOfKind(db, models.ChannelOdoo)
	if err != nil {
		return run, err
	}
	for _, p := range due {
		stale, err := a.closeIfMoved(db, p, now)
		if err == nil && stale {
			run.Stale++
			continue
		}
		if err == nil {
			err = a.applyOne(ctx, db, odoos, p, now)
		}
		if err != nil {
			if ctx.Err() != nil {
				return run, ctx.Err()
			}
			run.Failed++
			a.log().Warn("price change not applied", "proposal", p.ID, "err", err)
			continue
		}
		run.Applied++
	}
	return run, nil
}

func (a *PriceApplier) log() *slog.Logger {
	if a.Log == nil {
		return slog.Default()
	}
	return a.Log
}

// closeIfMoved closes a proposal as stale when its price is no longer the old price policy
// judged it on (a sync or another change moved it after approval): applying it would put
// live a change, margin and approval nobody saw. It is checked before the write-back, so
// Odoo never gets such a price either.
func (a *PriceApplier) closeIfMoved(db *gorm.DB, p models.PriceProposal, now time.Time) (bool, error) {
	stale := false
	err := db.Transaction(func(tx *gorm.DB) error {
		current, has, err := models.CurrentPrice(tx, p)
		if err != nil || !rules.PriceMoved(p.HasOld, p.OldPrice, has, current) {
			return err
		}
		stale = true
		return models.MarkProposalStale(tx, priceActor, p, current, rules.PriceMovedAfterApprovalMessage(p.OldPrice, current, p.Currency), now)
	})
	return stale, err
}

// applyOne writes one proposal back to Odoo and applies it. Odoo is written first: a price
// Odoo refused must not reach any channel.
func (a *PriceApplier) applyOne(ctx context.Context, db *gorm.DB, odoos []models.Channel, p models.PriceProposal, now time.Time) error {
	told := map[int64]bool{}
	if p.SourceChannelID != nil {
		told[*p.SourceChannelID] = true // the change came from there: it holds the price
	}
	for _, ch := range odoos {
		if told[ch.ID] || a.Odoo == nil {
			continue
		}
		wrote, err := a.writeBack(ctx, db, ch, &p)
		if err != nil {
			return a.failed(db, p.ID, writeBackMessage(ch, err), err)
		}
		told[ch.ID] = wrote
	}
	err := db.Transaction(func(tx *gorm.DB) error {
		applied, err := models.ApplyProposal(tx, priceActor, p, now)
		if err != nil {
			return err
		}
		return enqueuePrice(tx, applied, told)
	})
	if err != nil {
		return a.failed(db, p.ID, "Steward could not store the new price: "+rules.MessageOf(err), err)
	}
	return nil
}

// failed records why a proposal was not applied, for /pricing, and counts the attempt.
func (a *PriceApplier) failed(db *gorm.DB, id int64, msg string, cause error) error {
	p, err := models.PriceProposalByID(db, id)
	if err == nil {
		err = models.UpdateProposal(db, p.ID, p.Version, map[string]any{"apply_attempts": p.ApplyAttempts + 1, "apply_error": msg})
	}
	return errors.Join(cause, err)
}

// writeBack writes the price to one Odoo; an item it had to create is remembered on the
// proposal at once, so that a retry updates it instead of creating another.
func (a *PriceApplier) writeBack(ctx context.Context, db *gorm.DB, ch models.Channel, p *models.PriceProposal) (bool, error) {
	c, err := a.Odoo(ch)
	if err != nil {
		return false, err
	}
	created, wrote, err := odooPrice(ctx, db, c, ch, *p)
	if err != nil || created == "" {
		return wrote, err
	}
	refs := created
	if p.OdooRef != "" {
		refs = p.OdooRef + "," + created
	}
	if err := models.UpdateProposal(db, p.ID, p.Version, map[string]any{"odoo_ref": refs}); err != nil {
		return wrote, err
	}
	p.OdooRef, p.Version = refs, p.Version+1
	return wrote, nil
}

// enqueuePrice tells every channel that shows the price, except those told already: a
// customer's price only the non-public channels that carry that customer.
func enqueuePrice(tx *gorm.DB, applied models.AppliedPrice, told map[int64]bool) error {
	chans, err := models.DestinationChannels(tx, 0)
	if err != nil {
		return err
	}
	var carriers map[int64]bool
	if applied.CustomerID != nil {
		all, err := models.CustomerCarriers(tx, []int64{*applied.CustomerID})
		if err != nil {
			return err
		}
		carriers = all[*applied.CustomerID]
	}
	dests := rules.PriceChannels(chans, applied.CustomerID != nil, carriers, told)
	_, err = models.EnqueuePublications(tx, dests, applied.ObjectType, applied.GoldenID, applied.Version, applied.Summary)
	return err
}

// PriceApplyArgs are the arguments of the periodic job that applies due price changes.
type PriceApplyArgs struct{}

// Kind names the job in the queue.
func (PriceApplyArgs) Kind() string { return "pricing.apply" }

// InsertOpts puts the job on the pricing queue.
func (PriceApplyArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePricing} }

// queuePricing runs one apply at a time: two would write the same prices to Odoo twice.
const queuePricing = "pricing"

type priceApplyWorker struct {
	river.WorkerDefaults[PriceApplyArgs]
	r *Runner
}

func (w *priceApplyWorker) Work(ctx context.Context, _ *river.Job[PriceApplyArgs]) error {
	_, err := w.r.priceApplier().Run(ctx)
	return err
}

// priceApplier builds the applier from the runner's configuration: Odoo clients come from
// the same source factory the pulls use.
func (r *Runner) priceApplier() *PriceApplier {
	now := r.cfg.Now
	if now == nil {
		now = time.Now
	}
	a := &PriceApplier{DB: r.cfg.DB, Now: now, Log: r.cfg.Log}
	if r.cfg.Sources != nil {
		a.Odoo = func(ch models.Channel) (*odoo.Client, error) {
			src, err := r.cfg.Sources(ch)
			if err != nil {
				return nil, err
			}
			s, ok := src.(*odoosync.Source)
			if !ok || s.Client == nil {
				return nil, fmt.Errorf("%s has no Odoo connection to write prices back to", ch.Name)
			}
			return s.Client, nil
		}
	}
	return a
}

// priceApplyEvery is how often due price changes are looked for: a change approved for
// Monday goes live within a minute of midnight.
const priceApplyEvery = time.Minute

func priceApplyJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(priceApplyEvery), func() (river.JobArgs, *river.InsertOpts) {
		return PriceApplyArgs{}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
	}, &river.PeriodicJobOpts{ID: "pricing-apply", RunOnStart: true}) // changes due while no instance ran apply at start
}
