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

func (s *server) ownershipList(c *fiber.Ctx) error {
	f := web.OwnershipForm{Domain: rules.DomainProduct, Attribute: rules.AnyAttribute, Owner: models.ChannelOdoo, Policy: rules.PolicyHold}
	if id := int64(c.QueryInt("edit")); id > 0 {
		r, err := models.OwnershipRuleByID(s.DB, id)
		if err != nil {
			return err
		}
		f = web.OwnershipForm{ID: r.ID, Version: r.Version, Domain: r.Domain, Attribute: r.Attribute, Owner: r.Owner, Policy: r.Policy}
	}
	return s.renderOwnership(c, fiber.StatusOK, f)
}

func (s *server) renderOwnership(c *fiber.Ctx, status int, f web.OwnershipForm) error {
	matrix, err := models.ListOwnershipRules(s.DB)
	if err != nil {
		return err
	}
	v := web.OwnershipView{Form: ownershipFormOptions(f)}
	for _, d := range rules.Domains {
		dv := web.OwnershipDomain{Name: d, Label: capitalized(rules.DomainLabel(d))}
		for _, r := range matrix {
			if r.Domain == d {
				dv.Rows = append(dv.Rows, ownershipRow(r))
			}
		}
		if len(dv.Rows) > 0 {
			v.Domains = append(v.Domains, dv)
		}
	}
	sh := s.shell(c, "Ownership", "admin")
	switch {
	case c.Query("saved") != "":
		sh.Flash = "Rule saved. Incoming changes follow it from now on."
	case c.Query("deleted") != "":
		sh.Flash = "Rule deleted."
	}
	return render(c, status, web.OwnershipPage(sh, v))
}

func ownershipRow(r models.OwnershipRule) web.OwnershipRow {
	row := web.OwnershipRow{Rule: r, Owner: capitalized(rules.SystemLabel(r.Owner)), Policy: rules.PolicyLabel(r.Policy), Explanation: rules.ExplainRule(r)}
	row.Attribute = "Every attribute"
	if f, ok := rules.FieldOf(r.Domain, r.Attribute); ok {
		row.Attribute = f.Label
	} else if r.Attribute != rules.AnyAttribute {
		row.Attribute = r.Attribute
	}
	return row
}

func ownershipFormOptions(f web.OwnershipForm) web.OwnershipForm {
	f.Domains = domainOptions(rules.Domains)
	f.Fields = fieldGroups(rules.Domains)
	f.Owners = []web.Option{{Value: "", Label: "Nobody in particular"}}
	for _, sys := range rules.Systems {
		f.Owners = append(f.Owners, web.Option{Value: sys, Label: capitalized(rules.SystemLabel(sys))})
	}
	for _, p := range rules.Policies {
		f.Policies = append(f.Policies, web.Option{Value: p, Label: capitalized(rules.PolicyLabel(p))})
	}
	return f
}

// ownershipSave adds, changes or (with delete=1) deletes one rule of the matrix.
func (s *server) ownershipSave(c *fiber.Ctx) error {
	r := models.OwnershipRule{
		ID:        int64(max(0, atoiOr(c.FormValue("id")))),
		Version:   atoiOr(c.FormValue("version")),
		Domain:    strings.TrimSpace(c.FormValue("domain")),
		Attribute: strings.TrimSpace(c.FormValue("attribute")),
		Owner:     strings.TrimSpace(c.FormValue("owner")),
		Policy:    strings.TrimSpace(c.FormValue("policy")),
	}
	if c.FormValue("delete") != "" {
		return s.ownershipDelete(c, r)
	}
	f := web.OwnershipForm{ID: r.ID, Version: r.Version, Domain: r.Domain, Attribute: r.Attribute, Owner: r.Owner, Policy: r.Policy}
	if err := rules.CheckOwnershipRule(r); err != nil {
		f.Errors = fieldErrors(err)
		return s.renderOwnership(c, fiber.StatusUnprocessableEntity, f)
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if r.ID == 0 {
			if err := models.CreateOwnershipRule(tx, &r); err != nil {
				return err
			}
			return models.Audit(tx, s.actor(c), models.Change{Action: "ownership.create", ObjectType: models.ObjectOwnershipRule, ObjectID: r.ID, After: r})
		}
		before, err := models.OwnershipRuleByID(tx, r.ID)
		if err != nil {
			return err
		}
		if err := models.SaveOwnershipRule(tx, &r); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "ownership.update", ObjectType: models.ObjectOwnershipRule, ObjectID: r.ID, Before: before, After: r})
	})
	switch {
	case errors.Is(err, models.ErrDuplicate):
		f.Errors = map[string]string{"attribute": "There is already a rule for this attribute of " + rules.DomainLabel(r.Domain) + "; change that one instead."}
		return s.renderOwnership(c, fiber.StatusUnprocessableEntity, f)
	case errors.Is(err, models.ErrStale):
		f.Message = "Someone else changed this rule while you were editing. The matrix shows it as it is now; make your change again."
		return s.renderOwnership(c, fiber.StatusConflict, f)
	case err != nil:
		return err
	}
	return c.Redirect("/admin/ownership?saved=1#rule-"+idString(r.ID), fiber.StatusSeeOther)
}

func (s *server) ownershipDelete(c *fiber.Ctx, r models.OwnershipRule) error {
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		before, err := models.OwnershipRuleByID(tx, r.ID)
		if err != nil {
			return err
		}
		if err := models.DeleteOwnershipRule(tx, r.ID, r.Version); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "ownership.delete", ObjectType: models.ObjectOwnershipRule, ObjectID: r.ID, Before: before})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "Someone else changed this rule since you loaded the page. Reload it and delete again if you still want to.")
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/ownership?deleted=1", fiber.StatusSeeOther)
}
