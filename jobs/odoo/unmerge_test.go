package odoo

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestUnmergePartnersTakesTheMergeBack(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		f := newMergeFixture(t)
		c := clientFor(f.s, protocol)
		ctx := context.Background()
		own := mustCreate(t, f.s, "res.partner", map[string]any{"name": "Jonas Keller", "parent_id": f.survivor})
		if err := f.s.Write("res.partner", []int64{f.duplicate}, map[string]any{"comment": "Pays by SEPA."}); err != nil {
			t.Fatal(err)
		}
		note := "Merged into partner 1 by Steward (merge 7); kept archived so that the merge can be undone."
		merged, err := c.MergePartners(ctx, f.survivor, f.duplicate, note)
		if err != nil {
			t.Fatal(err)
		}
		// A contact the merge moved is deleted in Odoo since; the others go back.
		if err := f.s.Unlink("res.partner", f.b); err != nil {
			t.Fatal(err)
		}
		res, err := c.UnmergePartners(ctx, f.survivor, f.duplicate, merged.Reparented, note)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Active || !slices.Equal(res.Restored, []int64{f.a, f.c}) || !slices.Equal(res.Gone, []int64{f.b}) {
			t.Fatalf("result %+v", res)
		}
		recs, err := c.SearchRead(ctx, "res.partner", []any{[]any{"id", "in", []int64{f.duplicate, f.a, f.c, own}}}, []string{"parent_id", "active", "comment"}, Page{Order: "id"}, map[string]any{"active_test": false})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			parent, _ := r.Many2One("parent_id")
			switch r.ID() {
			case f.duplicate:
				if !r.Bool("active") || strings.Contains(r.String("comment"), "Merged into") || !strings.Contains(r.String("comment"), "Pays by SEPA.") {
					t.Errorf("duplicate not restored as it was: %v", r)
				}
			case own:
				if parent != f.survivor {
					t.Errorf("the survivor's own contact moved to %d", parent)
				}
			case f.c:
				if parent != f.duplicate || r.Bool("active") {
					t.Errorf("archived address: below %d, active %v", parent, r.Bool("active"))
				}
			default:
				if parent != f.duplicate {
					t.Errorf("partner %d below %d, want %d", r.ID(), parent, f.duplicate)
				}
			}
		}
		// A retried job changes nothing and succeeds.
		if res, err = c.UnmergePartners(ctx, f.survivor, f.duplicate, merged.Reparented, note); err != nil || !res.Active || len(res.Restored) != 0 {
			t.Fatalf("second run: %+v %v", res, err)
		}
	})
}

func TestUnmergePartnersBlockers(t *testing.T) {
	f := newMergeFixture(t)
	c := clientFor(f.s, ProtocolJSONRPC)
	ctx := context.Background()
	merged, err := c.MergePartners(ctx, f.survivor, f.duplicate, "note")
	if err != nil {
		t.Fatal(err)
	}
	other := mustCreate(t, f.s, "res.partner", map[string]any{"name": "Elektro Brandt", "is_company": true})
	if err := f.s.Write("res.partner", []int64{f.a}, map[string]any{"parent_id": other}); err != nil {
		t.Fatal(err)
	}
	_, err = c.UnmergePartners(ctx, f.survivor, f.duplicate, merged.Reparented, "note")
	var blocked *BlockedError
	if !errors.As(err, &blocked) || !strings.Contains(err.Error(), `was moved below "Elektro Brandt" (partner`) || !strings.Contains(err.Error(), "move it back below partner") {
		t.Fatalf("moved contact: %v", err)
	}
	recs, _ := c.Read(ctx, "res.partner", []int64{f.duplicate, f.b}, []string{"active", "parent_id"})
	for _, r := range recs {
		if parent, _ := r.Many2One("parent_id"); r.ID() == f.duplicate && r.Bool("active") || r.ID() == f.b && parent != f.survivor {
			t.Errorf("a blocked unmerge wrote to Odoo: %v", r)
		}
	}
	if err := f.s.Unlink("res.partner", f.duplicate); err != nil {
		t.Fatal(err)
	}
	_, err = c.UnmergePartners(ctx, f.survivor, f.duplicate, nil, "note")
	if !errors.As(err, &blocked) || !strings.Contains(err.Error(), "no longer exists in Odoo: it was deleted there, so Steward cannot bring it back") {
		t.Fatalf("deleted duplicate: %v", err)
	}
}
