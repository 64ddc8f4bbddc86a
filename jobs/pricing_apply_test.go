package jobs_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// pricingWorld is a catalogue with an Odoo, a public storefront, a B2B portal and an EDI
// partner, one product, one price list and one customer whom only the portal carries.
type pricingWorld struct {
	db                      *gorm.DB
	odoo, shop, portal, edi models.Channel
	product                 models.Product
	list                    models.PriceList
	customer                models.Customer
	manager                 models.User
}

func newPricingWorld(t *testing.T, db *gorm.DB) *pricingWorld {
	t.Helper()
	w := &pricingWorld{db: db}
	mk := func(name, kind, dir string, public bool) models.Channel {
		ch := models.Channel{Name: name, Kind: kind, Direction: dir, Active: true, Public: public}
		if err := models.CreateChannel(db, &ch); err != nil {
			t.Fatal(err)
		}
		return ch
	}
	w.odoo = mk("Odoo", models.ChannelOdoo, models.DirectionBoth, false)
	w.shop = mk("Shopify storefront", models.ChannelShopify, models.DirectionDestination, true)
	w.portal = mk("B2B portal", models.ChannelPortal, models.DirectionDestination, false)
	w.edi = mk("EDI partner", models.ChannelEDI, models.DirectionDestination, false)
	w.product = models.Product{SKU: "EL-1", Name: "Cable tie", UoM: "EA", Currency: "EUR", ListPrice: 100000, Cost: 50000, LifecycleStatus: models.LifecycleActive, Active: true}
	if err := models.CreateProduct(db, &w.product); err != nil {
		t.Fatal(err)
	}
	w.list = models.PriceList{Name: "Wholesale", Currency: "EUR", Active: true, Version: 1}
	if err := db.Create(&w.list).Error; err != nil {
		t.Fatal(err)
	}
	w.customer = models.Customer{Name: "Hansa Elektro", Currency: "EUR", Active: true, PriceListID: &w.list.ID}
	if err := models.CreateCustomer(db, &w.customer); err != nil {
		t.Fatal(err)
	}
	// The portal carries the customer; so does the storefront, wrongly: routing must still
	// keep the customer's price away from it.
	for _, ch := range []models.Channel{w.portal, w.shop} {
		ref := models.ExternalRef{ChannelID: ch.ID, ObjectType: models.ObjectCustomer, ExternalID: "C-" + ch.Name, GoldenID: w.customer.ID}
		if err := models.CreateExternalRef(db, &ref); err != nil {
			t.Fatal(err)
		}
	}
	w.manager = models.User{Email: "manager@example.com", PasswordHash: "x", Active: true}
	if err := models.CreateUser(db, &w.manager); err != nil {
		t.Fatal(err)
	}
	return w
}

// approved stores a proposal approved to go live at effective.
func (w *pricingWorld) approved(t *testing.T, p models.PriceProposal, effective time.Time) models.PriceProposal {
	t.Helper()
	p.Status, p.EffectiveAt, p.ApprovalsNeeded = rules.ProposalApproved, &effective, 1
	p.Currency, p.ProductID, p.HasOld = "EUR", w.product.ID, true
	if p.PriceKey == "" {
		p.PriceKey = rules.PriceKey(p.Kind, p.ProductID, deref(p.PriceListID), p.CustomerID, p.MinQuantity)
	}
	p.ProposedByName, p.Reason = "pricing@example.com", "supplier increase"
	if err := models.CreatePriceProposal(w.db, models.SystemActor("test"), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func publishedTo(t *testing.T, db *gorm.DB, objectType string, goldenID int64) map[int64]int {
	t.Helper()
	var ps []models.Publication
	if err := db.Where("object_type = ? AND golden_id = ?", objectType, goldenID).Find(&ps).Error; err != nil {
		t.Fatal(err)
	}
	out := map[int64]int{}
	for _, p := range ps {
		out[p.ChannelID]++
	}
	return out
}

func TestApprovedPriceGoesLiveOnItsDate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		friday := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		monday := rules.EffectiveAt(rules.DefaultPricingPolicy(), friday, nil)
		p := w.approved(t, models.PriceProposal{Kind: rules.PriceList, OldPrice: 100000, NewPrice: 110000}, monday)
		now := friday
		a := &jobs.PriceApplier{DB: db, Now: func() time.Time { return now }}

		run, err := a.Run(context.Background())
		if err != nil || run.Applied != 0 {
			t.Fatalf("on Friday: %+v %v, want nothing applied", run, err)
		}
		if got, _ := models.ProductByID(db, w.product.ID); got.ListPrice != 100000 {
			t.Fatalf("list price moved before its date: %s", got.ListPrice)
		}
		now = monday.Add(-time.Second)
		if run, _ := a.Run(context.Background()); run.Applied != 0 {
			t.Fatalf("a second before Monday: %+v", run)
		}
		now = monday
		if run, err := a.Run(context.Background()); err != nil || run.Applied != 1 {
			t.Fatalf("on Monday: %+v %v", run, err)
		}
		got, _ := models.ProductByID(db, w.product.ID)
		if got.ListPrice != 110000 || got.Version != 2 {
			t.Errorf("golden product %s v%d, want 11.00 v2", got.ListPrice, got.Version)
		}
		done, _ := models.PriceProposalByID(db, p.ID)
		if done.Status != rules.ProposalApplied || done.AppliedAt == nil || !done.AppliedAt.Equal(monday) {
			t.Errorf("proposal %s at %v", done.Status, done.AppliedAt)
		}
		// Every channel that shows the list price hears of it, the public storefront too.
		to := publishedTo(t, db, models.ObjectProduct, w.product.ID)
		for _, ch := range []models.Channel{w.odoo, w.shop, w.portal, w.edi} {
			if to[ch.ID] != 1 {
				t.Errorf("%s got %d publications, want 1", ch.Name, to[ch.ID])
			}
		}
		var n int64
		db.Model(&models.AuditEvent{}).Where("action IN ?", []string{"product.price", "price_proposal.apply"}).Count(&n)
		if n != 2 {
			t.Errorf("%d audit events, want the price change and the proposal's", n)
		}
		// Applied once: the next minute finds nothing due.
		now = monday.Add(time.Minute)
		if run, _ := a.Run(context.Background()); run.Applied != 0 {
			t.Errorf("applied again: %+v", run)
		}
		hist, err := models.PriceHistory(db, w.product.ID, 0, 10)
		if err != nil || len(hist) != 1 || hist[0].NewPrice != 110000 {
			t.Errorf("history %+v %v", hist, err)
		}
	})
}

func TestCustomerPriceNeverReachesAPublicChannel(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
		cid := w.customer.ID
		w.approved(t, models.PriceProposal{Kind: rules.PriceRule, PriceListID: &w.list.ID, CustomerID: &cid, MinQuantity: 10, NewPrice: 90000, HasOld: false}, now)
		// A general price on the same list reaches everyone, for contrast.
		general := w.approved(t, models.PriceProposal{Kind: rules.PriceRule, PriceListID: &w.list.ID, NewPrice: 95000}, now)
		a := &jobs.PriceApplier{DB: db, Now: func() time.Time { return now }}
		if run, err := a.Run(context.Background()); err != nil || run.Applied != 2 {
			t.Fatalf("run %+v %v", run, err)
		}
		rs, _ := models.PriceRulesFor(db, 0, cid)
		if len(rs) != 1 || rs[0].Price != 90000 || rs[0].MinQuantity != 10 {
			t.Fatalf("customer rule %+v", rs)
		}
		to := publishedTo(t, db, models.ObjectPriceRule, rs[0].ID)
		if to[w.shop.ID] != 0 {
			t.Errorf("the customer's price was published to the public storefront")
		}
		if to[w.edi.ID] != 0 || to[w.odoo.ID] != 0 {
			t.Errorf("the customer's price went to channels that do not carry the customer: %v", to)
		}
		if to[w.portal.ID] != 1 {
			t.Errorf("the portal that carries the customer got %d publications, want 1", to[w.portal.ID])
		}
		var shopPubs []models.Publication
		db.Where("channel_id = ?", w.shop.ID).Find(&shopPubs)
		for _, p := range shopPubs {
			if p.ObjectType == models.ObjectPriceRule && p.GoldenID == rs[0].ID {
				t.Errorf("storefront publication %+v carries the customer's price", p)
			}
		}
		done, _ := models.PriceProposalByID(db, general.ID)
		if to := publishedTo(t, db, models.ObjectPriceRule, *done.PriceRuleID); to[w.shop.ID] != 1 || to[w.portal.ID] != 1 {
			t.Errorf("general price publications %v", to)
		}
	})
}

func TestApprovedPriceIsWrittenBackToOdoo(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		srv := odootest.New(odootest.Options{})
		defer srv.Close()
		tmpl, err := srv.Create("product.template", map[string]any{"name": "Cable tie", "list_price": 10.0})
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := srv.Get("product.template", tmpl)
		variant := firstID(rec["product_variant_ids"])
		pl, err := srv.Create("product.pricelist", map[string]any{"name": "Wholesale"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []models.ExternalRef{
			{ChannelID: w.odoo.ID, ObjectType: models.ObjectProduct, ExternalID: itoa(variant), GoldenID: w.product.ID},
			{ChannelID: w.odoo.ID, ObjectType: ingest.ObjectPriceList, ExternalID: itoa(pl), GoldenID: w.list.ID},
		} {
			if err := models.CreateExternalRef(db, &r); err != nil {
				t.Fatal(err)
			}
		}
		now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
		list := w.approved(t, models.PriceProposal{Kind: rules.PriceList, OldPrice: 100000, NewPrice: 112500}, now)
		rule := w.approved(t, models.PriceProposal{Kind: rules.PriceRule, PriceListID: &w.list.ID, MinQuantity: 5, NewPrice: 99900}, now)

		// Odoo is down: nothing is applied, the error is kept for /pricing, and the next
		// run tries again.
		down := odootest.New(odootest.Options{})
		down.Close()
		client := func(url string) func(models.Channel) (*odoo.Client, error) {
			return func(models.Channel) (*odoo.Client, error) {
				return odoo.New(odoo.Config{URL: url, Database: "odoo", Login: "admin", Secret: "admin", Timeout: 5 * time.Second}, nil), nil
			}
		}
		a := &jobs.PriceApplier{DB: db, Now: func() time.Time { return now }, Odoo: client(down.URL())}
		if run, _ := a.Run(context.Background()); run.Applied != 0 || run.Failed != 2 {
			t.Fatalf("with Odoo down: %+v", run)
		}
		held, _ := models.PriceProposalByID(db, list.ID)
		if held.Status != rules.ProposalApproved || held.ApplyAttempts != 1 || !strings.Contains(held.ApplyError, "Odoo") {
			t.Errorf("after a failed write-back: %s attempts %d error %q", held.Status, held.ApplyAttempts, held.ApplyError)
		}
		if got, _ := models.ProductByID(db, w.product.ID); got.ListPrice != 100000 {
			t.Errorf("golden price changed although Odoo refused it")
		}
		if to := publishedTo(t, db, models.ObjectProduct, w.product.ID); len(to) != 0 {
			t.Errorf("channels heard of a price Odoo does not have: %v", to)
		}

		a.Odoo = client(srv.URL())
		if run, err := a.Run(context.Background()); err != nil || run.Applied != 2 {
			t.Fatalf("with Odoo up: %+v %v", run, err)
		}
		got, _ := srv.Get("product.template", tmpl)
		if got["list_price"] != 11.25 {
			t.Errorf("Odoo's list price is %v, want 11.25", got["list_price"])
		}
		done, _ := models.PriceProposalByID(db, rule.ID)
		item := strings.TrimPrefix(done.OdooRef, itoa(w.odoo.ID)+":")
		it, ok := srv.Get("product.pricelist.item", parseID(item))
		if !ok || it["fixed_price"] != 9.99 || it["min_quantity"] != 5.0 || it["applied_on"] != "0_product_variant" {
			t.Errorf("Odoo pricelist item %v (ref %q)", it, done.OdooRef)
		}
		if id, err := models.ExternalRefGolden(db, w.odoo.ID, models.ObjectPriceRule, item); err != nil || id != *done.PriceRuleID {
			t.Errorf("the new rule is not linked to its Odoo item: %d %v", id, err)
		}
		// Odoo was written directly; it gets no publication of the same price.
		if to := publishedTo(t, db, models.ObjectProduct, w.product.ID); to[w.odoo.ID] != 0 || to[w.portal.ID] != 1 {
			t.Errorf("publications after write-back %v", to)
		}
	})
}

func firstID(v any) int64 {
	switch ids := v.(type) {
	case []int64:
		if len(ids) > 0 {
			return ids[0]
		}
	case []any:
		if len(ids) > 0 {
			n, _ := ids[0].(int64)
			return n
		}
	}
	return 0
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPricingJobRunsInTheQueue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		monday := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
		p := w.approved(t, models.PriceProposal{Kind: rules.PriceCost, OldPrice: 50000, NewPrice: 52000}, monday)
		r, err := jobs.NewRunner(jobs.Config{DB: db, Now: func() time.Time { return monday }, ScheduleCheck: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			r.Stop(ctx)
		}()
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if got, _ := models.PriceProposalByID(db, p.ID); got.Status == rules.ProposalApplied {
				if prod, _ := models.ProductByID(db, w.product.ID); prod.Cost != 52000 {
					t.Errorf("cost %s after the job, want 5.20", prod.Cost)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatal("the periodic pricing job did not apply the due change within 30 s")
	})
}

func TestUndecidedProposalsLapse(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newPricingWorld(t, db)
		created := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		exp := rules.ProposalExpiry(rules.DefaultPricingPolicy(), created)
		p := models.PriceProposal{Kind: rules.PriceList, ProductID: w.product.ID, NewPrice: 120000, ApprovalsNeeded: 1, ExpiresAt: exp,
			PriceKey: rules.PriceKey(rules.PriceList, w.product.ID, 0, nil, 0)}
		if err := models.CreatePriceProposal(db, models.SystemActor("test"), &p); err != nil {
			t.Fatal(err)
		}
		now := exp.Add(-time.Second)
		a := &jobs.PriceApplier{DB: db, Now: func() time.Time { return now }}
		if run, _ := a.Run(context.Background()); run.Expired != 0 {
			t.Fatalf("lapsed a second early: %+v", run)
		}
		now = *exp
		if run, _ := a.Run(context.Background()); run.Expired != 1 {
			t.Fatalf("did not lapse on time: %+v", run)
		}
		if got, _ := models.PriceProposalByID(db, p.ID); got.Status != rules.ProposalExpired {
			t.Errorf("status %s, want expired", got.Status)
		}
	})
}
