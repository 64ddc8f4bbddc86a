package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// maxPricingBulk bounds a selection: a page of the queue.
const maxPricingBulk = 200

// pricingBulk approves or rejects a selection: the first post shows what will be decided
// and asks to confirm; the confirmed post decides each proposal on its own, so one refusal
// (your own proposal, a lapsed one) does not stop the others, and says what became of each.
func (s *server) pricingBulk(c *fiber.Ctx) error {
	do := c.FormValue("do")
	if do != "approve" && do != "reject" {
		return rules.Errorf(rules.Invalid, "Choose approve or reject.")
	}
	ids := parseIDs(c.Request().PostArgs().PeekMulti("ids"))
	if len(ids) == 0 {
		return rules.Errorf(rules.Invalid, "Select at least one proposal with its checkbox (or the x key) first.")
	}
	if len(ids) > maxPricingBulk {
		return rules.Errorf(rules.Invalid, "Select at most %d proposals at a time.", maxPricingBulk)
	}
	approve, note := do == "approve", c.FormValue("note")
	if !approve {
		if msg := rules.CheckPriceReason(note); msg != "" {
			return rules.Errorf(rules.Invalid, "Say why you reject them, in the reason field next to the buttons.")
		}
	}
	v := web.PricingBulkView{Approve: approve, Note: note, CSRF: viewerOf(c).Session.CSRFToken}
	if c.FormValue("confirm") != "1" {
		rows, err := models.ProposalRowsByIDs(s.DB, ids)
		if err != nil {
			return err
		}
		policy, err := s.pricingPolicy(s.DB)
		if err != nil {
			return err
		}
		if v.Rows, err = s.pricingRows(rows, policy, viewerOf(c).User.ID); err != nil {
			return err
		}
		return render(c, fiber.StatusOK, web.PricingBulkPage(s.shell(c, "Confirm", "pricing"), v))
	}
	policy, err := s.pricingPolicy(s.DB)
	if err != nil {
		return err
	}
	who, now := s.actor(c), s.Now()
	for _, id := range ids {
		var p models.PriceProposal
		err := s.DB.Transaction(func(tx *gorm.DB) error {
			var err error
			p, err = jobs.DecideProposal(tx, who, policy, id, 0, approve, note, now)
			return err
		})
		switch {
		case err == nil:
			v.Results = append(v.Results, decisionWords(p))
		case rules.KindOf(err) != rules.Internal || err == models.ErrNotFound || err == models.ErrStale:
			v.Results = append(v.Results, fmt.Sprintf("Proposal #%d not decided: %s", id, refusal(err)))
		default:
			return err
		}
	}
	v.Done = true
	return render(c, fiber.StatusOK, web.PricingBulkPage(s.shell(c, "Decisions taken", "pricing"), v))
}

func refusal(err error) string {
	switch err {
	case models.ErrNotFound:
		return "it does not exist."
	case models.ErrStale:
		return "someone decided it at the same moment."
	}
	return rules.MessageOf(err)
}
