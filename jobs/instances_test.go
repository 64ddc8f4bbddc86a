package jobs_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/models/testdb"
)

// Three instances on one PostgreSQL pull from Odoo on a one-second schedule: a change made
// in Odoo arrives within a tick, exactly once, and no two pulls of the same channel and
// object overlap.
func TestThreeInstancesApplyEachOdooChangeOnce(t *testing.T) {
	db := testdb.Postgres(t)
	ch := odooChannel(t, db)
	srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw"})
	defer srv.Close()
	stats := srv.SeedWith(odootest.SeedOptions{Products: 200, Customers: 5})
	client := odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "pw"}, nil)
	src := &odoosync.Source{Client: client}
	for i := 0; i < 3; i++ {
		newRunner(t, db, src)
	}
	s := models.ChannelSchedule{ChannelID: ch.ID, Object: models.SyncProducts, Cron: "@every 1s", Enabled: true}
	if err := models.SaveSchedule(db, &s); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, "the first pull to store every product", func() bool {
		return countOf(db, &models.Product{}, "") == int64(stats.Products)
	})
	var ref models.ExternalRef
	db.Where("channel_id = ? AND object_type = ?", ch.ID, models.ObjectProduct).Order("id").Take(&ref)
	id := parseID(ref.ExternalID)
	srv.Advance(time.Minute)
	if err := srv.Write("product.product", []int64{id}, map[string]any{"name": "Renamed in Odoo"}); err != nil {
		t.Fatal(err)
	}
	changedAt := time.Now()
	waitFor(t, 30*time.Second, "the change to arrive", func() bool {
		return countOf(db, &models.Product{}, "name = ?", "Renamed in Odoo") == 1
	})
	t.Logf("the change arrived %s after it was made", time.Since(changedAt).Round(10*time.Millisecond))
	// A few more ticks re-read the overlap window; nothing more may be applied.
	time.Sleep(3 * time.Second)
	if n := countOf(db, &models.AuditEvent{}, "action = ?", "product.create"); n != int64(stats.Products) {
		t.Errorf("%d product.create events, want %d", n, stats.Products)
	}
	if n := countOf(db, &models.AuditEvent{}, "action = ?", "product.update"); n != 1 {
		t.Errorf("%d product.update events, want 1", n)
	}
	if n := countOf(db, &models.IncomingRecord{}, "object_type = ?", models.ObjectProduct); n != int64(stats.Products)+1 {
		t.Errorf("%d incoming product records, want %d", n, stats.Products+1)
	}
	var runs []models.SyncRun
	db.Where("finished_at IS NOT NULL").Order("started_at").Find(&runs)
	if len(runs) < 3 {
		t.Errorf("only %d runs finished", len(runs))
	}
	for i := 1; i < len(runs); i++ {
		if runs[i].StartedAt.Before(*runs[i-1].FinishedAt) {
			t.Errorf("runs %d and %d overlapped", runs[i-1].ID, runs[i].ID)
		}
	}
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > limit {
			t.Fatalf("waited %s for %s", limit, what)
		}
	}
}

func countOf(db *gorm.DB, model any, where string, args ...any) int64 {
	var n int64
	q := db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	q.Count(&n)
	return n
}

func parseID(s string) int64 {
	var id int64
	for _, c := range s {
		id = id*10 + int64(c-'0')
	}
	return id
}
