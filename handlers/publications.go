package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// publicationList shows each destination channel's counts and switches, then the failed
// publications grouped by channel and class.
func (s *server) publicationList(c *fiber.Ctx) error {
	v := web.PublicationsView{Now: s.Now()}
	chans, err := models.ListChannels(s.DB)
	if err != nil {
		return err
	}
	settings, err := models.AllPublicationSettings(s.DB)
	if err != nil {
		return err
	}
	counts, err := models.PublicationCounts(s.DB)
	if err != nil {
		return err
	}
	for _, ch := range chans {
		if ch.Direction == models.DirectionSource {
			continue
		}
		pc := web.PublicationChannel{Channel: ch, Settings: settings[ch.ID], Counts: map[string]int64{}}
		for _, n := range counts {
			if n.ChannelID == ch.ID {
				pc.Counts[n.Status] = n.Count
			}
		}
		v.Channels = append(v.Channels, pc)
	}
	if v.Groups, err = models.FailedGroups(s.DB); err != nil {
		return err
	}
	sh := s.shell(c, "Publications", "publications")
	sh.Flash = publicationFlash(c.Query("done"))
	return render(c, fiber.StatusOK, web.PublicationsPage(sh, v))
}

func publicationFlash(done string) string {
	kind, n, _ := strings.Cut(done, ":")
	switch kind {
	case "retried":
		return "Queued " + n + " for another try. They leave this list as they are sent."
	case "replayed":
		return "Queued with the original payload."
	case "skipped":
		return "Skipped. The record keeps its other publications."
	case "paused":
		return "Paused. Changes keep waiting for this channel until you resume it."
	case "resumed":
		return "Resumed. Waiting publications are being sent."
	case "none":
		return "Nothing to retry: those publications were already handled."
	}
	return ""
}

// publicationGroup lists one group's failed publications by id (keyset), as a page or as
// the fragment inside the group on /publications.
func (s *server) publicationGroup(c *fiber.Ctx) error {
	chID, _ := strconv.ParseInt(c.Query("channel_id"), 10, 64)
	ch, err := models.ChannelByID(s.DB, chID)
	if err != nil {
		return err
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v := web.PublicationGroupView{ChannelID: ch.ID, ChannelName: ch.Name, Class: c.Query("class"), Prev: after > 0, Fragment: isHTMX(c)}
	var more bool
	if v.Items, more, err = models.FailedInGroup(s.DB, ch.ID, v.Class, after, models.PageSize); err != nil {
		return err
	}
	if more {
		v.Next = v.Items[len(v.Items)-1].ID
	}
	return render(c, fiber.StatusOK, web.PublicationGroupPage(s.shell(c, ch.Name+" · "+web.ClassLabel(v.Class), "publications"), v))
}

// publicationRetry sends a failed publication again, rendered with the current mapping.
func (s *server) publicationRetry(c *fiber.Ctx) error { return s.retryOne(c, false) }

// publicationReplay sends a failed publication's original payload again.
func (s *server) publicationReplay(c *fiber.Ctx) error { return s.retryOne(c, true) }

func (s *server) retryOne(c *fiber.Ctx, original bool) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	p, err := models.PublicationByID(s.DB, id)
	if err != nil {
		return err
	}
	if p.Status != models.PublicationFailed {
		return rules.Errorf(rules.Conflict, "This publication is %s now, not failed: someone else handled it.", p.Status)
	}
	if original && p.Payload == "" {
		return rules.Errorf(rules.Invalid, "Nothing was sent yet, so there is no original payload to replay: retry it instead.")
	}
	var n int
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		n, err = models.RetryPublications(tx, s.actor(c), []int64{id}, original, "")
		return err
	})
	if err != nil {
		return err
	}
	done := "retried:" + strconv.Itoa(n)
	if original {
		done = "replayed:1"
	}
	return c.Redirect("/publications?done="+done, fiber.StatusSeeOther)
}

// publicationGroupRetry retries every failed publication of a group, after asking.
func (s *server) publicationGroupRetry(c *fiber.Ctx) error {
	chID, _ := strconv.ParseInt(c.FormValue("channel_id"), 10, 64)
	class := c.FormValue("class")
	groups, err := models.FailedGroups(s.DB)
	if err != nil {
		return err
	}
	var g *models.FailedGroup
	for i := range groups {
		if groups[i].ChannelID == chID && groups[i].ErrorClass == class {
			g = &groups[i]
		}
	}
	if g == nil {
		return c.Redirect("/publications?done=none", fiber.StatusSeeOther)
	}
	if c.FormValue("confirm") != "yes" {
		return render(c, fiber.StatusOK, web.PublicationConfirmPage(s.shell(c, "Retry publications", "publications"), web.PublicationConfirmView{Group: *g}))
	}
	var n int
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		ids, err := models.FailedIDsInGroup(tx, chID, class)
		if err != nil {
			return err
		}
		n, err = models.RetryPublications(tx, s.actor(c), ids, false, fmt.Sprintf("retry all %s failures of %s", class, g.ChannelName))
		return err
	})
	if err != nil {
		return err
	}
	return c.Redirect("/publications?done=retried:"+strconv.Itoa(n), fiber.StatusSeeOther)
}

// publicationSkip gives up on a failed publication, with the steward's reason.
func (s *server) publicationSkip(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.FormValue("reason"))
	if reason == "" {
		return rules.Errorf(rules.Invalid, "Say why this publication is skipped, so the next person knows.")
	}
	if len(reason) > 500 {
		return rules.Errorf(rules.Invalid, "Keep the reason under 500 characters.")
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		return models.SkipPublication(tx, s.actor(c), id, reason)
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "This publication is no longer failed: someone else handled it.")
	}
	if err != nil {
		return err
	}
	return c.Redirect("/publications?done=skipped", fiber.StatusSeeOther)
}

// publicationPause stops a channel's publishing until it is resumed; changes keep waiting.
func (s *server) publicationPause(c *fiber.Ctx) error { return s.setPaused(c, true) }

// publicationResume lets a paused channel's publications go again.
func (s *server) publicationResume(c *fiber.Ctx) error { return s.setPaused(c, false) }

func (s *server) setPaused(c *fiber.Ctx, paused bool) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	ch, err := models.ChannelByID(s.DB, id)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.FormValue("reason"))
	if len(reason) > 200 {
		return rules.Errorf(rules.Invalid, "Keep the reason under 200 characters.")
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		st, err := models.PublicationSettingsFor(tx, ch.ID)
		if err != nil {
			return err
		}
		st.Paused, st.PausedReason = paused, reason
		return models.SavePublicationSettings(tx, s.actor(c), st)
	})
	if err != nil {
		return err
	}
	if paused {
		return c.Redirect("/publications?done=paused", fiber.StatusSeeOther)
	}
	return c.Redirect("/publications?done=resumed", fiber.StatusSeeOther)
}

// publicationRate sets a channel's rate limit (publications per second, 0 for none).
func (s *server) publicationRate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	ch, err := models.ChannelByID(s.DB, id)
	if err != nil {
		return err
	}
	rate, err := strconv.ParseFloat(strings.TrimSpace(c.FormValue("rate")), 64)
	if err != nil || rate < 0 || rate > 10000 {
		return rules.Errorf(rules.Invalid, "Give the rate as publications per second between 0 (no limit) and 10000.")
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		st, err := models.PublicationSettingsFor(tx, ch.ID)
		if err != nil {
			return err
		}
		st.RatePerSecond = rate
		return models.SavePublicationSettings(tx, s.actor(c), st)
	})
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/admin/channels/%d/mapping?saved=rate", ch.ID), fiber.StatusSeeOther)
}

// publicationRecord is a record's publication status per channel (loaded by record pages).
func (s *server) publicationRecord(c *fiber.Ctx) error {
	object := c.Query("object")
	id, _ := strconv.ParseInt(c.Query("id"), 10, 64)
	switch object {
	case models.ObjectProduct, models.ObjectCustomer, models.ObjectPriceRule, models.ObjectInventory:
	default:
		return models.ErrNotFound
	}
	ps, err := models.PublicationsOfRecord(s.DB, object, id)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.RecordPublicationsList(ps))
}
