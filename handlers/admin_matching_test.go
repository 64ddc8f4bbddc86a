package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

func seedMatchingCustomers(t *testing.T, e *testEnv) {
	t.Helper()
	for _, r := range [][4]string{
		{"Baumarkt Keller GmbH", "DE811907980", "einkauf@keller-bau.de", "Hauptstraße 5"},
		{"Baumarkt Keller", "DE 811 907 980", "einkauf@keller-bau.de", "Hauptstr. 5"},
		{"Elektro Brandt OHG", "", "info@brandt-elektro.de", "Lindenweg 12"},
		{"Elektro Brand", "", "info@brandt.de", "Lindenweg 12"},
	} {
		c := models.Customer{Name: r[0], TaxID: r[1], Email: r[2], Country: "DE", Currency: "EUR", Active: true}
		if err := models.CreateCustomer(e.db, &c); err != nil {
			t.Fatal(err)
		}
		e.db.Create(&models.Address{CustomerID: c.ID, Kind: models.AddressBilling, Street: r[3], City: "Hamburg", Postcode: "20095", Country: "DE", Version: 1})
	}
}

func TestAdminMatchingSettings(t *testing.T) {
	e := sqliteEnv(t)
	seedMatchingCustomers(t, e)
	admin := e.as(rules.RoleAdmin)
	res, body := admin.get("/admin/matching")
	if res.StatusCode != 200 || !strings.Contains(body, `value="0.95"`) || !strings.Contains(body, "Never scanned") {
		t.Fatalf("page: %d %s", res.StatusCode, body)
	}
	form := func(kv ...string) url.Values {
		v := url.Values{"domain": {"customer"}, "version": {"0"}, "match": {"0.95"}, "review": {"0.4"}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	// Bad input comes back next to its field and changes nothing.
	for _, tt := range []struct {
		form url.Values
		want string
	}{
		{form("match", "high"), "Enter the match threshold"},
		{form("review", "0.99"), "must not be above the match threshold"},
		{form("match", "1.5"), "between 0 and 1"},
		{form("cron", "every night"), "is not a schedule"},
	} {
		res, body := admin.post("/admin/matching", tt.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) || !strings.Contains(body, `class="field-error"`) {
			t.Errorf("%v: %d, want 422 with %q", tt.form, res.StatusCode, tt.want)
		}
	}
	// New thresholds are previewed before they are saved.
	res, body = admin.post("/admin/matching", form("match", "0.9", "review", "0.3"))
	if res.StatusCode != 200 || !strings.Contains(body, "Preview") || !strings.Contains(body, "Save with these thresholds") || !strings.Contains(body, "among all 4 customers") {
		t.Fatalf("preview before save: %d %s", res.StatusCode, body)
	}
	if s, _ := ingest.MatchSettings(e.db, "customer"); s.Version != 0 {
		t.Fatalf("saved before confirming: %+v", s)
	}
	// The HTMX preview button answers with the fragment only.
	res, body = admin.do("POST", "/admin/matching/preview", form("match", "0.99"), map[string]string{"HX-Request": "true"})
	if res.StatusCode != 200 || strings.Contains(body, "<html") || !strings.Contains(body, "Would") {
		t.Fatalf("htmx preview: %d %s", res.StatusCode, body)
	}
	res, _ = admin.post("/admin/matching", form("match", "0.9", "review", "0.3", "previewed", "0.9/0.3", "cron", "@daily", "auto_merge", "1"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/matching?saved=customer" {
		t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	s, _ := ingest.MatchSettings(e.db, "customer")
	if s.Version != 1 || s.MatchThreshold != 0.9 || s.ReviewThreshold != 0.3 || s.ScanCron != "@daily" || !s.AutoMerge || s.UpdatedBy != "admin@example.com" {
		t.Fatalf("stored %+v", s)
	}
	if n := e.auditCount("matching.settings"); n != 1 {
		t.Errorf("%d settings audit events", n)
	}
	// Saved from a stale page: refused with the page as it is now.
	res, body = admin.post("/admin/matching", form("match", "0.9", "review", "0.3", "cron", "@hourly"))
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed these settings") {
		t.Errorf("stale save: %d", res.StatusCode)
	}
}

func TestAdminMatchingScanNow(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	res, _ := admin.post("/admin/matching/scan", url.Values{"domain": {"product"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/sync/runs/") {
		t.Fatalf("scan now: %d %s", res.StatusCode, loc)
	}
	_, body := admin.get(loc)
	if !strings.Contains(body, "scan product") || !strings.Contains(body, models.ScanChannelName) {
		t.Errorf("run page does not show the scan: %s", body)
	}
	// Queued (this test app works no jobs): a second one is refused.
	if res, _ = admin.post("/admin/matching/scan", url.Values{"domain": {"product"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("second scan now: %d, want 409", res.StatusCode)
	}
	if n := e.auditCount("matching.scan_now"); n != 1 {
		t.Errorf("%d scan audit events, want 1", n)
	}
	_, body = admin.get("/admin/matching")
	if !strings.Contains(body, "Run #") {
		t.Error("last scan not shown")
	}
}
