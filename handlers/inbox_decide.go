package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) inboxApprove(c *fiber.Ctx) error {
	return s.decideItem(c, ingest.Decision{Status: models.InboxApproved})
}

// inboxEdit approves with the steward's values: form fields "f.<attribute>".
func (s *server) inboxEdit(c *fiber.Ctx) error {
	edits := map[string]string{}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if f, ok := strings.CutPrefix(string(k), "f."); ok {
			edits[f] = string(v)
		}
	})
	return s.decideItem(c, ingest.Decision{Status: models.InboxApproved, Edits: edits})
}

func (s *server) inboxReject(c *fiber.Ctx) error {
	return s.decideItem(c, ingest.Decision{Status: models.InboxRejected, Note: c.FormValue("note")})
}

// decideItem takes a decision on one item at the version the person saw: parse, check
// that the item is theirs to decide, decide in one transaction, answer.
func (s *server) decideItem(c *fiber.Ctx, d ingest.Decision) error {
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
	d.Who = s.actor(c)
	var decided models.InboxItem
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		decided, err = ingest.Decide(tx, id, atoiOr(c.FormValue("version")), d)
		return err
	})
	switch {
	case errors.Is(err, models.ErrStale):
		now, lerr := models.InboxItemByID(s.DB, id)
		if lerr != nil {
			return lerr
		}
		return s.decisionRefused(c, fiber.StatusConflict, now, d, nil, rules.AlreadyDecided(now).Message)
	case rules.KindOf(err) == rules.Invalid:
		return s.decisionRefused(c, fiber.StatusUnprocessableEntity, it, d, fieldErrors(err), "")
	case rules.KindOf(err) == rules.Conflict:
		return s.decisionRefused(c, fiber.StatusConflict, it, d, nil, rules.MessageOf(err))
	case err != nil:
		return err
	}
	if isHTMX(c) {
		return s.rowUpdate(c, fiber.StatusOK, "", web.InboxDecidedRow(decided, s.Now()))
	}
	next, err := models.NextInboxItem(s.DB, models.InboxFilter{Now: s.Now()}, id)
	if err != nil {
		return err
	}
	target := fmt.Sprintf("/inbox?done=%s&item=%d", decided.Status, id)
	if next != 0 {
		target = fmt.Sprintf("/inbox/%d?done=%s&item=%d", next, decided.Status, id)
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}

// decisionRefused answers a decision that was not taken: in the list, the row as it is now
// (with the reject form open on its error) and the counts; on the item's page, the page
// with the message or the errors next to the fields.
func (s *server) decisionRefused(c *fiber.Ctx, status int, it models.InboxItem, d ingest.Decision, errs map[string]string, message string) error {
	if isHTMX(c) {
		if status == fiber.StatusConflict {
			return s.rowUpdate(c, status, message, s.listRow(c, it, web.InboxRowView{}))
		}
		// The reject form stays open on its error; HTMX swaps only successful answers.
		return s.rowUpdate(c, fiber.StatusOK, "", s.listRow(c, it, web.InboxRowView{RejectOpen: true, RejectNote: d.Note, RejectError: errs["note"]}))
	}
	return s.renderItem(c, status, itemForm{editing: len(d.Edits) > 0, edits: d.Edits, errs: errs, note: d.Note, conflict: message})
}

// listRow renders an item as a list row (open) or a decided row, swapped out of band.
func (s *server) listRow(c *fiber.Ctx, it models.InboxItem, rv web.InboxRowView) templ.Component {
	if it.Status != models.InboxOpen {
		return web.InboxDecidedRow(it, s.Now())
	}
	rows, err := models.InboxRowsOf(s.DB, []models.InboxItem{it})
	if err != nil || len(rows) == 0 {
		rows = []models.InboxRow{{InboxItem: it}}
	}
	rv.Row, rv.CanDecide, rv.Now, rv.OOB, rv.CSRF = rows[0], s.decides(c)[it.Domain], s.Now(), true, viewerOf(c).Session.CSRFToken
	return web.InboxRow(rv)
}

// rowUpdate answers a decision made in the list: the row and the counts under the list's
// filter, which the request carries.
func (s *server) rowUpdate(c *fiber.Ctx, status int, message string, row templ.Component) error {
	f := s.inboxFilter(c, c.FormValue)
	counts, err := models.CountInboxByReason(s.DB, f)
	if err != nil {
		return err
	}
	v := web.InboxView{Filter: f, Page: models.InboxPage{Counts: counts}, Now: s.Now()}
	return render(c, status, web.InboxRowUpdate(message, row, v))
}
