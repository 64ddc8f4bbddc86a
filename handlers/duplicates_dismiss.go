package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
)

// duplicateDismiss records "not a duplicate" for one pair at the version the steward saw.
func (s *server) duplicateDismiss(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.FormValue("note"))
	if len(note) > 500 {
		return s.renderDuplicate(c, fiber.StatusUnprocessableEntity, compareForm{errs: map[string]string{"": "Keep the reason under 500 characters."}})
	}
	cand, err := models.CandidateByID(s.DB, id)
	if err != nil {
		return err
	}
	fp, err := s.fingerprints(cand)
	if err != nil {
		return err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		cand, err = models.DismissCandidate(tx, id, atoiOr(c.FormValue("version")), s.actor(c), note, fp[:]...)
		return err
	})
	var refused *models.MergeRefused
	switch {
	case errors.As(err, &refused):
		return s.renderDuplicate(c, fiber.StatusConflict, compareForm{conflict: refused.Reason})
	case err != nil:
		return err
	}
	return c.Redirect(fmt.Sprintf("/duplicates?domain=%s&done=dismissed&pair=%d", cand.Domain, id), fiber.StatusSeeOther)
}

// fingerprints hash both records' matching fields as they are now: what the steward looked
// at when saying "not a duplicate", so the pair returns only when one of them changes.
func (s *server) fingerprints(cand models.DuplicateCandidate) ([2]string, error) {
	// The scan's own loading, so the hashes compare equal when nothing changed.
	ids := []int64{cand.LeftID, cand.RightID}
	var es []match.Entity
	if cand.Domain == rules.DomainProduct {
		ps, err := models.MatchProducts(s.DB, ids)
		if err != nil {
			return [2]string{}, err
		}
		es = rules.ProductEntities(ps)
	} else {
		cs, addrs, err := models.MatchCustomers(s.DB, ids)
		if err != nil {
			return [2]string{}, err
		}
		es = rules.CustomerEntities(cs, addrs)
	}
	var out [2]string
	for i := range es {
		for j, id := range ids {
			if es[i].ID == idString(id) {
				out[j] = rules.MatchFingerprint(&es[i])
			}
		}
	}
	return out, nil
}

// mergeRefusal turns a refused merge into the steward's message.
func mergeRefusal(err error) (string, bool) {
	var refused *models.MergeRefused
	if errors.As(err, &refused) {
		return refused.Reason, true
	}
	if rules.KindOf(err) == rules.Conflict {
		return rules.MessageOf(err), true
	}
	return "", false
}
