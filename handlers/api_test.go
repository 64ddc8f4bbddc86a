package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

var createdToken = regexp.MustCompile(`<code class="token">(stw_[A-Za-z0-9_-]+)</code>`)

// newToken creates a token through the admin page and returns the secret it shows once.
func (e *inboundEnv) newToken(admin *client, name string, scopes ...string) string {
	e.t.Helper()
	res, body := admin.post("/admin/tokens", url.Values{"name": {name}, "channel_id": {fmt.Sprint(e.portal.ID)}, "scopes": scopes})
	m := createdToken.FindStringSubmatch(body)
	if res.StatusCode != http.StatusCreated || m == nil {
		e.t.Fatalf("create token: %d", res.StatusCode)
	}
	return m[1]
}

func (e *inboundEnv) api(path, token, body string) (*http.Response, string) {
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return e.raw("POST", path, "application/json", body, h)
}

type apiAnswer struct {
	Results []struct {
		ExternalID string   `json:"external_id"`
		Status     string   `json:"status"`
		InboxURL   string   `json:"inbox_url"`
		RecordURL  string   `json:"record_url"`
		Reasons    []string `json:"reasons"`
	} `json:"results"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

func decodeAnswer(t *testing.T, body string) apiAnswer {
	t.Helper()
	var a apiAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("answer is not JSON: %v: %s", err, body)
	}
	return a
}

func (e *inboundEnv) incomingCount() int64 {
	n, _ := e.stored()
	return n
}

func TestAPITokensAndScopes(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	admin := e.as(rules.RoleAdmin)
	products := e.newToken(admin, "Portal products", "incoming:products")
	both := e.newToken(admin, "CRM", "incoming:products", "incoming:customers")
	revoked := e.newToken(admin, "Old portal", "incoming:products")

	// The list shows the tokens by their first characters, never whole.
	_, page := admin.get("/admin/tokens")
	if strings.Contains(page, products) || !strings.Contains(page, products[:10]) {
		t.Error("the token list must show only the start of a token")
	}
	var stored models.APIToken
	e.db.Where("name = ?", "CRM").Take(&stored)
	if stored.TokenHash != models.HashToken(both) || strings.Contains(stored.TokenHash, both) {
		t.Error("tokens must be stored as their SHA-256 only")
	}
	var old models.APIToken
	e.db.Where("name = ?", "Old portal").Take(&old)
	if res, _ := admin.post(fmt.Sprintf("/admin/tokens/%d/revoke", old.ID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}

	rec := `{"external_id":"C-1","name":"Nord Elektro GmbH","email":"orders@nord.example","currency":"EUR","country":"DE"}`
	for _, tt := range []struct {
		name, path, token, body string
		want                    int
		wantText                string
	}{
		{"no token", "/api/v1/incoming/customers", "", rec, 401, "Authorization: Bearer"},
		{"bad token", "/api/v1/incoming/customers", "stw_not-a-token", rec, 401, "not valid"},
		{"revoked token", "/api/v1/incoming/products", revoked, `{"external_id":"P-1"}`, 401, "revoked"},
		{"missing scope", "/api/v1/incoming/customers", products, rec, 403, "incoming:customers"},
		{"malformed JSON", "/api/v1/incoming/customers", both, `{"external_id":`, 400, "not valid JSON"},
		{"not an object", "/api/v1/incoming/customers", both, `"hello"`, 400, "not valid JSON"},
		{"oversized", "/api/v1/incoming/customers", both, `[` + strings.Repeat(`{"external_id":"x"},`, 60000) + `{}]`, 413, "at most 1 MiB"},
		{"too many records", "/api/v1/incoming/customers", both, `[` + strings.Repeat(`{"external_id":"x"},`, 100) + `{}]`, 413, "at most 100 records"},
	} {
		res, body := e.api(tt.path, tt.token, tt.body)
		if res.StatusCode != tt.want || !strings.Contains(body, tt.wantText) {
			t.Errorf("%s: %d %s, want %d with %q", tt.name, res.StatusCode, body, tt.want, tt.wantText)
		}
	}
	if n := e.incomingCount(); n != 0 {
		t.Errorf("refused calls stored %d incoming records", n)
	}
	if res, body := e.api("/api/v1/incoming/customers", both, rec); res.StatusCode != 200 || !strings.Contains(body, `"status":"applied"`) {
		t.Errorf("customer with a token holding the scope: %d %s", res.StatusCode, body)
	}
	// The scheme is case-insensitive; other schemes are not tokens.
	if res, body := e.raw("POST", "/api/v1/incoming/customers", "application/json", rec, map[string]string{"Authorization": "bearer " + both}); res.StatusCode != 200 || !strings.Contains(body, "duplicate") {
		t.Errorf("lower-case scheme: %d %s", res.StatusCode, body)
	}
	if res, _ := e.raw("POST", "/api/v1/incoming/customers", "application/json", rec, map[string]string{"Authorization": "Basic " + both}); res.StatusCode != 401 {
		t.Errorf("basic scheme: %d, want 401", res.StatusCode)
	}
	e.db.Where("name = ?", "CRM").Take(&stored)
	if stored.LastUsedAt == nil {
		t.Error("the token's last use was not recorded")
	}
	if n := e.auditCount("api_token.create") + e.auditCount("api_token.revoke") + e.auditCount("api.incoming"); n != 6 {
		t.Errorf("%d audit events for tokens and calls, want 6", n)
	}
}

func TestAPIFieldErrorsChangeNothing(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	tok := e.newToken(e.as(rules.RoleAdmin), "CRM", "incoming:customers", "incoming:products")
	body := `[{"external_id":"C-1","name":"Fine GmbH"},
		{"external_id":"C-2","email":"not an email"},
		{"name":"No id"},
		{"external_id":"C-4","credit_limit":"lots","colour":"red"},
		{"external_id":"C-1","name":"Again"}]`
	res, out := e.api("/api/v1/incoming/customers", tok, body)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("field errors: %d %s", res.StatusCode, out)
	}
	got := map[string]string{}
	for _, fe := range decodeAnswer(t, out).Errors {
		got[fe.Field] = fe.Message
	}
	for _, field := range []string{"items[1].email", "items[2].external_id", "items[3].credit_limit", "items[3].colour", "items[4].external_id"} {
		if got[field] == "" {
			t.Errorf("no error for %s in %v", field, got)
		}
	}
	if _, ok := got["items[0].name"]; ok || len(got) != 5 {
		t.Errorf("errors = %v, want exactly the five wrong fields", got)
	}
	if n := e.incomingCount(); n != 0 {
		t.Errorf("a refused call stored %d records", n)
	}
	// One record alone names its fields without a list index.
	res, out = e.api("/api/v1/incoming/products", tok, `{"external_id":"P-1","list_price":"12.345678"}`)
	if res.StatusCode != 422 || !strings.Contains(out, `"field":"list_price"`) {
		t.Errorf("single record: %d %s", res.StatusCode, out)
	}
}

func TestAPIIdempotentAndHeld(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newInboundEnv(t, db)
		// The portal does not own customer emails: Odoo does, and holds other changes.
		if err := models.CreateOwnershipRule(db, &models.OwnershipRule{Domain: "customer", Attribute: "email", Owner: models.ChannelOdoo, Policy: rules.PolicyHold}); err != nil {
			t.Fatal(err)
		}
		tok := e.newToken(e.as(rules.RoleAdmin), "Portal", "incoming:customers", "incoming:products")
		body := `[{"external_id":"P-1","sku":"EL-1","name":"Cable 3x1.5","uom":"M","currency":"EUR","list_price":1.25,"active":true},
			{"external_id":"P-2","sku":"EL-2","name":"Cable 5x2.5","uom":"M","currency":"EUR","list_price":"2.10"}]`
		res, out := e.api("/api/v1/incoming/products", tok, body)
		a := decodeAnswer(t, out)
		if res.StatusCode != 200 || len(a.Results) != 2 || a.Results[0].Status != "applied" || !strings.HasPrefix(a.Results[0].RecordURL, "/products/") {
			t.Fatalf("first call: %d %s", res.StatusCode, out)
		}
		res, out = e.api("/api/v1/incoming/products", tok, body)
		a = decodeAnswer(t, out)
		if res.StatusCode != 200 || a.Results[0].Status != "duplicate" || a.Results[1].Status != "duplicate" {
			t.Errorf("same call again: %d %s", res.StatusCode, out)
		}
		if n := e.incomingCount(); n != 2 {
			t.Errorf("%d incoming records after the same call twice, want 2", n)
		}
		cust := `{"external_id":"C-9","name":"Süd Tools AG","currency":"EUR"}`
		if res, out := e.api("/api/v1/incoming/customers", tok, cust); res.StatusCode != 200 || !strings.Contains(out, "applied") {
			t.Fatalf("new customer: %d %s", res.StatusCode, out)
		}
		res, out = e.api("/api/v1/incoming/customers", tok, `{"external_id":"C-9","email":"b@sued.example"}`)
		a = decodeAnswer(t, out)
		if res.StatusCode != 200 || a.Results[0].Status != "held" || !strings.HasPrefix(a.Results[0].InboxURL, "/inbox/") || len(a.Results[0].Reasons) == 0 {
			t.Errorf("email change from the portal: %d %s, want held with an inbox link", res.StatusCode, out)
		}
	})
}
