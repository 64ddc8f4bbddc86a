package handlers

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) gateList(c *fiber.Ctx) error {
	f := web.GateForm{Domain: rules.DomainProduct, Kind: rules.GateRequired, Severity: rules.SeverityBlock}
	if id := int64(c.QueryInt("edit")); id > 0 {
		g, err := models.GateByID(s.DB, id)
		if err != nil {
			return err
		}
		f = gateForm(g)
	}
	return s.renderGates(c, fiber.StatusOK, f)
}

func (s *server) renderGates(c *fiber.Ctx, status int, f web.GateForm) error {
	gates, err := models.ListGates(s.DB, "")
	if err != nil {
		return err
	}
	v := web.GatesView{Form: gateFormOptions(f)}
	for _, d := range rules.GateDomains {
		dv := web.GateDomain{Name: d, Label: capitalized(rules.DomainLabel(d))}
		for _, g := range gates {
			if g.Domain == d {
				dv.Rows = append(dv.Rows, web.GateRow{Gate: g, Check: rules.DescribeGate(g), Channel: channelLabel(g.Channel)})
			}
		}
		v.Domains = append(v.Domains, dv)
	}
	sh := s.shell(c, "Validation", "admin")
	switch {
	case c.Query("saved") != "":
		sh.Flash = "Gate saved. Incoming records are checked against it from now on."
	case c.Query("deleted") != "":
		sh.Flash = "Gate deleted."
	}
	return render(c, status, web.GatesPage(sh, v))
}

func (s *server) gateCreate(c *fiber.Ctx) error { return s.gateSave(c, 0) }

func (s *server) gateUpdate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if _, err := models.GateByID(s.DB, id); err != nil {
		return err
	}
	return s.gateSave(c, id)
}

func (s *server) gateSave(c *fiber.Ctx, id int64) error {
	f := gateFormOf(c)
	f.ID = id
	g, err := gateOf(f)
	if err != nil {
		f.Errors = fieldErrors(err)
		return s.renderGates(c, fiber.StatusUnprocessableEntity, f)
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if id == 0 {
			if err := models.CreateGate(tx, &g); err != nil {
				return err
			}
			return models.Audit(tx, s.actor(c), models.Change{Action: "gate.create", ObjectType: models.ObjectGate, ObjectID: g.ID, After: g})
		}
		before, err := models.GateByID(tx, id)
		if err != nil {
			return err
		}
		if err := models.SaveGate(tx, &g); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "gate.update", ObjectType: models.ObjectGate, ObjectID: g.ID, Before: before, After: g})
	})
	if errors.Is(err, models.ErrStale) {
		f.Alert = "Someone else changed this gate while you were editing. The list shows it as it is now; make your change again."
		return s.renderGates(c, fiber.StatusConflict, f)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/admin/validation?saved=1#gate-%d", g.ID), fiber.StatusSeeOther)
}

func (s *server) gateDelete(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		before, err := models.GateByID(tx, id)
		if err != nil {
			return err
		}
		if err := models.DeleteGate(tx, id, atoiOr(c.FormValue("version"))); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "gate.delete", ObjectType: models.ObjectGate, ObjectID: id, Before: before})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "Someone else changed this gate since you loaded the page. Reload it and delete again if you still want to.")
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/validation?deleted=1", fiber.StatusSeeOther)
}
