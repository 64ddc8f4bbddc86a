package odoo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steward/jobs/odoo/odootest"
)

const refDir = "../../../shared/reference/odoo-external-api"

// replayServer answers every call with one recorded answer, except common.authenticate,
// which succeeds so that execute_kw gets to run.
func replayServer(t *testing.T, status int, ctype string, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			ID     any `json:"id"`
			Params struct {
				Method string `json:"method"`
				Args   []any  `json:"args"`
			} `json:"params"`
		}
		data, _ := readAll(r)
		_ = json.Unmarshal(data, &req)
		if req.Params.Method == "authenticate" && len(req.Params.Args) > 0 && req.Params.Args[0] != "nodb" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"jsonrpc": "2.0", "id": %v, "result": 2}`, req.ID)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func readAll(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r.Body)
	return b.Bytes(), err
}

func TestErrorsFromRecordings(t *testing.T) {
	if _, err := os.Stat(refDir); err != nil {
		t.Skipf("recordings not available: %v", err)
	}
	const jsonCT = "application/json; charset=utf-8"
	cases := []struct {
		file     string
		protocol string
		status   int
		ctype    string
		call     func(c *Client) error
		kind     Kind
		name     string
		field    string
		says     string
	}{
		{"odoo16/09_err_wrong_password_execute_kw.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindAuth, "odoo.exceptions.AccessDenied", "", `Odoo refused the password or API key for user "admin" on database "steward"`},
		{"odoo18/09_err_wrong_password.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindAuth, "odoo.exceptions.AccessDenied", "", "check them in the channel settings"},
		{"odoo16/10_err_unknown_model.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindNotFound, "odoo.exceptions.UserError", "", "Odoo has no model res.partner"},
		{"odoo16/11_err_unknown_field.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindBadRequest, "builtins.ValueError", "nosuchfield", "Odoo has no field 'nosuchfield' on res.partner: the Odoo version or installed modules differ."},
		{"odoo19/24_jsonrpc_err_unknown_field.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindBadRequest, "builtins.ValueError", "nosuchfield", "no field 'nosuchfield'"},
		{"odoo16/12_err_private_method.response.json", ProtocolJSONRPC, 200, jsonCT, searchPartners, KindAccess, "odoo.exceptions.AccessError", "", "does not let outside systems call"},
		{"odoo16/13_err_unknown_db.response.json", ProtocolJSONRPC, 200, jsonCT, func(c *Client) error { _, err := c.Authenticate(bg); return err }, KindNotFound, "psycopg2.OperationalError", "", `has no database "nodb": check the database name in the channel settings.`},
		{"odoo16/16_err_duplicate_barcode.response.json", ProtocolJSONRPC, 200, jsonCT, writeBarcode, KindValidation, "odoo.exceptions.ValidationError", "", `Odoo rejected the change to products: Barcode(s) already assigned: - Barcode "4006381333931" already assigned to product(s): [E-COM07] Large Cabinet, [E-COM08] Storage Box.`},
		{"odoo19/10_err_duplicate_barcode.response.json", ProtocolJSON2, 422, jsonCT, writeBarcode, KindValidation, "odoo.exceptions.ValidationError", "", "Restaurant Expenses and Hotel Accommodation."},
		{"odoo19/11_err_wrong_key.response.json", ProtocolJSON2, 401, jsonCT, searchPartners, KindAuth, "werkzeug.exceptions.Unauthorized", "", `Odoo refused the API key for user "admin" on database "steward": check the key in the channel settings.`},
		{"odoo19/12_err_missing_auth_header.response.json", ProtocolJSON2, 401, jsonCT, searchPartners, KindAuth, "werkzeug.exceptions.Unauthorized", "", "refused the API key"},
		{"odoo19/13_err_unknown_model.response.json", ProtocolJSON2, 404, jsonCT, searchPartners, KindNotFound, "werkzeug.exceptions.NotFound", "", "Odoo has no model res.partner"},
		{"odoo19/14_err_unknown_field_domain.response.json", ProtocolJSON2, 500, jsonCT, searchPartners, KindBadRequest, "builtins.ValueError", "nosuchfield", "no field 'nosuchfield'"},
		{"odoo19/14b_err_unknown_field_fields.response.json", ProtocolJSON2, 500, jsonCT, searchPartners, KindBadRequest, "builtins.ValueError", "nosuchfield", "no field 'nosuchfield'"},
		{"odoo19/15b_err_wrong_db_header.response.html", ProtocolJSON2, 404, "text/html; charset=utf-8", searchPartners, KindNotFound, "", "", `has no database "steward": check the database name`},
		{"odoo19/16_err_unknown_method.response.json", ProtocolJSON2, 404, jsonCT, searchPartners, KindNotFound, "werkzeug.exceptions.NotFound", "", "Odoo has no method search_read on res.partner"},
		{"odoo19/17_err_private_method.response.json", ProtocolJSON2, 403, jsonCT, searchPartners, KindAccess, "odoo.exceptions.AccessError", "", "does not let outside systems call"},
		{"odoo19/18_err_bad_argument.response.json", ProtocolJSON2, 500, jsonCT, searchPartners, KindBadRequest, "builtins.TypeError", "", "connector needs fixing"},
		{"odoo19/18b_err_unexpected_kwarg.response.json", ProtocolJSON2, 422, jsonCT, searchPartners, KindBadRequest, "werkzeug.exceptions.UnprocessableEntity", "", "connector needs fixing"},
		{"odoo19/19_err_malformed_json.response.json", ProtocolJSON2, 400, jsonCT, searchPartners, KindBadRequest, "werkzeug.exceptions.BadRequest", "", "could not process"},
		{"odoo19/20_err_ids_on_model_method.response.json", ProtocolJSON2, 422, jsonCT, searchPartners, KindBadRequest, "werkzeug.exceptions.UnprocessableEntity", "", "cannot call res.partner.create with ids"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(refDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			srv := replayServer(t, tc.status, tc.ctype, body)
			db := "steward"
			if strings.Contains(tc.file, "unknown_db") {
				db = "nodb"
			}
			c := New(Config{URL: srv.URL, Database: db, Login: "admin", Secret: testKey, Protocol: tc.protocol}, nil)
			err = tc.call(c)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *Error", err)
			}
			if e.Kind != tc.kind || e.Name != tc.name || e.Field != tc.field || e.Status != tc.status {
				t.Errorf("kind %s name %q field %q status %d; want %s %q %q %d", e.Kind, e.Name, e.Field, e.Status, tc.kind, tc.name, tc.field, tc.status)
			}
			if msg := e.StewardMessage(); !strings.Contains(msg, tc.says) {
				t.Errorf("steward message %q does not say %q", msg, tc.says)
			}
			assertNoSecret(t, e, testKey)
		})
	}
}

func searchPartners(c *Client) error {
	_, err := c.SearchRead(bg, "res.partner", nil, []string{"name"}, Page{Limit: 1}, nil)
	return err
}

func writeBarcode(c *Client) error {
	return c.Write(bg, "product.product", []int64{18}, map[string]any{"barcode": "4006381333931"})
}

func assertNoSecret(t *testing.T, e *Error, secret string) {
	t.Helper()
	for _, s := range []string{e.Error(), e.StewardMessage(), fmt.Sprintf("%+v", e)} {
		if strings.Contains(s, secret) {
			t.Errorf("secret leaked: %s", s)
		}
	}
	if strings.Count(e.StewardMessage(), ": ") < 1 || strings.Contains(e.StewardMessage(), "\n") {
		t.Errorf("steward message should be one sentence with a cause and an action: %q", e.StewardMessage())
	}
}

func TestErrorsFromTestServer(t *testing.T) {
	s := newServer(t, odootest.Options{})
	p1 := mustCreate(t, s, "product.product", map[string]any{"name": "Cable Tie", "barcode": "5400000000013"})
	p2 := mustCreate(t, s, "product.product", map[string]any{"name": "Hex Bolt"})
	old := newServer(t, odootest.Options{Version: "18.0"})
	cases := []struct {
		name     string
		protocol string
		cfg      func(*Config)
		call     func(c *Client) error
		kind     Kind
		says     string
	}{
		{"wrong database json2", ProtocolJSON2, func(c *Config) { c.Database = "nope" }, searchPartners, KindNotFound, `has no database "nope"`},
		{"wrong database jsonrpc", ProtocolJSONRPC, func(c *Config) { c.Database = "nope" }, searchPartners, KindNotFound, `has no database "nope"`},
		{"json2 on odoo 18", ProtocolJSON2, func(c *Config) { c.URL = old.URL() }, searchPartners, KindNotFound, "does not offer the JSON-2 API"},
		{"unknown model", "", nil, func(c *Client) error { _, err := c.SearchCount(bg, "x_no.model", nil, nil); return err }, KindNotFound, "Odoo has no model x_no.model"},
		{"unknown method", "", nil, func(c *Client) error { return c.Call(bg, "res.partner", "frobnicate", nil, nil, nil) }, KindNotFound, "has no method frobnicate"},
		{"private method", "", nil, func(c *Client) error { return c.Call(bg, "res.partner", "_read", []int64{1}, nil, nil) }, KindAccess, "does not let outside systems call _read"},
		{"unknown field in domain", "", nil, func(c *Client) error {
			_, err := c.SearchCount(bg, "product.product", []any{[]any{"x_foo", "=", 1}}, nil)
			return err
		}, KindBadRequest, "Odoo has no field 'x_foo' on product.product: the Odoo version or installed modules differ."},
		{"duplicate barcode", "", nil, func(c *Client) error {
			return c.Write(bg, "product.product", []int64{p2}, map[string]any{"barcode": "5400000000013"})
		}, KindValidation, `Barcode "5400000000013" already assigned to product(s): Cable Tie`},
		{"deleted record", "", nil, func(c *Client) error {
			return c.Write(bg, "product.product", []int64{p1 + 1000}, map[string]any{"name": "x"})
		}, KindNotFound, "no longer exist"},
		{"bad argument", "", nil, func(c *Client) error {
			return c.Call(bg, "res.partner", "read", []int64{1}, map[string]any{"limit": 1}, nil)
		}, KindBadRequest, "connector needs fixing"},
	}
	for _, tc := range cases {
		protos := protocols
		if tc.protocol != "" {
			protos = []string{tc.protocol}
		}
		for _, p := range protos {
			t.Run(tc.name+"/"+p, func(t *testing.T) {
				cfg := Config{URL: s.URL(), Database: s.Database(), Login: "admin", Secret: testKey, Protocol: p}
				if tc.cfg != nil {
					tc.cfg(&cfg)
				}
				err := tc.call(New(cfg, nil))
				var e *Error
				if !errors.As(err, &e) || e.Kind != tc.kind {
					t.Fatalf("got %v, want kind %s", err, tc.kind)
				}
				if !strings.Contains(e.StewardMessage(), tc.says) {
					t.Errorf("%q does not say %q", e.StewardMessage(), tc.says)
				}
				assertNoSecret(t, e, testKey)
				if IsTransient(err) {
					t.Errorf("%s must not be retried", tc.kind)
				}
			})
		}
	}
}

func TestTransientErrors(t *testing.T) {
	// Closed only once the other test servers hold their ports, so none of them can be
	// handed the refused one.
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release)
	status := func(code int, ctype, body string) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	gateway := "<html><body><h1>502 Bad Gateway</h1></body></html>"
	cases := []struct {
		name, url, protocol string
		timeout             time.Duration
		kind                Kind
		says                string
	}{
		{"connection refused", refusedURL, ProtocolJSONRPC, 0, KindTransient, "(connection refused): Steward will try again automatically."},
		{"timeout", slow.URL, ProtocolJSON2, 50 * time.Millisecond, KindTransient, "(timed out)"},
		{"502", status(502, "text/html", gateway), ProtocolJSONRPC, 0, KindTransient, "(HTTP 502)"},
		{"503", status(503, "text/html", "busy"), ProtocolJSON2, 0, KindTransient, "(HTTP 503)"},
		{"504", status(504, "text/html", "slow"), ProtocolJSON2, 0, KindTransient, "(HTTP 504)"},
		{"serialization failure", status(200, "application/json", `{"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error", "data": {"name": "psycopg2.errors.SerializationFailure", "message": "could not serialize access due to concurrent update", "arguments": [], "context": {}}}}`), ProtocolJSONRPC, 0, KindTransient, "could not serialize access"},
		{"500 html", status(500, "text/html", "<h1>Internal Server Error</h1>"), ProtocolJSON2, 0, KindServer, "tell the Odoo administrator"},
		{"500 python error", status(500, "application/json", `{"name": "builtins.KeyError", "message": "'x'", "arguments": ["'x'"], "context": {}, "debug": "Traceback"}`), ProtocolJSON2, 0, KindServer, "tell the Odoo administrator"},
		{"not odoo", status(404, "text/html", "nothing here"), ProtocolJSONRPC, 0, KindNotFound, "no Odoo external API at"},
		{"login page", status(200, "text/html", "<html>Sign in</html>"), ProtocolJSON2, 0, KindNotFound, "no Odoo external API at"},
	}
	refused.Close()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Config{URL: tc.url, Database: "steward", Login: "admin", Secret: testKey, Protocol: tc.protocol, Timeout: tc.timeout}, nil)
			c.uid = 2 // skip authenticate: the failing call is the one under test
			err := searchPartners(c)
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind {
				t.Fatalf("got %v, want %s", err, tc.kind)
			}
			if IsTransient(fmt.Errorf("pull products: %w", err)) != (tc.kind == KindTransient) {
				t.Errorf("IsTransient through wrapping is wrong for %s", tc.kind)
			}
			if !strings.Contains(e.StewardMessage(), tc.says) {
				t.Errorf("%q does not say %q", e.StewardMessage(), tc.says)
			}
			assertNoSecret(t, e, testKey)
		})
	}
	if IsTransient(errors.New("plain")) || KindOf(errors.New("plain")) != "" {
		t.Error("non-Odoo errors are not Odoo errors")
	}
}
