package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// mergeChoice is a steward's merge form: the pair at the version they saw, the record to
// keep, each record's version as seen, and the values they picked.
type mergeChoice struct {
	cand        models.DuplicateCandidate
	survivor    int64
	duplicate   int64
	versions    map[int64]int
	picks       map[string]int64
	records     clusterRecords
	survived    rules.Survived
	formVersion int
}

// formValue reads a field from a posted form or, for the GET preview, the query.
func formValue(c *fiber.Ctx, key string) string {
	if v := c.FormValue(key); v != "" {
		return v
	}
	return c.Query(key)
}

// readMergeChoice parses and checks a merge form against the records as they are now.
func (s *server) readMergeChoice(c *fiber.Ctx) (mergeChoice, *compareForm, error) {
	var m mergeChoice
	id, err := idParam(c, "id")
	if err != nil {
		return m, nil, err
	}
	if m.cand, err = models.CandidateByID(s.DB, id); err != nil {
		return m, nil, err
	}
	m.formVersion = atoiOr(formValue(c, "version"))
	m.survivor, _ = strconv.ParseInt(formValue(c, "survivor"), 10, 64)
	m.versions, m.picks = map[int64]int{}, map[string]int64{}
	visit := func(k, v []byte) {
		key, val := string(k), string(v)
		if f, ok := strings.CutPrefix(key, "pick."); ok {
			if id, err := strconv.ParseInt(val, 10, 64); err == nil {
				m.picks[f] = id
			}
		}
		if rec, ok := strings.CutPrefix(key, "v."); ok {
			if id, err := strconv.ParseInt(rec, 10, 64); err == nil {
				m.versions[id] = atoiOr(val)
			}
		}
	}
	c.Request().PostArgs().VisitAll(visit)
	c.Request().URI().QueryArgs().VisitAll(visit)
	form := &compareForm{survivor: m.survivor, picks: m.picks}
	if m.cand.Status != models.CandidateOpen || m.formVersion != m.cand.Version {
		form.conflict = s.candidateTakenMessage(m.cand)
		return m, form, nil
	}
	switch m.survivor {
	case m.cand.LeftID:
		m.duplicate = m.cand.RightID
	case m.cand.RightID:
		m.duplicate = m.cand.LeftID
	default:
		form.errs = map[string]string{"": "Choose which of the two records to keep."}
		return m, form, nil
	}
	if m.records, err = s.loadCluster(m.cand.Domain, []int64{m.survivor, m.duplicate}); err != nil {
		return m, nil, err
	}
	for _, rec := range []int64{m.survivor, m.duplicate} {
		if v, ok := m.versions[rec]; !ok || v != m.records.version(rec) {
			form.conflict = fmt.Sprintf("Record #%d changed since you opened this pair (it is now at version %d). The comparison below shows it as it is now; check your choices again.", rec, m.records.version(rec))
			return m, form, nil
		}
	}
	saved, err := models.SurvivorshipRules(s.DB, m.cand.Domain)
	if err != nil {
		return m, nil, err
	}
	m.survived, err = rules.Survive(m.cand.Domain, m.records.survival(m.survivor, m.duplicate), saved, m.picks)
	if rules.KindOf(err) == rules.Invalid {
		form.errs = fieldErrors(err)
		return m, form, nil
	}
	return m, nil, err
}

// candidateTakenMessage says what became of a pair someone decided first.
func (s *server) candidateTakenMessage(cand models.DuplicateCandidate) string {
	msg, _ := mergeRefusal(models.CandidateDecided(s.DB, cand))
	return msg
}

// request is the merge to store: the survived values applied onto a copy of the survivor.
func (m mergeChoice) request(who models.Actor) (models.MergeRequest, error) {
	prov, _ := json.Marshal(m.survived.Provenance)
	req := models.MergeRequest{CandidateID: m.cand.ID, CandidateVersion: m.cand.Version, DuplicateID: m.duplicate,
		DuplicateVersion: m.records.version(m.duplicate), Provenance: string(prov), Who: who}
	if m.cand.Domain == rules.DomainProduct {
		p := *m.records.products[m.survivor]
		err := rules.ApplyProductSurvival(&p, m.records.products, m.survived)
		req.Product = &p
		return req, err
	}
	cust := m.records.customers[m.survivor].Customer
	all := map[int64]*models.Customer{}
	for id, d := range m.records.customers {
		all[id] = &d.Customer
	}
	err := rules.ApplyCustomerSurvival(&cust, all, m.survived)
	req.Customer = &cust
	return req, err
}

func (s *server) duplicatePreview(c *fiber.Ctx) error {
	if c.Method() == fiber.MethodGet && c.Query("survivor") == "" {
		// A bare link to the preview: the choices are made on the comparison.
		return c.Redirect("/duplicates/"+c.Params("id")+"#merge", fiber.StatusSeeOther)
	}
	m, form, err := s.readMergeChoice(c)
	if err != nil {
		return err
	}
	if form != nil {
		return s.renderDuplicate(c, statusOf(form), *form)
	}
	if _, err := m.request(s.actor(c)); err != nil {
		return s.renderDuplicate(c, fiber.StatusUnprocessableEntity, compareForm{survivor: m.survivor, picks: m.picks, errs: fieldErrors(err)})
	}
	plan, err := models.PlanMerge(s.DB, m.cand.Domain, m.survivor, m.duplicate, m.cand.ID)
	if err != nil {
		return err
	}
	v := web.MergePreviewView{Candidate: m.cand, Survivor: m.records.record(m.survivor), Duplicate: m.records.record(m.duplicate),
		Plan: plan, CSRF: viewerOf(c).Session.CSRFToken, Lines: mergeLines(m.cand.Domain, m.survived.Provenance, m.records.record(m.survivor))}
	v.OdooChecks = s.precheckOdoo(c.UserContext(), plan.Odoo)
	v.Hidden = [][2]string{{"version", strconv.Itoa(m.cand.Version)}, {"survivor", idString(m.survivor)}}
	for _, rec := range []int64{m.survivor, m.duplicate} {
		v.Hidden = append(v.Hidden, [2]string{"v." + idString(rec), strconv.Itoa(m.records.version(rec))})
	}
	fields := make([]string, 0, len(m.picks))
	for f := range m.picks {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		v.Hidden = append(v.Hidden, [2]string{"pick." + f, idString(m.picks[f])})
	}
	return render(c, fiber.StatusOK, web.MergePreviewPage(s.shell(c, "Preview the merge", "duplicates"), v))
}

func statusOf(form *compareForm) int {
	if form.conflict != "" {
		return fiber.StatusConflict
	}
	return fiber.StatusUnprocessableEntity
}

// mergeLines lists the merged values with their provenance, in field order.
func mergeLines(domain string, prov []rules.Provenance, survivor web.DupRecord) []web.MergeLine {
	var out []web.MergeLine
	for _, p := range prov {
		label := p.Field
		if f, ok := rules.FieldOf(domain, p.Field); ok {
			label = f.Label
		}
		out = append(out, web.MergeLine{Field: p.Field, Label: label, Value: p.Value, From: p.RecordID, Why: p.Why,
			Overridden: p.Overridden, Changes: survivor.Values[p.Field] != p.Value})
	}
	return out
}

func (s *server) duplicateMerge(c *fiber.Ctx) error {
	m, form, err := s.readMergeChoice(c)
	if err != nil {
		return err
	}
	if form != nil {
		return s.renderDuplicate(c, statusOf(form), *form)
	}
	req, err := m.request(s.actor(c))
	if err != nil {
		return s.renderDuplicate(c, fiber.StatusUnprocessableEntity, compareForm{survivor: m.survivor, picks: m.picks, errs: fieldErrors(err)})
	}
	// Odoo is asked again here: the preview may be minutes old. A merge that Odoo would
	// refuse is not made in Steward alone, so the two never disagree about who exists.
	plan, err := models.PlanMerge(s.DB, m.cand.Domain, m.survivor, m.duplicate, m.cand.ID)
	if err != nil {
		return err
	}
	if msg := odooRefusal(s.precheckOdoo(c.UserContext(), plan.Odoo)); msg != "" {
		return s.renderDuplicate(c, fiber.StatusConflict, compareForm{survivor: m.survivor, picks: m.picks, conflict: msg})
	}
	var merged models.Merge
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if merged, err = models.MergeRecords(tx, req); err != nil {
			return err
		}
		return s.enqueueOdooMergeWriteBack(c.UserContext(), tx, merged)
	})
	if msg, ok := mergeRefusal(err); ok {
		return s.renderDuplicate(c, fiber.StatusConflict, compareForm{survivor: m.survivor, picks: m.picks, conflict: msg})
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/merges/%d?done=merged", merged.ID), fiber.StatusSeeOther)
}

// OdooMergeQueue is the Odoo write-back of a merge (jobs.Runner.EnqueueOdooMerge): one job
// per Odoo instance where both records are partners, stored in the merge's transaction,
// that pre-checks in Odoo and then archives the duplicate partner and re-parents its
// addresses and contacts. A runner without it (a tool, a test) leaves the plan recorded on
// the merge (merges.writeback).
type OdooMergeQueue interface {
	EnqueueOdooMerge(ctx context.Context, tx *gorm.DB, mergeID int64, channelID int64, survivorExternalID, duplicateExternalID string) error
}

func (s *server) enqueueOdooMergeWriteBack(ctx context.Context, tx *gorm.DB, m models.Merge) error {
	q, ok := s.Queue.(OdooMergeQueue)
	if !ok || m.Writeback == "" {
		return nil
	}
	var steps []models.OdooMergeStep
	if err := json.Unmarshal([]byte(m.Writeback), &steps); err != nil {
		return err
	}
	for _, st := range steps {
		// The write-back merges partners; a product stays for its publications to retire.
		if st.Model != "res.partner" || st.SurvivorRef == "" {
			continue
		}
		if err := q.EnqueueOdooMerge(ctx, tx, m.ID, st.ChannelID, st.SurvivorRef, st.ArchiveID); err != nil {
			return err
		}
	}
	return nil
}

// OdooMergePrechecker asks each Odoo of a merge, without writing, whether it would refuse
// (jobs.Runner.PrecheckOdooMerge).
type OdooMergePrechecker interface {
	PrecheckOdooMerge(ctx context.Context, steps []models.OdooMergeStep) []jobs.OdooMergeCheck
}

func (s *server) precheckOdoo(ctx context.Context, steps []models.OdooMergeStep) []web.OdooCheck {
	p, ok := s.Queue.(OdooMergePrechecker)
	if !ok || len(steps) == 0 {
		return nil
	}
	var out []web.OdooCheck
	for _, c := range p.PrecheckOdooMerge(ctx, steps) {
		out = append(out, web.OdooCheck{Channel: c.Channel, Blockers: c.Blockers, Unreachable: c.Unreachable})
	}
	return out
}

// odooRefusal is the merge's refusal when an Odoo would refuse it, in the steward's words.
func odooRefusal(checks []web.OdooCheck) string {
	var parts []string
	for _, c := range checks {
		if len(c.Blockers) > 0 {
			parts = append(parts, c.Channel+": "+strings.Join(c.Blockers, " "))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Odoo would refuse this merge, so nothing was merged. Fix this in Odoo first, or merge the other way round: " + strings.Join(parts, " ")
}
