package handlers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/rules/match"
	"steward/web"
)

// matchingSettings returns a domain's settings, the engine's defaults where none are saved.
func (s *server) matchingSettings(domain string) (models.MatchSettings, error) {
	t := match.DefaultThresholds(match.Domain(domain))
	return models.LoadMatchSettings(s.DB, domain, models.MatchSettings{MatchThreshold: t.Match, ReviewThreshold: t.Review})
}

func matchingForm(m models.MatchSettings) web.MatchingForm {
	return web.MatchingForm{
		Domain: m.Domain, Version: m.Version, AutoMerge: m.AutoMerge, Cron: m.ScanCron,
		Match: strconv.FormatFloat(m.MatchThreshold, 'f', -1, 64), Review: strconv.FormatFloat(m.ReviewThreshold, 'f', -1, 64),
	}
}

// matchingView builds the page; forms holds the form of a domain being re-shown (with its
// errors or preview) instead of the stored settings.
func (s *server) matchingView(forms map[string]web.MatchingForm) (web.MatchingView, error) {
	var v web.MatchingView
	for _, d := range models.MatchDomains {
		set, err := s.matchingSettings(d)
		if err != nil {
			return v, err
		}
		dv := web.MatchingDomain{Domain: d, Label: capitalized(rules.DomainLabel(d)), Settings: set, Form: matchingForm(set)}
		if f, ok := forms[d]; ok {
			dv.Form = f
		}
		if run, err := models.LastScanRun(s.DB, d); err == nil {
			dv.LastScan = &run
		} else if !errors.Is(err, models.ErrNotFound) {
			return v, err
		}
		if dv.Open, err = models.CandidatesByBand(s.DB, d); err != nil {
			return v, err
		}
		v.Domains = append(v.Domains, dv)
	}
	return v, nil
}

func (s *server) renderMatching(c *fiber.Ctx, status int, forms map[string]web.MatchingForm) error {
	v, err := s.matchingView(forms)
	if err != nil {
		return err
	}
	sh := s.shell(c, "Matching", "admin")
	if d := c.Query("saved"); d != "" {
		sh.Flash = fmt.Sprintf("Matching settings for %s saved.", rules.DomainLabel(d))
	}
	return render(c, status, web.MatchingPage(sh, v))
}

func (s *server) matchingShow(c *fiber.Ctx) error {
	return s.renderMatching(c, fiber.StatusOK, nil)
}

// parseMatchingForm reads a domain's form; errors are keyed by field for the page.
func parseMatchingForm(c *fiber.Ctx) (web.MatchingForm, models.MatchSettings) {
	f := web.MatchingForm{
		Domain: c.FormValue("domain"), Version: atoiOr(c.FormValue("version")),
		Match: strings.TrimSpace(c.FormValue("match")), Review: strings.TrimSpace(c.FormValue("review")),
		Cron: strings.TrimSpace(c.FormValue("cron")), AutoMerge: c.FormValue("auto_merge") == "1",
		Errors: map[string]string{},
	}
	m := models.MatchSettings{Domain: f.Domain, Version: f.Version, AutoMerge: f.AutoMerge, ScanCron: f.Cron}
	var err error
	if m.MatchThreshold, err = strconv.ParseFloat(strings.Replace(f.Match, ",", ".", 1), 64); err != nil || f.Match == "" {
		f.Errors["match"] = "Enter the match threshold as a probability between 0 and 1, such as 0.95."
	}
	if m.ReviewThreshold, err = strconv.ParseFloat(strings.Replace(f.Review, ",", ".", 1), 64); err != nil || f.Review == "" {
		f.Errors["review"] = "Enter the review threshold as a probability between 0 and 1, such as 0.4."
	}
	if len(f.Errors) == 0 {
		t := match.Thresholds{Match: m.MatchThreshold, Review: m.ReviewThreshold}
		switch {
		case t.Match < 0 || t.Match > 1:
			f.Errors["match"] = "The match threshold is a probability between 0 and 1."
		case t.Review < 0 || t.Review > 1:
			f.Errors["review"] = "The review threshold is a probability between 0 and 1."
		default:
			if err := t.Check(); err != nil {
				f.Errors["review"] = capitalized(err.Error()) + "."
			}
		}
	}
	if f.Cron != "" {
		if _, err := rules.ParseSchedule(f.Cron); err != nil {
			f.Errors["cron"] = rules.MessageOf(err) + " Leave it empty for no scheduled scan."
		}
	}
	return f, m
}

func checkMatchDomain(domain string) error {
	if !slices.Contains(models.MatchDomains, domain) {
		return rules.Errorf(rules.Invalid, "Choose customers or products.")
	}
	return nil
}

// matchingSave stores a domain's settings. A change of thresholds is shown with its preview
// first and saved only when the admin confirms the thresholds they previewed.
func (s *server) matchingSave(c *fiber.Ctx) error {
	f, m := parseMatchingForm(c)
	if err := checkMatchDomain(f.Domain); err != nil {
		return err
	}
	forms := map[string]web.MatchingForm{f.Domain: f}
	if len(f.Errors) > 0 {
		return s.renderMatching(c, fiber.StatusUnprocessableEntity, forms)
	}
	before, err := s.matchingSettings(f.Domain)
	if err != nil {
		return err
	}
	thresholdsMoved := before.MatchThreshold != m.MatchThreshold || before.ReviewThreshold != m.ReviewThreshold
	if thresholdsMoved && c.FormValue("previewed") != f.Match+"/"+f.Review {
		p, err := s.matchingPreview(f.Domain, before, m)
		if err != nil {
			return err
		}
		f.Preview, f.Confirm = &p, true
		forms[f.Domain] = f
		return s.renderMatching(c, fiber.StatusOK, forms)
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error { return models.SaveMatchSettings(tx, s.actor(c), &m, before) })
	if errors.Is(err, models.ErrStale) {
		f.Message = "Someone else changed these settings while you were editing. The page shows them as they are now; make your change again."
		f.Version, f.Confirm = before.Version, false
		forms[f.Domain] = f
		return s.renderMatching(c, fiber.StatusConflict, forms)
	}
	if err != nil {
		return err
	}
	if before.ScanCron != m.ScanCron {
		if err := s.Queue.ReloadSchedules(); err != nil {
			s.Log.Warn("reload schedules", "err", err)
		}
	}
	return c.Redirect("/admin/matching?saved="+f.Domain, fiber.StatusSeeOther)
}

// matchingPreviewPost answers the form's "Preview" button (HTMX) with what the thresholds
// would change.
func (s *server) matchingPreviewPost(c *fiber.Ctx) error {
	f, m := parseMatchingForm(c)
	if err := checkMatchDomain(f.Domain); err != nil {
		return err
	}
	if f.Errors["match"] != "" || f.Errors["review"] != "" {
		return render(c, fiber.StatusUnprocessableEntity, web.MatchingPreviewBox(web.MatchingPreview{Error: strings.TrimSpace(f.Errors["match"] + " " + f.Errors["review"])}))
	}
	before, err := s.matchingSettings(f.Domain)
	if err != nil {
		return err
	}
	p, err := s.matchingPreview(f.Domain, before, m)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.MatchingPreviewBox(p))
}

// previewSample bounds the records a preview scans while the admin waits (about a second).
const previewSample = 10000

// matchingPreview scans a sample of the domain's records (all of them when there are few)
// and says what the proposed thresholds would do to the pairs it finds.
func (s *server) matchingPreview(domain string, current, proposed models.MatchSettings) (web.MatchingPreview, error) {
	cur := match.Thresholds{Match: current.MatchThreshold, Review: current.ReviewThreshold}
	next := match.Thresholds{Match: proposed.MatchThreshold, Review: proposed.ReviewThreshold}
	ids, total, err := models.MatchSample(s.DB, domain, previewSample)
	if err != nil {
		return web.MatchingPreview{}, err
	}
	var es []match.Entity
	if domain == models.MatchCustomer {
		cs, addrs, err := models.MatchCustomers(s.DB, ids)
		if err != nil {
			return web.MatchingPreview{}, err
		}
		es = rules.CustomerEntities(cs, addrs)
	} else {
		ps, err := models.MatchProducts(s.DB, ids)
		if err != nil {
			return web.MatchingPreview{}, err
		}
		es = rules.ProductEntities(ps)
	}
	pairs := match.Dedupe(match.DefaultModel(match.Domain(domain)), es, match.Options{MinScore: min(cur.Review, next.Review)})
	scores := make([]float64, len(pairs))
	for i, p := range pairs {
		scores[i] = p.Score
	}
	p := match.PreviewThresholds(scores, cur, next)
	return web.MatchingPreview{
		Text: capitalized(p.String()), Match: p.Match, Review: p.Review,
		Records: int64(len(es)), Total: total, Label: rules.DomainLabel(domain),
	}, nil
}

// matchingScan queues a full duplicate scan of a domain and shows its run.
func (s *server) matchingScan(c *fiber.Ctx) error {
	domain := c.FormValue("domain")
	if err := checkMatchDomain(domain); err != nil {
		return err
	}
	var runID int64
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if runID, err = s.Queue.EnqueueScan(c.UserContext(), tx, domain, s.actor(c).Name); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "matching.scan_now", ObjectType: "sync_run", ObjectID: runID,
			After: map[string]any{"domain": domain}, Reason: "scan now"})
	})
	if errors.Is(err, jobs.ErrAlreadyQueued) {
		return rules.Errorf(rules.Conflict, "A scan of %s is already queued or running; its progress is under Sync.", rules.DomainLabel(domain))
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/sync/runs/%d", runID), fiber.StatusSeeOther)
}
