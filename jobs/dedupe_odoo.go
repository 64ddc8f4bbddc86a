// Odoo merge write-back.
//
// When a steward merges two golden customers in /duplicates and both are Odoo partners, the
// merge transaction calls
//
//	runner.EnqueueOdooMerge(ctx, tx, mergeID, channelID, survivorExternalID, duplicateExternalID)
//
// with the Odoo channel and the two partners' external ids (res.partner ids as text). The
// job is stored in tx, so it exists exactly when the merge commits. The worker checks Odoo
// first (odoo.Client.PrecheckMerge) and writes nothing when Odoo would refuse; otherwise it
// moves the duplicate's contacts and addresses to the survivor and archives the duplicate
// with a note naming the survivor (odoo.Client.MergePartners). The outcome is audited on the
// merge (object type "merge", its id): "odoo.merge" when done, "odoo.merge_blocked" with
// the blockers in plain words, "odoo.merge_failed" when Odoo kept failing. A failure half way
// is retried with backoff; each step can be repeated, so a retry finishes the merge.

package jobs

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/odoo"
	"steward/jobs/odoosync"
	"steward/models"
)

// OdooMergeArgs are the arguments of one merge's write-back to one Odoo channel.
type OdooMergeArgs struct {
	MergeID             int64  `json:"merge_id" river:"unique"`
	ChannelID           int64  `json:"channel_id" river:"unique"`
	SurvivorExternalID  string `json:"survivor_external_id"`
	DuplicateExternalID string `json:"duplicate_external_id"`
}

// Kind names the job in the queue.
func (OdooMergeArgs) Kind() string { return "odoo.merge" }

// InsertOpts puts merges on the sync queue, with the other calls to channels.
func (OdooMergeArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

// EnqueueOdooMerge queues the write-back of a merge to an Odoo channel in the merge's own
// transaction. survivorExternalID and duplicateExternalID are the channel's external ids of
// the two customers (Odoo res.partner ids).
func (r *Runner) EnqueueOdooMerge(ctx context.Context, tx *gorm.DB, mergeID int64, channelID int64, survivorExternalID, duplicateExternalID string) error {
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return err
	}
	args := OdooMergeArgs{MergeID: mergeID, ChannelID: channelID, SurvivorExternalID: survivorExternalID, DuplicateExternalID: duplicateExternalID}
	if _, err := r.client.InsertTx(ctx, sqlTx, args, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}); err != nil {
		return fmt.Errorf("queue the Odoo merge: %w", err)
	}
	return nil
}

type odooMergeWorker struct {
	river.WorkerDefaults[OdooMergeArgs]
	r *Runner
}

func (w *odooMergeWorker) Work(ctx context.Context, job *river.Job[OdooMergeArgs]) error {
	a := job.Args
	if undone, err := mergeUndone(w.r.cfg.DB, a.MergeID); err != nil || undone {
		// Undone before it reached Odoo: nothing to write, and nothing for an unmerge to take back.
		if err == nil {
			err = auditOdooMerge(w.r.cfg.DB, a, "odoo.merge_skipped", nil, "the merge was undone before it was written to Odoo")
		}
		return err
	}
	res, err := MergeInOdoo(ctx, w.r.cfg, a)
	var blocked *odoo.BlockedError
	switch {
	case err == nil:
		return auditOdooMerge(w.r.cfg.DB, a, "odoo.merge", map[string]any{"reparented": res.Reparented, "archived": res.Archived},
			fmt.Sprintf("partner %s merged into %s in Odoo", a.DuplicateExternalID, a.SurvivorExternalID))
	case errors.As(err, &blocked):
		if aerr := auditOdooMerge(w.r.cfg.DB, a, "odoo.merge_blocked", map[string]any{"blockers": blocked.Blockers}, err.Error()); aerr != nil {
			return aerr
		}
		return river.JobCancel(err)
	case errors.Is(err, ErrPermanent) || job.Attempt >= job.MaxAttempts:
		if aerr := auditOdooMerge(w.r.cfg.DB, a, "odoo.merge_failed", nil, err.Error()); aerr != nil {
			return aerr
		}
		return river.JobCancel(err)
	}
	return err
}

// MergeInOdoo writes one merge back to its Odoo channel; see the comment at the top of
// this file.
func MergeInOdoo(ctx context.Context, cfg Config, a OdooMergeArgs) (odoo.MergeResult, error) {
	ch, err := models.ChannelByID(cfg.DB, a.ChannelID)
	if err != nil {
		return odoo.MergeResult{}, Permanent(fmt.Errorf("channel %d: %w", a.ChannelID, err))
	}
	if ch.Kind != models.ChannelOdoo || cfg.Sources == nil {
		return odoo.MergeResult{}, Permanent(fmt.Errorf("%s is not an Odoo channel", ch.Name))
	}
	src, err := cfg.Sources(ch)
	if err != nil {
		return odoo.MergeResult{}, Permanent(err)
	}
	os, ok := src.(*odoosync.Source)
	if !ok {
		return odoo.MergeResult{}, Permanent(fmt.Errorf("%s is not an Odoo channel", ch.Name))
	}
	surv, err1 := strconv.ParseInt(a.SurvivorExternalID, 10, 64)
	dup, err2 := strconv.ParseInt(a.DuplicateExternalID, 10, 64)
	if err1 != nil || err2 != nil {
		return odoo.MergeResult{}, Permanent(fmt.Errorf("%q and %q are not Odoo partner ids", a.SurvivorExternalID, a.DuplicateExternalID))
	}
	note := odooMergeNote(surv, a.MergeID)
	res, err := os.Client.MergePartners(ctx, surv, dup, note)
	var tr transienter
	if err != nil && errors.As(err, &tr) && !tr.Transient() {
		return res, Permanent(err)
	}
	return res, err
}

func auditOdooMerge(db *gorm.DB, a OdooMergeArgs, action string, after map[string]any, reason string) error {
	if after == nil {
		after = map[string]any{}
	}
	after["channel_id"], after["survivor"], after["duplicate"] = a.ChannelID, a.SurvivorExternalID, a.DuplicateExternalID
	return models.Audit(db, models.SystemActor("odoo merge"), models.Change{
		Action: action, ObjectType: "merge", ObjectID: a.MergeID, After: after, Reason: reason,
	})
}
