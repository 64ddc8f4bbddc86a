package main

import (
	"context"
	"fmt"
	"io"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
)

// demoDuplicates runs a duplicate scan of both domains over a fresh demo, whose data
// holds near-duplicate customers and products on purpose, so /duplicates has pairs to
// compare and merge from the first minute.
func demoDuplicates(ctx context.Context, db *gorm.DB, stdout io.Writer) error {
	ch, err := models.ScanChannel(db)
	if err != nil {
		return err
	}
	for _, domain := range []string{models.ObjectCustomer, models.ObjectProduct} {
		run := models.SyncRun{ChannelID: ch.ID, Kind: models.ScanRunKind, Object: domain, StartedBy: "demo"}
		if err := models.CreateRun(db, &run); err != nil {
			return err
		}
		if err := jobs.Scan(ctx, jobs.Config{DB: db}, domain, run.ID, nil); err != nil {
			return fmt.Errorf("scan the demo %ss for duplicates: %w", domain, err)
		}
	}
	var n int64
	if err := db.Model(&models.DuplicateCandidate{}).Where("status = ?", models.CandidateOpen).Count(&n).Error; err != nil {
		return err
	}
	fmt.Fprintf(stdout, "A duplicate scan found %d possible duplicate pairs: compare and merge them at /duplicates.\n", n)
	return nil
}
