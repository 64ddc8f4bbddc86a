package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) channelsView(errs, values map[string]string) (web.ChannelsView, error) {
	v := web.ChannelsView{Objects: models.SyncObjects, Errors: errs, Values: values}
	chans, err := models.ListChannels(s.DB)
	if err != nil {
		return v, err
	}
	scheds, err := models.ListSchedules(s.DB, 0)
	if err != nil {
		return v, err
	}
	runs, err := models.ListRuns(s.DB, models.RunFilter{Limit: 200})
	if err != nil {
		return v, err
	}
	for _, ch := range chans {
		row := web.ChannelRow{Channel: ch, Schedules: map[string]models.ChannelSchedule{}, LastRuns: map[string]models.SyncRunView{}}
		for _, sc := range scheds {
			if sc.ChannelID == ch.ID {
				row.Schedules[sc.Object] = sc
			}
		}
		for _, r := range runs { // newest first: the first seen is the last run
			if _, seen := row.LastRuns[r.Object]; r.ChannelID == ch.ID && !seen {
				row.LastRuns[r.Object] = r
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

func (s *server) channelList(c *fiber.Ctx) error {
	v, err := s.channelsView(nil, nil)
	if err != nil {
		return err
	}
	sh := s.shell(c, "Channels", "admin")
	if c.Query("saved") != "" {
		sh.Flash = "Saved. Every instance follows the new schedule within seconds."
	}
	return render(c, fiber.StatusOK, web.ChannelsPage(sh, v))
}

// channelSchedule saves when an object of a channel is pulled.
func (s *server) channelSchedule(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	ch, err := models.ChannelByID(s.DB, id)
	if err != nil {
		return err
	}
	object, expr := c.FormValue("object"), strings.TrimSpace(c.FormValue("cron"))
	if !isSyncObject(object) {
		return rules.Errorf(rules.Invalid, "Choose what to schedule: %s.", strings.Join(models.SyncObjects, ", "))
	}
	if _, err := rules.ParseSchedule(expr); err != nil {
		key := fmt.Sprintf("%d/%s", ch.ID, object)
		v, verr := s.channelsView(map[string]string{key: rules.MessageOf(err)}, map[string]string{key: expr})
		if verr != nil {
			return verr
		}
		return render(c, fiber.StatusUnprocessableEntity, web.ChannelsPage(s.shell(c, "Channels", "admin"), v))
	}
	sched := models.ChannelSchedule{ChannelID: ch.ID, Object: object, Cron: expr, Enabled: c.FormValue("enabled") == "1"}
	var before any
	existing, _ := models.ListSchedules(s.DB, ch.ID)
	for _, e := range existing {
		if e.Object == object {
			sched.ID, sched.Version, before = e.ID, formInt(c.FormValue("version"), e.Version), map[string]any{"cron": e.Cron, "enabled": e.Enabled}
		}
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.SaveSchedule(tx, &sched); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "channel.schedule", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
			Before: before, After: map[string]any{"object": object, "cron": expr, "enabled": sched.Enabled}})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "Someone else changed this schedule at the same moment. Reload the page and make your change again.")
	}
	if err != nil {
		return err
	}
	if err := s.Queue.ReloadSchedules(); err != nil {
		s.Log.Warn("reload schedules", "err", err)
	}
	return c.Redirect("/admin/channels?saved=1", fiber.StatusSeeOther)
}

// channelUpdate switches a channel on or off.
func (s *server) channelUpdate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	ch, err := models.ChannelByID(s.DB, id)
	if err != nil {
		return err
	}
	before := ch.Active
	ch.Version = formInt(c.FormValue("version"), ch.Version)
	ch.Active = c.FormValue("active") == "1"
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.SaveChannel(tx, &ch); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "channel.update", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
			Before: map[string]any{"active": before}, After: map[string]any{"active": ch.Active}})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "Someone else changed this channel at the same moment. Reload the page and try again.")
	}
	if err != nil {
		return err
	}
	if err := s.Queue.ReloadSchedules(); err != nil {
		s.Log.Warn("reload schedules", "err", err)
	}
	return c.Redirect("/admin/channels?saved=1", fiber.StatusSeeOther)
}

// formInt reads a form number, def when it is missing or not a number.
func formInt(s string, def int) int {
	if n, err := strconvAtoi(s); err == nil {
		return n
	}
	return def
}
