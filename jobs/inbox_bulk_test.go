package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// holdPrices holds every change of a list price for a steward.
type holdPrices struct{ ingest.AcceptAll }

func (holdPrices) Ownership(_, source string, changed []string) ingest.Verdict {
	v := ingest.Verdict{Reasons: []string{"Odoo owns the list price of products; a change from " + source + " waits for a steward."}}
	for _, f := range changed {
		if f == "list_price" {
			v.Held = append(v.Held, f)
		} else {
			v.Apply = append(v.Apply, f)
		}
	}
	return v
}

// seedHeldPrices stores n golden products and a shop's new price for each, held in the
// inbox; it returns the shop channel.
func seedHeldPrices(t *testing.T, db *gorm.DB, n int) models.Channel {
	t.Helper()
	odooChannel(t, db)
	shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &shop); err != nil {
		t.Fatal(err)
	}
	ps := make([]models.Product, n)
	changes := make([]ingest.Change, n)
	for i := range ps {
		sku := fmt.Sprintf("P-%05d", i+1)
		ps[i] = models.Product{SKU: sku, Name: fmt.Sprintf("Product %d", i+1), UoM: "EA", Currency: "EUR", ListPrice: 100000, Active: true, LifecycleStatus: models.LifecycleActive, Version: 1}
		changes[i] = ingest.Change{Object: models.ObjectProduct, ExternalID: fmt.Sprint("gid-", i+1), Stamp: "s", Product: &models.Product{
			SKU: sku, Name: ps[i].Name, UoM: "EA", Currency: "EUR", ListPrice: 96000, Active: true, LifecycleStatus: models.LifecycleActive,
		}}
	}
	if err := db.CreateInBatches(ps, 500).Error; err != nil {
		t.Fatal(err)
	}
	in := &ingest.Ingester{DB: db, Decide: holdPrices{}}
	for i := 0; i < n; i += 1000 {
		got, err := in.Apply(context.Background(), shop, 0, changes[i:min(i+1000, n)], nil)
		if err != nil || got.Held != int64(min(1000, n-i)) {
			t.Fatalf("hold prices %d: %+v %v", i, got, err)
		}
	}
	return shop
}

func steward(t *testing.T, db *gorm.DB, email string) models.User {
	t.Helper()
	u := models.User{Email: email, PasswordHash: "x", Active: true}
	if err := models.CreateUser(db, &u); err != nil {
		t.Fatal(err)
	}
	if err := models.SetRoles(db, u.ID, []string{rules.RoleSteward}); err != nil {
		t.Fatal(err)
	}
	return u
}

// Two stewards approve the same 10,000 held prices in bulk at the same time: every item is
// approved and audited exactly once, each product changes once, and both runs show their
// progress as they go. 10,000 items take about 20 s on SQLite here; PostgreSQL, slower per
// statement on this machine, runs the same race with 1,000 items on real concurrent
// connections.
func TestBulkApprovalOfTenThousandItems(t *testing.T) {
	bulkApproveTwice(t, testdb.SQLite(t), 10_000)
}

func TestBulkApprovalRaceOnPostgres(t *testing.T) {
	bulkApproveTwice(t, testdb.Postgres(t), 1_000)
}

func bulkApproveTwice(t *testing.T, db *gorm.DB, n int64) {
	start := time.Now()
	seedHeldPrices(t, db, int(n))
	t.Logf("seeded %d held items in %v", n, time.Since(start).Round(time.Millisecond))
	r := newRunner(t, db, &memorySource{})
	f := models.InboxFilter{Reason: models.ReasonOwnership, Domains: []string{rules.DomainProduct, rules.DomainCustomer}, Now: time.Now()}
	var err error
	if f.MaxID, err = models.LastInboxID(db); err != nil {
		t.Fatal(err)
	}
	total, _ := models.CountInbox(db, f)
	if total != n {
		t.Fatalf("the filter counts %d items, want %d", total, n)
	}
	start = time.Now()
	var runIDs []int64
	for _, email := range []string{"sam@example.com", "kim@example.com"} {
		u := steward(t, db, email)
		err := db.Transaction(func(tx *gorm.DB) error {
			run := models.BulkRun{Action: models.BulkApprove, StartedBy: u.Email, StartedByID: &u.ID, Total: total}
			id, err := r.EnqueueBulk(context.Background(), tx, &run, f)
			runIDs = append(runIDs, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sawProgress := false
	var runs []models.BulkRun
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		runs = runs[:0]
		for _, id := range runIDs {
			run, err := models.BulkRunByID(db, id)
			if err != nil {
				t.Fatal(err)
			}
			runs = append(runs, run)
			if run.Status == models.RunRunning && run.Done() > 0 && run.Done() < n && run.Progress() < 100 {
				sawProgress = true
			}
		}
		if runs[0].Finished() && runs[1].Finished() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bulk runs did not finish in 3 minutes: %+v", runs)
		}
	}
	t.Logf("two bulk runs over %d items took %v", n, time.Since(start).Round(time.Millisecond))
	for _, run := range runs {
		// Items the other run decided first are no longer waiting: a run skips those it
		// read before they were decided, and never sees the rest.
		if run.Status != models.RunSucceeded || run.Failed != 0 || run.Progress() != 100 {
			t.Errorf("run %+v", run)
		}
	}
	if runs[0].Decided+runs[1].Decided != n {
		t.Errorf("the runs decided %d and %d items, want %d together", runs[0].Decided, runs[1].Decided, n)
	}
	if !sawProgress {
		t.Error("no progress was visible while the runs worked")
	}
	count := func(model any, where string, args ...any) int64 {
		var c int64
		if err := db.Model(model).Where(where, args...).Count(&c).Error; err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := count(&models.AuditEvent{}, "action = ?", "inbox.approve"); c != n {
		t.Errorf("%d inbox.approve events, want %d", c, n)
	}
	if c := count(&models.AuditEvent{}, "action = ?", "product.update"); c != n {
		t.Errorf("%d product.update events, want %d", c, n)
	}
	if c := count(&models.Product{}, "version = 2 AND list_price = 96000"); c != n {
		t.Errorf("%d products changed exactly once to the shop's price, want %d", c, n)
	}
	if c := count(&models.InboxItem{}, "status = ?", models.InboxApproved); c != n {
		t.Errorf("%d items approved", c)
	}
	if c := count(&models.Publication{}, "object_type = ?", models.ObjectProduct); c != n {
		t.Errorf("%d publications, want one per product (to Odoo)", c)
	}
	// The reason tabs say nothing waits, from tallies the runs folded as they ended.
	if c, err := models.CountInboxByReason(db, models.InboxFilter{}); err != nil || c.All != 0 {
		t.Errorf("counts after the runs %+v %v", c, err)
	}
	var tallies int64
	db.Table("inbox_counts").Count(&tallies)
	if tallies > 10 {
		t.Errorf("%d tally rows left after the runs, want them folded", tallies)
	}
}
