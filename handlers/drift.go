package handlers

import (
	"errors"
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// maxDriftResolve bounds one resolution: each item is a publication or an incoming record
// written in the request's transaction.
const maxDriftResolve = 1000

func (s *server) driftView(c *fiber.Ctx) (web.DriftView, error) {
	v := web.DriftView{ChannelID: int64(formInt(c.Query("channel"), 0)), Field: c.Query("field"), Kind: c.Query("kind"),
		Objects: jobs.ReconcileObjects, FieldLabel: rules.DriftFieldLabel}
	var err error
	if v.Counts, err = models.CountDrift(s.DB); err != nil {
		return v, err
	}
	for _, n := range v.Counts {
		if (v.ChannelID == 0 || n.ChannelID == v.ChannelID) && (v.Field == "" || n.Field == v.Field) && (v.Kind == "" || n.Kind == v.Kind) {
			v.Total += n.N
		}
	}
	f := models.DriftFilter{ChannelID: v.ChannelID, Field: v.Field, Kind: v.Kind, After: int64(formInt(c.Query("after"), 0)), Limit: models.PageSize + 1}
	if v.Items, err = models.ListDrift(s.DB, f); err != nil {
		return v, err
	}
	if len(v.Items) > models.PageSize {
		v.Items = v.Items[:models.PageSize]
		v.Next = fmt.Sprint(v.Items[len(v.Items)-1].ID)
	}
	if v.Channels, err = models.ListChannels(s.DB); err != nil {
		return v, err
	}
	return v, nil
}

func (s *server) driftList(c *fiber.Ctx) error {
	v, err := s.driftView(c)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.DriftPage(s.shell(c, "Drift", "publications"), v))
}

// driftResolve republishes or accepts the chosen items; a first request asks to confirm.
func (s *server) driftResolve(c *fiber.Ctx) error {
	// The group travels in the form; the list is read through the same query keys.
	for _, k := range []string{"channel", "field", "kind"} {
		c.Request().URI().QueryArgs().Set(k, c.FormValue(k))
	}
	action := c.FormValue("action")
	if action != "republish" && action != "accept" {
		return rules.Errorf(rules.Invalid, "Choose whether to republish Steward's records or accept the channel's values.")
	}
	items, all, err := s.driftChosen(c)
	if err != nil {
		return err
	}
	v, err := s.driftView(c)
	if err != nil {
		return err
	}
	if c.FormValue("confirmed") != "1" {
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		v.Confirm = &web.DriftConfirm{Action: action, IDs: ids, All: all, Count: len(items)}
		return render(c, fiber.StatusOK, web.DriftPage(s.shell(c, "Drift", "publications"), v))
	}
	who := s.actor(c)
	var res jobs.Resolved
	if action == "republish" {
		err = s.DB.Transaction(func(tx *gorm.DB) error {
			res, err = jobs.RepublishDrift(tx, items, who, s.Now().UTC())
			return err
		})
	} else {
		res, err = s.inbound().AcceptDrift(c.UserContext(), items, who)
	}
	if err != nil {
		return err
	}
	if v, err = s.driftView(c); err != nil {
		return err
	}
	v.Done = fmt.Sprintf("%d %s resolved.", res.Resolved, pluralOf(res.Resolved, "item", "items"))
	if res.Held > 0 {
		v.Done += fmt.Sprintf(" %d %s the channel does not own and now wait in the inbox for a steward.", res.Held, pluralOf(res.Held, "value", "values"))
	}
	v.Problems = res.Problems
	return render(c, fiber.StatusOK, web.DriftPage(s.shell(c, "Drift", "publications"), v))
}

// driftChosen loads the open items a resolution covers: the selected ones, or the whole
// group of the list when scope is all.
func (s *server) driftChosen(c *fiber.Ctx) ([]models.DriftItem, bool, error) {
	if c.FormValue("scope") == "all" {
		chID := int64(formInt(c.FormValue("channel"), 0))
		if chID == 0 {
			return nil, false, rules.Errorf(rules.Invalid, "Choose a channel's group before resolving all of its items.")
		}
		var out []models.DriftItem
		f := models.DriftFilter{ChannelID: chID, Field: c.FormValue("field"), Kind: c.FormValue("kind"), Limit: 500}
		for len(out) < maxDriftResolve {
			page, err := models.ListDrift(s.DB, f)
			if err != nil {
				return nil, false, err
			}
			for _, d := range page {
				out = append(out, d.DriftItem)
			}
			if len(page) < f.Limit {
				break
			}
			f.After = page[len(page)-1].ID
		}
		if len(out) == 0 {
			return nil, false, rules.Errorf(rules.Invalid, "This group has no open items left.")
		}
		return out[:min(len(out), maxDriftResolve)], true, nil
	}
	var ids []int64
	for _, raw := range c.Request().PostArgs().PeekMulti("ids") {
		if id := formInt(string(raw), 0); id > 0 {
			ids = append(ids, int64(id))
		}
	}
	if len(ids) == 0 {
		return nil, false, rules.Errorf(rules.Invalid, "Select at least one item.")
	}
	if len(ids) > maxDriftResolve {
		return nil, false, rules.Errorf(rules.Invalid, "Select at most %d items at once.", maxDriftResolve)
	}
	items, err := models.DriftByIDs(s.DB, ids)
	if err != nil {
		return nil, false, err
	}
	items = slices.DeleteFunc(items, func(d models.DriftItem) bool { return d.Status != models.DriftOpen })
	if len(items) == 0 {
		return nil, false, rules.Errorf(rules.Conflict, "These items were resolved meanwhile.")
	}
	return items, false, nil
}

// driftRun starts a reconciliation of a channel's object now; its progress shows on the
// run's page.
func (s *server) driftRun(c *fiber.Ctx) error {
	ch, err := models.ChannelByID(s.DB, int64(formInt(c.FormValue("channel_id"), 0)))
	if errors.Is(err, models.ErrNotFound) {
		return rules.Errorf(rules.Invalid, "Choose the channel to check.")
	}
	if err != nil {
		return err
	}
	object := c.FormValue("object")
	if !slices.Contains(jobs.ReconcileObjects, object) {
		return rules.Errorf(rules.Invalid, "Choose what to check: products or customers.")
	}
	var runID int64
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if runID, err = s.Queue.EnqueueReconcile(c.UserContext(), tx, ch.ID, object, s.actor(c).Name); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "drift.run", ObjectType: models.ObjectChannel, ObjectID: ch.ID, Reason: "reconcile " + object + " now"})
	})
	if errors.Is(err, jobs.ErrAlreadyQueued) {
		return rules.Errorf(rules.Conflict, "A reconciliation of %s on %s is already queued or running; its progress is on the Sync page.", object, ch.Name)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/sync/runs/%d", runID), fiber.StatusSeeOther)
}

func pluralOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
