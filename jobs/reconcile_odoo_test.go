package jobs_test

import (
	"context"
	"strconv"
	"testing"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
	"steward/rules/channelmap"
)

// Products published to Odoo and then deleted or renamed there, where no write_date pull
// can show a deletion, are found by reconciling the Odoo channel through its reader.
func TestReconcileOdooTestServer(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	srv := odootest.New(odootest.Options{Version: "18.0", APIKey: "odoo-key"})
	t.Cleanup(srv.Close)
	conn := odoo.NewPublisher(odoo.New(odoo.Config{URL: srv.URL(), Database: srv.Database(), Login: "admin", Secret: "odoo-key"}, nil))
	erp := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(db, &erp); err != nil {
		t.Fatal(err)
	}
	var products []models.Product
	ids := map[string]int64{}
	for i, sku := range []string{"FAS-1", "FAS-2", "FAS-3"} {
		p := models.Product{SKU: sku, Name: "Hex bolt " + sku, Description: "Zinc plated", UoM: "EA", Currency: "EUR",
			ListPrice: models.Money(125000 + 10000*i), Cost: models.Money(60000), LifecycleStatus: models.LifecycleActive, Active: true}
		if err := models.CreateProduct(db, &p); err != nil {
			t.Fatal(err)
		}
		raw, err := channelmap.Render(erp.Kind, erp.Public, channelmap.ProductRecord(p), channelmap.Mapping{})
		if err != nil {
			t.Fatal(err)
		}
		outs, err := conn.Publish(ctx, []publish.Item{{PublicationID: p.ID, ObjectType: models.ObjectProduct, GoldenID: p.ID, Payload: raw}})
		if err != nil || outs[0].Err != nil {
			t.Fatalf("publish %s: %v %v", sku, err, outs)
		}
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: erp.ID, ObjectType: models.ObjectProduct, ExternalID: outs[0].ExternalID, GoldenID: p.ID}); err != nil {
			t.Fatal(err)
		}
		ids[sku], _ = strconv.ParseInt(outs[0].ExternalID, 10, 64)
		products = append(products, p)
	}
	// In Odoo, someone deleted FAS-1 and renamed FAS-2.
	if err := srv.Unlink("product.product", ids["FAS-1"]); err != nil {
		t.Fatal(err)
	}
	if err := srv.Write("product.product", []int64{ids["FAS-2"]}, map[string]any{"name": "Hex bolt renamed in Odoo"}); err != nil {
		t.Fatal(err)
	}

	cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return conn, nil }}
	run := models.SyncRun{ChannelID: erp.ID, Kind: "reconcile", Object: models.ObjectProduct}
	if err := models.CreateRun(db, &run); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Reconcile(ctx, cfg, erp.ID, models.ObjectProduct, run.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := models.RunByID(db, run.ID); got.Status != models.RunSucceeded || got.Problems != "" {
		t.Errorf("run = %+v", got)
	}
	drift, _ := models.ListDrift(db, models.DriftFilter{})
	got := map[string]string{}
	for _, d := range drift {
		got[d.Kind+" "+d.ExternalID+" "+d.Field] = d.GoldenValue + " ≠ " + d.ChannelValue
	}
	missing := models.DriftMissing + " " + strconv.FormatInt(ids["FAS-1"], 10) + " "
	renamed := models.DriftDiffers + " " + strconv.FormatInt(ids["FAS-2"], 10) + " vals.name"
	if len(got) != 2 || got[missing] != " ≠ " || got[renamed] != products[1].Name+" ≠ Hex bolt renamed in Odoo" {
		t.Errorf("drift = %v, want FAS-1 missing and FAS-2's name differing", got)
	}
}
