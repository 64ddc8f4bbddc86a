package handlers

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// pricingPolicyShow is the admins' pricing policy form.
func (s *server) pricingPolicyShow(c *fiber.Ctx) error {
	p, err := s.pricingPolicy(s.DB)
	if err != nil {
		return err
	}
	f := pricingPolicyForm(p)
	return s.renderPricingPolicy(c, fiber.StatusOK, f, "")
}

func (s *server) renderPricingPolicy(c *fiber.Ctx, status int, f web.PricingPolicyForm, flash string) error {
	history, err := models.ListAudit(s.DB, models.AuditFilter{ObjectType: "pricing_policy", Limit: 20})
	if err != nil {
		return err
	}
	sh := s.shell(c, "Pricing policy", "admin")
	sh.Flash = flash
	f.CanEdit = sh.Viewer.Can("admin.rules", rules.Write)
	return render(c, status, web.PricingPolicyPage(sh, f, history))
}

// pricingPolicySave checks and stores the policy; mistakes come back next to their fields
// and change nothing.
func (s *server) pricingPolicySave(c *fiber.Ctx) error {
	f := web.PricingPolicyForm{
		MarginFloor: c.FormValue("margin_floor"), AutoApproveMax: c.FormValue("auto_approve_max"),
		TwoApproversAbove: c.FormValue("two_approvers_above"), EffectiveWeekday: c.FormValue("effective_weekday"),
		ExpiryDays: c.FormValue("expiry_days"), Version: atoiOr(c.FormValue("version")),
	}
	p, errs := parsePricingPolicy(f)
	if err := rules.CheckPricingPolicy(p); err != nil {
		for k, msg := range fieldErrors(err) {
			if _, unreadable := errs[k]; !unreadable {
				errs[k] = msg
			}
		}
	}
	if len(errs) > 0 {
		f.Errors = errs
		return s.renderPricingPolicy(c, fiber.StatusUnprocessableEntity, f, "")
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		before, err := s.pricingPolicy(tx)
		if err != nil {
			return err
		}
		return models.SavePricingPolicy(tx, s.actor(c), before, p)
	})
	if errors.Is(err, models.ErrStale) {
		f.Errors = map[string]string{"": "Someone saved the policy while you edited it: reload the page to see theirs, then change it again."}
		return s.renderPricingPolicy(c, fiber.StatusConflict, f, "")
	}
	if err != nil {
		return err
	}
	saved, err := s.pricingPolicy(s.DB)
	if err != nil {
		return err
	}
	return s.renderPricingPolicy(c, fiber.StatusOK, pricingPolicyForm(saved), "Pricing policy saved. New proposals and syncs follow it from now on.")
}

func parsePricingPolicy(f web.PricingPolicyForm) (rules.PricingPolicy, map[string]string) {
	p := rules.PricingPolicy{Version: f.Version}
	errs := map[string]string{}
	for _, fld := range []struct {
		name, value string
		into        *int
	}{{"margin_floor", f.MarginFloor, &p.MarginFloorBP}, {"auto_approve_max", f.AutoApproveMax, &p.AutoApproveMaxBP}, {"two_approvers_above", f.TwoApproversAbove, &p.TwoApproversAboveBP}} {
		bp, err := rules.ParsePercent(fld.value)
		if err != nil {
			errs[fld.name] = rules.MessageOf(err)
			continue
		}
		*fld.into = bp
	}
	wd, err := strconv.Atoi(strings.TrimSpace(f.EffectiveWeekday))
	if err != nil {
		errs["effective_weekday"] = "Choose a weekday, or “as soon as approved”."
	}
	p.EffectiveWeekday = wd
	days, err := strconv.Atoi(strings.TrimSpace(f.ExpiryDays))
	if err != nil {
		errs["expiry_days"] = "Enter a whole number of days, 0 for never."
	}
	p.ExpiryDays = days
	return p, errs
}

// pricingPolicyForm fills the form from a stored policy, percentages as a person types them.
func pricingPolicyForm(p rules.PricingPolicy) web.PricingPolicyForm {
	pct := func(bp int) string { return strings.TrimSuffix(rules.FormatBP(bp), " %") }
	return web.PricingPolicyForm{MarginFloor: pct(p.MarginFloorBP), AutoApproveMax: pct(p.AutoApproveMaxBP), TwoApproversAbove: pct(p.TwoApproversAboveBP),
		EffectiveWeekday: strconv.Itoa(p.EffectiveWeekday), ExpiryDays: strconv.Itoa(p.ExpiryDays), Version: p.Version}
}
