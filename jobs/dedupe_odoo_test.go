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

// A merge committed in Steward reaches Odoo through the queue: contacts move to the
// survivor, the duplicate is archived; a merge Odoo would refuse writes nothing and says why.
func TestOdooMergeJob(t *testing.T) {
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
	login := create(map[string]any{"name": "Keller Shop Login", "is_company": true})
	if _, err := srv.Create("res.users", map[string]any{"name": "Shop", "login": "shop@keller-bau.de", "partner_id": login}); err != nil {
		t.Fatal(err)
	}
	client := odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "pw"}, nil)
	r := newRunner(t, db, &odoosync.Source{Client: client})
	enqueue := func(mergeID, surv, dup int64) {
		err := db.Transaction(func(tx *gorm.DB) error {
			return r.EnqueueOdooMerge(context.Background(), tx, mergeID, ch.ID, fmt.Sprint(surv), fmt.Sprint(dup))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	enqueue(41, survivor, duplicate)
	enqueue(42, survivor, login)
	waitFor(t, 30*time.Second, "both merges to be audited", func() bool {
		return countOf(db, &models.AuditEvent{}, "object_type = ? AND action LIKE ?", "merge", "odoo.merge%") == 2
	})
	var done, blocked models.AuditEvent
	db.Where("object_type = ? AND object_id = ?", "merge", "41").Take(&done)
	db.Where("object_type = ? AND object_id = ?", "merge", "42").Take(&blocked)
	if done.Action != "odoo.merge" || !strings.Contains(done.After, fmt.Sprint(contact)) {
		t.Errorf("merge 41: %+v", done)
	}
	if blocked.Action != "odoo.merge_blocked" || !strings.Contains(blocked.Reason, "login of Odoo user Shop") {
		t.Errorf("merge 42: %+v", blocked)
	}
	recs, err := client.Read(context.Background(), "res.partner", []int64{duplicate, contact, login}, []string{"active", "parent_id"})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		parent, _ := rec.Many2One("parent_id")
		switch rec.ID() {
		case duplicate:
			if rec.Bool("active") {
				t.Error("duplicate still active in Odoo")
			}
		case contact:
			if parent != survivor {
				t.Errorf("contact below %d, want %d", parent, survivor)
			}
		case login:
			if !rec.Bool("active") {
				t.Error("a blocked merge archived the partner")
			}
		}
	}
}

// MergeInOdoo refuses a channel that is not Odoo, for good.
func TestOdooMergeNeedsAnOdooChannel(t *testing.T) {
	db := testdb.SQLite(t)
	shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	models.CreateChannel(db, &shop)
	_, err := jobs.MergeInOdoo(context.Background(), jobs.Config{DB: db}, jobs.OdooMergeArgs{MergeID: 1, ChannelID: shop.ID, SurvivorExternalID: "1", DuplicateExternalID: "2"})
	if err == nil || !strings.Contains(err.Error(), "Shop is not an Odoo channel") {
		t.Fatalf("%v", err)
	}
}
