package odoo

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"steward/jobs/odoo/odootest"
)

// collect pulls and returns how often each id arrived, with the records by id.
func collect(t *testing.T, pull func(onPage func([]Record) error) (Cursor, error)) (Cursor, map[int64]int, map[int64]Record) {
	t.Helper()
	seen, byID := map[int64]int{}, map[int64]Record{}
	cur, err := pull(func(recs []Record) error {
		for _, r := range recs {
			seen[r.ID()]++
			byID[r.ID()] = r
		}
		return nil
	})
	if err != nil {
		t.Fatalf("pull: %v", err)
	}
	return cur, seen, byID
}

func keys(m map[int64]int) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestPullThousandsInOneSecond(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		before := mustCreate(t, s, "res.partner", map[string]any{"name": "Before", "is_company": true})
		at := time.Date(2026, 11, 27, 3, 40, 5, 531981000, time.UTC)
		tx := s.BeginAt(at)
		var want []int64
		for i := range 5000 {
			id, err := tx.Create("res.partner", map[string]any{"name": fmt.Sprintf("Bulk %04d", i), "is_company": true})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		c := clientFor(s, protocol)
		calls := s.Calls()
		cur, seen, byID := collect(t, func(f func([]Record) error) (Cursor, error) {
			return c.Pull(bg, "res.partner", nil, Cursor{}, PullOptions{PageSize: 1000}, f)
		})
		want = append(want, before)
		slices.Sort(want)
		if got := keys(seen); !slices.Equal(got, want) {
			t.Fatalf("pulled %d distinct records, want %d", len(got), len(want))
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("record %d delivered %d times in one pull", id, n)
			}
		}
		// fields_get, authenticate (JSON-RPC), the high-water query and 6 pages.
		if n := s.Calls() - calls; n > 9 {
			t.Errorf("%d calls for 5001 records in pages of 1000", n)
		}
		if w := byID[want[1]].WriteDate(); !w.Equal(at.Truncate(time.Second)) {
			t.Errorf("write_date %v: the API returns whole seconds", w)
		}
		if !cur.WriteDate.Equal(time.Date(2026, 11, 27, 3, 40, 6, 0, time.UTC)) || cur.ID != want[len(want)-1] {
			t.Errorf("cursor %v", cur)
		}
		// Nothing changed: the next pull re-reads only the overlap, here the whole second.
		_, again, _ := collect(t, func(f func([]Record) error) (Cursor, error) {
			return c.Pull(bg, "res.partner", nil, cur, PullOptions{PageSize: 1000, Overlap: time.Second}, f)
		})
		if len(again) != 5000 {
			t.Errorf("overlap re-read %d records, want the 5000 of the last second", len(again))
		}
	})
}

// TestNaiveKeysetNeverAdvances shows, against the server imitation checked against the
// recordings, why Pull does not use the textbook cursor: with write_date cut to seconds on
// the way out but compared to the microsecond, the "next page" is the first page again.
func TestNaiveKeysetNeverAdvances(t *testing.T) {
	s := newServer(t, odootest.Options{})
	tx := s.BeginAt(time.Date(2026, 11, 27, 3, 40, 5, 531981000, time.UTC))
	for i := range 30 {
		if _, err := tx.Create("res.partner", map[string]any{"name": fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	c := clientFor(s, ProtocolJSON2)
	page := func(w string, id int64) []Record {
		recs, err := c.SearchRead(bg, "res.partner", []any{"|", []any{"write_date", ">", w}, "&", []any{"write_date", "=", w}, []any{"id", ">", id}},
			[]string{"write_date"}, Page{Limit: 10, Order: "write_date asc, id asc"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	first := page("2000-01-01 00:00:00", 0)
	last := first[len(first)-1]
	second := page(last.String("write_date"), last.ID())
	if second[0].ID() != first[0].ID() {
		t.Fatalf("expected the naive cursor to return the first page again, got id %d", second[0].ID())
	}
}

func TestPullIncrementalArchivedAndBounded(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		var ids []int64
		for i := range 50 {
			ids = append(ids, mustCreate(t, s, "res.partner", map[string]any{"name": fmt.Sprint("P", i), "is_company": true}))
		}
		s.Advance(time.Hour)
		marker := mustCreate(t, s, "res.partner", map[string]any{"name": "Marker", "is_company": true})
		c := clientFor(s, protocol)
		opt := PullOptions{Overlap: time.Second}
		c1, first, _ := collect(t, func(f func([]Record) error) (Cursor, error) { return c.Pull(bg, "res.partner", nil, Cursor{}, opt, f) })
		if len(first) != 51 {
			t.Fatalf("first pull: %d records", len(first))
		}
		s.Advance(time.Hour)
		if err := s.Write("res.partner", ids[3:6], map[string]any{"phone": "+32 2 000 00 00"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Archive("res.partner", ids[10]); err != nil {
			t.Fatal(err)
		}
		c2, second, byID := collect(t, func(f func([]Record) error) (Cursor, error) { return c.Pull(bg, "res.partner", nil, c1, opt, f) })
		want := []int64{ids[3], ids[4], ids[5], ids[10], marker} // the marker is in the overlap
		slices.Sort(want)
		if got := keys(second); !slices.Equal(got, want) {
			t.Errorf("second pull got %v, want %v", got, want)
		}
		if r := byID[ids[10]]; r.Bool("active") || !r.Has("active") {
			t.Errorf("archived record should arrive with active=false: %v", r)
		}
		if !c2.WriteDate.After(c1.WriteDate) {
			t.Errorf("cursor did not advance: %v → %v", c1, c2)
		}
		c3, third, _ := collect(t, func(f func([]Record) error) (Cursor, error) { return c.Pull(bg, "res.partner", nil, c2, opt, f) })
		if len(third) != 4 || !c3.WriteDate.Equal(c2.WriteDate) {
			t.Errorf("idle pull: %d records (the overlap), cursor %v → %v", len(third), c2, c3)
		}
	})
}

func TestPullCatchesLateCommit(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		slowTx := s.Begin() // starts now, commits much later
		late, err := slowTx.Create("res.partner", map[string]any{"name": "Committed late", "is_company": true})
		if err != nil {
			t.Fatal(err)
		}
		s.Advance(30 * time.Second)
		early := mustCreate(t, s, "res.partner", map[string]any{"name": "Committed on time", "is_company": true})
		c := clientFor(s, protocol)
		c1, first, _ := collect(t, func(f func([]Record) error) (Cursor, error) {
			return c.Pull(bg, "res.partner", nil, Cursor{}, PullOptions{}, f)
		})
		if first[late] != 0 || first[early] != 1 {
			t.Fatalf("first pull: %v", first)
		}
		if err := slowTx.Commit(); err != nil {
			t.Fatal(err)
		}
		stamp, _ := s.WriteDate("res.partner", late)
		if !stamp.Before(c1.WriteDate.Add(-10 * time.Second)) {
			t.Fatalf("the late row should carry a stamp well before the cursor: %v vs %v", stamp, c1)
		}
		_, second, _ := collect(t, func(f func([]Record) error) (Cursor, error) {
			return c.Pull(bg, "res.partner", nil, c1, PullOptions{Overlap: time.Minute}, f)
		})
		if second[late] != 1 {
			t.Errorf("late commit inside the overlap was missed: %v", second)
		}
		// The limit of the method: a transaction longer than the overlap is missed.
		_, short, _ := collect(t, func(f func([]Record) error) (Cursor, error) {
			return c.Pull(bg, "res.partner", nil, c1, PullOptions{Overlap: 5 * time.Second}, f)
		})
		if short[late] != 0 {
			t.Errorf("with a 5s overlap a 30s-old stamp cannot be seen; got %v", short)
		}
	})
}

func TestPullProductsSeesTemplateEdits(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		variant := mustCreate(t, s, "product.product", map[string]any{"name": "Cable Tie", "default_code": "CT-300", "list_price": 4.5})
		other := mustCreate(t, s, "product.product", map[string]any{"name": "Hex Bolt", "default_code": "HB-8"})
		tmpl := func(id int64) int64 {
			r, _ := s.Get("product.product", id)
			return r["product_tmpl_id"].([]any)[0].(int64)
		}
		s.Advance(time.Hour)
		mustCreate(t, s, "product.product", map[string]any{"name": "Marker"}) // keeps the first two out of the overlap
		c := clientFor(s, protocol)
		opt := PullOptions{Overlap: time.Second}
		c1, _, _ := collect(t, func(f func([]Record) error) (Cursor, error) { return c.PullProducts(bg, nil, Cursor{}, opt, f) })
		s.Advance(time.Hour)
		// A price change on the product form writes the template only.
		if err := s.Write("product.template", []int64{tmpl(variant)}, map[string]any{"list_price": 9.99}); err != nil {
			t.Fatal(err)
		}
		// A change through the variant writes both.
		if err := s.Write("product.product", []int64{other}, map[string]any{"name": "Hex Bolt M8", "barcode": "5400000000013"}); err != nil {
			t.Fatal(err)
		}
		_, plain, _ := collect(t, func(f func([]Record) error) (Cursor, error) { return c.Pull(bg, "product.product", nil, c1, opt, f) })
		if plain[variant] != 0 {
			t.Fatalf("expected a product.product pull to miss the template edit (it is what PullProducts fixes)")
		}
		_, seen, byID := collect(t, func(f func([]Record) error) (Cursor, error) { return c.PullProducts(bg, nil, c1, opt, f) })
		if seen[variant] != 1 || seen[other] != 1 {
			t.Fatalf("PullProducts delivered %v", seen)
		}
		p, err := MapProduct(byID[variant], nil)
		if err != nil || p.Product.ListPrice != 99900 || p.Product.SKU != "CT-300" {
			t.Errorf("mapped %+v, %v", p.Product, err)
		}
	})
}

func TestPullStopsWhenCallbackFails(t *testing.T) {
	s := newServer(t, odootest.Options{})
	for i := range 5 {
		mustCreate(t, s, "res.partner", map[string]any{"name": fmt.Sprint(i)})
	}
	from := Cursor{WriteDate: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), ID: 3}
	boom := errors.New("database is locked")
	cur, err := clientFor(s, ProtocolJSON2).Pull(bg, "res.partner", []string{"name"}, from, PullOptions{PageSize: 2}, func([]Record) error { return boom })
	if !errors.Is(err, boom) || cur != from {
		t.Errorf("got %v, %v; want the old cursor and the callback's error", cur, err)
	}
}

// A server that ignores "id > last" would make a naive loop run forever; Pull notices.
func TestPullTerminatesOnMisbehavingServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"id": 5, "name": "x", "write_date": "2026-11-27 03:40:05"}]`))
	}))
	defer srv.Close()
	c := New(Config{URL: srv.URL, Database: "x", Login: "admin", Secret: testKey, Protocol: ProtocolJSON2}, nil)
	pages := 0
	_, err := c.Pull(bg, "res.partner", []string{"name"}, Cursor{}, PullOptions{PageSize: 1}, func([]Record) error { pages++; return nil })
	if KindOf(err) != KindServer || pages != 1 {
		t.Errorf("pages %d, err %v", pages, err)
	}
}

func TestPullWithDomain(t *testing.T) {
	s := newServer(t, odootest.Options{})
	co := mustCreate(t, s, "res.partner", map[string]any{"name": "Co", "is_company": true})
	mustCreate(t, s, "res.partner", map[string]any{"name": "Person", "parent_id": co})
	_, seen, _ := collect(t, func(f func([]Record) error) (Cursor, error) {
		return clientFor(s, ProtocolJSONRPC).Pull(bg, "res.partner", nil, Cursor{}, PullOptions{Domain: []any{[]any{"is_company", "=", true}}}, f)
	})
	if !slices.Equal(keys(seen), []int64{co}) {
		t.Errorf("got %v", seen)
	}
}

func TestCursorText(t *testing.T) {
	c := Cursor{WriteDate: time.Date(2026, 11, 27, 3, 40, 6, 0, time.UTC), ID: 45}
	if c.String() != "2026-11-27T03:40:06Z#45" {
		t.Errorf("string %q", c.String())
	}
	back, err := ParseCursor(c.String())
	if err != nil || back != c {
		t.Errorf("round trip %v, %v", back, err)
	}
	if z, err := ParseCursor(""); err != nil || !z.IsZero() || (Cursor{}).String() != "" {
		t.Errorf("zero cursor: %v %v", z, err)
	}
	for _, bad := range []string{"yesterday", "2026-11-27T03:40:06Z", "2026-11-27#x"} {
		if _, err := ParseCursor(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	data, _ := json.Marshal(map[string]Cursor{"odoo": c})
	var m map[string]Cursor
	if err := json.Unmarshal(data, &m); err != nil || m["odoo"] != c || !strings.Contains(string(data), "#45") {
		t.Errorf("json %s → %v, %v", data, m, err)
	}
}
