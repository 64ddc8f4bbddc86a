package odootest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// rpc calls execute_kw on the server and decodes the result (or the error data).
func rpc(t *testing.T, s *Server, model, method string, args []any, kw map[string]any) (any, map[string]any) {
	t.Helper()
	params := []any{s.Database(), s.opts.UID, s.opts.Password, model, method, args}
	if kw != nil {
		params = append(params, kw)
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "call", "id": 1,
		"params": map[string]any{"service": "object", "method": "execute_kw", "args": params}})
	resp, err := http.Post(s.URL()+"/jsonrpc", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Result any
		Error  *struct{ Data map[string]any }
	}
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&env); err != nil {
		t.Fatal(err)
	}
	if env.Error != nil {
		return nil, env.Error.Data
	}
	return env.Result, nil
}

func ids(t *testing.T, v any) []int64 {
	t.Helper()
	var out []int64
	for _, x := range v.([]any) {
		if m, ok := x.(map[string]any); ok {
			x = m["id"]
		}
		n, _ := x.(json.Number).Int64()
		out = append(out, n)
	}
	return out
}

func partners(t *testing.T, s *Server) []int64 {
	t.Helper()
	be, _ := s.Create("res.country", map[string]any{"name": "Belgium", "code": "BE"})
	fr, _ := s.Create("res.country", map[string]any{"name": "France", "code": "FR"})
	var out []int64
	for _, p := range []map[string]any{
		{"name": "Azure Interior", "is_company": true, "country_id": be, "email": "info@azure.example", "credit_limit": 1000.0},
		{"name": "Deco Addict", "is_company": true, "country_id": fr, "vat": "FR123"},
		{"name": "Brandon Freeman", "email": "brandon@azure.example"},
		{"name": "gemini furniture", "is_company": true, "active": false, "credit_limit": 250.5},
	} {
		id, err := s.Create("res.partner", p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := s.Write("res.partner", out[2:3], map[string]any{"parent_id": out[0]}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDomains(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	p := partners(t, s)
	all := map[string]any{"context": map[string]any{"active_test": false}}
	cases := []struct {
		domain []any
		kw     map[string]any
		want   []int64
	}{
		{[]any{}, nil, p[:3]},
		{[]any{}, all, p},
		{[]any{[]any{"is_company", "=", true}}, nil, p[:2]},
		{[]any{[]any{"is_company", "!=", true}}, nil, p[2:3]},
		{[]any{[]any{"vat", "=", false}}, nil, []int64{p[0], p[2]}},
		{[]any{[]any{"vat", "!=", false}}, nil, p[1:2]},
		{[]any{[]any{"credit_limit", ">", 500}}, all, p[:1]},
		{[]any{[]any{"credit_limit", ">=", 250.5}}, all, []int64{p[0], p[3]}},
		// Unset numbers are NULL in PostgreSQL and match no comparison.
		{[]any{[]any{"credit_limit", "<", 300}, []any{"credit_limit", "<=", 250.5}}, all, p[3:]},
		{[]any{[]any{"id", "in", []any{p[1], p[3], 999}}}, nil, p[1:2]},
		{[]any{[]any{"id", "not in", []any{p[1]}}}, nil, []int64{p[0], p[2]}},
		{[]any{[]any{"name", "ilike", "AZURE"}}, nil, p[:1]},
		{[]any{[]any{"name", "like", "azure"}}, nil, nil},
		{[]any{[]any{"name", "not ilike", "a"}}, all, p[3:]},
		{[]any{[]any{"email", "=like", "%@azure.example"}}, nil, []int64{p[0], p[2]}},
		{[]any{[]any{"email", "=ilike", "INFO@%"}}, nil, p[:1]},
		{[]any{"|", []any{"name", "=", "Deco Addict"}, []any{"parent_id", "!=", false}}, nil, p[1:3]},
		{[]any{"!", []any{"is_company", "=", true}}, nil, p[2:3]},
		{[]any{"&", []any{"is_company", "=", true}, "!", []any{"name", "ilike", "deco"}}, nil, p[:1]},
		{[]any{[]any{"country_id.code", "=", "FR"}}, nil, p[1:2]},
		{[]any{[]any{"country_id", "=", "Belgium"}}, nil, p[:1]},
		{[]any{[]any{"country_id", "ilike", "fra"}}, nil, p[1:2]},
		{[]any{[]any{"parent_id", "=", p[0]}}, nil, p[2:3]},
		{[]any{[]any{"child_ids", "in", []any{p[2]}}}, nil, p[:1]},
		{[]any{[]any{"active", "=", false}}, nil, p[3:]},
		{[]any{[]any{"active", "in", []any{true, false}}}, nil, p},
		{[]any{[]any{1, "=", 1}}, nil, p[:3]},
		{[]any{[]any{0, "=", 1}}, nil, nil},
		{[]any{[]any{"vat", "=?", false}}, nil, p[:3]},
	}
	for _, tc := range cases {
		kw := map[string]any{"fields": []any{"id"}, "order": "id"}
		for k, v := range tc.kw {
			kw[k] = v
		}
		res, errData := rpc(t, s, "res.partner", "search_read", []any{tc.domain}, kw)
		if errData != nil {
			t.Errorf("%v: %v", tc.domain, errData["message"])
			continue
		}
		if got := ids(t, res); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", leafRepr(tc.domain), got, tc.want)
		}
	}
	for _, bad := range []any{
		[]any{[]any{"name", "~", "x"}},
		[]any{"|", []any{"name", "=", "x"}},
		[]any{[]any{"name", "="}},
		"name = x",
	} {
		if _, errData := rpc(t, s, "res.partner", "search_count", []any{bad}, nil); errData == nil || errData["name"] != "builtins.ValueError" {
			t.Errorf("%v: want ValueError, got %v", bad, errData)
		}
	}
}

func TestOrderLimitOffset(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	p := partners(t, s)
	for _, tc := range []struct {
		kw   map[string]any
		want []int64
	}{
		{map[string]any{"order": "id desc"}, []int64{p[2], p[1], p[0]}},
		{map[string]any{"order": "name"}, []int64{p[0], p[2], p[1]}},
		// PostgreSQL puts NULLs first when descending.
		{map[string]any{"order": "credit_limit desc, id asc"}, []int64{p[1], p[2], p[0]}},
		{map[string]any{"order": "write_date asc, id asc", "limit": 2}, []int64{p[0], p[1]}},
		{map[string]any{"order": "id", "limit": 2, "offset": 1}, []int64{p[1], p[2]}},
		{map[string]any{"order": "id", "offset": 5}, nil},
		// Default order: complete_name asc, id desc ("Azure Interior, Brandon Freeman").
		{map[string]any{}, []int64{p[0], p[2], p[1]}},
		{map[string]any{"order": "country_id desc, id"}, []int64{p[2], p[1], p[0]}},
	} {
		kw := map[string]any{"fields": []any{"name"}}
		for k, v := range tc.kw {
			kw[k] = v
		}
		res, errData := rpc(t, s, "res.partner", "search_read", []any{[]any{}}, kw)
		if errData != nil {
			t.Fatalf("%v: %v", tc.kw, errData["message"])
		}
		if got := ids(t, res); !slices.Equal(got, tc.want) {
			t.Errorf("%v: got %v, want %v", tc.kw, got, tc.want)
		}
	}
	if _, errData := rpc(t, s, "res.partner", "search", []any{[]any{}}, map[string]any{"order": "nosuch asc"}); errData == nil {
		t.Error("ordering by an unknown field must fail")
	}
}

// TestWriteDateMicroseconds checks the behaviour the README measured on Odoo 18: the API
// shows whole seconds, filters compare microseconds.
func TestWriteDateMicroseconds(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	at := time.Date(2026, 11, 27, 3, 40, 5, 531981000, time.UTC)
	tx := s.BeginAt(at)
	id, _ := tx.Create("res.partner", map[string]any{"name": "X"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	res, _ := rpc(t, s, "res.partner", "read", []any{[]any{id}}, map[string]any{"fields": []any{"write_date", "create_date"}})
	r := res.([]any)[0].(map[string]any)
	if r["write_date"] != "2026-11-27 03:40:05" || r["create_date"] != "2026-11-27 03:40:05" {
		t.Errorf("read %v", r)
	}
	for _, tc := range []struct {
		op, value string
		want      int64
	}{
		{">", "2026-11-27 03:40:05", 1}, {"=", "2026-11-27 03:40:05", 0}, {">=", "2026-11-27 03:40:05", 1},
		{"<", "2026-11-27 03:40:06", 1}, {"<=", "2026-11-27 03:40:05", 0}, {">", "2026-11-27 03:40:05.6", 0},
		{"=", "2026-11-27 03:40:05.531981", 1}, {">=", "2026-11-27", 1},
	} {
		res, errData := rpc(t, s, "res.partner", "search_count", []any{[]any{[]any{"write_date", tc.op, tc.value}}}, nil)
		if errData != nil {
			t.Fatal(errData["message"])
		}
		if n, _ := res.(json.Number).Int64(); n != tc.want {
			t.Errorf("write_date %s %s: %d, want %d", tc.op, tc.value, n, tc.want)
		}
	}
}

func TestTransactions(t *testing.T) {
	s := New(Options{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	defer s.Close()
	tx := s.Begin()
	late, _ := tx.Create("res.partner", map[string]any{"name": "Late"})
	s.Advance(time.Minute)
	onTime, _ := s.Create("res.partner", map[string]any{"name": "On time"})
	if late >= onTime {
		t.Errorf("ids come from the sequence at insert: late %d, on time %d", late, onTime)
	}
	if _, ok := s.Get("res.partner", late); ok {
		t.Error("uncommitted row visible")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	lw, _ := s.WriteDate("res.partner", late)
	ow, _ := s.WriteDate("res.partner", onTime)
	if !lw.Equal(tx.Stamp()) || !lw.Before(ow) {
		t.Errorf("late row stamped %v, on-time row %v", lw, ow)
	}
	if err := tx.Commit(); err == nil {
		t.Error("double commit")
	}
	s.SetClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := s.Write("res.partner", []int64{late}, map[string]any{"name": "Renamed"}); err != nil {
		t.Fatal(err)
	}
	if w, _ := s.WriteDate("res.partner", late); w.Year() != 2030 {
		t.Errorf("write stamped %v", w)
	}
}

func TestProductsAndTemplates(t *testing.T) {
	s := New(Options{Version: "16.0"})
	defer s.Close()
	tax, _ := s.Create("account.tax", map[string]any{"name": "21%"})
	res, errData := rpc(t, s, "product.product", "create", []any{map[string]any{"name": "Cable Tie", "default_code": "CT", "list_price": 2.5, "taxes_id": []any{[]any{6, 0, []any{tax}}}}}, nil)
	if errData != nil {
		t.Fatal(errData["message"])
	}
	id, _ := res.(json.Number).Int64()
	p, _ := s.Get("product.product", id)
	tmpl := p["product_tmpl_id"].([]any)
	if p["display_name"] != "[CT] Cable Tie" || tmpl[1] != "[CT] Cable Tie" || p["lst_price"] != 2.5 || !slices.Equal(p["taxes_id"].([]int64), []int64{tax}) {
		t.Errorf("product %v", p)
	}
	tid := tmpl[0].(int64)
	tw, _ := s.WriteDate("product.template", tid)
	pw, _ := s.WriteDate("product.product", id)
	s.Advance(time.Hour)
	if err := s.Write("product.template", []int64{tid}, map[string]any{"list_price": 3.0}); err != nil {
		t.Fatal(err)
	}
	if w, _ := s.WriteDate("product.product", id); !w.Equal(pw) {
		t.Error("a template write must not touch the variant's write_date")
	}
	if w, _ := s.WriteDate("product.template", tid); w.Equal(tw) {
		t.Error("the template's write_date must move")
	}
	if err := s.Write("product.product", []int64{id}, map[string]any{"name": "Cable Tie 300"}); err != nil {
		t.Fatal(err)
	}
	if w, _ := s.WriteDate("product.product", id); w.Equal(pw) {
		t.Error("a variant write must move its write_date")
	}
	tr, _ := s.Get("product.template", tid)
	if tr["name"] != "Cable Tie 300" || tr["default_code"] != "CT" || tr["list_price"] != 3.0 {
		t.Errorf("template %v", tr)
	}
	// Writing a variant field on the template reaches the variant.
	if err := s.Write("product.template", []int64{tid}, map[string]any{"barcode": "123"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get("product.product", id); v["barcode"] != "123" {
		t.Errorf("variant barcode %v", v["barcode"])
	}
	other, _ := s.Create("product.product", map[string]any{"name": "Hex Bolt"})
	err := s.Write("product.product", []int64{other}, map[string]any{"barcode": "123", "name": "Bolt"})
	if err == nil || !strings.Contains(err.Error(), `Barcode "123" already assigned to product(s): [CT] Cable Tie 300, Bolt`) {
		t.Errorf("duplicate barcode: %v", err)
	}
	if v, _ := s.Get("product.product", other); v["name"] != "Hex Bolt" || v["barcode"] != false {
		t.Errorf("a failed write must leave the record as it was: %v", v)
	}
	if _, err := s.Create("product.template", map[string]any{"list_price": 1.0}); err == nil || !strings.Contains(err.Error(), "mandatory field is not set") {
		t.Errorf("missing name: %v", err)
	}
}

func TestFieldsGetAndOmittedFields(t *testing.T) {
	s := New(Options{OmitFields: map[string][]string{"product.product": {"hs_code"}}})
	defer s.Close()
	res, errData := rpc(t, s, "product.product", "fields_get", []any{}, map[string]any{"attributes": []any{"type", "relation"}})
	if errData != nil {
		t.Fatal(errData["message"])
	}
	f := res.(map[string]any)
	if _, has := f["hs_code"]; has {
		t.Error("omitted field listed")
	}
	if c := f["categ_id"].(map[string]any); c["type"] != "many2one" || c["relation"] != "product.category" || len(c) != 2 {
		t.Errorf("categ_id %v", c)
	}
	_, errData = rpc(t, s, "product.product", "search_read", []any{[]any{}}, map[string]any{"fields": []any{"hs_code"}})
	if errData == nil || errData["message"] != "Invalid field 'hs_code' on model 'product.product'" {
		t.Errorf("unknown field: %v", errData)
	}
}

func TestSeedIsDeterministicAndIndexed(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	defer a.Close()
	defer b.Close()
	sa := a.SeedWith(SeedOptions{Products: 20000, Customers: 300})
	sb := b.SeedWith(SeedOptions{Products: 20000, Customers: 300})
	if fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Fatalf("stats differ: %v %v", sa, sb)
	}
	for _, id := range []int64{1, 777, 20000} {
		pa, _ := a.Get("product.product", id)
		pb, _ := b.Get("product.product", id)
		if fmt.Sprint(pa) != fmt.Sprint(pb) {
			t.Fatalf("product %d differs:\n%v\n%v", id, pa, pb)
		}
	}
	// A page deep into the table, bounded by id and write_date as Pull asks, looks at about
	// as many rows as it returns: search must not scan from the start.
	m := a.db.models["product.product"]
	last := m.rows[len(m.rows)-1]
	evaluated := 0
	domain := []any{[]any{"write_date", "<", last.written.Add(time.Second).Format("2006-01-02 15:04:05")}, []any{"id", ">", int64(18000)}}
	match, bnd, err := a.db.compileDomain(m, domain, false)
	if err != nil {
		t.Fatal(err)
	}
	rows := a.db.search(query{m: m, match: func(r *row) bool { evaluated++; return match(r) }, b: bnd, order: []orderTerm{{f: m.fields["id"]}}, limit: 1000})
	if len(rows) != 1000 || rows[0].id != 18001 || evaluated > 1000 {
		t.Errorf("page of %d from id %d evaluated %d rows", len(rows), rows[0].id, evaluated)
	}
	// The high-water query ("write_date desc, id desc", limit 1) reads one row.
	evaluated = 0
	a.db.search(query{m: m, match: func(r *row) bool { evaluated++; return true }, b: openBounds(),
		order: []orderTerm{{f: m.fields["write_date"], desc: true}, {f: m.fields["id"], desc: true}}, limit: 1})
	if evaluated != 1 {
		t.Errorf("high-water query evaluated %d rows", evaluated)
	}
}

func TestPythonJSON(t *testing.T) {
	for f, want := range map[float64]string{14: "14.0", 0.01: "0.01", 30.75: "30.75", 1e-05: "1e-05", 0.0001: "0.0001", 1e16: "1e+16",
		1.5e16: "1.5e+16", 123456789012345678: "1.2345678901234568e+17", -2.5: "-2.5"} {
		if got := pyFloat(f); got != want {
			t.Errorf("pyFloat(%v) = %s, want %s", f, got, want)
		}
	}
	a, b := 0.1, 0.2
	if got := pyFloat(a + b); got != "0.30000000000000004" {
		t.Errorf("pyFloat(0.1+0.2) = %s", got)
	}
	var w pyWriter
	w.value(obj{{"a", []any{int64(1), "é€😀\n\"</>", nil, true}}, {"b", obj{}}})
	if got := w.String(); got != `{"a": [1, "\u00e9\u20ac\ud83d\ude00\n\"</>", null, true], "b": {}}` {
		t.Errorf("python json: %s", got)
	}
	for doc, want := range map[string]string{
		`{"domain":[],`:       "Expecting property name enclosed in double quotes: line 1 column 14 (char 13)",
		``:                    "Expecting value: line 1 column 1 (char 0)",
		`{"a" 1}`:             "Expecting ':' delimiter: line 1 column 6 (char 5)",
		"{\"a\": [1 2]}":      "Expecting ',' delimiter: line 1 column 10 (char 9)",
		"{\n  \"a\": tru}":    "Expecting value: line 2 column 8 (char 9)",
		`{"a": "x`:            "Unterminated string starting at: line 1 column 7 (char 6)",
		`{} x`:                "Extra data: line 1 column 4 (char 3)",
		`{"ok": [1.5e3, -0]}`: "",
	} {
		if got := pyJSONError([]byte(doc)); got != want {
			t.Errorf("%q: %q, want %q", doc, got, want)
		}
	}
}

func TestHTTPEdges(t *testing.T) {
	s := New(Options{Version: "19.0", APIKey: "key", MultiDB: true})
	defer s.Close()
	post := func(path string, hdr map[string]string) (int, string) {
		req, _ := http.NewRequest("POST", s.URL()+path, strings.NewReader(`{}`))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post("/json/2/res.partner/search_count", map[string]string{"Authorization": "bearer key"}); code != 404 || !strings.Contains(body, "No database is selected") {
		t.Errorf("multi-db without header: %d %s", code, body)
	}
	if code, body := post("/json/2/res.partner/search_count", map[string]string{"Authorization": "Bearer key", "X-Odoo-Database": "odoo"}); code != 200 || body != "0" {
		t.Errorf("search_count: %d %s", code, body)
	}
	old := New(Options{Version: "17.0"})
	defer old.Close()
	req, _ := http.NewRequest("POST", old.URL()+"/json/2/res.partner/search_count", strings.NewReader(`{}`))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 404 {
		t.Errorf("Odoo 17 has no JSON-2: %v %v", resp, err)
	}
}
