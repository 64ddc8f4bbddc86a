package jobs_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// pagedReader serves a channel's records in pages of two, with cursors like a real API's.
type pagedReader struct {
	records []publish.Remote
	reads   int
}

func (f *pagedReader) Read(_ context.Context, objectType, cursor string) ([]publish.Remote, string, error) {
	f.reads++
	start := 0
	if cursor != "" {
		start = int(cursor[0] - '0')
	}
	end := min(start+2, len(f.records))
	next := ""
	if end < len(f.records) {
		next = string(rune('0' + end))
	}
	return f.records[start:end], next, nil
}

// remoteRecord is a record as a webhook or portal channel reads back: the shape
// channelmap.RenderWebhook publishes.
func remoteRecord(id string, fields map[string]any) publish.Remote {
	b, _ := json.Marshal(map[string]any{"object": "product", "fields": fields})
	return publish.Remote{ExternalID: id, Payload: b}
}

func TestReconcileFindsAndResolvesDrift(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		portal := models.Channel{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &portal); err != nil {
			t.Fatal(err)
		}
		var golden []models.Product
		for i, sku := range []string{"EL-1", "EL-2", "EL-3"} {
			p := models.Product{SKU: sku, Name: "Cable " + sku, UoM: "EA", Currency: "EUR", ListPrice: models.Money(10000 * (i + 1)), LifecycleStatus: models.LifecycleActive, Active: true}
			if err := models.CreateProduct(db, &p); err != nil {
				t.Fatal(err)
			}
			if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: portal.ID, ObjectType: models.ObjectProduct, ExternalID: "ext-" + sku, GoldenID: p.ID}); err != nil {
				t.Fatal(err)
			}
			golden = append(golden, p)
		}
		reader := &pagedReader{records: []publish.Remote{
			remoteRecord("ext-EL-1", map[string]any{"sku": "EL-1", "name": "Cable EL-1 (old)", "list_price": 1.0}),
			remoteRecord("ext-EL-2", map[string]any{"sku": "EL-2", "name": "Cable EL-2", "list_price": 2.0, "active": true}),
			remoteRecord("ext-X", map[string]any{"sku": "XX-9", "name": "Only on the portal"}),
		}}
		cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return reader, nil }}
		reconcile := func() models.SyncRun {
			t.Helper()
			run := models.SyncRun{ChannelID: portal.ID, Kind: "reconcile", Object: models.ObjectProduct, StartedBy: "test"}
			if err := models.CreateRun(db, &run); err != nil {
				t.Fatal(err)
			}
			if err := jobs.Reconcile(ctx, cfg, portal.ID, models.ObjectProduct, run.ID); err != nil {
				t.Fatal(err)
			}
			got, _ := models.RunByID(db, run.ID)
			return got
		}
		run := reconcile()
		if run.Status != models.RunSucceeded || run.Read != 3 || run.Unchanged != 1 || run.Held != 3 || run.Total != 3 || reader.reads != 2 {
			t.Fatalf("run = %+v after %d reads", run, reader.reads)
		}
		open, err := models.ListDrift(db, models.DriftFilter{ChannelID: portal.ID})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]models.DriftView{}
		for _, d := range open {
			got[d.Kind+" "+d.RecordKey+" "+d.Field] = d
		}
		differs, unknown := got["differs ext-EL-1 fields.name"], got["unknown ext-X "]
		missing := got["missing golden:"+idText(golden[2].ID)+" "]
		if len(open) != 3 || differs.GoldenValue != "Cable EL-1" || differs.ChannelValue != "Cable EL-1 (old)" || unknown.ID == 0 || missing.ID == 0 {
			t.Fatalf("drift = %+v", got)
		}
		counts, _ := models.CountDrift(db)
		if len(counts) != 3 {
			t.Errorf("counts = %+v, want one row per kind and field", counts)
		}

		// Running again finds the same drift once, not twice.
		reconcile()
		if again, _ := models.ListDrift(db, models.DriftFilter{}); len(again) != 3 {
			t.Errorf("%d open items after a second run, want 3", len(again))
		}

		// Accepting the portal's name goes through ingestion: the portal owns nothing
		// here, so it is applied (AcceptAll) and the item is resolved.
		in := jobs.Inbound{DB: db}
		who := models.Actor{Name: "steward@example.com"}
		res, err := in.AcceptDrift(ctx, []models.DriftItem{differs.DriftItem}, who)
		if err != nil || res.Resolved != 1 {
			t.Fatalf("accept: %+v, %v", res, err)
		}
		p, _ := models.ProductByID(db, golden[0].ID)
		if p.Name != "Cable EL-1 (old)" || p.ListPrice != golden[0].ListPrice {
			t.Errorf("accepting the name changed the product to %+v; only the name should change", p)
		}
		// A missing record can only be republished: a publication that is sent even if
		// Steward's payload did not change.
		if res, err := in.AcceptDrift(ctx, []models.DriftItem{missing.DriftItem}, who); err != nil || res.Resolved != 0 || len(res.Problems) != 1 {
			t.Errorf("accepting a missing record: %+v, %v", res, err)
		}
		err = db.Transaction(func(tx *gorm.DB) error {
			res, err := jobs.RepublishDrift(tx, []models.DriftItem{missing.DriftItem, unknown.DriftItem}, who, time.Now())
			if err == nil && (res.Resolved != 1 || len(res.Problems) != 1) {
				t.Errorf("republish: %+v", res)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var pubs []models.Publication
		db.Where("channel_id = ? AND golden_id = ?", portal.ID, golden[2].ID).Find(&pubs)
		if len(pubs) != 1 || pubs[0].Replays != 1 || !strings.Contains(pubs[0].Summary, "drift") {
			t.Errorf("publications = %+v", pubs)
		}
		if n := auditEvents(t, db, "drift.accept") + auditEvents(t, db, "drift.republish"); n != 2 {
			t.Errorf("%d audit events, want 2", n)
		}

		// The portal now agrees on EL-1's name; the next run closes nothing else, and the
		// accepted item stays resolved.
		reader.records[0] = remoteRecord("ext-EL-1", map[string]any{"sku": "EL-1", "name": "Cable EL-1 (old)", "list_price": 1.0})
		reconcile()
		left, _ := models.ListDrift(db, models.DriftFilter{})
		if len(left) != 2 {
			t.Errorf("open after the fix: %+v", left)
		}
	})
}

// With an ownership rule that holds the portal's name changes, accepting the value leaves
// it in the inbox, and the drift item says so.
func TestAcceptDriftHeldByOwnership(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	// A channel without a renderer (a supplier's file drop read back): compared in the
	// canonical model.
	portal := models.Channel{Name: "Supplier feed", Kind: models.ChannelCSV, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &portal); err != nil {
		t.Fatal(err)
	}
	if err := models.CreateOwnershipRule(db, &models.OwnershipRule{Domain: "product", Attribute: "name", Owner: models.ChannelOdoo, Policy: rules.PolicyHold}); err != nil {
		t.Fatal(err)
	}
	p := models.Product{SKU: "EL-1", Name: "Cable", UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true}
	if err := models.CreateProduct(db, &p); err != nil {
		t.Fatal(err)
	}
	if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: portal.ID, ObjectType: models.ObjectProduct, ExternalID: "e1", GoldenID: p.ID}); err != nil {
		t.Fatal(err)
	}
	feed, _ := json.Marshal(map[string]any{"sku": "EL-1", "name": "Kabel", "active": true})
	reader := &pagedReader{records: []publish.Remote{{ExternalID: "e1", Payload: feed}}}
	cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return reader, nil }}
	run := models.SyncRun{ChannelID: portal.ID, Kind: "reconcile", Object: models.ObjectProduct}
	if err := models.CreateRun(db, &run); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Reconcile(ctx, cfg, portal.ID, models.ObjectProduct, run.ID); err != nil {
		t.Fatal(err)
	}
	items, _ := models.ListDrift(db, models.DriftFilter{})
	if len(items) != 1 || items[0].Field != "name" {
		t.Fatalf("drift = %+v", items)
	}
	res, err := jobs.Inbound{DB: db, Decider: jobs.LoadPolicy}.AcceptDrift(ctx, []models.DriftItem{items[0].DriftItem}, models.Actor{Name: "s"})
	if err != nil || res.Held != 1 || res.Resolved != 1 {
		t.Fatalf("accept: %+v, %v", res, err)
	}
	var d models.DriftItem
	db.Take(&d, items[0].ID)
	if !strings.Contains(d.Resolution, "inbox") {
		t.Errorf("resolution = %q, want it to say the value waits in the inbox", d.Resolution)
	}
	if got, _ := models.ProductByID(db, p.ID); got.Name != "Cable" {
		t.Errorf("a held value was applied: %q", got.Name)
	}
}

func idText(n int64) string { b, _ := json.Marshal(n); return string(b) }

func auditEvents(t *testing.T, db *gorm.DB, action string) int {
	evs, err := models.ListAudit(db, models.AuditFilter{Action: action, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// A reconciliation queued from the drift page runs as a job with its own run record.
func TestQueuedReconcileRuns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		portal := models.Channel{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &portal); err != nil {
			t.Fatal(err)
		}
		reader := &pagedReader{records: []publish.Remote{remoteRecord("ext-X", map[string]any{"sku": "XX-9", "name": "Only on the portal"})}}
		r, err := jobs.NewRunner(jobs.Config{DB: db, RetryPolicy: quickRetry{},
			Readers: func(models.Channel) (publish.Reader, error) { return reader, nil }})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			r.Stop(ctx)
		})
		var runID int64
		err = db.Transaction(func(tx *gorm.DB) error {
			runID, err = r.EnqueueReconcile(context.Background(), tx, portal.ID, models.ObjectProduct, "sam@example.com")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		run := waitRun(t, db, runID)
		if run.Status != models.RunSucceeded || run.Read != 1 || run.Held != 1 || run.Kind != "reconcile" {
			t.Errorf("run = %+v", run)
		}
		if items, _ := models.ListDrift(db, models.DriftFilter{}); len(items) != 1 || items[0].Kind != models.DriftUnknown {
			t.Errorf("drift = %+v", items)
		}
	})
}
