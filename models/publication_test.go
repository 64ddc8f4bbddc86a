package models_test

import (
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

func TestFailedPublicationsGroupPageAndRetry(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		portal := models.Channel{Name: "Portal", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, Active: true}
		shop := models.Channel{Name: "Shop", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, Active: true}
		for _, c := range []*models.Channel{&portal, &shop} {
			if err := models.CreateChannel(db, c); err != nil {
				t.Fatal(err)
			}
		}
		add := func(ch int64, golden int64, status, class string) {
			p := models.Publication{ChannelID: ch, ObjectType: models.ObjectProduct, GoldenID: golden, GoldenVersion: 1, Status: status, ErrorClass: class, Error: class + " error", Version: 1}
			if err := db.Create(&p).Error; err != nil {
				t.Fatal(err)
			}
		}
		for i := range 120 {
			add(portal.ID, int64(i+1), models.PublicationFailed, "validation")
		}
		add(portal.ID, 500, models.PublicationFailed, "auth")
		add(shop.ID, 1, models.PublicationFailed, "timeout")
		add(shop.ID, 2, models.PublicationPublished, "")

		gs, err := models.FailedGroups(db)
		if err != nil || len(gs) != 3 || gs[0].ChannelName != "Portal" || gs[0].ErrorClass != "validation" || gs[0].Count != 120 || gs[0].Latest.IsZero() {
			t.Fatalf("groups %+v %v: want the 120 refused first", gs, err)
		}
		var seen []int64
		after := int64(0)
		for {
			page, more, err := models.FailedInGroup(db, portal.ID, "validation", after, 50)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range page {
				seen = append(seen, p.ID)
			}
			if !more {
				break
			}
			after = page[len(page)-1].ID
		}
		if len(seen) != 120 {
			t.Fatalf("paged %d of 120", len(seen))
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] <= seen[i-1] {
				t.Fatal("pages overlap or go backwards")
			}
		}

		ids, _ := models.FailedIDsInGroup(db, portal.ID, "validation")
		var n int
		err = db.Transaction(func(tx *gorm.DB) error {
			n, err = models.RetryPublications(tx, models.SystemActor("test"), ids, false, "retry all")
			return err
		})
		if err != nil || n != 120 {
			t.Fatalf("retried %d, %v", n, err)
		}
		if gs, _ := models.FailedGroups(db); len(gs) != 2 {
			t.Errorf("%d groups after retrying one, want 2", len(gs))
		}
		recs, err := models.PublicationsOfRecord(db, models.ObjectProduct, 1)
		if err != nil || len(recs) != 2 || recs[0].ChannelName != "Portal" || recs[0].Status != models.PublicationPending {
			t.Errorf("record's publications %+v %v", recs, err)
		}
	})
}
