package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
	"steward/rules/channelmap"
)

// BenchmarkReconcile10k reconciles 10,000 published products read from a channel in pages
// of 100 (as WooCommerce pages), one in ten differing in price; run with -benchtime=1x.
func BenchmarkReconcile10k(b *testing.B) {
	run := func(b *testing.B, db *gorm.DB) {
		ch := models.Channel{Name: "Portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &ch); err != nil {
			b.Fatal(err)
		}
		const n = 10000
		ps := make([]models.Product, n)
		for i := range ps {
			ps[i] = models.Product{SKU: fmt.Sprintf("RC-%05d", i), Name: fmt.Sprint("Product ", i), UoM: "EA", Currency: "EUR",
				ListPrice: 125000, LifecycleStatus: models.LifecycleActive, Active: true, Version: 1}
		}
		if err := db.CreateInBatches(ps, 500).Error; err != nil {
			b.Fatal(err)
		}
		refs := make([]models.ExternalRef, n)
		remotes := make([]publish.Remote, n)
		for i, p := range ps {
			refs[i] = models.ExternalRef{ChannelID: ch.ID, ObjectType: models.ObjectProduct, ExternalID: fmt.Sprint("x", i), GoldenID: p.ID}
			if i%10 == 0 {
				p.ListPrice = 99000
			}
			raw, _ := channelmap.RenderWebhook(channelmap.ProductRecord(p), channelmap.Mapping{})
			remotes[i] = publish.Remote{ExternalID: refs[i].ExternalID, Payload: json.RawMessage(raw)}
		}
		if err := db.CreateInBatches(refs, 500).Error; err != nil {
			b.Fatal(err)
		}
		reader := pageReader{remotes: remotes, size: 100}
		cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return reader, nil }}
		for b.Loop() {
			r := models.SyncRun{ChannelID: ch.ID, Kind: "reconcile", Object: models.ObjectProduct}
			if err := models.CreateRun(db, &r); err != nil {
				b.Fatal(err)
			}
			if err := jobs.Reconcile(context.Background(), cfg, ch.ID, models.ObjectProduct, r.ID); err != nil {
				b.Fatal(err)
			}
		}
		var open int64
		db.Model(&models.DriftItem{}).Where("status = ?", models.DriftOpen).Count(&open)
		if open != n/10 {
			b.Errorf("%d open drift items, want %d", open, n/10)
		}
	}
	b.Run("sqlite", func(b *testing.B) { run(b, testdb.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { run(b, testdb.Postgres(b)) })
}

// pageReader pages through records by offset.
type pageReader struct {
	remotes []publish.Remote
	size    int
}

func (r pageReader) Read(_ context.Context, _ string, cursor string) ([]publish.Remote, string, error) {
	start := 0
	fmt.Sscan(cursor, &start)
	end := min(start+r.size, len(r.remotes))
	next := ""
	if end < len(r.remotes) {
		next = fmt.Sprint(end)
	}
	return r.remotes[start:end], next, nil
}
