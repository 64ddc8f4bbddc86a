package models_test

import (
	"fmt"
	"maps"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// The tallies the triggers keep agree with counting the items, through every change an
// item goes through, before and after compaction.
func TestInboxTalliesAgreeWithCounting(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		filters := []models.InboxFilter{
			{}, {Domain: "product"}, {ChannelID: f.portal.ID}, {Assignee: models.AssigneeNobody},
			{Assignee: models.AssigneeMe, Me: f.user.ID}, {Assignee: fmt.Sprint(f.user.ID), Domain: "price"},
			{Domain: "customer", ChannelID: f.portal.ID, Assignee: models.AssigneeNobody},
		}
		check := func(step string) {
			t.Helper()
			for _, flt := range filters {
				tallied, err := models.CountInboxByReason(db, flt)
				if err != nil {
					t.Fatal(err)
				}
				// Naming every domain makes the same question one the tallies cannot answer.
				counted := flt
				counted.Domains = rules.Domains
				want, err := models.CountInboxByReason(db, counted)
				if want.Capped {
					t.Fatalf("a count of a few items was capped: %+v", want)
				}
				if err != nil {
					t.Fatal(err)
				}
				if tallied.All != want.All || !maps.Equal(nonZero(tallied.By), nonZero(want.By)) {
					t.Errorf("%s, filter %+v: tallies %v, counting %v", step, flt, tallied.By, want.By)
				}
				if n, _ := models.CountInbox(db, flt); n != want.All {
					t.Errorf("%s: CountInbox %d, want %d", step, n, want.All)
				}
			}
		}
		check("as created")
		if err := models.AssignInboxItem(db, f.items[0].ID, &f.user.ID); err != nil {
			t.Fatal(err)
		}
		if err := models.AssignInboxItem(db, f.items[1].ID, nil); err != nil {
			t.Fatal(err)
		}
		// Assigning to the one already assigned changes nothing.
		if err := models.AssignInboxItem(db, f.items[3].ID, &f.user.ID); err != nil {
			t.Fatal(err)
		}
		check("after assigning and releasing")
		it := f.items[2]
		if err := models.DecideInboxItem(db, &it, models.Actor{Name: "sam"}, models.InboxDecision{Status: models.InboxApproved}); err != nil {
			t.Fatal(err)
		}
		db.Model(&models.InboxItem{}).Where("id = ?", f.items[4].ID).Update("reason", models.ReasonDrift)
		db.Delete(&models.InboxItem{}, f.items[5].ID)
		decided := models.InboxItem{Domain: "product", Reason: models.ReasonOwnership, Status: models.InboxRejected, Summary: "already decided"}
		if err := models.CreateInboxItem(db, &decided); err != nil {
			t.Fatal(err)
		}
		check("after a decision, a new reason, a deletion and a decided insert")
		for i := 0; i < 2; i++ {
			if err := models.CompactInboxCounts(db); err != nil {
				t.Fatal(err)
			}
			check("after compaction")
		}
		var rows int64
		db.Table("inbox_counts").Count(&rows)
		if rows > 8 {
			t.Errorf("%d tally rows after compaction, want one per key", rows)
		}
		c, _ := models.CountInboxByReason(db, models.InboxFilter{})
		if c.All != 5 || c.By[models.ReasonDrift] != 1 {
			t.Errorf("counts %+v", c)
		}
	})
}

func nonZero(m map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}
