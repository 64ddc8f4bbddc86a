package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
	"steward/web"
)

// duplicateDomain reads ?domain=, customers unless it says products.
func duplicateDomain(v string) string {
	if v == rules.DomainProduct {
		return rules.DomainProduct
	}
	return rules.DomainCustomer
}

func (s *server) canWriteDuplicates(c *fiber.Ctx) bool {
	return s.Access.Allowed(viewerOf(c).User.ID, perm("duplicates", rules.Write))
}

func (s *server) duplicatesView(c *fiber.Ctx, f models.DuplicateFilter) (web.DuplicatesView, error) {
	page, err := models.ListDuplicates(s.DB, f)
	if err != nil {
		return web.DuplicatesView{}, err
	}
	merges, err := models.RecentMerges(s.DB, f.Domain, 10)
	if err != nil {
		return web.DuplicatesView{}, err
	}
	uid := viewerOf(c).User.ID
	v := web.DuplicatesView{Filter: f, Page: page, Merges: merges, CanWrite: s.canWriteDuplicates(c),
		CanScan: s.Access.Allowed(uid, perm("admin.rules", rules.Read)), CSRF: viewerOf(c).Session.CSRFToken, Why: map[int64]string{}}
	for _, cl := range page.Clusters {
		v.Why[cl.Lead.ID] = strongestReasons(cl.Lead.Explanation, 2)
	}
	return v, nil
}

// strongestReasons are the first n agreeing fields of a stored explanation, in words.
func strongestReasons(explanation string, n int) string {
	var e match.Explanation
	if explanation == "" || json.Unmarshal([]byte(explanation), &e) != nil {
		return ""
	}
	var out []string
	for _, r := range e.Reasons {
		if r.Agrees() && len(out) < n {
			out = append(out, r.Text)
		}
	}
	return strings.Join(out, "; ")
}

func (s *server) duplicatesList(c *fiber.Ctx) error {
	f := models.DuplicateFilter{Domain: duplicateDomain(c.Query("domain")), Source: c.Query("source"), After: c.Query("after")}
	v, err := s.duplicatesView(c, f)
	if err != nil {
		return err
	}
	sh := s.shell(c, "Duplicates", "duplicates")
	sh.Flash = duplicatesFlash(c)
	return render(c, fiber.StatusOK, web.DuplicatesPage(sh, v))
}

// selectedPairs reads the ticked pairs of a bulk form; none is a problem for the steward.
func selectedPairs(c *fiber.Ctx) ([]int64, error) {
	var ids []int64
	for _, raw := range c.Context().PostArgs().PeekMulti("ids") {
		if id, err := strconv.ParseInt(string(raw), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, rules.InvalidFields(map[string]string{"ids": "Tick the pairs that are not duplicates first (x selects the current row)."})
	}
	if len(ids) > 500 {
		return nil, rules.InvalidFields(map[string]string{"ids": "Choose at most 500 pairs at once."})
	}
	return ids, nil
}

// duplicatesDismissConfirm asks before dismissing the ticked pairs.
func (s *server) duplicatesDismissConfirm(c *fiber.Ctx) error {
	f := models.DuplicateFilter{Domain: duplicateDomain(c.FormValue("domain"))}
	ids, err := selectedPairs(c)
	if err != nil {
		return err
	}
	v, err := s.duplicatesView(c, f)
	if err != nil {
		return err
	}
	v.Confirm = &web.DismissConfirm{IDs: ids, Reason: c.FormValue("note")}
	return render(c, fiber.StatusOK, web.DuplicatesPage(s.shell(c, "Duplicates", "duplicates"), v))
}

// duplicatesDismissBulk dismisses the confirmed pairs, each in its own transaction: a
// pair someone else decided first is skipped and counted, not an error for the rest.
func (s *server) duplicatesDismissBulk(c *fiber.Ctx) error {
	domain := duplicateDomain(c.FormValue("domain"))
	ids, err := selectedPairs(c)
	if err != nil {
		return err
	}
	done, skipped := 0, 0
	for _, id := range ids {
		// Read outside the transaction: SQLite has one connection for everybody.
		cand, err := models.CandidateByID(s.DB, id)
		var fp [2]string
		if err == nil {
			fp, err = s.fingerprints(cand)
		}
		if err == nil {
			err = s.DB.Transaction(func(tx *gorm.DB) error {
				_, err := models.DismissCandidate(tx, id, cand.Version, s.actor(c), c.FormValue("note"), fp[:]...)
				return err
			})
		}
		var refused *models.MergeRefused
		switch {
		case err == nil:
			done++
		case errors.As(err, &refused), errors.Is(err, models.ErrNotFound):
			skipped++
		default:
			return err
		}
	}
	return c.Redirect(fmt.Sprintf("/duplicates?domain=%s&done=bulk&dismissed=%d&skipped=%d", domain, done, skipped), fiber.StatusSeeOther)
}

// duplicatesFlash says what the decision the steward just made did. The words are built
// here from counts, never taken from the address, so a link cannot put words in our mouth.
func duplicatesFlash(c *fiber.Ctx) string {
	switch c.Query("done") {
	case "dismissed":
		return fmt.Sprintf("Marked pair %d as not a duplicate. It comes back only if a matching field changes.", c.QueryInt("pair"))
	case "bulk":
		msg := fmt.Sprintf("Marked %s as not duplicates.", plural(c.QueryInt("dismissed"), "pair"))
		if n := c.QueryInt("skipped"); n > 0 {
			msg += fmt.Sprintf(" %s skipped: decided by someone else first.", plural(n, "pair was", "pairs were"))
		}
		return msg
	}
	return ""
}
