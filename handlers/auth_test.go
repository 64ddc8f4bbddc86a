package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/rules"
)

func loginForm(t *testing.T, c *client) string {
	t.Helper()
	_, body := c.get("/login")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("login form has no CSRF token")
	}
	return m[1]
}

func TestLogin(t *testing.T) {
	e := sqliteEnv(t)
	tests := []struct {
		name       string
		email, pw  string
		badCSRF    bool
		next       string
		wantStatus int
		wantText   string
		wantLoc    string
	}{
		{name: "right password", email: "steward@example.com", pw: testPassword, wantStatus: 303, wantLoc: "/"},
		{name: "email in other case", email: "  STEWARD@example.com", pw: testPassword, wantStatus: 303, wantLoc: "/"},
		{name: "back to where they were", email: "viewer@example.com", pw: testPassword, next: "/products?q=tie", wantStatus: 303, wantLoc: "/products?q=tie"},
		{name: "no open redirect", email: "viewer@example.com", pw: testPassword, next: "//evil.example/", wantStatus: 303, wantLoc: "/"},
		{name: "no open redirect with scheme", email: "viewer@example.com", pw: testPassword, next: "https://evil.example/", wantStatus: 303, wantLoc: "/"},
		{name: "wrong password", email: "steward@example.com", pw: "wrong password!", wantStatus: 401, wantText: "do not match an active account"},
		{name: "unknown email says the same", email: "nobody@example.com", pw: testPassword, wantStatus: 401, wantText: "do not match an active account"},
		{name: "empty fields", email: "", pw: "", wantStatus: 422, wantText: "Enter your email and password"},
		{name: "forged form", email: "steward@example.com", pw: testPassword, badCSRF: true, wantStatus: 403, wantText: "expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.anonymous()
			tok := loginForm(t, c)
			if tt.badCSRF {
				tok = "forged"
			}
			res, body := c.post("/login", url.Values{"_csrf": {tok}, "email": {tt.email}, "password": {tt.pw}, "next": {tt.next}})
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if tt.wantText != "" && !strings.Contains(body, tt.wantText) {
				t.Errorf("body lacks %q", tt.wantText)
			}
			if tt.wantLoc != "" && res.Header.Get("Location") != tt.wantLoc {
				t.Errorf("location %q, want %q", res.Header.Get("Location"), tt.wantLoc)
			}
			if tt.wantStatus == 303 {
				if c.cookies["steward_session"] == "" {
					t.Error("no session cookie after sign-in")
				}
				if r, _ := c.get("/products"); r.StatusCode != 200 {
					t.Errorf("signed-in request: %d", r.StatusCode)
				}
			} else if c.cookies["steward_session"] != "" {
				t.Error("session cookie set on a failed sign-in")
			}
		})
	}
	if e.auditCount("auth.login") != 5 || e.auditCount("auth.login_failed") != 2 {
		t.Errorf("audit: %d sign-ins, %d failures; want 5 and 2", e.auditCount("auth.login"), e.auditCount("auth.login_failed"))
	}
}

func TestSessionCookieIsHardened(t *testing.T) {
	e := sqliteEnv(t)
	c := e.anonymous()
	tok := loginForm(t, c)
	req := url.Values{"_csrf": {tok}, "email": {"viewer@example.com"}, "password": {testPassword}}
	res, _ := c.post("/login", req)
	var found bool
	for _, ck := range res.Cookies() {
		if ck.Name == "steward_session" {
			found = true
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie %+v: want HttpOnly and SameSite=Lax", ck)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
	// Behind TLS (a proxy saying so) the cookie is Secure as well.
	c2 := e.anonymous()
	tok = loginForm(t, c2)
	res, _ = c2.do("POST", "/login", url.Values{"_csrf": {tok}, "email": {"viewer@example.com"}, "password": {testPassword}}, map[string]string{"X-Forwarded-Proto": "https"})
	for _, ck := range res.Cookies() {
		if ck.Name == "steward_session" && !ck.Secure {
			t.Error("session cookie over https is not Secure")
		}
	}
	// The database holds a hash of the cookie, never the cookie itself.
	var n int64
	e.db.Model(&models.Session{}).Where("id = ?", c.cookies["steward_session"]).Count(&n)
	if n != 0 {
		t.Error("the raw session token is stored in the database")
	}
}

func TestLoginThrottle(t *testing.T) {
	e := sqliteEnv(t)
	c := e.anonymous()
	for i := 0; i < 5; i++ {
		tok := loginForm(t, c)
		if res, _ := c.post("/login", url.Values{"_csrf": {tok}, "email": {"steward@example.com"}, "password": {"wrong password!"}}); res.StatusCode != 401 {
			t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
		}
	}
	tok := loginForm(t, c)
	res, body := c.post("/login", url.Values{"_csrf": {tok}, "email": {"steward@example.com"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many failed sign-in attempts") {
		t.Fatalf("sixth attempt with the right password: %d, want 429", res.StatusCode)
	}
	// Another account from the same address is not locked by one account's failures.
	if res, _ := c.post("/login", url.Values{"_csrf": {loginForm(t, c)}, "email": {"viewer@example.com"}, "password": {testPassword}}); res.StatusCode != 303 {
		t.Errorf("other account: %d, want 303", res.StatusCode)
	}
	// After the window the account may try again.
	e.now = e.now.Add(16 * 60 * 1e9)
	c3 := e.anonymous()
	if res, _ := c3.post("/login", url.Values{"_csrf": {loginForm(t, c3)}, "email": {"steward@example.com"}, "password": {testPassword}}); res.StatusCode != 303 {
		t.Errorf("after the window: %d, want 303", res.StatusCode)
	}
}

func TestCSRFOnStateChanges(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	form := url.Values{"_csrf": {"forged"}, "email": {"new@example.com"}, "password": {"a long enough pw"}, "roles": {"viewer"}}
	res, body := admin.post("/admin/users", form)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "did not come from Steward") {
		t.Fatalf("forged form: %d", res.StatusCode)
	}
	if _, err := models.UserByEmail(e.db, "new@example.com"); err == nil {
		t.Fatal("a forged request created a user")
	}
	// HTMX sends the token as a header instead of a field.
	form.Del("_csrf")
	res, _ = admin.do("POST", "/admin/users", url.Values{"_csrf": {""}, "email": {"new@example.com"}, "password": {"a long enough pw"}, "roles": {"viewer"}},
		map[string]string{"X-CSRF-Token": admin.csrf})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("token in header: %d, want 303", res.StatusCode)
	}
}

func TestLogout(t *testing.T) {
	e := sqliteEnv(t)
	c := e.as(rules.RoleViewer)
	if res, _ := c.post("/logout", nil); res.StatusCode != 303 || res.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := c.get("/"); res.StatusCode != 303 {
		t.Errorf("after logout: %d, want a redirect to sign in", res.StatusCode)
	}
	if e.auditCount("auth.logout") != 1 {
		t.Error("logout not audited")
	}
}

func TestHealth(t *testing.T) {
	e := sqliteEnv(t)
	c := e.anonymous()
	if res, body := c.get("/healthz"); res.StatusCode != 200 || body != "ok" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
	if res, body := c.get("/readyz"); res.StatusCode != 200 || body != "ready" {
		t.Errorf("readyz: %d %q", res.StatusCode, body)
	}
	// A schema behind the binary is not ready.
	e.db.Exec("DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)")
	if res, body := c.get("/readyz"); res.StatusCode != 503 || !strings.Contains(body, "migrations pending") {
		t.Errorf("readyz with a pending migration: %d %q", res.StatusCode, body)
	}
}

func TestStaticAndUnknownPages(t *testing.T) {
	e := sqliteEnv(t)
	c := e.anonymous()
	if res, body := c.get("/static/htmx.min.js"); res.StatusCode != 200 || !strings.Contains(body, "htmx") {
		t.Errorf("htmx not served: %d", res.StatusCode)
	}
	v := e.as(rules.RoleViewer)
	for _, p := range []string{"/products/999999", "/products/abc", "/customers/-1", "/no/such/page"} {
		if res, body := v.get(p); res.StatusCode != 404 || !strings.Contains(body, "<html") {
			t.Errorf("%s: %d, want a 404 page", p, res.StatusCode)
		}
	}
}
