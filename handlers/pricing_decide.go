package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// decideProposal approves or rejects one proposal as who, in tx. version 0 takes the
// proposal as it is now (a confirmed selection); otherwise a proposal changed since the
// person saw it is a conflict. Four eyes are checked here, on the server, for every role.
func decideProposal(tx *gorm.DB, who models.Actor, policy rules.PricingPolicy, id int64, version int, approve bool, note string, now time.Time) (models.PriceProposal, error) {
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
	state := rules.ProposalState{ID: p.ID, Status: p.Status, ProposerID: deref(p.ProposedBy), Needed: p.ApprovalsNeeded, ExpiresAt: p.ExpiresAt}
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

func (s *server) pricingApprove(c *fiber.Ctx) error { return s.pricingDecide(c, true) }
func (s *server) pricingReject(c *fiber.Ctx) error  { return s.pricingDecide(c, false) }

// pricingDecide takes one decision from the queue and goes back to it, saying what happened.
func (s *server) pricingDecide(c *fiber.Ctx, approve bool) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	policy, err := s.pricingPolicy(s.DB)
	if err != nil {
		return err
	}
	var p models.PriceProposal
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		p, err = decideProposal(tx, s.actor(c), policy, id, atoiOr(c.FormValue("version")), approve, c.FormValue("note"), s.Now())
		return err
	})
	if errors.Is(err, models.ErrStale) {
		err = rules.Errorf(rules.Conflict, "Proposal #%d changed while you decided it: reload to see it as it is.", id)
	}
	var bad *rules.Error
	if errors.As(err, &bad) && bad.Kind == rules.Invalid && bad.Fields["note"] != "" {
		return s.pricingDecideAgain(c, id, approve, bad.Fields["note"])
	}
	if err != nil {
		return err
	}
	return c.Redirect("/pricing?decided="+strconv.FormatInt(p.ID, 10), fiber.StatusSeeOther)
}

// decisionWords says what the last decision on a proposal did: "approved, live from 2026-11-30", "approved
// (1 of 2)", "rejected".
func decisionWords(p models.PriceProposal) string {
	switch {
	case p.Status == rules.ProposalApproved && p.EffectiveAt != nil:
		return fmt.Sprintf("Proposal #%d approved: live from %s.", p.ID, p.EffectiveAt.UTC().Format("2006-01-02 15:04 UTC"))
	case p.Status == rules.ProposalPending:
		return fmt.Sprintf("Proposal #%d approved by you; it needs %d different approvers, so it waits for another.", p.ID, p.ApprovalsNeeded)
	}
	return fmt.Sprintf("Proposal #%d %s.", p.ID, p.Status)
}

// pricingDecideAgain shows the queue again with the problem next to the note of the one
// proposal decided, the note as typed, and that proposal's form open.
func (s *server) pricingDecideAgain(c *fiber.Ctx, id int64, approve bool, problem string) error {
	sh, view, err := s.pricingQueue(c, "", 0)
	if err != nil {
		return err
	}
	view.Form = web.PricingRowForm{ID: id, Reject: !approve, Note: c.FormValue("note"), Error: problem}
	return render(c, fiber.StatusUnprocessableEntity, web.PricingPage(sh, view))
}
