package jobs_test

import (
	"context"
	"testing"
	"time"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
)

// Three instances on one PostgreSQL: each change from the source is applied exactly once,
// and no two pulls of the same channel and object overlap.
func TestThreeInstancesApplyEachChangeOnce(t *testing.T) {
	db := testdb.Postgres(t)
	ch := odooChannel(t, db)
	src := &memorySource{items: products(300), page: 50, rescan: true}
	for i := 0; i < 3; i++ {
		newRunner(t, db, src)
	}
	s := models.ChannelSchedule{ChannelID: ch.ID, Object: models.SyncProducts, Cron: "@every 1s", Enabled: true}
	if err := models.SaveSchedule(db, &s); err != nil {
		t.Fatal(err)
	}
	// Once the first pull has stored everything, the source changes while the instances
	// keep pulling on schedule.
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		var n int64
		db.Model(&models.Product{}).Count(&n)
		if n == 300 {
			break
		}
		if time.Since(start) > 40*time.Second {
			t.Fatalf("first pull stored %d of 300 products in 40 s", n)
		}
	}
	src.mu.Lock()
	src.items[7].Stamp, src.items[7].Product.Name = "s2", "Product 8 renamed"
	src.mu.Unlock()

	deadline := time.Now().Add(40 * time.Second)
	for {
		var renamed, done int64
		db.Model(&models.Product{}).Where("name = ?", "Product 8 renamed").Count(&renamed)
		db.Model(&models.SyncRun{}).Where("status = ?", models.RunSucceeded).Count(&done)
		if renamed == 1 && done >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 40 s: renamed %d, runs done %d", renamed, done)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var products, creates, updates, incoming int64
	db.Model(&models.Product{}).Count(&products)
	db.Model(&models.AuditEvent{}).Where("action = ?", "product.create").Count(&creates)
	db.Model(&models.AuditEvent{}).Where("action = ?", "product.update").Count(&updates)
	db.Model(&models.IncomingRecord{}).Count(&incoming)
	if products != 300 || creates != 300 || updates != 1 || incoming != 301 {
		t.Errorf("products %d, creations %d, updates %d, incoming %d; want 300, 300, 1, 301", products, creates, updates, incoming)
	}
	var runs []models.SyncRun
	db.Where("status = ?", models.RunSucceeded).Order("started_at").Find(&runs)
	for i := 1; i < len(runs); i++ {
		if runs[i].StartedAt.Before(*runs[i-1].FinishedAt) {
			t.Errorf("runs %d and %d overlapped", runs[i-1].ID, runs[i].ID)
		}
	}
	_ = context.Background
	_ = jobs.ErrAlreadyQueued
}
