package odoo

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"steward/jobs/odoo/odootest"
)

func TestVersion(t *testing.T) {
	for _, v := range []string{"16.0", "17.0", "18.0", "19.0"} {
		s := newServer(t, odootest.Options{Version: v})
		got, err := clientFor(s, ProtocolJSONRPC).Version(bg)
		if err != nil {
			t.Fatal(err)
		}
		major := int(v[0]-'0')*10 + int(v[1]-'0')
		if got.ServerVersion != v || got.Serie != v || got.ProtocolVersion != 1 || got.Major != major || len(got.Info) != 6 || got.Inferred {
			t.Errorf("%s: %+v", v, got)
		}
	}
	s := newServer(t, odootest.Options{})
	if got, err := clientFor(s, ProtocolJSON2).Version(bg); err != nil || got.Major != 19 || got.Inferred {
		t.Errorf("json2 on 19: %+v, %v", got, err)
	}
	// Once /jsonrpc is gone (Odoo 20 on), JSON-2 still tells us "19 or later".
	gone := httptest.NewServer(http.NotFoundHandler())
	defer gone.Close()
	c := New(Config{URL: gone.URL, Database: "x", Login: "admin", Secret: testKey, Protocol: ProtocolJSON2}, nil)
	if got, err := c.Version(bg); err != nil || got.Major != 19 || !got.Inferred {
		t.Errorf("json2 without /jsonrpc: %+v, %v", got, err)
	}
}

func TestAuthenticate(t *testing.T) {
	s := newServer(t, odootest.Options{UID: 7})
	for _, secret := range []string{testPassword, testKey} {
		c := New(Config{URL: s.URL(), Database: s.Database(), Login: "admin", Secret: secret}, nil)
		if uid, err := c.Authenticate(bg); err != nil || uid != 7 {
			t.Errorf("jsonrpc with %q: uid %d, %v", secret, uid, err)
		}
	}
	if uid, err := clientFor(s, ProtocolJSON2).Authenticate(bg); err != nil || uid != 7 {
		t.Errorf("json2: uid %d, %v", uid, err)
	}
	bad := New(Config{URL: s.URL(), Database: s.Database(), Login: "admin", Secret: "wrong"}, nil)
	_, err := bad.Authenticate(bg)
	if KindOf(err) != KindAuth {
		t.Fatalf("wrong password: %v", err)
	}
	// Every call needs a uid over JSON-RPC, so a wrong password fails the first call the
	// same way.
	if _, err := bad.SearchCount(bg, "res.partner", nil, nil); KindOf(err) != KindAuth {
		t.Errorf("call with wrong password: %v", err)
	}
	badKey := New(Config{URL: s.URL(), Database: s.Database(), Login: "admin", Secret: "wrong", Protocol: ProtocolJSON2}, nil)
	if _, err := badKey.Authenticate(bg); KindOf(err) != KindAuth {
		t.Errorf("json2 wrong key: %v", err)
	}
}

func TestCRUD(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		c := clientFor(s, protocol)
		be := mustCreate(t, s, "res.country", map[string]any{"name": "Belgium", "code": "BE"})
		id, err := c.Create(bg, "res.partner", map[string]any{"name": "Acme NV", "is_company": true, "vat": "BE0477472701", "country_id": be})
		if err != nil || id == 0 {
			t.Fatalf("create: %d, %v", id, err)
		}
		kid, err := c.Create(bg, "res.partner", map[string]any{"name": "Ann", "parent_id": id, "email": "ann@acme.example"})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Write(bg, "res.partner", []int64{id}, map[string]any{"phone": "+32 2 123 45 67", "website": false}); err != nil {
			t.Fatalf("write: %v", err)
		}
		recs, err := c.Read(bg, "res.partner", []int64{id, 999999, kid}, []string{"name", "phone", "website", "country_id", "child_ids", "parent_id", "write_date"})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 {
			t.Fatalf("read dropped missing ids? got %d records", len(recs))
		}
		r := recs[0]
		cid, cname := r.Many2One("country_id")
		if r.ID() != id || r.String("phone") != "+32 2 123 45 67" || r.String("website") != "" || cid != be || cname != "Belgium" ||
			!slices.Equal(r.IDs("child_ids"), []int64{kid}) || r.WriteDate().IsZero() {
			t.Errorf("read: %v", r)
		}
		if p, name := recs[1].Many2One("parent_id"); p != id || name != "Acme NV" {
			t.Errorf("child's parent: %d %q", p, name)
		}

		if err := s.Archive("res.partner", kid); err != nil {
			t.Fatal(err)
		}
		all := map[string]any{"active_test": false}
		for _, tc := range []struct {
			domain []any
			ctx    map[string]any
			want   int64
		}{
			{nil, nil, 1},
			{nil, all, 2},
			{[]any{[]any{"active", "in", []any{true, false}}}, nil, 2},
			{[]any{[]any{"is_company", "=", true}}, all, 1},
			{[]any{"|", []any{"name", "ilike", "acme"}, []any{"email", "=like", "ann@%"}}, all, 2},
			{[]any{[]any{"country_id.code", "=", "BE"}}, nil, 1},
		} {
			n, err := c.SearchCount(bg, "res.partner", tc.domain, tc.ctx)
			if err != nil || n != tc.want {
				t.Errorf("count %v %v: %d, %v; want %d", tc.domain, tc.ctx, n, err, tc.want)
			}
		}
		ids, err := c.Search(bg, "res.partner", nil, Page{Order: "id desc"}, all)
		if err != nil || !slices.Equal(ids, []int64{kid, id}) {
			t.Errorf("search: %v, %v", ids, err)
		}
		page, err := c.SearchRead(bg, "res.partner", nil, []string{"name"}, Page{Limit: 1, Offset: 1, Order: "id asc"}, all)
		if err != nil || len(page) != 1 || page[0].ID() != kid || len(page[0]) != 2 {
			t.Errorf("search_read page: %v, %v", page, err)
		}
		var names []any
		if err := c.Call(bg, "res.partner", "search", nil, map[string]any{"domain": []any{}, "limit": 5}, &names); err != nil || len(names) != 1 {
			t.Errorf("call: %v, %v", names, err)
		}
	})
}

func TestFieldsToleratesMissingModules(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{OmitFields: map[string][]string{"product.product": {"hs_code", "taxes_id"}, "res.partner": {"country_code"}}})
		c := clientFor(s, protocol)
		fields, err := c.Fields(bg, "product.product")
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(fields, "hs_code") || slices.Contains(fields, "taxes_id") || !slices.Contains(fields, "default_code") {
			t.Errorf("fields: %v", fields)
		}
		// Asking for a field the database lacks is what Fields protects against.
		_, err = c.SearchRead(bg, "product.product", nil, []string{"hs_code"}, Page{}, nil)
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindBadRequest || e.Field != "hs_code" {
			t.Fatalf("unknown field: %#v", err)
		}
		pf, _ := c.Fields(bg, "res.partner")
		if slices.Contains(pf, "country_code") || slices.Contains(pf, "mobile") {
			t.Errorf("partner fields: %v", pf)
		}
		if ok, err := c.HasField(bg, "res.partner", "vat"); !ok || err != nil {
			t.Errorf("has vat: %v %v", ok, err)
		}
		calls := s.Calls()
		if _, err := c.Fields(bg, "product.product"); err != nil || s.Calls() != calls {
			t.Errorf("fields_get should be asked once per model")
		}
	})
}

func TestConfigNeverPrintsSecret(t *testing.T) {
	cfg := Config{URL: "https://erp.example", Database: "prod", Login: "bot", Secret: "hunter2-api-key"}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), cfg.LogValue().String()} {
		if strings.Contains(s, "hunter2") {
			t.Errorf("secret printed: %s", s)
		}
	}
}

// One client serves several jobs at once: the uid and fields caches are shared.
func TestConcurrentUse(t *testing.T) {
	s := newServer(t, odootest.Options{})
	s.SeedWith(odootest.SeedOptions{Products: 200, Customers: 50})
	c := clientFor(s, ProtocolJSONRPC)
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			model := []string{"product.product", "res.partner"}[i%2]
			_, err := c.Pull(bg, model, nil, Cursor{}, PullOptions{PageSize: 50}, func([]Record) error { return nil })
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
