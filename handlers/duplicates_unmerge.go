package handlers

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) mergeShow(c *fiber.Ctx) error {
	return s.renderMerge(c, fiber.StatusOK, "")
}

func (s *server) renderMerge(c *fiber.Ctx, status int, conflict string) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	m, err := models.MergeByID(s.DB, id)
	if err != nil {
		return err
	}
	cr, err := s.loadCluster(m.Domain, []int64{m.SurvivorID})
	if err != nil {
		return err
	}
	v := web.MergeView{Merge: m, Survivor: cr.record(m.SurvivorID), CanWrite: s.canWriteDuplicates(c), CSRF: viewerOf(c).Session.CSRFToken, Conflict: conflict}
	var prov []rules.Provenance
	_ = json.Unmarshal([]byte(m.Provenance), &prov)
	v.Lines = mergeLines(m.Domain, prov, v.Survivor)
	_ = json.Unmarshal([]byte(m.Writeback), &v.Steps)
	sh := s.shell(c, fmt.Sprintf("Merge %d", m.ID), "duplicates")
	if status == fiber.StatusOK {
		switch {
		case c.Query("done") == "merged" && m.Status == models.MergeDone:
			sh.Flash = fmt.Sprintf("Merged #%d into #%d. Publications are queued; you can undo the merge here.", m.DuplicateID, m.SurvivorID)
		case c.Query("done") == "unmerged" && m.Status == models.MergeUndone:
			sh.Flash = fmt.Sprintf("Unmerged: #%d and #%d are separate records again, exactly as before the merge.", m.SurvivorID, m.DuplicateID)
			for _, st := range v.Steps {
				if st.Model == "res.partner" {
					sh.Flash += " Odoo is asked to restore the archived partner and move its contacts back; the merge's history shows the outcome."
					break
				}
			}
		}
	}
	return render(c, status, web.MergePage(sh, v))
}

// mergeUnmerge undoes a merge, or says why it cannot be undone safely.
func (s *server) mergeUnmerge(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.FormValue("note"))
	if len(note) > 500 {
		return s.renderMerge(c, fiber.StatusUnprocessableEntity, "Keep the reason under 500 characters.")
	}
	var m models.Merge
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if m, err = models.UnmergeRecords(tx, id, atoiOr(c.FormValue("version")), s.actor(c), note); err != nil {
			return err
		}
		return s.enqueueOdooUnmergeWriteBack(c.UserContext(), tx, m)
	})
	if msg, ok := mergeRefusal(err); ok {
		return s.renderMerge(c, fiber.StatusConflict, msg)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/merges/%d?done=unmerged", m.ID), fiber.StatusSeeOther)
}

// mergesList lists recent merges, of one golden record with ?record=.
func (s *server) mergesList(c *fiber.Ctx) error {
	v := web.MergesView{Domain: duplicateDomain(c.Query("domain")), RecordID: int64(c.QueryInt("record")),
		CanWrite: s.canWriteDuplicates(c), CSRF: viewerOf(c).Session.CSRFToken}
	var err error
	if v.RecordID > 0 {
		v.Merges, err = models.MergesOf(s.DB, v.Domain, v.RecordID, models.PageSize)
	} else {
		v.Merges, err = models.RecentMerges(s.DB, v.Domain, models.PageSize)
	}
	if err != nil {
		return err
	}
	if isHTMX(c) && v.RecordID > 0 {
		into, err := models.MergedInto(s.DB, v.Domain, v.RecordID)
		if err != nil {
			return err
		}
		return render(c, fiber.StatusOK, web.RecordMergesList(v, into))
	}
	return render(c, fiber.StatusOK, web.MergesPage(s.shell(c, "Merges", "duplicates"), v))
}
