package odootest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Server. Zero values give an Odoo 18 server with database "odoo",
// user admin/admin (uid 2) and no API key.
type Options struct {
	// Version is the Odoo release to imitate: "16.0", "17.0", "18.0" or "19.0". It decides
	// common.version, error wording and whether /json/2 exists (19 and later).
	Version string
	// Database is the one database the server holds (default "odoo").
	Database string
	// Login and Password are the user's credentials (default admin/admin).
	Login, Password string
	// APIKey is accepted in place of the password over JSON-RPC and as the bearer token
	// over JSON-2; empty means the user has no key.
	APIKey string
	// UID is the user's id (default 2, as on a fresh Odoo).
	UID int64
	// MultiDB makes a JSON-2 request without X-Odoo-Database fail as on a server where
	// several databases pass the filter.
	MultiDB bool
	// Start is the initial server clock (default 2026-11-27 03:00:00 UTC).
	Start time.Time
	// Tick is how far the clock moves after each transaction (default 1ms), so that
	// transactions get distinct microsecond stamps as on a real server.
	Tick time.Duration
	// OmitFields removes fields per model, to imitate a database where the module that
	// adds them is not installed (e.g. {"product.product": {"hs_code"}}).
	OmitFields map[string][]string
}

// Server is an Odoo external API on a local httptest listener, backed by an in-memory
// database. All methods are safe for concurrent use.
type Server struct {
	opts  Options
	major int
	ts    *httptest.Server
	mu    sync.Mutex
	db    *store
	now   time.Time
	calls atomic.Int64
}

// New starts a server.
func New(opts Options) *Server {
	if opts.Version == "" {
		opts.Version = "18.0"
	}
	if opts.Database == "" {
		opts.Database = "odoo"
	}
	if opts.Login == "" {
		opts.Login = "admin"
	}
	if opts.Password == "" {
		opts.Password = "admin"
	}
	if opts.UID == 0 {
		opts.UID = 2
	}
	if opts.Start.IsZero() {
		opts.Start = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	}
	if opts.Tick == 0 {
		opts.Tick = time.Millisecond
	}
	major, _ := strconv.Atoi(strings.SplitN(opts.Version, ".", 2)[0])
	s := &Server{opts: opts, major: major, now: opts.Start.UTC()}
	s.db = newStore(major, opts.UID, opts.OmitFields)
	s.baseData()
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// baseData is what every Odoo database has before any app data: the superuser, the admin,
// the main company and its currency.
func (s *Server) baseData() {
	at := s.tick()
	must := func(model string, id int64, vals map[string]any) {
		if _, err := s.db.create(s.db.models[model], vals, at, id); err != nil {
			panic(err)
		}
	}
	must("res.currency", 1, map[string]any{"name": "EUR", "symbol": "€"})
	must("res.currency", 2, map[string]any{"name": "USD", "symbol": "$"})
	must("res.company", 1, map[string]any{"name": "My Company", "currency_id": int64(2)})
	must("res.users", 1, map[string]any{"name": "OdooBot", "login": "__system__", "active": false})
	must("res.users", s.opts.UID, map[string]any{"name": "Mitchell Admin", "login": s.opts.Login})
}

// URL is the base URL to configure a client with.
func (s *Server) URL() string { return s.ts.URL }

// Database is the name of the one database the server holds.
func (s *Server) Database() string { return s.opts.Database }

// Close shuts the listener down.
func (s *Server) Close() { s.ts.Close() }

// Calls counts the API requests served so far, for tests that bound round trips.
func (s *Server) Calls() int64 { return s.calls.Load() }

// Now is the server clock: the stamp the next transaction gets.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// SetClock moves the server clock, in either direction.
func (s *Server) SetClock(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = t.UTC()
}

// Advance moves the server clock forward.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = s.now.Add(d)
}

func (s *Server) tick() time.Time {
	t := s.now
	s.now = s.now.Add(s.opts.Tick)
	return t
}

func (s *Server) model(name string) (*model, error) {
	m := s.db.models[name]
	if m == nil {
		return nil, errUnknownModelRPC(name)
	}
	return m, nil
}

// Create adds a record in its own transaction and returns its id; vals use the wire format
// (many2one as an id, many2many as a list of ids or commands).
func (s *Server) Create(model string, vals map[string]any) (int64, error) {
	tx := s.Begin()
	id, err := tx.Create(model, vals)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// Write changes records in one transaction, stamping their write_date.
func (s *Server) Write(model string, ids []int64, vals map[string]any) error {
	tx := s.Begin()
	if err := tx.Write(model, ids, vals); err != nil {
		return err
	}
	return tx.Commit()
}

// Archive sets active to false, as the Archive action does.
func (s *Server) Archive(model string, ids ...int64) error {
	return s.Write(model, ids, map[string]any{"active": false})
}

// Unarchive sets active back to true.
func (s *Server) Unarchive(model string, ids ...int64) error {
	return s.Write(model, ids, map[string]any{"active": true})
}

// Unlink deletes records.
func (s *Server) Unlink(model string, ids ...int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.model(model)
	if err != nil {
		return err
	}
	rows, oerr := s.db.existing(m, ids)
	if oerr != nil {
		return oerr
	}
	s.db.unlink(m, rows)
	return nil
}

// Get reads one record as read() would over the wire, archived or not.
func (s *Server) Get(model string, id int64) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.db.models[model]
	if m == nil || m.byID[id] == nil {
		return nil, false
	}
	r := m.byID[id]
	out := map[string]any{}
	for _, f := range m.list {
		out[f.name] = s.db.readValue(f, s.db.value(m, r, f), true)
	}
	return out, true
}

// WriteDate is the stored, microsecond write_date of a record.
func (s *Server) WriteDate(model string, id int64) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.db.models[model]
	if m == nil || m.byID[id] == nil {
		return time.Time{}, false
	}
	return m.byID[id].written, true
}

// Count is the number of records of a model, archived included.
func (s *Server) Count(model string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.db.models[model]; m != nil {
		return len(m.rows)
	}
	return 0
}

// SetNextID makes the next record created in model take this id, to line fixtures up with
// recorded answers.
func (s *Server) SetNextID(model string, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.db.models[model]; m != nil {
		m.nextID = id
	}
}

const serverHeader = "Werkzeug/2.2.2 Python/3.11.2"

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.calls.Add(1)
	switch {
	case r.URL.Path == "/jsonrpc":
		s.serveJSONRPC(w, r)
	case strings.HasPrefix(r.URL.Path, "/json/2/") && s.major >= 19:
		s.serveJSON2(w, r)
	default:
		writeHTML(w, http.StatusNotFound, notFoundPage)
	}
}

// reply writes a JSON body as Odoo's werkzeug stack does: explicit length, and nosniff on
// successful answers only (a JSON-RPC error is HTTP 200 but comes without it).
func reply(w http.ResponseWriter, status int, body *pyWriter, extra http.Header, ok bool) {
	h := w.Header()
	h.Set("Server", serverHeader)
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	if ok {
		h.Set("X-Content-Type-Options", "nosniff")
	}
	for k, v := range extra {
		h[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(body.Bytes())
}

func writeHTML(w http.ResponseWriter, status int, page string) {
	h := w.Header()
	h.Set("Server", serverHeader)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(page))
}

// noDatabasePage is served when a JSON-2 request names a database the server does not
// have: without a database the /json/2 routes do not exist.
const noDatabasePage = "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
	"<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n" +
	"<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n" +
	"<!-- Alternatively, use the X-Odoo-Database header. -->\n"

const notFoundPage = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
	"<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"

func readBody(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(http.MaxBytesReader(nil, r.Body, 64<<20))
	return b.Bytes(), err
}
