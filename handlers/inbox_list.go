package handlers

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// inboxFilter reads the list's filter from the query (value = c.Query) or from a posted
// form that includes the filter (value = c.FormValue). Unknown values do not filter.
func (s *server) inboxFilter(c *fiber.Ctx, value func(string, ...string) string) models.InboxFilter {
	ch, _ := strconv.ParseInt(value("channel"), 10, 64)
	f := models.InboxFilter{
		Query: value("q"), Domain: oneOf(value("domain"), rules.Domains), Reason: oneOf(value("reason"), models.Reasons),
		ChannelID: ch, Age: oneOf(value("age"), models.Ages), Newest: value("order") == "newest",
		Assignee: value("assignee"), Me: viewerOf(c).User.ID, Now: s.Now(),
		Page: models.PageRequest{After: value("after"), Before: value("before")},
	}
	if _, err := strconv.ParseInt(f.Assignee, 10, 64); err != nil && f.Assignee != models.AssigneeMe && f.Assignee != models.AssigneeNobody {
		f.Assignee = ""
	}
	return f
}

func oneOf(v string, allowed []string) string {
	if slices.Contains(allowed, v) {
		return v
	}
	return ""
}

// roles are the signed-in person's roles.
func (s *server) roles(c *fiber.Ctx) []string { return s.Access.RolesOf(viewerOf(c).User.ID) }

// decides says which domains the signed-in person may decide: the role rule, and only
// while their roles still grant deciding inbox items at all.
func (s *server) decides(c *fiber.Ctx) map[string]bool {
	out := map[string]bool{}
	if !s.Access.Allowed(viewerOf(c).User.ID, perm("inbox", rules.Write)) {
		return out
	}
	for _, d := range rules.DecidableDomains(s.roles(c)) {
		out[d] = true
	}
	return out
}

func (s *server) inboxView(c *fiber.Ctx, f models.InboxFilter) (web.InboxView, error) {
	page, err := models.ListInbox(s.DB, f)
	if err != nil {
		return web.InboxView{}, err
	}
	return web.InboxView{Filter: f, Page: page, Decides: s.decides(c), Now: s.Now(), CSRF: viewerOf(c).Session.CSRFToken}, nil
}

func (s *server) inboxList(c *fiber.Ctx) error {
	v, err := s.inboxView(c, s.inboxFilter(c, c.Query))
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, fiber.StatusOK, web.InboxResults(v))
	}
	if v.Channels, err = models.ListChannels(s.DB); err != nil {
		return err
	}
	if v.People, err = s.deciders(""); err != nil {
		return err
	}
	sh := s.shell(c, "Inbox", "inbox")
	sh.Flash = bulkFlash(c)
	if sh.Flash == "" {
		sh.Flash = s.itemFlash(c)
	}
	return render(c, fiber.StatusOK, web.InboxPage(sh, v))
}

// deciders lists the active people who may decide items of domain ("" for any domain),
// for assigning.
func (s *server) deciders(domain string) ([]web.Person, error) {
	users, err := models.ListUsers(s.DB)
	if err != nil {
		return nil, err
	}
	var out []web.Person
	for _, u := range users {
		roles := s.Access.RolesOf(u.ID)
		if !u.Active || !s.Access.Allowed(u.ID, perm("inbox", rules.Write)) {
			continue
		}
		if (domain == "" && len(rules.DecidableDomains(roles)) > 0) || (domain != "" && rules.MayDecide(roles, domain)) {
			out = append(out, web.Person{ID: u.ID, Name: u.Display()})
		}
	}
	return out, nil
}

// bulkFlash says what a bulk decision made while the person waited did.
func bulkFlash(c *fiber.Ctx) string {
	if c.Query("done") != "bulk" {
		return ""
	}
	verb := "Approved"
	if c.Query("action") == models.BulkReject {
		verb = "Rejected"
	}
	msg := fmt.Sprintf("%s %s.", verb, plural(c.QueryInt("decided"), "item"))
	if n := c.QueryInt("skipped"); n > 0 {
		msg += fmt.Sprintf(" %s skipped: decided by someone else first, or not yours to decide.", plural(n, "item was", "items were"))
	}
	if n := c.QueryInt("failed"); n > 0 {
		msg += fmt.Sprintf(" %s could not be decided and still %s; open %s to see why.", plural(n, "item"), pick(n, "waits", "wait"), pick(n, "it", "them"))
	}
	return msg
}

// plural writes "1 item" or "3 items"; with a second form, "1 item was" or "3 items were".
func plural(n int, forms ...string) string {
	one, many := forms[0], forms[0]+"s"
	if len(forms) > 1 {
		many = forms[1]
		return fmt.Sprintf("%d %s", n, pick(n, one, many))
	}
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
