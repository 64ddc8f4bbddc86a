package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// productSync sends product changes as Odoo would, through the real ingestion path.
type productSync struct {
	t    *testing.T
	db   *gorm.DB
	w    *pricingWorld
	in   *ingest.Ingester
	prod models.Product // as Steward first had it, and as the source sends it but for the fields a change sets
	ext  string
	n    int
}

func newProductSync(t *testing.T, w *pricingWorld, sku string, list, cost models.Money) *productSync {
	t.Helper()
	p := models.Product{SKU: sku, Name: "Cable tie " + sku, UoM: "EA", Currency: "EUR", ListPrice: list, Cost: cost, LifecycleStatus: models.LifecycleActive, Active: true}
	if err := models.CreateProduct(w.db, &p); err != nil {
		t.Fatal(err)
	}
	ext := "odoo-" + sku
	if err := models.CreateExternalRef(w.db, &models.ExternalRef{ChannelID: w.odoo.ID, ObjectType: models.ObjectProduct, ExternalID: ext, GoldenID: p.ID}); err != nil {
		t.Fatal(err)
	}
	return &productSync{t: t, db: w.db, w: w, in: &ingest.Ingester{DB: w.db, Decide: ingest.AcceptAll{}}, prod: p, ext: ext}
}

// send applies one change with the given list price and cost (and name, if not empty).
func (s *productSync) send(list, cost models.Money, name string) (models.Counts, models.IncomingRecord) {
	s.t.Helper()
	s.n++
	p := s.prod
	p.ID, p.Version, p.ListPrice, p.Cost = 0, 0, list, cost
	if name != "" {
		p.Name = name
	}
	got, err := s.in.Apply(context.Background(), s.w.odoo, 0, []ingest.Change{{Object: models.ObjectProduct, ExternalID: s.ext, Stamp: fmt.Sprint(s.n), Product: &p}}, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	var rec models.IncomingRecord
	if err := s.db.Where("channel_id = ? AND external_id = ?", s.w.odoo.ID, s.ext).Order("id DESC").Take(&rec).Error; err != nil {
		s.t.Fatal(err)
	}
	return got, rec
}

func (s *productSync) golden() models.Product {
	s.t.Helper()
	p, err := models.ProductByID(s.db, s.prod.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return p
}

// waiting lists the product's pending proposals as "kind new/approvers".
func (s *productSync) waiting() string {
	s.t.Helper()
	page, err := models.ListPriceProposals(s.db, models.ProposalFilter{ProductID: s.prod.ID})
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for _, p := range page.Items {
		out = append(out, fmt.Sprintf("%s %s/%d", p.Kind, p.NewPrice, p.ApprovalsNeeded))
	}
	return strings.Join(out, ", ")
}

func (s *productSync) history() int {
	s.t.Helper()
	h, err := models.PriceHistory(s.db, s.prod.ID, 0, 50)
	if err != nil {
		s.t.Fatal(err)
	}
	return len(h)
}

// With the default policy (margin floor 10 %, a sync may move a price 5 %, over 15 % needs
// two approvers), a product's list price and cost from Odoo apply or wait at the boundaries.
func TestProductSyncPricesFollowPolicy(t *testing.T) {
	cases := []struct {
		name             string
		list, cost       models.Money // Steward's before
		newList, newCost models.Money // what Odoo sends
		wantList         models.Money // golden after
		wantCost         models.Money
		wantWaiting      string // pending proposals
		wantStatus       string
		wantHistory      int
	}{
		{"list +5 % is what a sync may do", 100000, 50000, 105000, 50000, 105000, 50000, "", models.IncomingApplied, 1},
		{"list +5.01 % waits for one approver", 100000, 50000, 105010, 50000, 100000, 50000, "list_price 10.501/1", models.IncomingProposed, 0},
		{"list -5 % is what a sync may do", 100000, 50000, 95000, 50000, 95000, 50000, "", models.IncomingApplied, 1},
		{"list +15.01 % waits for two", 100000, 50000, 115010, 50000, 100000, 50000, "list_price 11.501/2", models.IncomingProposed, 0},
		{"list cut to exactly the floor applies", 101000, 90000, 100000, 90000, 100000, 90000, "", models.IncomingApplied, 1},
		{"list cut just under the floor waits for two", 101000, 90000, 99999, 90000, 101000, 90000, "list_price 9.9999/2", models.IncomingProposed, 0},
		{"cost up to exactly the floor applies", 100000, 89500, 100000, 90000, 100000, 90000, "", models.IncomingApplied, 1},
		{"cost up so the list price breaks the floor waits", 100000, 89500, 100000, 90001, 100000, 89500, "cost 9.0001/2", models.IncomingProposed, 0},
		{"cost +5.01 % waits", 100000, 50000, 100000, 52505, 100000, 50000, "cost 5.2505/1", models.IncomingProposed, 0},
		{"list and cost together within policy both apply", 100000, 90000, 105000, 94000, 105000, 94000, "", models.IncomingApplied, 2},
		// The list price waits (+6 %); judged against the list price that stays, the cost
		// rise leaves a 6 % margin, so it waits too.
		{"a cost rise does not ride on a held list price", 100000, 90000, 106000, 94000, 100000, 90000, "list_price 10.60/1, cost 9.40/2", models.IncomingProposed, 0},
		{"a zero list price waits for two", 100000, 50000, 0, 50000, 100000, 50000, "list_price 0.00/2", models.IncomingProposed, 0},
	}
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		for i, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := newProductSync(t, w, fmt.Sprintf("T-%d", i), tc.list, tc.cost)
				pubs := publishedTo(t, db, models.ObjectProduct, s.prod.ID)
				got, rec := s.send(tc.newList, tc.newCost, "")
				g := s.golden()
				if g.ListPrice != tc.wantList || g.Cost != tc.wantCost {
					t.Errorf("golden list %s cost %s, want %s %s", g.ListPrice, g.Cost, tc.wantList, tc.wantCost)
				}
				if w := s.waiting(); w != tc.wantWaiting {
					t.Errorf("waiting %q, want %q", w, tc.wantWaiting)
				}
				if rec.Status != tc.wantStatus {
					t.Errorf("incoming %s (%s), want %s", rec.Status, rec.Reasons, tc.wantStatus)
				}
				if h := s.history(); h != tc.wantHistory {
					t.Errorf("%d history entries, want %d", h, tc.wantHistory)
				}
				after := publishedTo(t, db, models.ObjectProduct, s.prod.ID)
				if held := tc.wantStatus == models.IncomingProposed; held && after[w.shop.ID] != pubs[w.shop.ID] {
					t.Errorf("a held price reached the storefront: publications %v → %v", pubs, after)
				} else if !held && after[w.shop.ID] != pubs[w.shop.ID]+1 {
					t.Errorf("an applied price was not published: %v → %v", pubs, after)
				}
				if tc.wantStatus == models.IncomingProposed {
					if got.Held != 1 || !strings.Contains(rec.Reasons, "waits for pricing approval as proposal #") {
						t.Errorf("counts %+v, reasons %s", got, rec.Reasons)
					}
					var inbox int64
					db.Model(&models.InboxItem{}).Where("golden_id = ?", s.prod.ID).Count(&inbox)
					if inbox != 0 {
						t.Errorf("%d inbox items: a held price waits on /pricing, not in the inbox", inbox)
					}
				}
			})
		}
	})
}

// A change with a held price still applies its other attributes; newer changes from the
// source replace the waiting proposal, and going back to the golden price withdraws it.
func TestProductSyncHeldPriceIsReplacedByTheSourcesNewerChange(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		s := newProductSync(t, w, "R-1", 100000, 50000)
		_, rec := s.send(80000, 50000, "Cable tie, black")
		g := s.golden()
		if g.Name != "Cable tie, black" || g.ListPrice != 100000 || rec.Status != models.IncomingProposed {
			t.Fatalf("golden %q %s, incoming %s: the name applies, the -20 %% price waits", g.Name, g.ListPrice, rec.Status)
		}
		if got := s.waiting(); got != "list_price 8.00/2" {
			t.Fatalf("waiting %q", got)
		}
		first, _ := models.ListPriceProposals(db, models.ProposalFilter{ProductID: s.prod.ID})
		// The same price again with another change keeps the proposal (and its approvals).
		s.send(80000, 50000, "Cable tie, black 100")
		if again, _ := models.ListPriceProposals(db, models.ProposalFilter{ProductID: s.prod.ID}); len(again.Items) != 1 || again.Items[0].ID != first.Items[0].ID {
			t.Fatalf("the same held price was proposed again: %+v", again.Items)
		}
		// A newer held price replaces it.
		s.send(70000, 50000, "")
		if got := s.waiting(); got != "list_price 7.00/2" {
			t.Fatalf("waiting %q after a newer price", got)
		}
		old, _ := models.PriceProposalByID(db, first.Items[0].ID)
		if old.Status != rules.ProposalRejected || !strings.Contains(old.DecisionNote, "replaced by a newer change from Odoo") {
			t.Errorf("older proposal %s %q", old.Status, old.DecisionNote)
		}
		// Odoo goes back to the golden price: nothing waits any more.
		_, rec = s.send(100000, 50000, "")
		if got := s.waiting(); got != "" || rec.Status != models.IncomingUnchanged {
			t.Errorf("waiting %q, incoming %s after Odoo went back", got, rec.Status)
		}
		// A held price, then a newer one within policy: that applies and the proposal goes.
		s.send(60000, 50000, "")
		s.send(102000, 50000, "")
		if got, g := s.waiting(), s.golden(); got != "" || g.ListPrice != 102000 {
			t.Errorf("waiting %q, list %s", got, g.ListPrice)
		}
		if h := s.history(); h != 1 {
			t.Errorf("%d history entries, want the applied +2 %%", h)
		}
	})
}

// A price a person proposed waits: a sync change policy wants approved cannot replace it
// (held in the inbox for a pricing steward), one within policy applies.
func TestProductSyncPriceBesideAPersonsProposal(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		s := newProductSync(t, w, "P-1", 100000, 50000)
		mine := models.PriceProposal{Kind: rules.PriceList, ProductID: s.prod.ID, PriceKey: rules.PriceKey(rules.PriceList, s.prod.ID, 0, nil, 0),
			Currency: "EUR", HasOld: true, OldPrice: 100000, NewPrice: 110000, ProposedBy: &w.manager.ID, ProposedByName: "manager", Reason: "supplier increase", ApprovalsNeeded: 1}
		if err := models.CreatePriceProposal(db, models.SystemActor("test"), &mine); err != nil {
			t.Fatal(err)
		}
		_, rec := s.send(70000, 50000, "")
		var it models.InboxItem
		if err := db.Where("incoming_record_id = ?", rec.ID).Take(&it).Error; err != nil || it.Reason != models.ReasonPricing || rec.Status != models.IncomingHeld {
			t.Fatalf("incoming %s, item %+v %v", rec.Status, it, err)
		}
		if !strings.Contains(it.Reasons, fmt.Sprintf("Proposal #%d already changes this price", mine.ID)) {
			t.Errorf("reasons %s", it.Reasons)
		}
		_, rec = s.send(103000, 50000, "")
		if g := s.golden(); g.ListPrice != 103000 || rec.Status != models.IncomingApplied {
			t.Errorf("list %s, incoming %s: within policy applies beside the waiting proposal", g.ListPrice, rec.Status)
		}
	})
}

// A price-list price Odoo sent under the floor waits; when Odoo goes back to the golden
// price, or sends a newer price within policy, the waiting proposal is withdrawn, so
// nobody can later approve a price the source itself gave up.
func TestSyncRuleProposalIsWithdrawnWhenOdooGoesBack(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db) // cost 5.00
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: w.odoo.ID, ObjectType: models.ObjectProduct, ExternalID: "100", GoldenID: w.product.ID}); err != nil {
			t.Fatal(err)
		}
		in := &ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}
		rule := func(stamp string, price models.Money) {
			t.Helper()
			c := ingest.Change{Object: models.ObjectPriceRule, ExternalID: "55", Stamp: stamp, ProductRef: "100", PriceListRef: "3",
				RefName: "Wholesale", Currency: "EUR", PriceRule: &models.PriceRule{Price: price}}
			if _, err := in.Apply(context.Background(), w.odoo, 0, []ingest.Change{c}, nil); err != nil {
				t.Fatal(err)
			}
		}
		pending := func() int {
			page, _ := models.ListPriceProposals(db, models.ProposalFilter{})
			return len(page.Items)
		}
		rule("a", 100000)
		rule("b", 54000) // under the floor: waits
		if n := pending(); n != 1 {
			t.Fatalf("%d waiting after the cut", n)
		}
		rule("c", 100000) // back to the golden price
		if n := pending(); n != 0 {
			t.Errorf("%d waiting after Odoo went back", n)
		}
		rule("d", 54000)
		rule("e", 102000) // +2 %: applies, and replaces the waiting cut
		if n := pending(); n != 0 {
			t.Errorf("%d waiting after a newer change within policy", n)
		}
		var r models.PriceRule
		db.Take(&r, mustRule(t, db, w.odoo.ID))
		if r.Price != 102000 {
			t.Errorf("golden price %s", r.Price)
		}
	})
}
