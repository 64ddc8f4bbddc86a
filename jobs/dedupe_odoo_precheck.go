package jobs

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"steward/jobs/odoosync"
	"steward/models"
)

// OdooMergeCheck is what one Odoo instance said about a planned merge of two partners.
type OdooMergeCheck struct {
	Channel  string
	Blockers []string // in a steward's words; empty: Odoo would take the merge
	// Unreachable is set when Odoo could not be asked; the write-back job asks again
	// before it writes anything.
	Unreachable string
}

// precheckTimeout keeps a slow Odoo from holding a steward's page.
const precheckTimeout = 10 * time.Second

// PrecheckOdooMerge asks each Odoo of a merge plan, without writing anything, whether it
// would refuse the merge, so the steward sees it on the preview and a merge Odoo would
// refuse is not made in Steward alone.
func (r *Runner) PrecheckOdooMerge(ctx context.Context, steps []models.OdooMergeStep) []OdooMergeCheck {
	var out []OdooMergeCheck
	for _, st := range steps {
		if st.Model != "res.partner" || st.SurvivorRef == "" {
			continue
		}
		out = append(out, r.precheckStep(ctx, st))
	}
	return out
}

func (r *Runner) precheckStep(ctx context.Context, st models.OdooMergeStep) OdooMergeCheck {
	check := OdooMergeCheck{Channel: st.Channel}
	ch, err := models.ChannelByID(r.cfg.DB, st.ChannelID)
	if err != nil || r.cfg.Sources == nil {
		check.Unreachable = "the channel's settings could not be read"
		return check
	}
	src, err := r.cfg.Sources(ch)
	if err != nil {
		check.Unreachable = explain(err).Error()
		return check
	}
	os, ok := src.(*odoosync.Source)
	if !ok {
		check.Unreachable = ch.Name + " is not an Odoo channel"
		return check
	}
	surv, err1 := strconv.ParseInt(st.SurvivorRef, 10, 64)
	dup, err2 := strconv.ParseInt(st.ArchiveID, 10, 64)
	if err1 != nil || err2 != nil {
		check.Blockers = append(check.Blockers, fmt.Sprintf("%q and %q are not Odoo partner ids.", st.SurvivorRef, st.ArchiveID))
		return check
	}
	ctx, cancel := context.WithTimeout(ctx, precheckTimeout)
	defer cancel()
	blockers, err := os.Client.PrecheckMerge(ctx, surv, dup)
	if err != nil {
		check.Unreachable = explain(err).Error()
		return check
	}
	for _, b := range blockers {
		check.Blockers = append(check.Blockers, b.Reason)
	}
	return check
}
