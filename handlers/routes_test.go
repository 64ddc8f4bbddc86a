package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

var (
	everyone  = rules.Roles
	adminOnly = []string{rules.RoleAdmin}
	// syncWriters may start pulls and imports.
	syncWriters = []string{rules.RoleSteward, rules.RoleAdmin}
	// inboxWriters hold "inbox write"; which items each may decide is rules.MayDecide.
	inboxWriters = []string{rules.RoleSteward, rules.RolePricingSteward, rules.RoleAdmin}
)

// routeAccess is the expected outcome of every route, written out by hand rather than
// derived from the policy: a route added without an entry here fails TestEveryRouteForEveryRole.
// For each route: who may reach it (nil = public), and a request that changes nothing.
var routeAccess = mergeRoutes(coreRouteAccess, duplicatesRouteAccess, pricingRouteAccess, publicationsRouteAccess, inboundRouteAccess)

// routeTable maps "METHOD /path" to who may reach it (nil = public) and, for POST, a
// request that reaches the handler but is refused by validation, so it changes nothing.
type routeTable map[string]struct {
	allowed []string
	form    url.Values
}

func mergeRoutes(tables ...routeTable) routeTable {
	all := routeTable{}
	for _, t := range tables {
		for k, v := range t {
			if _, dup := all[k]; dup {
				panic("route listed twice in the route tables: " + k)
			}
			all[k] = v
		}
	}
	return all
}

var coreRouteAccess = routeTable{
	"GET /healthz": {},
	"GET /readyz":  {},
	"GET /login":   {},
	"POST /login":  {},
	"POST /logout": {allowed: everyone, form: url.Values{}},

	"GET /":                    {allowed: everyone},
	"GET /inbox":               {allowed: everyone},
	"POST /inbox/bulk/confirm": {allowed: inboxWriters, form: url.Values{"do": {"approve-selected"}}},
	"POST /inbox/bulk":         {allowed: inboxWriters, form: url.Values{"action": {"nothing"}}},
	"GET /inbox/bulk/:id":      {allowed: everyone},
	"GET /inbox/:id":           {allowed: everyone},
	"GET /inbox/:id/edit":      {allowed: inboxWriters},
	"POST /inbox/:id/approve":  {allowed: inboxWriters, form: url.Values{"version": {"999"}}},
	"POST /inbox/:id/edit":     {allowed: inboxWriters, form: url.Values{"version": {"999"}}},
	"POST /inbox/:id/reject":   {allowed: inboxWriters, form: url.Values{"version": {"999"}}},
	"POST /inbox/:id/assign":   {allowed: inboxWriters, form: url.Values{"assignee": {"me"}}},
	"GET /products":            {allowed: everyone},
	"GET /products/:id":        {allowed: everyone},
	"GET /customers":           {allowed: everyone},
	"GET /customers/:id":       {allowed: everyone},
	"GET /audit":               {allowed: everyone},

	"GET /admin":                         {allowed: adminOnly},
	"GET /admin/users":                   {allowed: adminOnly},
	"POST /admin/users":                  {allowed: adminOnly, form: url.Values{"email": {"not-an-email"}}},
	"GET /admin/users/:id":               {allowed: adminOnly},
	"POST /admin/users/:id":              {allowed: adminOnly, form: url.Values{"version": {"999"}}},
	"GET /admin/roles":                   {allowed: adminOnly},
	"POST /admin/roles/:role":            {allowed: adminOnly, form: url.Values{"perm": {"audit:read"}}},
	"GET /admin/ownership":               {allowed: adminOnly},
	"POST /admin/ownership":              {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"GET /admin/validation":              {allowed: adminOnly},
	"POST /admin/validation":             {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"POST /admin/validation/preview":     {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"POST /admin/validation/:id":         {allowed: adminOnly, form: url.Values{"version": {"999"}}},
	"POST /admin/validation/:id/delete":  {allowed: adminOnly, form: url.Values{"version": {"999"}}},
	"GET /admin/channels":                {allowed: adminOnly},
	"POST /admin/channels/:id":           {allowed: adminOnly, form: url.Values{"version": {"999"}, "active": {"1"}}},
	"POST /admin/channels/:id/schedules": {allowed: adminOnly, form: url.Values{"object": {"products"}, "cron": {"not a schedule"}}},
	"GET /sync":                          {allowed: everyone},
	"GET /sync/runs/:id":                 {allowed: everyone},
	"POST /sync/run":                     {allowed: syncWriters, form: url.Values{"channel_id": {"0"}}},
	"POST /sync/import":                  {allowed: syncWriters, form: url.Values{"source": {""}}},
}

func TestEveryRouteForEveryRole(t *testing.T) {
	e := sqliteEnv(t)
	p := newProduct("R-1", "Route walker")
	if err := models.CreateProduct(e.db, p); err != nil {
		t.Fatal(err)
	}
	cust := models.Customer{Name: "Walker GmbH", Currency: "EUR", Active: true}
	if err := models.CreateCustomer(e.db, &cust); err != nil {
		t.Fatal(err)
	}
	params := strings.NewReplacer(":id", fmt.Sprint(p.ID), ":role", rules.RoleAdmin)
	customerParams := strings.NewReplacer(":id", fmt.Sprint(cust.ID))
	userParams := strings.NewReplacer(":id", fmt.Sprint(e.users[rules.RoleViewer].ID))

	sessions := map[string]*client{}
	for _, role := range rules.Roles {
		sessions[role] = e.as(role)
	}
	walked := 0
	for _, r := range e.app.GetRoutes(true) {
		if r.Method == http.MethodHead || r.Method == "USE" || strings.HasPrefix(r.Path, "/static") {
			continue
		}
		key := r.Method + " " + r.Path
		want, ok := routeAccess[key]
		if !ok {
			t.Errorf("route %s has no expected access in routeAccess: add it with the roles that may use it", key)
			continue
		}
		walked++
		path := params.Replace(r.Path)
		if strings.HasPrefix(r.Path, "/customers/") {
			path = customerParams.Replace(r.Path)
		}
		if strings.HasPrefix(r.Path, "/admin/users/") {
			path = userParams.Replace(r.Path)
		}
		if want.allowed == nil {
			continue // public: covered by the auth and health tests
		}
		t.Run(key+"/anonymous", func(t *testing.T) {
			res, _ := e.anonymous().do(r.Method, path, want.form, nil)
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Errorf("anonymous %s: status %d location %q, want a redirect to /login", key, res.StatusCode, res.Header.Get("Location"))
			}
		})
		for _, role := range rules.Roles {
			if key == "POST /logout" {
				continue // would end the shared session; TestLogout covers it
			}
			t.Run(key+"/"+role, func(t *testing.T) {
				form := url.Values{}
				for k, v := range want.form {
					form[k] = slices.Clone(v)
				}
				if r.Method == http.MethodGet {
					form = nil
				}
				res, body := sessions[role].do(r.Method, path, form, nil)
				if slices.Contains(want.allowed, role) {
					if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 || res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login") {
						t.Errorf("%s as %s: status %d, want it allowed", key, role, res.StatusCode)
					}
					return
				}
				if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "Your roles do not allow this") {
					t.Errorf("%s as %s: status %d, want 403 with an explanation", key, role, res.StatusCode)
				}
			})
		}
	}
	if walked != len(routeAccess) {
		t.Errorf("walked %d routes, routeAccess lists %d: remove entries for routes that no longer exist", walked, len(routeAccess))
	}
	// Every refusal above is in the audit trail.
	if n := e.auditCount("access.denied"); n == 0 {
		t.Error("denied requests were not audited")
	}
}

func TestDeniedHTMXRequestGetsFragment(t *testing.T) {
	e := sqliteEnv(t)
	c := e.as(rules.RoleSteward)
	res, body := c.do("GET", "/admin/users", nil, map[string]string{"HX-Request": "true"})
	if res.StatusCode != http.StatusForbidden || strings.Contains(body, "<html") || !strings.Contains(body, `role="alert"`) {
		t.Errorf("HTMX denial: status %d body %q, want a 403 alert fragment", res.StatusCode, body)
	}
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "access.denied"})
	if len(evs) != 1 || evs[0].Actor != "steward@example.com" || evs[0].ObjectID != "GET /admin/users" {
		t.Errorf("denial audit = %+v", evs)
	}
}

func TestRoutesOnPostgres(t *testing.T) {
	// The same refusals hold on PostgreSQL, where policies are loaded from its own tables.
	db := testdb.Postgres(t)
	e := newTestEnv(t, db)
	for _, tt := range []struct {
		role, path string
		want       int
	}{
		{rules.RoleSteward, "/admin/users", http.StatusForbidden},
		{rules.RoleAdmin, "/admin/users", http.StatusOK},
		{rules.RoleViewer, "/products", http.StatusOK},
		{rules.RoleManager, "/admin/roles", http.StatusForbidden},
	} {
		if res, _ := e.as(tt.role).get(tt.path); res.StatusCode != tt.want {
			t.Errorf("%s on %s: %d, want %d", tt.role, tt.path, res.StatusCode, tt.want)
		}
	}
}

func newProduct(sku, name string) *models.Product {
	return &models.Product{SKU: sku, Name: name, UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true, ListPrice: 125000, Cost: 80000}
}
