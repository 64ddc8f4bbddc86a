package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/handlers"
	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// testEnv is the whole web app over a fresh database, driven through app.Test.
type testEnv struct {
	t      testing.TB
	db     *gorm.DB
	access *models.Access
	app    *fiber.App
	now    time.Time
	users  map[string]models.User // by role
}

const testPassword = "correct horse battery"

func newTestEnv(t testing.TB, db *gorm.DB) *testEnv {
	t.Helper()
	return newTestEnvWith(t, db, jobs.Config{DB: db, InsertOnly: true})
}

// newTestEnvWith builds the app over a queue with cfg, e.g. with connectors to test servers.
func newTestEnvWith(t testing.TB, db *gorm.DB, cfg jobs.Config) *testEnv {
	t.Helper()
	access, err := models.NewAccess(db, rules.DefaultAccessPolicy())
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, db: db, access: access, now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), users: map[string]models.User{}}
	queue, err := jobs.NewRunner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.app = handlers.New(handlers.Config{
		DB: db, Access: access, Queue: queue, HashCost: bcrypt.MinCost,
		Now: func() time.Time { return e.now },
	})
	for _, role := range rules.Roles {
		e.users[role] = e.addUser(role+"@example.com", role)
	}
	return e
}

func sqliteEnv(t *testing.T) *testEnv { return newTestEnv(t, testdb.SQLite(t)) }

func (e *testEnv) addUser(email string, roles ...string) models.User {
	e.t.Helper()
	hash, _ := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	u := models.User{Email: email, PasswordHash: string(hash), Active: true}
	err := e.db.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateUser(tx, &u); err != nil {
			return err
		}
		return models.SetRoles(tx, u.ID, roles)
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.access.Reload(); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// client is a browser: it keeps cookies and knows its session's CSRF token.
type client struct {
	e       *testEnv
	cookies map[string]string
	csrf    string
}

func (e *testEnv) anonymous() *client { return &client{e: e, cookies: map[string]string{}} }

var (
	csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	csrfMeta  = regexp.MustCompile(`name="csrf-token" content="([^"]+)"`)
)

// signIn goes through the real sign-in form.
func (e *testEnv) signIn(email string) *client {
	e.t.Helper()
	c := e.anonymous()
	res, body := c.do("GET", "/login", nil, nil)
	m := csrfField.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil {
		e.t.Fatalf("login form: %d", res.StatusCode)
	}
	res, _ = c.do("POST", "/login", url.Values{"_csrf": {m[1]}, "email": {email}, "password": {testPassword}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		e.t.Fatalf("sign in as %s: status %d, location %q", email, res.StatusCode, res.Header.Get("Location"))
	}
	// Every signed-in page carries the session's CSRF token; read it from the first that answers.
	for _, p := range []string{"/", "/audit", "/products"} {
		if _, body = c.do("GET", p, nil, nil); csrfMeta.MatchString(body) {
			c.csrf = csrfMeta.FindStringSubmatch(body)[1]
			break
		}
	}
	return c
}

func (e *testEnv) as(role string) *client { return e.signIn(e.users[role].Email) }

// do sends a request; a form is posted with the CSRF token unless the caller set _csrf.
func (c *client) do(method, path string, form url.Values, header map[string]string) (*http.Response, string) {
	c.e.t.Helper()
	var body io.Reader
	if form != nil {
		if _, ok := form["_csrf"]; !ok && c.csrf != "" {
			form.Set("_csrf", c.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.e.app.Test(req, -1)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", method, path, err)
	}
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (c *client) get(path string) (*http.Response, string) { return c.do("GET", path, nil, nil) }

func (c *client) post(path string, form url.Values) (*http.Response, string) {
	if form == nil {
		form = url.Values{}
	}
	return c.do("POST", path, form, nil)
}

// auditCount counts audit events of an action.
func (e *testEnv) auditCount(action string) int {
	evs, err := models.ListAudit(e.db, models.AuditFilter{Action: action, Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(evs)
}
