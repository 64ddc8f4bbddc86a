package models_test

import (
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

func pair(l, r int64, score float64, fl, fr string) models.FoundPair {
	return models.FoundPair{LeftID: l, RightID: r, Score: score, Band: "review", Summary: "x", Explanation: "{}", LeftFingerprint: fl, RightFingerprint: fr}
}

func candidates(t *testing.T, db *gorm.DB) map[[2]int64]models.DuplicateCandidate {
	t.Helper()
	var cs []models.DuplicateCandidate
	if err := db.Where("domain = ?", "customer").Find(&cs).Error; err != nil {
		t.Fatal(err)
	}
	out := map[[2]int64]models.DuplicateCandidate{}
	for _, c := range cs {
		out[[2]int64{c.LeftID, c.RightID}] = c
	}
	return out
}

func TestSaveCandidatesRemembersDismissals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		// Found with the right side first: stored smaller id left, fingerprints swapped too.
		counts, opened, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(7, 3, 0.6, "f7", "f3"), pair(3, 7, 0.6, "f3", "f7")}, false)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Created != 1 || len(opened) != 1 {
			t.Fatalf("first save: %+v %v", counts, opened)
		}
		c := candidates(t, db)[[2]int64{3, 7}]
		if c.LeftFingerprint != "f3" || c.RightFingerprint != "f7" || c.Status != models.CandidateOpen || c.ClusterID != c.ID || c.Source != "scan" {
			t.Fatalf("stored %+v", c)
		}
		// The same pair again changes nothing; a new score updates it.
		if counts, _, _ = models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(3, 7, 0.6, "f3", "f7")}, false); counts.Unchanged != 1 {
			t.Fatalf("again: %+v", counts)
		}
		if counts, _, _ = models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(3, 7, 0.7, "f3", "f7")}, false); counts.Updated != 1 {
			t.Fatalf("rescored: %+v", counts)
		}
		// A steward says "not a duplicate": the pair stays dismissed while both sides read
		// as they did.
		db.Model(&models.DuplicateCandidate{}).Where("id = ?", c.ID).Updates(map[string]any{"status": models.CandidateDismissed, "decision_note": "two branches"})
		if counts, _, _ = models.SaveCandidates(db, "customer", "Odoo", []models.FoundPair{pair(3, 7, 0.9, "f3", "f7")}, false); counts.Dismissed != 1 {
			t.Fatalf("dismissed pair: %+v", counts)
		}
		if got := candidates(t, db)[[2]int64{3, 7}]; got.Status != models.CandidateDismissed || got.Score != 0.7 {
			t.Fatalf("dismissed pair touched: %+v", got)
		}
		// One side changed materially: back for review, from the source that found it.
		counts, opened, _ = models.SaveCandidates(db, "customer", "Odoo", []models.FoundPair{pair(3, 7, 0.8, "f3", "f7-moved")}, false)
		if counts.Reopened != 1 || len(opened) != 1 {
			t.Fatalf("changed side: %+v", counts)
		}
		got := candidates(t, db)[[2]int64{3, 7}]
		if got.Status != models.CandidateOpen || got.Source != "Odoo" || got.RightFingerprint != "f7-moved" || got.Score != 0.8 {
			t.Fatalf("reopened: %+v", got)
		}
		// A merged pair stays merged.
		db.Model(&models.DuplicateCandidate{}).Where("id = ?", c.ID).Update("status", models.CandidateMerged)
		if counts, _, _ = models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(3, 7, 0.8, "x", "y")}, false); counts.Merged != 1 {
			t.Fatalf("merged: %+v", counts)
		}
	})
}

func TestCandidateClusters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		// Two groups: {1,2,3} through two pairs and {10,11}; then 3–10 bridges them.
		for _, p := range []models.FoundPair{pair(1, 2, 0.5, "", ""), pair(10, 11, 0.5, "", ""), pair(2, 3, 0.5, "", "")} {
			if _, _, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{p}, false); err != nil {
				t.Fatal(err)
			}
		}
		cs := candidates(t, db)
		a, b, c := cs[[2]int64{1, 2}], cs[[2]int64{10, 11}], cs[[2]int64{2, 3}]
		if a.ClusterID != a.ID || c.ClusterID != a.ID || b.ClusterID != b.ID {
			t.Fatalf("incremental clusters: %d→%d %d→%d %d→%d", a.ID, a.ClusterID, b.ID, b.ClusterID, c.ID, c.ClusterID)
		}
		if _, _, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(3, 10, 0.5, "", "")}, false); err != nil {
			t.Fatal(err)
		}
		for k, c := range candidates(t, db) {
			if c.ClusterID != a.ID {
				t.Fatalf("bridged pair %v in cluster %d, want %d", k, c.ClusterID, a.ID)
			}
		}
		// The first pair is dismissed: the recount splits {1} off and names the rest by its
		// smallest remaining candidate.
		db.Model(&models.DuplicateCandidate{}).Where("id = ?", a.ID).Update("status", models.CandidateDismissed)
		if _, err := models.RecomputeClusters(db, "customer"); err != nil {
			t.Fatal(err)
		}
		for k, got := range candidates(t, db) {
			if got.Status == models.CandidateOpen && got.ClusterID != b.ID {
				t.Fatalf("after split %v in cluster %d, want %d", k, got.ClusterID, b.ID)
			}
		}
		// A scan saved with reclusterLater leaves clusters to one recount.
		_, opened, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{pair(20, 21, 0.5, "", ""), pair(21, 22, 0.5, "", "")}, true)
		if err != nil || len(opened) != 2 {
			t.Fatal(err, opened)
		}
		if n, err := models.RecomputeClusters(db, "customer"); err != nil || n != 2 {
			t.Fatalf("recount moved %d, %v", n, err)
		}
		cs = candidates(t, db)
		if cs[[2]int64{21, 22}].ClusterID != cs[[2]int64{20, 21}].ID {
			t.Fatalf("scan cluster: %+v", cs[[2]int64{21, 22}])
		}
	})
}

func TestMatchSettingsSave(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		def := models.MatchSettings{MatchThreshold: 0.95, ReviewThreshold: 0.4}
		s, err := models.LoadMatchSettings(db, "customer", def)
		if err != nil || s.Version != 0 || s.MatchThreshold != 0.95 {
			t.Fatalf("defaults: %+v %v", s, err)
		}
		before := s
		s.ReviewThreshold, s.ScanCron = 0.5, "@daily"
		if err := models.SaveMatchSettings(db, models.SystemActor("admin@example.com"), &s, before); err != nil {
			t.Fatal(err)
		}
		stale := before
		if err := models.SaveMatchSettings(db, models.SystemActor("other"), &stale, before); err != models.ErrStale {
			t.Fatalf("second first save: %v", err)
		}
		got, _ := models.LoadMatchSettings(db, "customer", def)
		if got.Version != 1 || got.ReviewThreshold != 0.5 || got.ScanCron != "@daily" || got.UpdatedBy != "admin@example.com" {
			t.Fatalf("stored %+v", got)
		}
		got.AutoMerge = true
		if err := models.SaveMatchSettings(db, models.SystemActor("admin@example.com"), &got, s); err != nil || got.Version != 2 {
			t.Fatal(err, got.Version)
		}
		evs, _ := models.ListAudit(db, models.AuditFilter{Action: "matching.settings"})
		if len(evs) != 2 {
			t.Fatalf("audit events: %d", len(evs))
		}
	})
}
