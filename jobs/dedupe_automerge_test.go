package jobs_test

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
)

// With automatic merging on, a scan merges the match-band pairs itself, with the domain's
// survivorship rules, as "Steward (automatic merge)", audited and undoable; review-band
// pairs still wait. Off (the default), the same pair is only flagged.
func TestScanAutoMerge(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ids := seedCustomers(t, db, scanCustomers)
		shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &shop); err != nil {
			t.Fatal(err)
		}
		// The later Keller account is the one a channel holds: it survives.
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: shop.ID, ObjectType: models.ObjectCustomer, ExternalID: "gid://Customer/1", GoldenID: ids[1]}); err != nil {
			t.Fatal(err)
		}
		setAuto := func(on bool) {
			t.Helper()
			before, err := ingest.MatchSettings(db, "customer")
			if err != nil {
				t.Fatal(err)
			}
			s := before
			s.AutoMerge = on
			if err := models.SaveMatchSettings(db, models.SystemActor("admin@example.com"), &s, before); err != nil {
				t.Fatal(err)
			}
		}
		scan := func() {
			t.Helper()
			ch, _ := models.ScanChannel(db)
			run := models.SyncRun{ChannelID: ch.ID, Kind: models.ScanRunKind, Object: "customer", StartedBy: "test"}
			if err := models.CreateRun(db, &run); err != nil {
				t.Fatal(err)
			}
			if err := jobs.Scan(context.Background(), jobs.Config{DB: db}, "customer", run.ID, nil); err != nil {
				t.Fatal(err)
			}
		}
		pairs := func() []models.DuplicateCandidate {
			var cs []models.DuplicateCandidate
			db.Order("left_id").Find(&cs)
			return cs
		}
		// Off by default: flagged only.
		scan()
		cs := pairs()
		if len(cs) != 2 || cs[0].Band != "match" || cs[0].Status != models.CandidateOpen || countOf(db, &models.Merge{}, "") != 0 {
			t.Fatalf("auto-merge off: %+v", cs)
		}

		setAuto(true)
		scan()
		cs = pairs()
		var inMatch int64
		for _, c := range cs {
			want := models.CandidateOpen
			if c.Band == "match" {
				want = models.CandidateMerged
				inMatch++
			}
			if c.Status != want {
				t.Errorf("pair %d-%d in band %s is %s, want %s", c.LeftID, c.RightID, c.Band, c.Status, want)
			}
		}
		var m models.Merge
		if err := db.Where("duplicate_id = ?", ids[0]).Take(&m).Error; err != nil {
			t.Fatal(err)
		}
		if m.MergedBy != jobs.AutoMergeActor || m.SurvivorID != ids[1] || m.DuplicateID != ids[0] || m.Provenance == "[]" {
			t.Errorf("automatic merge %+v", m)
		}
		if into, _ := models.MergedInto(db, "customer", ids[0]); into != ids[1] {
			t.Errorf("duplicate merged into %d", into)
		}
		// The survivor's values are survivorship's, each with why it won.
		if !strings.Contains(m.Provenance, `"field":"name"`) {
			t.Errorf("provenance %s", m.Provenance)
		}
		if n := countOf(db, &models.AuditEvent{}, "actor = ? AND action = ?", jobs.AutoMergeActor, "merge.duplicate"); n != inMatch {
			t.Errorf("%d audited automatic merges", n)
		}
		if n := countOf(db, &models.AuditEvent{}, "action = ?", "matching.auto_merge"); n != 1 {
			t.Errorf("%d auto-merge summaries", n)
		}
		// Undone like any merge; with automatic merging off again, the next scan only flags it.
		if err := db.Transaction(func(tx *gorm.DB) error {
			_, err := models.UnmergeRecords(tx, m.ID, m.Version, models.SystemActor("steward@example.com"), "not the same shop")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		setAuto(false)
		scan()
		if c := pairs()[0]; c.Status != models.CandidateOpen || countOf(db, &models.Merge{}, "status = ?", models.MergeDone) != inMatch-1 {
			t.Errorf("after unmerge and auto-merge off: pair %s", c.Status)
		}
		if d, _ := models.CustomerByID(db, ids[0]); !d.Active {
			t.Error("the unmerged duplicate is still archived")
		}
	})
}
