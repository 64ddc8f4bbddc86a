// Odoo unmerge write-back.
//
// When a steward undoes a merge that was written back to Odoo, the unmerge transaction
// calls runner.EnqueueOdooUnmerge with the same channel and partners as the merge's job.
// The worker takes the merge back in Odoo (odoo.Client.UnmergePartners): the duplicate
// partner active again without the merge's note, and the contacts and addresses the merge
// moved (as its "odoo.merge" audit event recorded them) back below it, after a pre-check
// that writes nothing when something is in the way. Outcomes are audited on the merge:
// "odoo.unmerge", "odoo.unmerge_blocked" with the blockers in plain words,
// "odoo.unmerge_failed". A merge job that had not run yet when the merge was undone does
// nothing (OdooMergeArgs.Work checks the merge first).

package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/odoo"
	"steward/jobs/odoosync"
	"steward/models"
)

// OdooUnmergeArgs are the arguments of one unmerge's write-back to one Odoo channel.
type OdooUnmergeArgs struct {
	MergeID             int64  `json:"merge_id" river:"unique"`
	ChannelID           int64  `json:"channel_id" river:"unique"`
	SurvivorExternalID  string `json:"survivor_external_id"`
	DuplicateExternalID string `json:"duplicate_external_id"`
}

// Kind names the job in the queue.
func (OdooUnmergeArgs) Kind() string { return "odoo.unmerge" }

// InsertOpts puts unmerges on the sync queue, with the other calls to channels.
func (OdooUnmergeArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

// EnqueueOdooUnmerge queues the write-back of an unmerge to an Odoo channel in the
// unmerge's own transaction, with the partners the merge's job was given.
func (r *Runner) EnqueueOdooUnmerge(ctx context.Context, tx *gorm.DB, mergeID int64, channelID int64, survivorExternalID, duplicateExternalID string) error {
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return err
	}
	args := OdooUnmergeArgs{MergeID: mergeID, ChannelID: channelID, SurvivorExternalID: survivorExternalID, DuplicateExternalID: duplicateExternalID}
	if _, err := r.client.InsertTx(ctx, sqlTx, args, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}); err != nil {
		return fmt.Errorf("queue the Odoo unmerge: %w", err)
	}
	return nil
}

type odooUnmergeWorker struct {
	river.WorkerDefaults[OdooUnmergeArgs]
	r *Runner
}

func (w *odooUnmergeWorker) Work(ctx context.Context, job *river.Job[OdooUnmergeArgs]) error {
	a := job.Args
	m := OdooMergeArgs(a)
	res, err := UnmergeInOdoo(ctx, w.r.cfg, a)
	var blocked *odoo.BlockedError
	switch {
	case err == nil:
		return auditOdooMerge(w.r.cfg.DB, m, "odoo.unmerge", map[string]any{"restored": res.Restored, "gone": res.Gone, "active": res.Active},
			fmt.Sprintf("partner %s restored and separated from %s in Odoo", a.DuplicateExternalID, a.SurvivorExternalID))
	case errors.As(err, &blocked):
		if aerr := auditOdooMerge(w.r.cfg.DB, m, "odoo.unmerge_blocked", map[string]any{"blockers": blocked.Blockers},
			"Odoo cannot take the merge back: "+blockerWords(blocked)); aerr != nil {
			return aerr
		}
		return river.JobCancel(err)
	case errors.Is(err, ErrPermanent) || job.Attempt >= job.MaxAttempts:
		if aerr := auditOdooMerge(w.r.cfg.DB, m, "odoo.unmerge_failed", nil, err.Error()); aerr != nil {
			return aerr
		}
		return river.JobCancel(err)
	}
	return err
}

func blockerWords(e *odoo.BlockedError) string {
	out := ""
	for i, b := range e.Blockers {
		if i > 0 {
			out += " "
		}
		out += b.Reason
	}
	return out
}

// UnmergeInOdoo takes one merge back in its Odoo channel; see the comment at the top of
// this file. A merge whose write-back never ran has nothing to take back.
func UnmergeInOdoo(ctx context.Context, cfg Config, a OdooUnmergeArgs) (odoo.UnmergeResult, error) {
	client, surv, dup, err := odooPartners(cfg, OdooMergeArgs(a))
	if err != nil {
		return odoo.UnmergeResult{}, err
	}
	moved, err := reparentedByMerge(cfg.DB, a)
	if err != nil {
		return odoo.UnmergeResult{}, err
	}
	res, err := client.UnmergePartners(ctx, surv, dup, moved, odooMergeNote(surv, a.MergeID))
	var tr transienter
	if err != nil && errors.As(err, &tr) && !tr.Transient() {
		return res, Permanent(err)
	}
	return res, err
}

// reparentedByMerge is what the merge's write-back moved below the survivor, as its audit
// event recorded it (none when it never ran, or was blocked).
func reparentedByMerge(db *gorm.DB, a OdooUnmergeArgs) ([]int64, error) {
	var evs []models.AuditEvent
	if err := db.Where("object_type = ? AND object_id = ? AND action = ?", "merge", strconv.FormatInt(a.MergeID, 10), "odoo.merge").
		Order("id DESC").Find(&evs).Error; err != nil {
		return nil, err
	}
	for _, ev := range evs {
		var after struct {
			ChannelID  int64   `json:"channel_id"`
			Duplicate  string  `json:"duplicate"`
			Reparented []int64 `json:"reparented"`
		}
		if err := json.Unmarshal([]byte(ev.After), &after); err != nil {
			return nil, Permanent(fmt.Errorf("read what merge %d moved in Odoo: %w", a.MergeID, err))
		}
		if after.ChannelID == a.ChannelID && after.Duplicate == a.DuplicateExternalID {
			return after.Reparented, nil
		}
	}
	return nil, nil
}

// odooPartners is the Odoo client of a merge's channel and its two partner ids.
func odooPartners(cfg Config, a OdooMergeArgs) (*odoo.Client, int64, int64, error) {
	ch, err := models.ChannelByID(cfg.DB, a.ChannelID)
	if err != nil {
		return nil, 0, 0, Permanent(fmt.Errorf("channel %d: %w", a.ChannelID, err))
	}
	if ch.Kind != models.ChannelOdoo || cfg.Sources == nil {
		return nil, 0, 0, Permanent(fmt.Errorf("%s is not an Odoo channel", ch.Name))
	}
	src, err := cfg.Sources(ch)
	if err != nil {
		return nil, 0, 0, Permanent(err)
	}
	os, ok := src.(*odoosync.Source)
	if !ok {
		return nil, 0, 0, Permanent(fmt.Errorf("%s is not an Odoo channel", ch.Name))
	}
	surv, err1 := strconv.ParseInt(a.SurvivorExternalID, 10, 64)
	dup, err2 := strconv.ParseInt(a.DuplicateExternalID, 10, 64)
	if err1 != nil || err2 != nil {
		return nil, 0, 0, Permanent(fmt.Errorf("%q and %q are not Odoo partner ids", a.SurvivorExternalID, a.DuplicateExternalID))
	}
	return os.Client, surv, dup, nil
}

// odooMergeNote is the note a merge leaves on the archived partner, which the unmerge
// takes off again.
func odooMergeNote(survivor, mergeID int64) string {
	return fmt.Sprintf("Merged into partner %d by Steward (merge %d); kept archived so that the merge can be undone.", survivor, mergeID)
}

// mergeUndone says whether a merge was undone before its write-back ran.
func mergeUndone(db *gorm.DB, mergeID int64) (bool, error) {
	m, err := models.MergeByID(db, mergeID)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil && m.Status == models.MergeUndone, err
}
