package main

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"steward/jobs"
	"steward/jobs/odoo/odootest"
	"steward/models"
)

// An Odoo channel added with the command is reconciled: its connector reads Odoo back, so
// a product pulled from Odoo and then deleted there is raised as missing.
func TestOdooChannelIsReconciled(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "s.db")
	srv := odootest.New(odootest.Options{Version: "18.0", APIKey: "odoo-e2e-key"})
	defer srv.Close()
	srv.Seed(5)
	addChannel(t, "odoo-e2e-key", "odoo", "--db", dsn, "--name", "ERP", "--url", srv.URL(), "--database", srv.Database(), "--login", "admin")
	if out, err := runCLI(t, "", "sync", "--db", dsn, "--channel", "ERP", "--object", "products"); err != nil {
		t.Fatalf("pull: %v\n%s", err, out)
	}
	db, err := openDB(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { models.Close(db) })
	cfg := jobConfig(db, mustKeyring(t))
	ch, _ := models.ChannelByName(db, "ERP")
	if _, err := cfg.Readers(ch); err != nil {
		t.Fatalf("reader of an Odoo channel: %v", err)
	}
	var ref models.ExternalRef
	if err := db.Where("channel_id = ? AND object_type = ?", ch.ID, models.ObjectProduct).Order("id").Take(&ref).Error; err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseInt(ref.ExternalID, 10, 64)
	if err := srv.Unlink("product.product", id); err != nil {
		t.Fatal(err)
	}

	run := models.SyncRun{ChannelID: ch.ID, Kind: "reconcile", Object: models.ObjectProduct}
	if err := models.CreateRun(db, &run); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Reconcile(ctx, cfg, ch.ID, models.ObjectProduct, run.ID); err != nil {
		t.Fatal(err)
	}
	drift, _ := models.ListDrift(db, models.DriftFilter{})
	var missing []string
	for _, d := range drift {
		if d.Kind == models.DriftMissing {
			missing = append(missing, d.ExternalID)
		}
	}
	// The pulled products still in Odoo read back as Steward renders them: no other drift.
	if len(drift) != 1 || len(missing) != 1 || missing[0] != ref.ExternalID {
		t.Errorf("drift %+v: want only Odoo product %s missing", drift, ref.ExternalID)
	}
}
