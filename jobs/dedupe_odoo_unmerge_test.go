package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/models/testdb"
)

// An unmerge of a merge written back to Odoo takes it back there through the queue: the
// duplicate partner is active again without the note, its contacts below it again. A merge
// undone before its write-back ran writes nothing to Odoo.
func TestOdooUnmergeJob(t *testing.T) {
	db := testdb.SQLite(t)
	ch := odooChannel(t, db)
	srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw"})
	defer srv.Close()
	create := func(vals map[string]any) int64 {
		id, err := srv.Create("res.partner", vals)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	survivor := create(map[string]any{"name": "Baumarkt Keller GmbH", "is_company": true})
	duplicate := create(map[string]any{"name": "Baumarkt Keller", "is_company": true})
	contact := create(map[string]any{"name": "Eva Keller", "parent_id": duplicate})
	late := create(map[string]any{"name": "Keller Bau", "is_company": true})
	client := odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "pw"}, nil)
	r := newRunner(t, db, &odoosync.Source{Client: client})
	ctx := context.Background()
	run := func(f func(tx *gorm.DB) error) {
		t.Helper()
		if err := db.Transaction(f); err != nil {
			t.Fatal(err)
		}
	}
	run(func(tx *gorm.DB) error {
		return r.EnqueueOdooMerge(ctx, tx, 61, ch.ID, fmt.Sprint(survivor), fmt.Sprint(duplicate))
	})
	waitFor(t, 30*time.Second, "the merge to reach Odoo", func() bool {
		return countOf(db, &models.AuditEvent{}, "object_id = ? AND action = ?", "61", "odoo.merge") == 1
	})
	run(func(tx *gorm.DB) error {
		return r.EnqueueOdooUnmerge(ctx, tx, 61, ch.ID, fmt.Sprint(survivor), fmt.Sprint(duplicate))
	})
	waitFor(t, 30*time.Second, "the unmerge to reach Odoo", func() bool {
		return countOf(db, &models.AuditEvent{}, "object_id = ? AND action LIKE ?", "61", "odoo.unmerge%") == 1
	})
	var ev models.AuditEvent
	db.Where("object_id = ? AND action LIKE ?", "61", "odoo.unmerge%").Take(&ev)
	if ev.Action != "odoo.unmerge" || !strings.Contains(ev.After, fmt.Sprintf(`"restored":[%d]`, contact)) {
		t.Errorf("unmerge audit %+v", ev)
	}
	recs, err := client.Read(ctx, "res.partner", []int64{duplicate, contact}, []string{"active", "parent_id", "comment"})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		parent, _ := rec.Many2One("parent_id")
		if rec.ID() == duplicate && (!rec.Bool("active") || strings.Contains(rec.String("comment"), "Merged into")) ||
			rec.ID() == contact && parent != duplicate {
			t.Errorf("partner after the unmerge: %v", rec)
		}
	}

	// A merge undone before its write-back ran: the merge job does nothing.
	m := models.Merge{Domain: "customer", SurvivorID: 1, DuplicateID: 2, Status: models.MergeUndone, BeforeRows: "{}", AfterRows: "{}",
		Provenance: "[]", Writeback: "[]", SurvivorVersion: 1, MergedBy: "x", MergedAt: time.Now(), Version: 2}
	if err := db.Create(&m).Error; err != nil {
		t.Fatal(err)
	}
	run(func(tx *gorm.DB) error {
		return r.EnqueueOdooMerge(ctx, tx, m.ID, ch.ID, fmt.Sprint(survivor), fmt.Sprint(late))
	})
	waitFor(t, 30*time.Second, "the undone merge's job", func() bool {
		return countOf(db, &models.AuditEvent{}, "object_id = ? AND action = ?", fmt.Sprint(m.ID), "odoo.merge_skipped") == 1
	})
	if recs, _ := client.Read(ctx, "res.partner", []int64{late}, []string{"active"}); len(recs) != 1 || !recs[0].Bool("active") {
		t.Errorf("an undone merge archived partner %d in Odoo", late)
	}
}

// UnmergeInOdoo refuses a channel that is not Odoo, for good.
func TestOdooUnmergeNeedsAnOdooChannel(t *testing.T) {
	db := testdb.SQLite(t)
	shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	models.CreateChannel(db, &shop)
	_, err := jobs.UnmergeInOdoo(context.Background(), jobs.Config{DB: db}, jobs.OdooUnmergeArgs{MergeID: 1, ChannelID: shop.ID, SurvivorExternalID: "1", DuplicateExternalID: "2"})
	if err == nil || !strings.Contains(err.Error(), "Shop is not an Odoo channel") {
		t.Fatalf("%v", err)
	}
}
