package handlers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// bulkRequest is a bulk decision as the bulk bar and the confirmation send it.
type bulkRequest struct {
	action string // models.BulkApprove or models.BulkReject
	all    bool   // the whole filter rather than the selected rows
	note   string
	ids    []int64
	filter models.InboxFilter
}

// parseBulk reads a bulk decision. The bar sends do=approve-selected and the like; the
// confirmation sends action and scope.
func (s *server) parseBulk(c *fiber.Ctx) bulkRequest {
	r := bulkRequest{action: c.FormValue("action"), all: c.FormValue("scope") == "all", note: strings.TrimSpace(c.FormValue("note"))}
	if do := c.FormValue("do"); do != "" {
		action, scope, _ := strings.Cut(do, "-")
		r.action, r.all = action, scope == "all"
	}
	for _, v := range c.Request().PostArgs().PeekMulti("ids") {
		if id, err := strconv.ParseInt(string(v), 10, 64); err == nil && id > 0 {
			r.ids = append(r.ids, id)
		}
	}
	r.filter = s.inboxFilter(c, c.FormValue)
	r.filter.Page = models.PageRequest{}
	r.filter.MaxID, _ = strconv.ParseInt(c.FormValue("max_id"), 10, 64)
	return r
}

// bulkScope counts what a bulk decision covers: the items the person may decide, and
// those left out because they may not. For a whole filter, it fixes the newest item the
// decision reaches, so items arriving after the confirmation are not decided unseen.
func (s *server) bulkScope(c *fiber.Ctx, r *bulkRequest) (count, left int64, err error) {
	decides := s.decides(c)
	if !r.all {
		items, err := models.InboxItemsByIDs(s.DB, r.ids)
		if err != nil {
			return 0, 0, err
		}
		r.ids = r.ids[:0]
		for _, it := range items {
			switch {
			case it.Status != models.InboxOpen:
			case decides[it.Domain]:
				r.ids = append(r.ids, it.ID)
				count++
			default:
				left++
			}
		}
		return count, left, nil
	}
	if r.filter.MaxID == 0 {
		if r.filter.MaxID, err = models.LastInboxID(s.DB); err != nil {
			return 0, 0, err
		}
	}
	total, err := models.CountInbox(s.DB, r.filter)
	if err != nil {
		return 0, 0, err
	}
	r.filter.Domains = []string{}
	for _, d := range rules.Domains {
		if decides[d] {
			r.filter.Domains = append(r.filter.Domains, d)
		}
	}
	count, err = models.CountInbox(s.DB, r.filter)
	return count, total - count, err
}

// inboxBulkConfirm says how many records a bulk decision will change, and asks.
func (s *server) inboxBulkConfirm(c *fiber.Ctx) error {
	r := s.parseBulk(c)
	count, left, err := s.bulkScope(c, &r)
	if err != nil {
		return err
	}
	v := web.BulkConfirmView{Action: r.action, All: r.all, Count: count, Left: left, Note: r.note, IDs: r.ids,
		Query: inboxQuery(r.filter), MaxID: r.filter.MaxID, Inline: rules.BulkInline}
	if err := rules.CheckBulk(r.action, r.note, count); err != nil {
		v.Error = firstMessage(err)
	}
	sh := s.shell(c, "Confirm", "inbox")
	if isHTMX(c) {
		return render(c, fiber.StatusOK, web.BulkConfirm(sh, v))
	}
	return render(c, fiber.StatusOK, web.BulkConfirmPage(sh, v))
}

// inboxBulk carries out a confirmed bulk decision: up to rules.BulkInline items at once,
// more as a background job whose progress the person watches.
func (s *server) inboxBulk(c *fiber.Ctx) error {
	r := s.parseBulk(c)
	count, _, err := s.bulkScope(c, &r)
	if err != nil {
		return err
	}
	if err := rules.CheckBulk(r.action, r.note, count); err != nil {
		return rules.Errorf(rules.Invalid, "%s", firstMessage(err))
	}
	who := s.actor(c)
	if r.all && count > rules.BulkInline {
		var runID int64
		err := s.DB.Transaction(func(tx *gorm.DB) error {
			run := models.BulkRun{Action: r.action, Reason: r.note, StartedBy: who.Name, StartedByID: &who.ID, Total: count}
			var err error
			if runID, err = s.Queue.EnqueueBulk(c.UserContext(), tx, &run, r.filter); err != nil {
				return err
			}
			return models.Audit(tx, who, models.Change{Action: "inbox.bulk", ObjectType: "inbox_bulk_run", ObjectID: runID,
				Reason: fmt.Sprintf("%s %d items in the background", r.action, count), After: r.filter})
		})
		if err != nil {
			return err
		}
		return c.Redirect(fmt.Sprintf("/inbox/bulk/%d", runID), fiber.StatusSeeOther)
	}
	var items []models.InboxItem
	if r.all {
		items, err = models.InboxItemsAfter(s.DB, r.filter, 0, rules.BulkInline)
	} else {
		items, err = models.InboxItemsByIDs(s.DB, r.ids)
	}
	if err != nil {
		return err
	}
	d := ingest.Decision{Status: models.InboxApproved, Note: r.note, Who: who}
	if r.action == models.BulkReject {
		d.Status = models.InboxRejected
	}
	decides := s.decides(c)
	var tally models.BulkTally
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		tally, err = ingest.DecideAll(tx, items, d, func(domain string) bool { return decides[domain] })
		return err
	})
	if err != nil {
		return err
	}
	q := append(inboxQuery(r.filter), "done", "bulk", "action", r.action, "decided", fmt.Sprint(tally.Decided),
		"skipped", fmt.Sprint(tally.Skipped), "failed", fmt.Sprint(tally.Failed))
	return c.Redirect(withQuery("/inbox", q...), fiber.StatusSeeOther)
}

func (s *server) inboxBulkShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	run, err := models.BulkRunByID(s.DB, id)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.BulkRunPage(s.shell(c, fmt.Sprintf("Bulk decision #%d", run.ID), "inbox"), web.BulkRunView{Run: run, Now: s.Now()}))
}

// inboxQuery is a filter as query pairs, the way the list's links carry it.
func inboxQuery(f models.InboxFilter) []string {
	ch, order := "", ""
	if f.ChannelID != 0 {
		ch = fmt.Sprint(f.ChannelID)
	}
	if f.Newest {
		order = "newest"
	}
	return []string{"q", f.Query, "domain", f.Domain, "reason", f.Reason, "channel", ch, "assignee", f.Assignee, "age", f.Age, "order", order}
}

// withQuery returns path with the non-empty query values set.
func withQuery(path string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// firstMessage is the one thing to tell about an error: its first field's message, or
// its message.
func firstMessage(err error) string {
	for _, m := range fieldErrors(err) {
		return m
	}
	return rules.MessageOf(err)
}
