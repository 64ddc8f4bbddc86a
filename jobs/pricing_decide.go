package jobs

import (
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// DecideProposal approves or rejects one proposal as who, in tx. version 0 takes the
// proposal as it is now (a confirmed selection); otherwise a proposal changed since the
// person saw it is a conflict. Four eyes are checked here, on the server, for every role.
func DecideProposal(tx *gorm.DB, who models.Actor, policy rules.PricingPolicy, id int64, version int, approve bool, note string, now time.Time) (models.PriceProposal, error) {
	p, err := models.PriceProposalByID(tx, id)
	if err != nil {
		return p, err
	}
	if version != 0 && version != p.Version {
		return p, rules.Errorf(rules.Conflict, "Proposal #%d changed since you opened the page (someone approved or rejected it): reload to see it as it is.", id)
	}
	approvals, err := models.ApprovalsOf(tx, []int64{id})
	if err != nil {
		return p, err
	}
	state := rules.ProposalState{ID: p.ID, Status: p.Status, ProposerID: proposer(p), Needed: p.ApprovalsNeeded, ExpiresAt: p.ExpiresAt}
	for _, a := range approvals[id] {
		state.Approvers = append(state.Approvers, a.UserID)
	}
	before := map[string]any{"status": p.Status, "approvals": len(state.Approvers)}
	if !approve {
		if err := rules.CheckPriceRejection(state, note, now); err != nil {
			return p, err
		}
		note = strings.TrimSpace(note)
		if err := models.UpdateProposal(tx, p.ID, p.Version, map[string]any{"status": rules.ProposalRejected, "decided_at": now, "decision_note": note, "rejected_by": who.ID}); err != nil {
			return p, err
		}
		p.Status = rules.ProposalRejected
		return p, models.Audit(tx, who, models.Change{Action: "price_proposal.reject", ObjectType: "price_proposal", ObjectID: p.ID,
			Before: before, After: map[string]any{"status": p.Status}, Reason: note})
	}
	if err := rules.CheckApproval(state, who.ID, now); err != nil {
		return p, err
	}
	if err := rules.CheckApprovalNote(note); err != nil {
		return p, err
	}
	current, has, err := models.CurrentPrice(tx, p)
	if err != nil {
		return p, err
	}
	if err := rules.CheckPriceNotMoved(p.HasOld, p.OldPrice, has, current, p.Currency); err != nil {
		return p, err
	}
	if err := models.AddPriceApproval(tx, &models.PriceApproval{ProposalID: p.ID, UserID: who.ID, UserName: who.Name, Note: strings.TrimSpace(note), CreatedAt: now}); err != nil {
		if errors.Is(err, models.ErrDuplicate) {
			return p, rules.Errorf(rules.Forbidden, "You approved this change already; it needs %d different approvers.", p.ApprovalsNeeded)
		}
		return p, err
	}
	cols := map[string]any{}
	if rules.ApprovalComplete(p.ApprovalsNeeded, len(state.Approvers)+1) {
		at := rules.EffectiveAt(policy, now, p.RequestedFrom)
		cols = map[string]any{"status": rules.ProposalApproved, "decided_at": now, "effective_at": at, "decision_note": strings.TrimSpace(note)}
		p.Status, p.EffectiveAt = rules.ProposalApproved, &at
	}
	if err := models.UpdateProposal(tx, p.ID, p.Version, cols); err != nil {
		return p, err
	}
	after := map[string]any{"status": p.Status, "approvals": len(state.Approvers) + 1}
	if p.EffectiveAt != nil {
		after["effective_at"] = p.EffectiveAt
	}
	return p, models.Audit(tx, who, models.Change{Action: "price_proposal.approve", ObjectType: "price_proposal", ObjectID: p.ID,
		Before: before, After: after, Reason: note})
}

func proposer(p models.PriceProposal) int64 {
	if p.ProposedBy == nil {
		return 0
	}
	return *p.ProposedBy
}
