package models_test

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

// TestListDuplicatesByCluster pages the queue one group at a time: the customer group of
// three records comes first at its strongest pair, then nothing; a dismissal splits the
// group and regroups the rest.
func TestListDuplicatesByCluster(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		// One more group, weaker: branch and c.
		if _, _, err := models.SaveCandidates(db, "customer", "Shop", []models.FoundPair{{LeftID: s.c.ID, RightID: s.branch.ID, Score: 0.5, Band: "review"}}, false); err != nil {
			t.Fatal(err)
		}
		// c–branch joins the group through c: all four records are one group now.
		page, err := models.ListDuplicates(db, models.DuplicateFilter{Domain: "customer", Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Clusters) != 1 || page.Clusters[0].Lead.ID != s.custPair.ID || len(page.Clusters[0].Pairs) != 4 || len(page.Clusters[0].RecordIDs) != 4 {
			t.Fatalf("first page = %+v", page.Clusters)
		}
		if page.Next != "" || page.Open["customer"] != 4 || page.Open["product"] != 1 || strings.Join(page.Sources, ",") != "Shop,scan" {
			t.Errorf("page: next %q open %v sources %v", page.Next, page.Open, page.Sources)
		}
		// Dismissing b–c and a–c leaves a–b and c–branch: two groups, strongest first.
		var pairs []models.DuplicateCandidate
		db.Where("domain = ? AND right_id = ?", "customer", s.c.ID).Find(&pairs)
		for _, p := range pairs {
			if err := db.Transaction(func(tx *gorm.DB) error {
				_, err := models.DismissCandidate(tx, p.ID, p.Version, s.steward, "different companies")
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		page, _ = models.ListDuplicates(db, models.DuplicateFilter{Domain: "customer", Size: 1})
		if len(page.Clusters) != 1 || page.Clusters[0].Lead.ID != s.custPair.ID || len(page.Clusters[0].Pairs) != 1 || page.Next == "" {
			t.Fatalf("after dismissals, page 1 = %+v next %q", page.Clusters, page.Next)
		}
		page, _ = models.ListDuplicates(db, models.DuplicateFilter{Domain: "customer", Size: 1, After: page.Next})
		if len(page.Clusters) != 1 || page.Clusters[0].Lead.LeftID != s.c.ID || page.Next != "" {
			t.Fatalf("page 2 = %+v next %q", page.Clusters, page.Next)
		}
		page, _ = models.ListDuplicates(db, models.DuplicateFilter{Domain: "customer", Source: "Shop"})
		if len(page.Clusters) != 1 || page.Clusters[0].Lead.Source != "Shop" {
			t.Errorf("by source = %+v", page.Clusters)
		}
		// Dismissing again tells who did it.
		err = db.Transaction(func(tx *gorm.DB) error {
			_, err := models.DismissCandidate(tx, pairs[0].ID, 0, s.steward, "")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "Marked not a duplicate by Sam Steward at ") {
			t.Errorf("second dismissal: %v", err)
		}
	})
}
