package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func TestValidationPage(t *testing.T) {
	e := sqliteEnv(t)
	g := models.Gate{Domain: "product", Channel: "shopify", Kind: "format", Field: "barcode", Format: "gtin", Severity: "block"}
	if err := models.CreateGate(e.db, &g); err != nil {
		t.Fatal(err)
	}
	res, body := e.as(rules.RoleAdmin).get("/admin/validation")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("admin: status %d", res.StatusCode)
	}
	for _, want := range []string{
		`aria-current="page">Validation</a>`, `id="gates-product"`, `id="gates-customer"`,
		"Barcode is a GTIN with a correct check digit", "Records for Shopify", "No gates for Customers.",
		`hx-post="/admin/validation/preview"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the gates page lacks %q", want)
		}
	}
	if _, body := e.as(rules.RoleAdmin).get(fmt.Sprintf("/admin/validation?edit=%d", g.ID)); !strings.Contains(body, fmt.Sprintf(`action="/admin/validation/%d"`, g.ID)) || !strings.Contains(body, `value="gtin" selected`) {
		t.Error("edit form not filled from the gate")
	}
	steward := e.as(rules.RoleSteward)
	if res, _ := steward.get("/admin/validation"); res.StatusCode != http.StatusForbidden {
		t.Errorf("steward: status %d, want 403", res.StatusCode)
	}
	if res, _ := steward.post("/admin/validation/preview", url.Values{"domain": {"product"}, "kind": {"required"}, "field": {"sku"}, "severity": {"block"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("steward preview: status %d, want 403", res.StatusCode)
	}
}

func TestGateSave(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	expr := url.Values{"domain": {"product"}, "kind": {"expression"}, "expression": {"list_pirce >= cost * 1.05"}, "severity": {"block"}}
	res, body := admin.post("/admin/validation", expr)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad expression: status %d, want 422", res.StatusCode)
	}
	if !regexp.MustCompile(`id="err-expression">“list_pirce” is not a field of products\. Fields you can use: sku, name`).MatchString(body) {
		t.Errorf("the compiler's complaint is not next to the expression field")
	}
	if !strings.Contains(body, "list_pirce &gt;= cost * 1.05</textarea>") {
		t.Error("the expression as typed is not kept in the form")
	}
	if res, body := admin.post("/admin/validation", url.Values{"domain": {"product"}, "kind": {"range"}, "field": {"list_price"}, "min": {"cheap"}, "severity": {"block"}}); res.StatusCode != 422 || !strings.Contains(body, `id="err-min"`) {
		t.Errorf("a minimum that is not a number: status %d", res.StatusCode)
	}

	expr.Set("expression", "list_price >= cost * 1.05")
	expr.Set("field", "sku") // left over from another kind: dropped
	if res, _ := admin.post("/admin/validation", expr); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("good expression: status %d", res.StatusCode)
	}
	gates, _ := models.ListGates(e.db, "product")
	if len(gates) != 1 || gates[0].Expression != "list_price >= cost * 1.05" || gates[0].Field != "" {
		t.Fatalf("stored %+v", gates)
	}
	g := gates[0]
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "gate.create"})
	if len(evs) != 1 || evs[0].ObjectID != fmt.Sprint(g.ID) || !strings.Contains(evs[0].After, `"expression":"list_price \u003e= cost * 1.05"`) {
		t.Errorf("create audit = %+v", evs)
	}

	path := fmt.Sprintf("/admin/validation/%d", g.ID)
	edit := url.Values{"version": {fmt.Sprint(g.Version)}, "domain": {"product"}, "kind": {"expression"}, "expression": {"list_price >= cost * 1.10"}, "severity": {"warn"}}
	if res, _ := admin.post(path, edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d", res.StatusCode)
	}
	evs, _ = models.ListAudit(e.db, models.AuditFilter{Action: "gate.update"})
	if len(evs) != 1 || !strings.Contains(evs[0].Before, `"severity":"block"`) || !strings.Contains(evs[0].After, `"severity":"warn"`) || !strings.Contains(evs[0].After, "1.10") {
		t.Errorf("update audit = %+v", evs)
	}
	if res, body := admin.post(path, edit); res.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed this gate") {
		t.Errorf("stale edit: status %d", res.StatusCode)
	}
	if res, _ := admin.post("/admin/validation/999999", edit); res.StatusCode != http.StatusNotFound {
		t.Errorf("edit of a gate that does not exist: status %d", res.StatusCode)
	}

	if res, _ := admin.post(path+"/delete", url.Values{"version": {"1"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("delete of an old version: status %d, want 409", res.StatusCode)
	}
	if res, _ := admin.post(path+"/delete", url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", res.StatusCode)
	}
	evs, _ = models.ListAudit(e.db, models.AuditFilter{Action: "gate.delete"})
	if len(evs) != 1 || !strings.Contains(evs[0].Before, "1.10") || evs[0].After != "" {
		t.Errorf("delete audit = %+v", evs)
	}
	if gates, _ := models.ListGates(e.db, ""); len(gates) != 0 {
		t.Errorf("gates left: %+v", gates)
	}
}

func TestGatePreview(t *testing.T) {
	e := sqliteEnv(t)
	ids := map[string]int64{}
	for i, barcode := range []string{"4006381333931", "4006381333932", "036000291453", "", "96385075", "5901234123457"} {
		p := newProduct(fmt.Sprintf("PV-%d", i), fmt.Sprintf("Preview %d", i))
		p.Barcode = barcode
		if err := models.CreateProduct(e.db, p); err != nil {
			t.Fatal(err)
		}
		ids[barcode] = p.ID
	}
	admin := e.as(rules.RoleAdmin)
	gtin := url.Values{"domain": {"product"}, "channel": {"shopify"}, "kind": {"format"}, "field": {"barcode"}, "format": {"gtin"}, "severity": {"block"}}
	htmx := map[string]string{"HX-Request": "true"}
	res, body := admin.do("POST", "/admin/validation/preview", gtin, htmx)
	if res.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="gate-form"`) {
		t.Fatalf("HTMX preview: status %d, want the form card alone", res.StatusCode)
	}
	if !strings.Contains(body, "<strong>3 of 6 products</strong>") || !strings.Contains(body, "would be held for a steward") {
		t.Errorf("preview count wrong: %s", between(body, `id="preview"`, "</div>"))
	}
	for _, bad := range []string{"4006381333932", "036000291453", "96385075"} {
		if !strings.Contains(body, fmt.Sprintf(`href="/products/%d"`, ids[bad])) {
			t.Errorf("no example link for barcode %s", bad)
		}
	}
	if !strings.Contains(body, "Barcode 4006381333932 has a wrong check digit (expected 1) (Shopify needs this)") {
		t.Error("examples lack the steward's message")
	}
	if strings.Contains(body, fmt.Sprintf(`href="/products/%d"`, ids["4006381333931"])) {
		t.Error("a valid barcode is listed as failing")
	}

	required := url.Values{"domain": {"product"}, "kind": {"required"}, "field": {"barcode"}, "severity": {"warn"}}
	if _, body := admin.do("POST", "/admin/validation/preview", required, htmx); !strings.Contains(body, "<strong>1 of 6 products</strong>") || !strings.Contains(body, "would pass with a warning") {
		t.Errorf("required preview: %s", between(body, `id="preview"`, "</div>"))
	}
	all := url.Values{"domain": {"product"}, "kind": {"required"}, "field": {"sku"}, "severity": {"block"}}
	if _, body := admin.do("POST", "/admin/validation/preview", all, htmx); !strings.Contains(body, "All 6 products pass this gate.") {
		t.Errorf("passing preview: %s", between(body, `id="preview"`, "</div>"))
	}

	// A gate that does not compile gets its errors in the form, still as a 200 fragment.
	bad := url.Values{"domain": {"product"}, "kind": {"expression"}, "expression": {"list_price >"}, "severity": {"block"}}
	res, body = admin.do("POST", "/admin/validation/preview", bad, htmx)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="err-expression"`) || !strings.Contains(body, "Correct the highlighted fields") {
		t.Errorf("preview of a broken gate: status %d", res.StatusCode)
	}
	// Without scripts the same button gets the whole page.
	if res, body := admin.post("/admin/validation/preview", gtin); res.StatusCode != http.StatusOK || !strings.Contains(body, "<html") || !strings.Contains(body, "3 of 6 products") {
		t.Errorf("preview without HTMX: status %d", res.StatusCode)
	}
	if gates, _ := models.ListGates(e.db, ""); len(gates) != 0 || e.auditCount("gate.create") != 0 {
		t.Error("a preview saved the gate")
	}
}

// TestGatePreviewBatches checks more customers than one batch holds, so the count spans
// three batches of 1,000.
func TestGatePreviewBatches(t *testing.T) {
	db := testdb.SQLite(t)
	// Tax ids cycle through DE, FR, NL, GB, US, IT, AT, BE as the country plus 9 digits: only
	// the German and British ones have their country's shape.
	testdb.BulkCustomers(t, db, 2500)
	e := newTestEnv(t, db)
	vat := url.Values{"domain": {"customer"}, "kind": {"format"}, "field": {"tax_id"}, "format": {"vat"}, "severity": {"block"}}
	_, body := e.as(rules.RoleAdmin).do("POST", "/admin/validation/preview", vat, map[string]string{"HX-Request": "true"})
	if !strings.Contains(body, "<strong>1,874 of 2,500 customers</strong>") {
		t.Errorf("preview over 2,500 customers: %s", between(body, `id="preview"`, "</ul>"))
	}
	if n := strings.Count(body, `href="/customers/`); n != 10 {
		t.Errorf("%d examples, want 10", n)
	}
	if !strings.Contains(body, "Showing the first 10.") {
		t.Error("the preview does not say it shows only the first examples")
	}
}

// between is the part of s from the first start to the following end, for failure messages.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return "(no " + start + ")"
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j+len(end)]
	}
	return s
}
