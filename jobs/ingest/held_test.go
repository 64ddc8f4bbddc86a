package ingest_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// holdAll is a policy under which the source owns nothing: every change waits.
type holdAll struct{ ingest.AcceptAll }

func (holdAll) Ownership(domain, source string, changed []string) ingest.Verdict {
	return ingest.Verdict{Held: changed, Reasons: []string{"Odoo owns the " + domain + "; a change from " + source + " waits for a steward."}}
}

// heldScene is Odoo's golden product EL-1 and a shop whose changes wait in the inbox.
type heldScene struct {
	db         *gorm.DB
	odoo, shop models.Channel
	product    models.Product
	steward    models.Actor
}

func newHeldScene(t *testing.T, db *gorm.DB) *heldScene {
	t.Helper()
	ctx := context.Background()
	s := &heldScene{db: db, steward: models.Actor{ID: 0, Name: "sam@example.com"}}
	s.odoo = channel(t, db, "Odoo", models.ChannelOdoo, models.DirectionBoth)
	s.shop = channel(t, db, "Shop", models.ChannelShopify, models.DirectionBoth)
	if _, err := (&ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}).Apply(ctx, s.odoo, 0, []ingest.Change{product("1", "s1", "EL-1", "Cable tie", 125000)}, nil); err != nil {
		t.Fatal(err)
	}
	// The shop knows the product too (linked by SKU), so its prices and stock can refer to it.
	if _, err := (&ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}).Apply(ctx, s.shop, 0, []ingest.Change{product("gid-1", "t0", "EL-1", "Cable tie", 125000)}, nil); err != nil {
		t.Fatal(err)
	}
	s.product, _ = models.ProductBySKU(db, "EL-1")
	return s
}

// hold sends changes from the shop under a policy that holds them and returns the items.
func (s *heldScene) hold(t *testing.T, d ingest.Decider, changes ...ingest.Change) []models.InboxItem {
	t.Helper()
	var before int64
	s.db.Model(&models.InboxItem{}).Select("COALESCE(max(id), 0)").Scan(&before)
	got, err := (&ingest.Ingester{DB: s.db, Decide: d}).Apply(context.Background(), s.shop, 0, changes, nil)
	if err != nil || got.Held != int64(len(changes)) {
		t.Fatalf("hold: %+v %v", got, err)
	}
	var items []models.InboxItem
	s.db.Where("id > ?", before).Order("id").Find(&items)
	return items
}

func (s *heldScene) decide(t *testing.T, it models.InboxItem, d ingest.Decision) (models.InboxItem, error) {
	t.Helper()
	if d.Who.Name == "" {
		d.Who = s.steward
	}
	var out models.InboxItem
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = ingest.Decide(tx, it.ID, it.Version, d)
		return err
	})
	return out, err
}

func TestApproveAppliesTheHeldChangeOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		items := s.hold(t, holdPrices{}, product("gid-1", "t1", "EL-1", "Cable tie", 120000))
		it := items[0]
		pubsBefore := count(t, db, &models.Publication{}, "")
		got, err := s.decide(t, it, ingest.Decision{Status: models.InboxApproved})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != models.InboxApproved || got.DecidedBy != "sam@example.com" || got.DecidedAt == nil || got.Version != 2 {
			t.Errorf("decided item %+v", got)
		}
		p, _ := models.ProductByID(db, s.product.ID)
		if p.ListPrice != 120000 || p.Version != s.product.Version+1 {
			t.Errorf("product after approval: price %v version %d", p.ListPrice, p.Version)
		}
		// Audited and published exactly as an automatic apply, by the steward.
		evs, _ := models.ListAudit(db, models.AuditFilter{Action: "product.update"})
		if len(evs) != 1 || evs[0].Actor != "sam@example.com" || !strings.Contains(evs[0].Reason, "approved in the inbox") || !strings.Contains(evs[0].After, `"list_price":120000`) {
			t.Errorf("product audit %+v", evs)
		}
		if n := count(t, db, &models.Publication{}, "") - pubsBefore; n != 1 {
			t.Errorf("%d publications queued, want 1 (to Odoo, the other destination)", n)
		}
		var rec models.IncomingRecord
		db.Take(&rec, *it.IncomingRecordID)
		if rec.Status != models.IncomingApplied {
			t.Errorf("incoming record status %q", rec.Status)
		}
		// The same decision again, at the version the steward saw, applies nothing.
		if _, err := s.decide(t, it, ingest.Decision{Status: models.InboxApproved}); !errors.Is(err, models.ErrStale) {
			t.Errorf("a second approval: %v, want ErrStale", err)
		}
		if n := count(t, db, &models.AuditEvent{}, "action = ?", "inbox.approve"); n != 1 {
			t.Errorf("%d inbox.approve events", n)
		}
		if p2, _ := models.ProductByID(db, s.product.ID); p2.Version != p.Version {
			t.Errorf("a second approval moved the product to version %d", p2.Version)
		}
	})
}

func TestEditThenApproveKeepsBothValuesAndSendsTheFixBack(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
			t.Fatal(err)
		}
		items := s.hold(t, holdPrices{}, product("gid-1", "t1", "EL-1", "Cable tie", 120000))
		_, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxApproved, Edits: map[string]string{"list_price": "ten"}})
		if rules.KindOf(err) != rules.Invalid || !strings.Contains(err.(*rules.Error).Fields["list_price"], "Enter an amount") {
			t.Fatalf("an unreadable price: %v", err)
		}
		if it, _ := models.InboxItemByID(db, items[0].ID); it.Status != models.InboxOpen {
			t.Fatalf("a refused edit decided the item: %+v", it)
		}
		got, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxApproved, Edits: map[string]string{"list_price": "12.10", "name": "Cable tie"}})
		if err != nil {
			t.Fatal(err)
		}
		edits := got.EditList()
		if len(edits) != 1 || edits[0] != (models.FieldEdit{Field: "list_price", Source: "12.00", Steward: "12.10", Owner: "odoo", SendBack: true}) {
			t.Errorf("recorded edits %+v", edits)
		}
		if p, _ := models.ProductByID(db, s.product.ID); p.ListPrice != 121000 {
			t.Errorf("list price %v, want the steward's 12.10", p.ListPrice)
		}
		// The incoming record keeps what the source sent.
		var rec models.IncomingRecord
		db.Take(&rec, *items[0].IncomingRecordID)
		if !strings.Contains(rec.Payload, `"ListPrice":120000`) {
			t.Errorf("the source's value was overwritten: %s", rec.Payload)
		}
		var back []models.Publication
		db.Where("summary LIKE ?", "Send back%").Find(&back)
		if len(back) != 1 || back[0].ChannelID != s.odoo.ID || !strings.Contains(back[0].Summary, `list_price "12.10" (Shop sent "12.00")`) {
			t.Errorf("send-back publications %+v", back)
		}
	})
}

func TestRejectNeedsAReasonAndChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		items := s.hold(t, holdPrices{}, product("gid-1", "t1", "EL-1", "Cable tie", 99000))
		if _, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxRejected, Note: " "}); rules.KindOf(err) != rules.Invalid {
			t.Fatalf("a rejection without a reason: %v", err)
		}
		got, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxRejected, Note: "9.90 is a typo in the shop"})
		if err != nil || got.Status != models.InboxRejected || got.DecisionNote != "9.90 is a typo in the shop" {
			t.Fatalf("reject: %+v %v", got, err)
		}
		if p, _ := models.ProductByID(db, s.product.ID); p.ListPrice != 125000 || p.Version != s.product.Version {
			t.Errorf("a rejection changed the product: %+v", p)
		}
		var rec models.IncomingRecord
		db.Take(&rec, *items[0].IncomingRecordID)
		if rec.Status != models.IncomingRejected || !strings.Contains(rec.Reasons, "9.90 is a typo") {
			t.Errorf("incoming record %s %s", rec.Status, rec.Reasons)
		}
		if n := count(t, db, &models.AuditEvent{}, "action = ?", "inbox.reject"); n != 1 {
			t.Errorf("%d rejections audited", n)
		}
	})
}

func TestApproveEveryDomain(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		items := s.hold(t, holdAll{},
			ingest.Change{Object: models.ObjectCustomer, ExternalID: "c-7", Stamp: "a", Customer: &models.Customer{Name: "Hansa Elektro", Currency: "EUR", Country: "DE", Active: true}},
			ingest.Change{Object: models.ObjectPriceRule, ExternalID: "pr-1", Stamp: "a", ProductRef: "gid-1", PriceListRef: "b2b", RefName: "Shop B2B", PriceRule: &models.PriceRule{Price: 95000, MinQuantity: 10}},
			ingest.Change{Object: models.ObjectInventory, ExternalID: "st-1", Stamp: "a", ProductRef: "gid-1", LocationRef: "wh", RefName: "SHOP/WH", Inventory: &models.InventoryLevel{OnHand: 12}},
		)
		for _, it := range items {
			if _, err := s.decide(t, it, ingest.Decision{Status: models.InboxApproved}); err != nil {
				t.Fatalf("approve %s item: %v", it.Domain, err)
			}
		}
		if n := count(t, db, &models.Customer{}, "name = ?", "Hansa Elektro"); n != 1 {
			t.Errorf("%d customers created", n)
		}
		rules, _ := models.PriceRulesFor(db, s.product.ID, 0)
		if len(rules) != 1 || rules[0].Price != 95000 || rules[0].PriceListName != "Shop B2B" {
			t.Errorf("price rules %+v", rules)
		}
		inv, _ := models.InventoryFor(db, s.product.ID)
		if len(inv) != 1 || inv[0].OnHand != 12 {
			t.Errorf("stock %+v", inv)
		}
		if n := count(t, db, &models.AuditEvent{}, "action = ?", "inbox.approve"); n != 3 {
			t.Errorf("%d approvals audited", n)
		}
	})
}

func TestApprovingADuplicateSKUIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		// A second shop product with the SKU the shop already links as gid-1 is held as a
		// duplicate; approving cannot make two shop products one golden record.
		ctx := context.Background()
		got, err := (&ingest.Ingester{DB: db, Decide: ingest.AcceptAll{}}).Apply(ctx, s.shop, 0, []ingest.Change{product("gid-2", "t1", "EL-1", "Cable tie again", 125000)}, nil)
		if err != nil || got.Held != 1 {
			t.Fatalf("duplicate: %+v %v", got, err)
		}
		var it models.InboxItem
		db.Where("reason = ?", models.ReasonDuplicate).Take(&it)
		_, err = s.decide(t, it, ingest.Decision{Status: models.InboxApproved})
		if rules.KindOf(err) != rules.Conflict || !strings.Contains(rules.MessageOf(err), "SKU EL-1 already belongs") {
			t.Fatalf("approving a duplicate: %v", err)
		}
		if after, _ := models.InboxItemByID(db, it.ID); after.Status != models.InboxOpen || count(t, db, &models.InboxItem{}, "") != 1 {
			t.Errorf("a refused approval left %+v and %d items", after, count(t, db, &models.InboxItem{}, ""))
		}
		// With the SKU fixed, it becomes a product of its own.
		if _, err := s.decide(t, it, ingest.Decision{Status: models.InboxApproved, Edits: map[string]string{"sku": "EL-1B"}}); err != nil {
			t.Fatalf("approve with a new SKU: %v", err)
		}
		if _, err := models.ProductBySKU(db, "EL-1B"); err != nil {
			t.Errorf("EL-1B: %v", err)
		}
	})
}

func TestDecideAllSkipsWhatIsNotTheirs(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newHeldScene(t, db)
		items := s.hold(t, holdAll{},
			product("gid-1", "t1", "EL-1", "Cable tie", 99000),
			ingest.Change{Object: models.ObjectPriceRule, ExternalID: "pr-1", Stamp: "a", ProductRef: "gid-1", PriceListRef: "b2b", PriceRule: &models.PriceRule{Price: 95000}},
		)
		// Someone else rejected the product first.
		if _, err := s.decide(t, items[0], ingest.Decision{Status: models.InboxRejected, Note: "no", Who: models.Actor{Name: "ada@example.com"}}); err != nil {
			t.Fatal(err)
		}
		var tally models.BulkTally
		err := db.Transaction(func(tx *gorm.DB) error {
			var err error
			tally, err = ingest.DecideAll(tx, items, ingest.Decision{Status: models.InboxApproved, Who: s.steward}, func(d string) bool { return d == rules.DomainProduct })
			return err
		})
		if err != nil || tally.Decided != 0 || tally.Skipped != 2 || len(tally.Problems) != 1 || !strings.Contains(tally.Problems[0], "prices are not yours to decide") {
			t.Errorf("tally %+v %v", tally, err)
		}
	})
}

// Eight stewards approve the same item at the same moment on PostgreSQL: one wins, the
// others are told it was decided, and the change is applied and audited once.
func TestConcurrentApprovalsApplyOnce(t *testing.T) {
	db := testdb.Postgres(t)
	s := newHeldScene(t, db)
	it := s.hold(t, holdPrices{}, product("gid-1", "t1", "EL-1", "Cable tie", 120000))[0]
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = db.Transaction(func(tx *gorm.DB) error {
				_, err := ingest.Decide(tx, it.ID, it.Version, ingest.Decision{Status: models.InboxApproved, Who: models.Actor{Name: "steward " + string(rune('A'+i))}})
				return err
			})
		}(i)
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, models.ErrStale):
			t.Errorf("a losing approval failed with %v, want ErrStale", err)
		}
	}
	p, _ := models.ProductByID(db, s.product.ID)
	if won != 1 || p.Version != s.product.Version+1 || count(t, db, &models.AuditEvent{}, "action = ?", "product.update") != 1 || count(t, db, &models.AuditEvent{}, "action = ?", "inbox.approve") != 1 {
		t.Errorf("%d approvals won, product version %d, %d product audits", won, p.Version, count(t, db, &models.AuditEvent{}, "action = ?", "product.update"))
	}
}
