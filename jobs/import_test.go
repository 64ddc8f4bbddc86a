package jobs_test

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// A source that does not own products changes one through a CSV file: under the default
// ownership rules the change waits in the inbox with its reason, and nothing is applied. A
// gate that fails holds an owner's change too.
func TestDefaultPolicyHoldsWithReasons(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
			t.Fatal(err)
		}
		gate := models.Gate{Domain: "product", Field: "barcode", Kind: "format", Format: "gtin", Severity: "block"}
		if err := models.CreateGate(db, &gate); err != nil {
			t.Fatal(err)
		}
		odoo := odooChannel(t, db)
		cfg := jobs.Config{DB: db, Decider: jobs.LoadPolicy}
		run := func(ch models.Channel, file string) models.SyncRun {
			r := models.SyncRun{ChannelID: ch.ID, Kind: "import", Object: models.SyncProducts}
			if err := models.CreateRun(db, &r); err != nil {
				t.Fatal(err)
			}
			if err := jobs.Import(ctx, cfg, ch, models.SyncProducts, strings.NewReader(file), r.ID, nil); err != nil {
				t.Fatal(err)
			}
			got, _ := models.RunByID(db, r.ID)
			return got
		}
		// The owner (an Odoo channel) creates two products; one has a barcode with a wrong
		// check digit and waits.
		got := run(odoo, "sku,name,barcode,list_price\nEL-1,Cable tie,4006381333931,12.50\nEL-2,Fuse,4006381333932,1\n")
		if got.Created != 1 || got.Held != 1 {
			t.Fatalf("owner's import: %+v", got)
		}
		// A supplier file changes the price of EL-1: Odoo owns prices of products.
		supplier, err := models.SourceChannel(db, "Supplier file", models.ChannelCSV)
		if err != nil {
			t.Fatal(err)
		}
		got = run(supplier, "sku,name,list_price\nEL-1,Cable tie,9.99\n")
		if got.Held != 1 || got.Updated != 0 {
			t.Fatalf("supplier's import: %+v", got)
		}
		p, _ := models.ProductBySKU(db, "EL-1")
		if p.ListPrice != 125000 {
			t.Errorf("a held price was applied: %s", p.ListPrice)
		}
		var items []models.InboxItem
		db.Order("id").Find(&items)
		if len(items) != 2 || items[0].Reason != models.ReasonValidation || !strings.Contains(items[0].Reasons, "check digit") ||
			items[1].Reason != models.ReasonOwnership || !strings.Contains(items[1].Reasons, "Odoo owns") {
			t.Errorf("inbox items %+v", items)
		}
	})
}

// An uploaded file is imported by the queue's worker and removed once read.
func TestUploadedFileIsImportedByTheWorker(t *testing.T) {
	db := testdb.SQLite(t)
	r := newRunner(t, db, &memorySource{})
	ch, err := models.SourceChannel(db, "Supplier file", models.ChannelCSV)
	if err != nil {
		t.Fatal(err)
	}
	var runID int64
	err = db.Transaction(func(tx *gorm.DB) error {
		up := models.Upload{ChannelID: ch.ID, Object: models.SyncProducts, Filename: "p.csv", Content: []byte("sku,name\nA-1,Anchor\nA-2,\n"), UploadedBy: "sam@example.com"}
		var err error
		runID, err = r.EnqueueImport(context.Background(), tx, &up)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	run := waitRun(t, db, runID)
	if run.Status != models.RunSucceeded || run.Created != 1 || run.Failed != 1 || len(run.ProblemList()) != 1 {
		t.Fatalf("import run %+v", run)
	}
	if n := countOf(db, &models.Upload{}, ""); n != 0 {
		t.Errorf("%d uploads left after the import", n)
	}
}
