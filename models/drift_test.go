package models_test

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

func TestDriftStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionDestination, Active: true}
		if err := models.CreateChannel(db, &ch); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		run1, run2 := int64(1), int64(2)
		var items []models.DriftItem
		for i := 0; i < 120; i++ {
			field := "name"
			if i%3 == 0 {
				field = "price"
			}
			items = append(items, models.DriftItem{ChannelID: ch.ID, ObjectType: models.ObjectProduct, RecordKey: fmt.Sprint("p", i), ExternalID: fmt.Sprint("p", i),
				Kind: models.DriftDiffers, Field: field, GoldenValue: "a", ChannelValue: "b", Status: models.DriftOpen, RunID: &run1, FoundAt: now, SeenAt: now})
		}
		if err := models.SaveDrift(db, items); err != nil {
			t.Fatal(err)
		}
		// Keyset pages walk every item once, in id order.
		seen, after := 0, int64(0)
		for {
			page, err := models.ListDrift(db, models.DriftFilter{ChannelID: ch.ID, Field: "name", After: after, Limit: 25})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, d := range page {
				if d.ID <= after || d.Field != "name" || d.ChannelName != "Shop" {
					t.Fatalf("page out of order or filter: %+v after %d", d, after)
				}
				after = d.ID
				seen++
			}
		}
		if seen != 80 {
			t.Errorf("walked %d name items, want 80", seen)
		}
		counts, _ := models.CountDrift(db)
		if len(counts) != 2 || counts[0].Field != "name" || counts[0].N != 80 || counts[1].N != 40 {
			t.Errorf("counts = %+v", counts)
		}
		// A second run finds the first ten again, with new values: stored once, updated.
		again := items[:10]
		for i := range again {
			again[i].ChannelValue, again[i].RunID = "c", &run2
		}
		if err := models.SaveDrift(db, again); err != nil {
			t.Fatal(err)
		}
		closed, err := models.CloseStaleDrift(db, ch.ID, models.ObjectProduct, run2, now)
		if err != nil || closed != 110 {
			t.Errorf("closed %d, %v; want the 110 the second run did not find", closed, err)
		}
		open, _ := models.ListDrift(db, models.DriftFilter{Limit: 500})
		if len(open) != 10 || open[0].ChannelValue != "c" {
			t.Errorf("%d open after the second run: %+v", len(open), open[0])
		}
		if err := models.ResolveDrift(db, open[0].ID, "republished", "sam", now); err != nil {
			t.Fatal(err)
		}
		if err := models.ResolveDrift(db, open[0].ID, "republished", "sam", now); err != models.ErrStale {
			t.Errorf("resolving twice: %v, want ErrStale", err)
		}
	})
}

func TestAPITokenStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := models.Channel{Name: "Portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &ch); err != nil {
			t.Fatal(err)
		}
		secret, err := models.NewTokenSecret()
		if err != nil {
			t.Fatal(err)
		}
		tok := models.APIToken{Name: "CRM", ChannelID: ch.ID, Scopes: models.ScopeIncomingProducts, CreatedBy: "ada", CreatedAt: time.Now().UTC()}
		if err := models.CreateAPIToken(db, &tok, secret); err != nil {
			t.Fatal(err)
		}
		got, err := models.APITokenBySecret(db, secret)
		if err != nil || got.ID != tok.ID || !got.HasScope(models.ScopeIncomingProducts) || got.HasScope(models.ScopeIncomingCustomers) {
			t.Errorf("by secret: %+v %v", got, err)
		}
		if _, err := models.APITokenBySecret(db, secret+"x"); err != models.ErrNotFound {
			t.Errorf("a wrong secret: %v", err)
		}
		now := time.Now().UTC()
		if err := models.TouchAPIToken(db, got, now); err != nil {
			t.Fatal(err)
		}
		if err := models.RevokeAPIToken(db, tok.ID, "ada", now); err != nil {
			t.Fatal(err)
		}
		if err := models.RevokeAPIToken(db, tok.ID, "ada", now); err != models.ErrStale {
			t.Errorf("revoking twice: %v", err)
		}
		list, _ := models.ListAPITokens(db)
		if len(list) != 1 || list[0].RevokedAt == nil || list[0].LastUsedAt == nil || list[0].ChannelName != "Portal" {
			t.Errorf("list = %+v", list)
		}
	})
}

func TestPruneDeliveries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ch := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionDestination, Active: true}
		if err := models.CreateChannel(db, &ch); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		for i := 0; i < 25; i++ {
			at := now.Add(-time.Duration(i) * 24 * time.Hour)
			if ok, err := models.RecordDelivery(db, &models.WebhookDelivery{ChannelID: ch.ID, DeliveryID: fmt.Sprint("d", i), Topic: "products/update", ReceivedAt: at}); !ok || err != nil {
				t.Fatal(ok, err)
			}
		}
		if ok, _ := models.RecordDelivery(db, &models.WebhookDelivery{ChannelID: ch.ID, DeliveryID: "d3", ReceivedAt: now}); ok {
			t.Error("a delivery id was stored twice")
		}
		n, err := models.PruneDeliveries(db, now.Add(-7*24*time.Hour+time.Minute), 4)
		if err != nil || n != 18 {
			t.Errorf("pruned %d, %v; want the 18 older than a week", n, err)
		}
		if seen, _ := models.DeliverySeen(db, ch.ID, "d2"); !seen {
			t.Error("a recent delivery was forgotten")
		}
	})
}
