package handlers

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) survivorshipView(c *fiber.Ctx, domain string, rs []models.SurvivorshipRule, errs map[string]string) (web.SurvivorshipView, error) {
	v := web.SurvivorshipView{Domain: domain, Rules: rs, Labels: map[string]string{}, Errors: errs,
		CanWrite: s.Access.Allowed(viewerOf(c).User.ID, perm("admin.rules", rules.Write)), CSRF: viewerOf(c).Session.CSRFToken}
	for _, f := range rules.SurvivableFields(domain) {
		v.Labels[f.Name] = f.Label
	}
	for _, st := range rules.SurvivalStrategies {
		v.Strategies = append(v.Strategies, web.Option{Value: st, Label: rules.StrategyLabel(st)})
	}
	var err error
	v.Channels, err = models.ListChannels(s.DB)
	return v, err
}

func (s *server) survivorshipShow(c *fiber.Ctx) error {
	domain := duplicateDomain(c.Query("domain"))
	saved, err := models.SurvivorshipRules(s.DB, domain)
	if err != nil {
		return err
	}
	v, err := s.survivorshipView(c, domain, rules.SurvivorshipFor(domain, saved), nil)
	if err != nil {
		return err
	}
	sh := s.shell(c, "Survivorship", "admin")
	if c.Query("saved") != "" {
		sh.Flash = "Saved. The next merge uses these rules."
	}
	return render(c, fiber.StatusOK, web.SurvivorshipPage(sh, v))
}

// survivorshipSave replaces a domain's rules with the form's, all or nothing.
func (s *server) survivorshipSave(c *fiber.Ctx) error {
	domain := c.FormValue("domain")
	if domain != rules.DomainCustomer && domain != rules.DomainProduct {
		return rules.InvalidFields(map[string]string{"domain": "Choose customers or products."})
	}
	var rs []models.SurvivorshipRule
	errs := map[string]string{}
	for _, f := range rules.SurvivableFields(domain) {
		r := models.SurvivorshipRule{Field: f.Name, Strategy: c.FormValue("strategy." + f.Name),
			Sources: strings.TrimSpace(c.FormValue("sources." + f.Name)), FixedValue: strings.TrimSpace(c.FormValue("fixed." + f.Name))}
		var re *rules.Error
		if err := rules.CheckSurvivorshipRule(domain, r); errors.As(err, &re) {
			for k, msg := range re.Fields {
				if k == "field" {
					k = "strategy"
				}
				errs[f.Name+"."+k] = msg
			}
		}
		rs = append(rs, r)
	}
	if len(errs) > 0 {
		errs[""] = "Nothing was saved: please correct the highlighted fields."
		v, err := s.survivorshipView(c, domain, rs, errs)
		if err != nil {
			return err
		}
		return render(c, fiber.StatusUnprocessableEntity, web.SurvivorshipPage(s.shell(c, "Survivorship", "admin"), v))
	}
	if err := s.DB.Transaction(func(tx *gorm.DB) error { return models.SaveSurvivorshipRules(tx, s.actor(c), domain, rs) }); err != nil {
		return err
	}
	return c.Redirect("/admin/survivorship?saved=1&domain="+domain, fiber.StatusSeeOther)
}
