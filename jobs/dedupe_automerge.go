package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
)

// AutoMergeActor is who automatic merges are recorded as, in the audit trail and on the
// merge (a person undoes them from /merges like any other).
const AutoMergeActor = "Steward (automatic merge)"

// autoMergeResult counts what automatic merging did in one scan.
type autoMergeResult struct {
	Merged  int      `json:"merged"`
	Left    int      `json:"left_for_review"` // refused (a record changed, a rule failed): wait for a person
	Reasons []string `json:"reasons,omitempty"`
}

// autoMerge merges the open match-band pairs of a domain, as an admin asked by turning
// MatchSettings.AutoMerge on: the survivor is the record more channels hold (the older one
// on a tie), its values chosen by the domain's survivorship rules without overrides. Each
// merge is its own transaction, recorded and undoable like a steward's, and written back
// to Odoo when a runner is given. A pair that cannot be merged safely stays open for a
// person. A pair whose side was merged a moment ago in this run was closed as resolved by
// that merge; the next scan pairs the survivor again.
func autoMerge(ctx context.Context, db *gorm.DB, r *Runner, domain string, t match.Thresholds) (autoMergeResult, error) {
	var res autoMergeResult
	var ids []int64
	if err := db.Model(&models.DuplicateCandidate{}).Where("domain = ? AND status = ? AND band = ? AND score >= ?", domain, models.CandidateOpen, string(match.BandMatch), t.Match).
		Order("score DESC, id").Pluck("id", &ids).Error; err != nil {
		return res, fmt.Errorf("find pairs to merge automatically: %w", err)
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			m, err := autoMergePair(tx, id)
			if err != nil || m.ID == 0 {
				return err
			}
			res.Merged++
			if r != nil {
				return r.enqueueOdooMergeSteps(ctx, tx, m)
			}
			return nil
		})
		var refusal *models.MergeRefused
		switch {
		case errors.As(err, &refusal) || rules.KindOf(err) == rules.Invalid:
			res.Left++
			if len(res.Reasons) < 20 {
				res.Reasons = append(res.Reasons, fmt.Sprintf("pair %d: %s", id, err.Error()))
			}
		case err != nil:
			return res, fmt.Errorf("merge pair %d automatically: %w", id, err)
		}
	}
	return res, nil
}

// autoMergePair merges one pair if it is still open; a zero Merge when it is not.
func autoMergePair(tx *gorm.DB, candID int64) (models.Merge, error) {
	cand, err := models.CandidateByID(tx, candID)
	if err != nil || cand.Status != models.CandidateOpen {
		return models.Merge{}, err
	}
	left, err := models.SourceNames(tx, cand.Domain, cand.LeftID)
	if err != nil {
		return models.Merge{}, err
	}
	right, err := models.SourceNames(tx, cand.Domain, cand.RightID)
	if err != nil {
		return models.Merge{}, err
	}
	survID, dupID, survSrc, dupSrc := cand.LeftID, cand.RightID, left, right // LeftID < RightID: the older
	if len(right) > len(left) {
		survID, dupID, survSrc, dupSrc = cand.RightID, cand.LeftID, right, left
	}
	saved, err := models.SurvivorshipRules(tx, cand.Domain)
	if err != nil {
		return models.Merge{}, err
	}
	req := models.MergeRequest{CandidateID: cand.ID, CandidateVersion: cand.Version, DuplicateID: dupID, Who: models.SystemActor(AutoMergeActor)}
	var survived rules.Survived
	if cand.Domain == models.ObjectProduct {
		surv, err1 := models.ProductByID(tx, survID)
		dup, err2 := models.ProductByID(tx, dupID)
		if err := errors.Join(err1, err2); err != nil {
			return models.Merge{}, err
		}
		var merged models.Product
		if merged, survived, err = rules.MergeProducts(surv, dup, survSrc, dupSrc, saved, nil); err != nil {
			return models.Merge{}, err
		}
		req.Product, req.DuplicateVersion = &merged, dup.Version
	} else {
		surv, err1 := models.CustomerByID(tx, survID)
		dup, err2 := models.CustomerByID(tx, dupID)
		if err := errors.Join(err1, err2); err != nil {
			return models.Merge{}, err
		}
		var merged models.Customer
		if merged, survived, err = rules.MergeCustomers(surv, dup, survSrc, dupSrc, saved, nil); err != nil {
			return models.Merge{}, err
		}
		req.Customer, req.DuplicateVersion = &merged, dup.Version
	}
	prov, err := json.Marshal(survived.Provenance)
	if err != nil {
		return models.Merge{}, err
	}
	req.Provenance = string(prov)
	return models.MergeRecords(tx, req)
}

// enqueueOdooMergeSteps queues the Odoo write-back a merge planned, as a steward's merge
// does (handlers: enqueueOdooMergeWriteBack): partners only.
func (r *Runner) enqueueOdooMergeSteps(ctx context.Context, tx *gorm.DB, m models.Merge) error {
	var steps []models.OdooMergeStep
	if err := json.Unmarshal([]byte(m.Writeback), &steps); err != nil {
		return err
	}
	for _, st := range steps {
		if st.Model != "res.partner" || st.SurvivorRef == "" {
			continue
		}
		if err := r.EnqueueOdooMerge(ctx, tx, m.ID, st.ChannelID, st.SurvivorRef, st.ArchiveID); err != nil {
			return err
		}
	}
	return nil
}
