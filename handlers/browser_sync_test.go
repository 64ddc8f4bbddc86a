package handlers_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
)

// seedSync adds an Odoo channel with schedules and a few runs, so the sync and channel
// pages have something to show.
func seedSync(t *testing.T, db *gorm.DB) {
	t.Helper()
	ch := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, BaseURL: "https://erp.example.com", Active: true}
	shop := models.Channel{Name: "Webshop", Kind: models.ChannelShopify, Direction: models.DirectionDestination, BaseURL: "https://shop.example", Public: true, Active: true}
	for _, c := range []*models.Channel{&ch, &shop} {
		if err := models.CreateChannel(db, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range models.SyncObjects {
		s := models.ChannelSchedule{ChannelID: ch.ID, Object: o, Cron: "*/15 * * * *", Enabled: o != models.SyncStock}
		if err := models.SaveSchedule(db, &s); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC()
	ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
	runs := []models.SyncRun{
		{ChannelID: ch.ID, Kind: "pull", Object: models.SyncCustomers, Status: models.RunSucceeded, StartedBy: "schedule", Total: 2480, Read: 2480, Created: 12, Updated: 131, Unchanged: 2329, Held: 8, QueuedAt: *ago(20 * time.Minute), StartedAt: ago(20 * time.Minute), FinishedAt: ago(19 * time.Minute)},
		{ChannelID: ch.ID, Kind: "pull", Object: models.SyncPrices, Status: models.RunFailed, StartedBy: "schedule", Error: "Odoo refused the API key for user sync@example.com on database erp: check the key in the channel settings", QueuedAt: *ago(5 * time.Minute), StartedAt: ago(5 * time.Minute), FinishedAt: ago(5 * time.Minute)},
		{ChannelID: ch.ID, Kind: "pull", Object: models.SyncProducts, Status: models.RunRunning, StartedBy: "ada@example.com", Total: 3000, Read: 1900, Updated: 40, Unchanged: 1855, Held: 5, QueuedAt: *ago(time.Minute), StartedAt: ago(time.Minute)},
	}
	for i := range runs {
		if err := db.Create(&runs[i]).Error; err != nil {
			t.Fatal(err)
		}
	}
}
