package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models/testdb"
	"steward/rules"
)

// driftWriters hold "publications write": they may resolve drift and start reconciliation.
var driftWriters = []string{rules.RoleSteward, rules.RoleAdmin}

// inboundRouteAccess is routeAccess for the routes in routes_inbound.go. Hooks and the API
// are nil here (no session opens them); TestMachineRoutesIgnoreSessions covers them.
var inboundRouteAccess = routeTable{
	"POST /hooks/shopify/:channel":     {},
	"POST /hooks/woocommerce/:channel": {},
	"POST /api/v1/incoming/customers":  {},
	"POST /api/v1/incoming/products":   {},
	"GET /admin/tokens":                {allowed: adminOnly},
	"POST /admin/tokens":               {allowed: adminOnly, form: url.Values{"name": {""}}},
	"POST /admin/tokens/:id/revoke":    {allowed: adminOnly, form: url.Values{}},
	"GET /publications/drift":          {allowed: everyone},
	"POST /publications/drift/resolve": {allowed: driftWriters, form: url.Values{"action": {"nothing"}}},
	"POST /publications/drift/run":     {allowed: driftWriters, form: url.Values{"channel_id": {"0"}}},
}

// A signed-in admin's session opens no machine route, and their missing CSRF token is not
// what refuses them: the token or the signature is.
func TestMachineRoutesIgnoreSessions(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	admin := e.as(rules.RoleAdmin)
	for _, path := range []string{"/api/v1/incoming/products", "/api/v1/incoming/customers", "/API/V1/incoming/products"} {
		res, body := admin.do("POST", path, url.Values{"_csrf": {""}}, nil)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Authorization: Bearer") {
			t.Errorf("%s as a signed-in admin: %d %s, want 401 asking for a token", path, res.StatusCode, body)
		}
	}
	res, body := admin.do("POST", "/hooks/shopify/1", url.Values{"_csrf": {""}}, nil)
	if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusNotFound || strings.Contains(body, "<html") {
		t.Errorf("hook as a signed-in admin: %d %s, want a JSON refusal", res.StatusCode, body)
	}
	// Browser routes keep their CSRF check.
	res, _ = admin.do("POST", "/admin/tokens", url.Values{"_csrf": {"forged"}, "name": {"x"}}, nil)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("token form without the session's CSRF token: %d, want 403", res.StatusCode)
	}
}
