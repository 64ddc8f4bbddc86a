package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
)

// demoSupplierFile imports a supplier's price file into a fresh demo, as a purchaser would:
// Odoo owns product prices, so the supplier's changes wait in the inbox with that reason,
// and the rows the file gets wrong are reported by line and column. A new user then finds
// work waiting for a steward.
func demoSupplierFile(ctx context.Context, db *gorm.DB, stdout io.Writer) error {
	var products []models.Product
	if err := db.Where("active = ?", true).Order("id").Limit(30).Find(&products).Error; err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("sku,name,list_price,cost\n")
	for i, p := range products {
		price := p.ListPrice + p.ListPrice*7/100 // the supplier's new list: 7 % up
		cost := p.Cost + p.Cost*5/100
		if i%10 == 9 {
			fmt.Fprintf(&b, "%s,%q,n/a,%s\n", p.SKU, p.Name, cost) // a row the file gets wrong
			continue
		}
		fmt.Fprintf(&b, "%s,%q,%s,%s\n", p.SKU, p.Name, price, cost)
	}
	ch, err := models.SourceChannel(db, "Supplier price file", models.ChannelCSV)
	if err != nil {
		return err
	}
	run := models.SyncRun{ChannelID: ch.ID, Kind: "import", Object: models.SyncProducts, StartedBy: "demo"}
	if err := models.CreateRun(db, &run); err != nil {
		return err
	}
	cfg := jobs.Config{DB: db, Decider: jobs.LoadPolicy}
	if err := jobs.Import(ctx, cfg, ch, models.SyncProducts, strings.NewReader(b.String()), run.ID, nil); err != nil {
		return fmt.Errorf("import the demo supplier file: %w", err)
	}
	r, _ := models.RunByID(db, run.ID)
	fmt.Fprintf(stdout, "A supplier price file was imported: %d price changes wait in the inbox (Odoo owns prices), %d rows could not be read.\n", r.Held, r.Failed)
	return nil
}
