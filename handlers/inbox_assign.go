package handlers

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// inboxAssign gives an item to the signed-in person ("me"), a colleague who may decide it
// (a user id), or nobody ("").
func (s *server) inboxAssign(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	it, err := models.InboxItemByID(s.DB, id)
	if err != nil {
		return err
	}
	if !s.decides(c)[it.Domain] {
		return rules.CheckDecider(nil, it.Domain)
	}
	to, name, err := s.assignee(c, c.FormValue("assignee"), it.Domain)
	if err != nil {
		return err
	}
	action, reason := "inbox.assign", "assigned to "+name
	if to == nil {
		action, reason = "inbox.release", "released: nobody is assigned"
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.AssignInboxItem(tx, id, to); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: action, ObjectType: models.ObjectInboxItem, ObjectID: id,
			Before: map[string]any{"assignee_id": it.AssigneeID}, After: map[string]any{"assignee_id": to}, Reason: reason})
	})
	if errors.Is(err, models.ErrStale) {
		now, lerr := models.InboxItemByID(s.DB, id)
		if lerr != nil {
			return lerr
		}
		return rules.AlreadyDecided(now)
	}
	if err != nil {
		return err
	}
	done := "assigned"
	if to == nil {
		done = "released"
	}
	return c.Redirect(fmt.Sprintf("/inbox/%d?done=%s", id, done), fiber.StatusSeeOther)
}

// assignee reads whom an item goes to: nil for nobody, else someone who may decide it.
func (s *server) assignee(c *fiber.Ctx, value, domain string) (*int64, string, error) {
	switch value {
	case "":
		return nil, "", nil
	case models.AssigneeMe:
		u := viewerOf(c).User
		return &u.ID, u.Display(), nil
	}
	uid, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return nil, "", rules.Errorf(rules.Invalid, "Choose who to assign the item to.")
	}
	u, err := models.UserByID(s.DB, uid)
	if err != nil || !u.Active {
		return nil, "", rules.Errorf(rules.Invalid, "Choose an active user to assign the item to.")
	}
	if !rules.MayDecide(s.Access.RolesOf(uid), domain) || !s.Access.Allowed(uid, perm("inbox", rules.Write)) {
		return nil, "", rules.Errorf(rules.Invalid, "%s does not decide items about %s; choose someone who does.", u.Display(), rules.DomainLabel(domain))
	}
	return &u.ID, u.Display(), nil
}
