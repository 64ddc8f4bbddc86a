package odoo

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"steward/jobs/odoo/odootest"
)

// mergeFixture is two companies that are one, the duplicate with two contacts and an
// archived address.
type mergeFixture struct {
	s                            *odootest.Server
	survivor, duplicate, a, b, c int64
}

func newMergeFixture(t *testing.T) mergeFixture {
	s := newServer(t, odootest.Options{})
	f := mergeFixture{s: s}
	f.survivor = mustCreate(t, s, "res.partner", map[string]any{"name": "Baumarkt Keller GmbH", "is_company": true})
	f.duplicate = mustCreate(t, s, "res.partner", map[string]any{"name": "Baumarkt Keller", "is_company": true})
	f.a = mustCreate(t, s, "res.partner", map[string]any{"name": "Eva Keller", "parent_id": f.duplicate})
	f.b = mustCreate(t, s, "res.partner", map[string]any{"name": "Lager", "type": "delivery", "parent_id": f.duplicate})
	f.c = mustCreate(t, s, "res.partner", map[string]any{"name": "Altes Lager", "type": "delivery", "parent_id": f.duplicate})
	if err := s.Archive("res.partner", f.c); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMergePartnersWritesBack(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		f := newMergeFixture(t)
		c := clientFor(f.s, protocol)
		ctx := context.Background()
		blockers, err := c.PrecheckMerge(ctx, f.survivor, f.duplicate)
		if err != nil || len(blockers) != 0 {
			t.Fatalf("precheck: %v %v", blockers, err)
		}
		note := "Merged into Baumarkt Keller GmbH (partner 1) by Steward, merge 7."
		res, err := c.MergePartners(ctx, f.survivor, f.duplicate, note)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Archived || !slices.Equal(res.Reparented, []int64{f.a, f.b, f.c}) {
			t.Fatalf("result %+v", res)
		}
		recs, err := c.SearchRead(ctx, "res.partner", []any{[]any{"id", "in", []int64{f.duplicate, f.a, f.b, f.c}}}, []string{"parent_id", "active", "comment"}, Page{Order: "id"}, map[string]any{"active_test": false})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			parent, _ := r.Many2One("parent_id")
			switch r.ID() {
			case f.duplicate:
				if r.Bool("active") || !strings.Contains(r.String("comment"), note) {
					t.Errorf("duplicate not archived with its note: %v", r)
				}
			default:
				if parent != f.survivor {
					t.Errorf("partner %d still below %d", r.ID(), parent)
				}
			}
		}
		// Running it again (a retried job) changes nothing and succeeds.
		if res, err = c.MergePartners(ctx, f.survivor, f.duplicate, note); err != nil || !res.Archived {
			t.Fatalf("second run: %+v %v", res, err)
		}
	})
}

func TestPrecheckMergeBlockers(t *testing.T) {
	f := newMergeFixture(t)
	s := f.s
	c := clientFor(s, ProtocolJSONRPC)
	ctx := context.Background()
	companyA := mustCreate(t, s, "res.company", map[string]any{"name": "Keller Nord"})
	companyB := mustCreate(t, s, "res.company", map[string]any{"name": "Keller Süd"})
	inA := mustCreate(t, s, "res.partner", map[string]any{"name": "Nord Kunde", "is_company": true, "company_id": companyA})
	inB := mustCreate(t, s, "res.partner", map[string]any{"name": "Süd Kunde", "is_company": true, "company_id": companyB})
	other := mustCreate(t, s, "res.partner", map[string]any{"name": "Elektro Brandt", "is_company": true})
	otherContact := mustCreate(t, s, "res.partner", map[string]any{"name": "Eva Keller", "parent_id": other})
	login := mustCreate(t, s, "res.partner", map[string]any{"name": "Eva Keller (login)"})
	mustCreate(t, s, "res.users", map[string]any{"name": "Eva Keller", "login": "eva@keller-bau.de", "partner_id": login})
	archived := mustCreate(t, s, "res.partner", map[string]any{"name": "Keller alt", "is_company": true})
	s.Archive("res.partner", archived)
	for _, tt := range []struct {
		name                string
		survivor, duplicate int64
		code, words         string
	}{
		{"the duplicate was deleted in Odoo", f.survivor, 99999, "missing", "no longer exists in Odoo"},
		{"the survivor is archived", archived, f.duplicate, "archived", "is archived in Odoo"},
		{"the duplicate is a user's login", f.survivor, login, "user", "login of Odoo user Eva Keller (eva@keller-bau.de)"},
		{"different companies", inA, inB, "company", "belongs to company Keller Nord"},
		{"contacts of different commercial entities", f.a, otherContact, "commercial", "different commercial entities"},
		{"the survivor sits below the duplicate", f.a, f.duplicate, "recursion", "its own parent"},
		{"one partner twice", f.survivor, f.survivor, "same", "into itself"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			blockers, err := c.PrecheckMerge(ctx, tt.survivor, tt.duplicate)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, b := range blockers {
				found = found || (b.Code == tt.code && strings.Contains(b.Reason, tt.words))
			}
			if !found {
				t.Errorf("blockers %+v, want %s saying %q", blockers, tt.code, tt.words)
			}
			// MergePartners refuses with the same words and writes nothing.
			_, err = c.MergePartners(ctx, tt.survivor, tt.duplicate, "note")
			var blocked *BlockedError
			if !errors.As(err, &blocked) || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("merge: %v", err)
			}
		})
	}
	// Odoo itself refuses the same: archiving a user's partner, and a recursive parent.
	err := c.Write(ctx, "res.partner", []int64{login}, map[string]any{"active": false})
	if err == nil || !strings.Contains(err.Error(), "You cannot archive contacts linked to an active user") {
		t.Errorf("archive a login's partner: %v", err)
	}
	err = c.Write(ctx, "res.partner", []int64{f.duplicate}, map[string]any{"parent_id": f.a})
	if err == nil || !strings.Contains(err.Error(), "You cannot create recursive Partner hierarchies.") {
		t.Errorf("recursive parent: %v", err)
	}
}

// failArchive is a transport that loses the connection on the first request that archives a
// partner, as a network failure half-way through a merge would.
type failArchive struct {
	failed bool
}

func (f *failArchive) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		if !f.failed && bytes.Contains(body, []byte(`"active":false`)) {
			f.failed = true
			return nil, errors.New("connection reset by peer")
		}
	}
	return http.DefaultTransport.RoundTrip(req)
}

func TestMergeFailingHalfWaySaysWhatWasDone(t *testing.T) {
	f := newMergeFixture(t)
	ctx := context.Background()
	flaky := New(Config{URL: f.s.URL(), Database: f.s.Database(), Login: "admin", Secret: testPassword}, &http.Client{Transport: &failArchive{}})
	note := "Merged into Baumarkt Keller GmbH by Steward, merge 8."
	_, err := flaky.MergePartners(ctx, f.survivor, f.duplicate, note)
	if err == nil || !strings.Contains(err.Error(), "moved 3 contacts and addresses") || !strings.Contains(err.Error(), "could not archive partner") ||
		!strings.Contains(err.Error(), "running the merge again finishes it") {
		t.Fatalf("half-way failure: %v", err)
	}
	c := clientFor(f.s, ProtocolJSONRPC)
	recs, _ := c.Read(ctx, "res.partner", []int64{f.duplicate}, []string{"active"})
	if len(recs) != 1 || !recs[0].Bool("active") {
		t.Fatalf("the duplicate should still be active after the failure: %v", recs)
	}
	// The retry finishes the merge.
	res, err := flaky.MergePartners(ctx, f.survivor, f.duplicate, note)
	if err != nil || !res.Archived {
		t.Fatalf("retry: %+v %v", res, err)
	}
}
