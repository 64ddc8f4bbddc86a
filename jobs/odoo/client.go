package odoo

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Protocols the client speaks.
const (
	// ProtocolJSONRPC is /jsonrpc with execute_kw: Odoo 14 to 19 (deprecated in 19).
	ProtocolJSONRPC = "jsonrpc"
	// ProtocolJSON2 is POST /json/2/<model>/<method> with a bearer API key: Odoo 19 on.
	ProtocolJSON2 = "json2"
)

// Config says which Odoo to talk to and as whom.
type Config struct {
	// URL is the server's base URL, e.g. https://erp.example.com (no path).
	URL string
	// Database is the Odoo database name; JSON-2 sends it as X-Odoo-Database.
	Database string
	// Login is the user's login; over JSON-2 the key alone identifies the user and Login
	// only serves Authenticate and messages.
	Login string
	// Secret is the user's password or, preferably, an API key; both protocols accept an
	// API key where a password goes. It is sent to Odoo and nowhere else.
	Secret string
	// Protocol is ProtocolJSONRPC (the default) or ProtocolJSON2.
	Protocol string
	// Timeout bounds each call; zero leaves it to the context and the HTTP client.
	Timeout time.Duration
}

// String prints the configuration without the secret, so that logging a Config is safe.
func (c Config) String() string {
	return fmt.Sprintf("odoo.Config{URL: %q, Database: %q, Login: %q, Protocol: %q, Timeout: %s, Secret: %s}",
		c.URL, c.Database, c.Login, c.Protocol, c.Timeout, redacted(c.Secret))
}

// GoString is String, so that %#v does not print the secret either.
func (c Config) GoString() string { return c.String() }

// LogValue keeps the secret out of structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", c.URL), slog.String("database", c.Database),
		slog.String("login", c.Login), slog.String("protocol", c.Protocol), slog.String("secret", redacted(c.Secret)))
}

func redacted(secret string) string {
	if secret == "" {
		return "(none)"
	}
	return "(redacted)"
}

// Page limits and orders a search. Zero values send nothing, so Odoo applies the model's
// default order and no limit.
type Page struct {
	// Limit and Offset page the result.
	Limit, Offset int
	// Order is an Odoo order clause such as "write_date asc, id asc".
	Order string
}

// Version is what common.version reports.
type Version struct {
	ServerVersion   string // "18.0"
	Serie           string // "18.0"
	Info            []any  // server_version_info: [18, 0, 0, "final", 0, ""]
	ProtocolVersion int    // protocol_version, 1 on every version so far
	Major           int    // 16, 17, 18, 19…
	// Inferred is set when the server would not say and Major was deduced: a JSON-2 server
	// whose /jsonrpc is gone (Odoo 20 on) is at least 19.
	Inferred bool
}

// Client talks to one Odoo database as one user. It is safe for concurrent use.
type Client struct {
	cfg  Config
	hc   *http.Client
	base string
	host string
	seq  atomic.Int64

	mu     sync.Mutex
	uid    int64
	fields map[string]map[string]string // model → field → type, from fields_get
}

// New makes a client; hc may be nil for a default HTTP client.
func New(cfg Config, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{}
	}
	c := &Client{cfg: cfg, hc: hc, base: strings.TrimRight(cfg.URL, "/"), fields: map[string]map[string]string{}}
	if u, err := url.Parse(c.base); err == nil {
		c.host = u.Host
	}
	return c
}

func (c *Client) protocol() string {
	if c.cfg.Protocol == "" {
		return ProtocolJSONRPC
	}
	return c.cfg.Protocol
}

func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.cfg.Timeout > 0 {
		return context.WithTimeout(ctx, c.cfg.Timeout)
	}
	return ctx, func() {}
}

// Version asks common.version. JSON-2 has no version method, so in JSON-2 mode the client
// asks the server-wide /jsonrpc route, which Odoo 19 still serves without credentials; once
// that route is gone (it is scheduled for removal) the answer is {Major: 19, Inferred: true}.
func (c *Client) Version(ctx context.Context) (Version, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	var raw map[string]any
	err := c.rpc(ctx, "common", "version", []any{}, &raw, "", "version")
	if err != nil {
		var e *Error
		if c.protocol() == ProtocolJSON2 && asError(err, &e) && e.Kind == KindNotFound {
			return Version{Major: 19, Inferred: true}, nil
		}
		return Version{}, err
	}
	v := Version{}
	v.ServerVersion, _ = raw["server_version"].(string)
	v.Serie, _ = raw["server_serie"].(string)
	v.Info, _ = raw["server_version_info"].([]any)
	if n, ok := toInt(raw["protocol_version"]); ok {
		v.ProtocolVersion = int(n)
	}
	if len(v.Info) > 0 {
		if n, ok := toInt(v.Info[0]); ok {
			v.Major = int(n)
		}
	}
	return v, nil
}

// Authenticate checks the credentials and returns the user id. Over JSON-RPC it calls
// common.authenticate, which answers false for a wrong login or secret. Over JSON-2 the key
// alone identifies the user, so it makes a cheap call (res.users search_read on the login)
// that fails with 401 for a bad key; the uid is 0 if the login is not visible to that user.
func (c *Client) Authenticate(ctx context.Context) (int64, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	return c.authenticate(ctx)
}

func (c *Client) authenticate(ctx context.Context) (int64, error) {
	var uid int64
	if c.protocol() == ProtocolJSON2 {
		var recs []Record
		err := c.json2Call(ctx, call{model: "res.users", method: "search_read", kwargs: map[string]any{
			"domain": []any{[]any{"login", "=", c.cfg.Login}}, "fields": []string{"id"}, "limit": 1,
		}}, &recs)
		if err != nil {
			return 0, err
		}
		if len(recs) == 1 {
			uid = recs[0].ID()
		}
	} else {
		var res any
		if err := c.rpc(ctx, "common", "authenticate", []any{c.cfg.Database, c.cfg.Login, c.cfg.Secret, map[string]any{}}, &res, "", "authenticate"); err != nil {
			return 0, err
		}
		n, ok := toInt(res)
		if !ok || n == 0 {
			e := c.newError("", "authenticate")
			e.Kind, e.subject = KindAuth, subjCredentials
			e.Message = "authentication failed: common.authenticate answered false"
			return 0, e
		}
		uid = n
	}
	c.mu.Lock()
	c.uid = uid
	c.mu.Unlock()
	return uid, nil
}

func (c *Client) uidFor(ctx context.Context) (int64, error) {
	c.mu.Lock()
	uid := c.uid
	c.mu.Unlock()
	if uid != 0 {
		return uid, nil
	}
	return c.authenticate(ctx)
}

// call is one ORM method call, in the shape both protocols can be built from.
type call struct {
	model, method string
	ids           []int64 // for methods on records (read, write); nil for model methods
	record        bool
	args          []any          // JSON-RPC positional arguments after the ids
	kwargs        map[string]any // keyword arguments; the JSON-2 body unless body is set
	body          map[string]any
}

func (c *Client) do(ctx context.Context, cl call, out any) error {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	switch c.protocol() {
	case ProtocolJSON2:
		return c.json2Call(ctx, cl, out)
	case ProtocolJSONRPC:
		return c.executeKW(ctx, cl, out)
	}
	e := c.newError(cl.model, cl.method)
	e.Kind, e.Message = KindBadRequest, fmt.Sprintf("unknown protocol %q (want %q or %q)", c.cfg.Protocol, ProtocolJSONRPC, ProtocolJSON2)
	return e
}

func withContext(kw map[string]any, context map[string]any) map[string]any {
	if len(context) > 0 {
		kw["context"] = context
	}
	return kw
}

func domainOrEmpty(domain []any) []any {
	if domain == nil {
		return []any{}
	}
	return domain
}

// SearchRead returns the records matching domain with the given fields (nil: all fields).
// context is passed as the call's context, e.g. {"active_test": false} to include archived
// records.
func (c *Client) SearchRead(ctx context.Context, model string, domain []any, fields []string, p Page, context map[string]any) ([]Record, error) {
	kw := map[string]any{}
	if fields != nil {
		kw["fields"] = fields
	}
	if p.Limit > 0 {
		kw["limit"] = p.Limit
	}
	if p.Offset > 0 {
		kw["offset"] = p.Offset
	}
	if p.Order != "" {
		kw["order"] = p.Order
	}
	withContext(kw, context)
	body := map[string]any{"domain": domainOrEmpty(domain)}
	for k, v := range kw {
		body[k] = v
	}
	var out []Record
	err := c.do(ctx, call{model: model, method: "search_read", args: []any{domainOrEmpty(domain)}, kwargs: kw, body: body}, &out)
	return out, err
}

// Search returns the ids matching domain.
func (c *Client) Search(ctx context.Context, model string, domain []any, p Page, context map[string]any) ([]int64, error) {
	kw := map[string]any{}
	if p.Limit > 0 {
		kw["limit"] = p.Limit
	}
	if p.Offset > 0 {
		kw["offset"] = p.Offset
	}
	if p.Order != "" {
		kw["order"] = p.Order
	}
	withContext(kw, context)
	body := map[string]any{"domain": domainOrEmpty(domain)}
	for k, v := range kw {
		body[k] = v
	}
	var out []int64
	err := c.do(ctx, call{model: model, method: "search", args: []any{domainOrEmpty(domain)}, kwargs: kw, body: body}, &out)
	return out, err
}

// SearchCount counts the records matching domain.
func (c *Client) SearchCount(ctx context.Context, model string, domain []any, context map[string]any) (int64, error) {
	kw := withContext(map[string]any{}, context)
	body := withContext(map[string]any{"domain": domainOrEmpty(domain)}, context)
	var n int64
	err := c.do(ctx, call{model: model, method: "search_count", args: []any{domainOrEmpty(domain)}, kwargs: kw, body: body}, &n)
	return n, err
}

// Read returns the records with these ids, archived or not; ids that do not exist are
// silently left out, as Odoo does.
func (c *Client) Read(ctx context.Context, model string, ids []int64, fields []string) ([]Record, error) {
	kw := map[string]any{}
	if fields != nil {
		kw["fields"] = fields
	}
	var out []Record
	err := c.do(ctx, call{model: model, method: "read", ids: ids, record: true, kwargs: kw}, &out)
	return out, err
}

// Create makes one record and returns its id. vals use Odoo's write format: many2one as an
// id, x2many as commands or id lists.
func (c *Client) Create(ctx context.Context, model string, vals map[string]any) (int64, error) {
	var res any
	err := c.do(ctx, call{model: model, method: "create", args: []any{vals}, kwargs: map[string]any{},
		body: map[string]any{"vals_list": []any{vals}}}, &res)
	if err != nil {
		return 0, err
	}
	// JSON-RPC answers the id for one dict; JSON-2 turns the recordset into an id list.
	if list, ok := res.([]any); ok && len(list) == 1 {
		res = list[0]
	}
	id, ok := toInt(res)
	if !ok {
		e := c.newError(model, "create")
		e.Kind, e.Message = KindServer, fmt.Sprintf("unexpected answer to create: %v", res)
		return 0, e
	}
	return id, nil
}

// Write changes records.
func (c *Client) Write(ctx context.Context, model string, ids []int64, vals map[string]any) error {
	var ok any
	return c.do(ctx, call{model: model, method: "write", ids: ids, record: true, args: []any{vals}, kwargs: map[string]any{},
		body: map[string]any{"ids": ids, "vals": vals}}, &ok)
}

// Call invokes any public ORM method with keyword arguments, for what the typed methods do
// not cover; ids makes it a call on records. The result is decoded into out.
func (c *Client) Call(ctx context.Context, model, method string, ids []int64, kwargs map[string]any, out any) error {
	if kwargs == nil {
		kwargs = map[string]any{}
	}
	return c.do(ctx, call{model: model, method: method, ids: ids, record: ids != nil, kwargs: kwargs}, out)
}
