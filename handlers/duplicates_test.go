package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// dupSeed is two customer accounts that may be one, a third that resembles one of them,
// and a pair of products.
type dupSeed struct {
	a, b, c     models.Customer
	pair, pair2 models.DuplicateCandidate
	prodPair    models.DuplicateCandidate
}

func seedDuplicates(t testing.TB, db *gorm.DB) *dupSeed {
	t.Helper()
	s := &dupSeed{
		a: models.Customer{Name: "Keller Elektro GmbH", TaxID: "DE811907980", Email: "info@keller.example", Currency: "EUR", Country: "DE", Active: true},
		b: models.Customer{Name: "Keller Elektro", Email: "einkauf@keller.example", Phone: "+49 30 1234567", Currency: "EUR", Country: "DE", Active: true},
		c: models.Customer{Name: "Keller Elektrik", Currency: "EUR", Country: "DE", Active: true},
	}
	for _, c := range []*models.Customer{&s.a, &s.b, &s.c} {
		if err := models.CreateCustomer(db, c); err != nil {
			t.Fatal(err)
		}
	}
	p1, p2 := newProduct("CT-200", "Cable tie 200 mm"), newProduct("CT200B", "Cable tie 200mm")
	for _, p := range []*models.Product{p1, p2} {
		if err := models.CreateProduct(db, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{
		{LeftID: s.a.ID, RightID: s.b.ID, Score: 0.94, Band: "review", Summary: "similar name 'keller elektro'"},
		{LeftID: s.b.ID, RightID: s.c.ID, Score: 0.72, Band: "review", Summary: "similar name"},
	}, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := models.SaveCandidates(db, "product", "scan", []models.FoundPair{{LeftID: p1.ID, RightID: p2.ID, Score: 0.9, Band: "review",
		Explanation: `{"Score":0.9,"Bits":7.5,"Reasons":[{"Field":"gtin","Level":"exact","Similarity":1,"Weight":7.5,"Text":"same GTIN 4006381333931 (+7.5)"}]}`}}, false); err != nil {
		t.Fatal(err)
	}
	db.Where("domain = ? AND left_id = ?", "customer", s.a.ID).Take(&s.pair)
	db.Where("domain = ? AND left_id = ?", "customer", s.b.ID).Take(&s.pair2)
	db.Where("domain = ?", "product").Take(&s.prodPair)
	return s
}

// mergeForm keeps a, and a's email where the rules (most recent) would take b's.
func (s *dupSeed) mergeForm() url.Values {
	return url.Values{"version": {fmt.Sprint(s.pair.Version)}, "survivor": {fmt.Sprint(s.a.ID)},
		"v." + fmt.Sprint(s.a.ID): {"1"}, "v." + fmt.Sprint(s.b.ID): {"1"}, "pick.email": {fmt.Sprint(s.a.ID)}}
}

func TestDuplicatesQueue(t *testing.T) {
	e := sqliteEnv(t)
	s := seedDuplicates(t, e.db)
	c := e.as(rules.RoleSteward)
	res, body := c.get("/duplicates")
	if res.StatusCode != 200 || !strings.Contains(body, "Keller Elektro GmbH ↔ Keller Elektro") || !strings.Contains(body, "3 records in this group, 2 pairs; also Keller Elektrik") ||
		!strings.Contains(body, "94%") || !strings.Contains(body, "2 pairs waiting") {
		t.Fatalf("queue: %d\n%s", res.StatusCode, body)
	}
	if strings.Contains(body, "Keller Elektrik ↔") {
		t.Error("the weaker pair of the group is listed as a group of its own")
	}
	_, body = c.get("/duplicates?domain=product")
	if !strings.Contains(body, "CT-200 · Cable tie 200 mm ↔ CT200B · Cable tie 200mm") || !strings.Contains(body, "same GTIN 4006381333931 (+7.5)") {
		t.Errorf("product queue:\n%s", body)
	}
	// A record's merges panel, for a record never merged.
	res, body = c.do("GET", fmt.Sprintf("/merges?domain=customer&record=%d", s.a.ID), nil, map[string]string{"HX-Request": "true"})
	if res.StatusCode != 200 || !strings.Contains(body, "Never merged with another record") || strings.Contains(body, "<html") {
		t.Errorf("merges panel: %d\n%s", res.StatusCode, body)
	}
	_, body = c.get("/duplicates?source=edi")
	if !strings.Contains(body, "No waiting pairs were found by edi") {
		t.Errorf("filtered empty state:\n%s", body)
	}
	// An empty queue says what to do.
	e.db.Exec("UPDATE duplicate_candidates SET status = 'dismissed'")
	_, body = e.as(rules.RoleAdmin).get("/duplicates")
	if !strings.Contains(body, "No possible duplicate customers wait for review") || !strings.Contains(body, `href="/admin/matching"`) {
		t.Errorf("empty state:\n%s", body)
	}
}

func TestDuplicateCompareAndExplain(t *testing.T) {
	e := sqliteEnv(t)
	s := seedDuplicates(t, e.db)
	_, body := e.as(rules.RoleSteward).get(fmt.Sprintf("/duplicates/%d", s.pair.ID))
	for _, want := range []string{
		"Keller Elektro GmbH", "Keller Elektrik", // the whole group side by side
		`<tr class="differs" data-field="email">`, `name="pick.email"`, `name="survivor"`,
		"Why they were matched", `data-reason-field="name"`, // recomputed: the pair was stored without one
		"Other pairs in this group",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("comparison lacks %q", want)
		}
	}
	// A stored explanation is shown as the scan wrote it.
	if _, body := e.as(rules.RoleSteward).get(fmt.Sprintf("/duplicates/%d", s.prodPair.ID)); !strings.Contains(body, `data-reason-field="gtin"`) ||
		!strings.Contains(body, "same GTIN 4006381333931 (+7.5)") || !strings.Contains(body, `data-field="sku"`) {
		t.Errorf("product comparison:\n%s", body)
	}
	_, body = e.as(rules.RoleViewer).get(fmt.Sprintf("/duplicates/%d", s.pair.ID))
	if strings.Contains(body, `name="pick.email"`) || strings.Contains(body, "Preview the merge") {
		t.Error("a viewer is offered the merge")
	}
}

func TestDuplicateMergeThroughTheApp(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) { mergeThroughTheApp(t, newTestEnv(t, db)) })
}

func mergeThroughTheApp(t *testing.T, e *testEnv) {
	s := seedDuplicates(t, e.db)
	c := e.as(rules.RoleSteward)
	// Preview: the merged record and what will be sent, nothing written.
	res, body := c.post(fmt.Sprintf("/duplicates/%d/preview", s.pair.ID), s.mergeForm())
	if res.StatusCode != 200 || !strings.Contains(body, "+49 30 1234567") || !strings.Contains(body, "your choice") ||
		!strings.Contains(body, `name="pick.email" value="`+fmt.Sprint(s.a.ID)) {
		t.Fatalf("preview: %d\n%s", res.StatusCode, body)
	}
	if a, _ := models.CustomerByID(e.db, s.a.ID); a.Phone != "" {
		t.Fatal("the preview changed the record")
	}
	// The same preview by link (GET), and a bare link that goes back to the comparison.
	if res, body := c.get(fmt.Sprintf("/duplicates/%d/preview?%s", s.pair.ID, s.mergeForm().Encode())); res.StatusCode != 200 || !strings.Contains(body, "your choice") {
		t.Errorf("preview by GET: %d", res.StatusCode)
	}
	if res, _ := c.get(fmt.Sprintf("/duplicates/%d/preview", s.pair.ID)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("bare preview link: %d", res.StatusCode)
	}
	// No survivor chosen: the form comes back with the message.
	bad := s.mergeForm()
	bad.Set("survivor", "0")
	if res, body := c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), bad); res.StatusCode != 422 || !strings.Contains(body, "Choose which of the two records to keep") {
		t.Errorf("merge without survivor: %d", res.StatusCode)
	}
	// A record changed since the steward looked: nothing is merged, the page says which.
	stale := s.mergeForm()
	stale.Set(fmt.Sprintf("v.%d", s.b.ID), "0")
	if res, body := c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), stale); res.StatusCode != http.StatusConflict ||
		!strings.Contains(body, fmt.Sprintf("Record #%d changed since you opened this pair", s.b.ID)) {
		t.Errorf("merge with a stale version: %d", res.StatusCode)
	}
	res, _ = c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), s.mergeForm())
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/merges/") {
		t.Fatalf("merge: %d %s", res.StatusCode, loc)
	}
	a, _ := models.CustomerByID(e.db, s.a.ID)
	b, _ := models.CustomerByID(e.db, s.b.ID)
	if a.Email != s.a.Email || a.Phone != s.b.Phone || a.TaxID != s.a.TaxID || b.Active {
		t.Errorf("after merge: survivor %+v, duplicate active %v", a, b.Active)
	}
	_, body = c.get(loc)
	if !strings.Contains(body, "+49 30 1234567") || !strings.Contains(body, "choice") || !strings.Contains(body, "Unmerge") {
		t.Errorf("merge page:\n%s", body)
	}
	// A second steward with the same form is told who merged and when.
	res, body = e.as(rules.RoleAdmin).post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), s.mergeForm())
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Already merged by steward@example.com at 2026-") {
		t.Errorf("second merge: %d\n%s", res.StatusCode, body)
	}
	if n := e.auditCount("duplicate.merge"); n != 1 {
		t.Errorf("merge audited %d times", n)
	}
	// The record's merges, each with its way back.
	if _, body := c.get(fmt.Sprintf("/merges?domain=customer&record=%d", s.b.ID)); !strings.Contains(body, fmt.Sprintf("customer %d into %d", s.b.ID, s.a.ID)) || !strings.Contains(body, ">Unmerge</button>") {
		t.Errorf("merges of the record:\n%s", body)
	}
	// Unmerge puts both back.
	var m models.Merge
	e.db.Last(&m)
	res, _ = c.post(loc[:strings.Index(loc, "?")]+"/unmerge", url.Values{"version": {fmt.Sprint(m.Version)}, "note": {"wrong pair"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unmerge: %d", res.StatusCode)
	}
	a, _ = models.CustomerByID(e.db, s.a.ID)
	b, _ = models.CustomerByID(e.db, s.b.ID)
	if a.Phone != "" || !b.Active {
		t.Errorf("after unmerge: %+v / %+v", a, b)
	}
	cand, _ := models.CandidateByID(e.db, s.pair.ID)
	if cand.Status != models.CandidateOpen {
		t.Errorf("candidate after unmerge: %s", cand.Status)
	}
	res, body = c.post(loc[:strings.Index(loc, "?")]+"/unmerge", url.Values{"version": {fmt.Sprint(m.Version)}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Already unmerged by steward@example.com") {
		t.Errorf("second unmerge: %d", res.StatusCode)
	}
}

func TestDuplicateDismiss(t *testing.T) {
	e := sqliteEnv(t)
	s := seedDuplicates(t, e.db)
	c := e.as(rules.RoleSteward)
	res, _ := c.post(fmt.Sprintf("/duplicates/%d/dismiss", s.pair.ID), url.Values{"version": {"1"}, "note": {"two branches"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dismiss: %d", res.StatusCode)
	}
	cand, _ := models.CandidateByID(e.db, s.pair.ID)
	if cand.Status != models.CandidateDismissed || cand.DecisionNote != "two branches" || cand.DecidedByID == nil || cand.DecidedAt == nil ||
		cand.LeftFingerprint == "" || cand.RightFingerprint == "" || cand.LeftFingerprint == cand.RightFingerprint {
		t.Errorf("dismissed candidate = %+v", cand)
	}
	res, body := c.post(fmt.Sprintf("/duplicates/%d/dismiss", s.pair.ID), url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Marked not a duplicate by steward@example.com at ") {
		t.Errorf("second dismissal: %d", res.StatusCode)
	}
	// Bulk: confirm first, nothing changes until then.
	ids := url.Values{"domain": {"customer"}, "ids": {fmt.Sprint(s.pair2.ID), fmt.Sprint(s.pair.ID)}, "note": {"checked by phone"}}
	_, body = c.post("/duplicates/dismiss/confirm", ids)
	if !strings.Contains(body, "Mark 2 pairs as not duplicates?") {
		t.Fatalf("bulk confirm:\n%s", body)
	}
	if cand, _ := models.CandidateByID(e.db, s.pair2.ID); cand.Status != models.CandidateOpen {
		t.Fatal("the confirmation dismissed")
	}
	res, _ = c.post("/duplicates/dismiss", ids)
	loc := res.Header.Get("Location")
	if _, body := c.get(loc); !strings.Contains(body, "Marked 1 pair as not duplicates. 1 pair was skipped: decided by someone else first.") {
		t.Errorf("bulk dismissal at %s:\n%s", loc, body)
	}
	if n := e.auditCount("duplicate.dismiss"); n != 2 {
		t.Errorf("dismissals audited: %d", n)
	}
}

func TestSurvivorshipAdmin(t *testing.T) {
	e := sqliteEnv(t)
	s := seedDuplicates(t, e.db)
	admin := e.as(rules.RoleAdmin)
	res, body := admin.post("/admin/survivorship", url.Values{"domain": {"customer"}, "strategy.email": {rules.SurviveTrustedSource}})
	if res.StatusCode != 422 || !strings.Contains(body, "List the channels to trust") || !strings.Contains(body, "Nothing was saved") {
		t.Fatalf("invalid rules: %d", res.StatusCode)
	}
	form := url.Values{"domain": {"customer"}}
	for _, f := range rules.SurvivableFields("customer") {
		form.Set("strategy."+f.Name, rules.SurviveMostComplete)
	}
	form.Set("strategy.email", rules.SurviveFixed)
	form.Set("fixed.email", "orders@keller.example")
	if res, _ := admin.post("/admin/survivorship", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save rules: %d", res.StatusCode)
	}
	if _, body := admin.get("/admin/survivorship?domain=customer"); !strings.Contains(body, `value="orders@keller.example"`) {
		t.Error("saved rule not shown")
	}
	// The next merge keeps the fixed value.
	form = s.mergeForm()
	form.Del("pick.email")
	if res, _ := e.as(rules.RoleSteward).post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	if a, _ := models.CustomerByID(e.db, s.a.ID); a.Email != "orders@keller.example" {
		t.Errorf("merged email = %q", a.Email)
	}
	if e.auditCount("survivorship.update") != 1 {
		t.Error("rules change not audited")
	}
}

// TestDuplicateMergeQueuesOdooWriteBack: both customers are partners in Odoo, so the merge
// stores, in its own transaction, the job that merges the two partners there; the shop,
// where only the duplicate was known, gets the survivor's new version instead.
func TestDuplicateMergeQueuesOdooWriteBack(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newTestEnv(t, db)
		s := seedDuplicates(t, e.db)
		odoo := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
		shop := models.Channel{Name: "Webshop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true, Public: true}
		for _, ch := range []*models.Channel{&odoo, &shop} {
			if err := models.CreateChannel(e.db, ch); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range []models.ExternalRef{
			{ChannelID: odoo.ID, ObjectType: "customer", ExternalID: "7", GoldenID: s.a.ID},
			{ChannelID: odoo.ID, ObjectType: "customer", ExternalID: "9", GoldenID: s.b.ID},
			{ChannelID: shop.ID, ObjectType: "customer", ExternalID: "gid://shopify/Customer/3", GoldenID: s.b.ID},
		} {
			if err := models.CreateExternalRef(e.db, &r); err != nil {
				t.Fatal(err)
			}
		}
		c := e.as(rules.RoleSteward)
		_, body := c.post(fmt.Sprintf("/duplicates/%d/preview", s.pair.ID), s.mergeForm())
		for _, want := range []string{"res.partner 9 archived with a note naming 7", "addresses and contacts re-parented to 7",
			"Webshop id <code>gid://shopify/Customer/3</code> moves to the kept record", "Odoo ERP: the kept record's new version"} {
			if !strings.Contains(body, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		if strings.Contains(body, "Webshop: the kept") {
			t.Error("customer data would go to a public storefront")
		}
		if res, _ := c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), s.mergeForm()); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("merge: %d", res.StatusCode)
		}
		var args []string
		e.db.Table("river_job").Where("kind = ?", "odoo.merge").Pluck("args", &args)
		// PostgreSQL keeps the arguments as JSON text, SQLite as binary JSON: look for the parts.
		if len(args) != 1 || !strings.Contains(args[0], "survivor_external_id") || !strings.Contains(args[0], "duplicate_external_id") {
			t.Errorf("odoo.merge jobs = %v", args)
		}
	})
}
