package handlers

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/web"
)

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
		p, err = jobs.DecideProposal(tx, s.actor(c), policy, id, atoiOr(c.FormValue("version")), approve, c.FormValue("note"), s.Now())
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
