package jobs_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/jobs/shopify"
	"steward/jobs/shopify/shopifytest"
	"steward/jobs/woocommerce"
	"steward/jobs/woocommerce/wootest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules/channelmap"
)

// Products published to the WooCommerce test server read back through its reader without
// false drift; a golden change not yet published is the only drift found.
func TestReconcileWooCommerceTestServer(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	srv := httptest.NewServer(wootest.New("ck_test", "cs_test"))
	t.Cleanup(srv.Close)
	conn, err := woocommerce.New(woocommerce.Config{BaseURL: srv.URL, ConsumerKey: "ck_test", ConsumerSecret: "cs_test", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	shop := models.Channel{Name: "Woo outlet", Kind: models.ChannelWooCommerce, Direction: models.DirectionDestination, Public: true, Active: true}
	if err := models.CreateChannel(db, &shop); err != nil {
		t.Fatal(err)
	}
	var golden []models.Product
	var items []publish.Item
	for i, sku := range []string{"KB-1", "KB-2", "KB-3"} {
		w := 0.25
		p := models.Product{SKU: sku, Name: "Cable tie " + sku, Description: "UV resistant", UoM: "EA", Currency: "EUR", WeightKg: &w,
			ListPrice: models.Money(12500 * (i + 1)), LifecycleStatus: models.LifecycleActive, Active: true}
		if err := models.CreateProduct(db, &p); err != nil {
			t.Fatal(err)
		}
		raw, err := channelmap.RenderWooCommerce(channelmap.ProductRecord(p), channelmap.Mapping{})
		if err != nil {
			t.Fatal(err)
		}
		golden = append(golden, p)
		items = append(items, publish.Item{PublicationID: int64(i + 1), ObjectType: models.ObjectProduct, GoldenID: p.ID, Payload: raw})
	}
	outs, err := conn.Publish(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		if o.Err != nil {
			t.Fatalf("publish %s: %v", golden[i].SKU, o.Err)
		}
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: shop.ID, ObjectType: models.ObjectProduct, ExternalID: o.ExternalID, GoldenID: golden[i].ID}); err != nil {
			t.Fatal(err)
		}
	}
	// Steward's name of KB-2 changed after it was published.
	if err := db.Model(&models.Product{}).Where("id = ?", golden[1].ID).Update("name", "Cable tie KB-2 black").Error; err != nil {
		t.Fatal(err)
	}
	cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return conn, nil }}
	run := models.SyncRun{ChannelID: shop.ID, Kind: "reconcile", Object: models.ObjectProduct}
	if err := models.CreateRun(db, &run); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Reconcile(ctx, cfg, shop.ID, models.ObjectProduct, run.ID); err != nil {
		t.Fatal(err)
	}
	drift, _ := models.ListDrift(db, models.DriftFilter{})
	if len(drift) != 1 || drift[0].Field != "body.name" || drift[0].GoldenValue != "Cable tie KB-2 black" || drift[0].ChannelValue != "Cable tie KB-2" {
		t.Errorf("drift = %+v, want only KB-2's name", drift)
	}
	got, _ := models.RunByID(db, run.ID)
	if got.Status != models.RunSucceeded || got.Read != 3 || got.Unchanged != 2 || got.Held != 1 {
		t.Errorf("run = %+v (problems %s)", got, got.Problems)
	}
}

// The same against the Shopify test server, read back through GraphQL: customers too.
func TestReconcileShopifyTestServer(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	srv := httptest.NewServer(shopifytest.New("shpat_test"))
	t.Cleanup(srv.Close)
	conn := shopify.New(shopify.Config{BaseURL: srv.URL, Token: "shpat_test", LocationID: shopifytest.LocationID, Timeout: 5 * time.Second})
	shop := models.Channel{Name: "Shopify", Kind: models.ChannelShopify, Direction: models.DirectionDestination, Active: true}
	if err := models.CreateChannel(db, &shop); err != nil {
		t.Fatal(err)
	}
	publishOne := func(object string, goldenID int64, rec channelmap.Record) {
		t.Helper()
		raw, err := channelmap.RenderShopify(rec, channelmap.Mapping{})
		if err != nil {
			t.Fatal(err)
		}
		outs, err := conn.Publish(ctx, []publish.Item{{PublicationID: goldenID, ObjectType: object, GoldenID: goldenID, Payload: raw}})
		if err != nil || outs[0].Err != nil {
			t.Fatalf("publish %s %d: %v %v", object, goldenID, err, outs)
		}
		if err := models.CreateExternalRef(db, &models.ExternalRef{ChannelID: shop.ID, ObjectType: object, ExternalID: outs[0].ExternalID, GoldenID: goldenID}); err != nil {
			t.Fatal(err)
		}
	}
	var products []models.Product
	for i, sku := range []string{"PT-1", "PT-2"} {
		p := models.Product{SKU: sku, Name: "Drill " + sku, Brand: "Bosch", Category: "Power tools", Description: "Two batteries", UoM: "EA",
			Currency: "EUR", ListPrice: models.Money(1990000 + 10000*i), LifecycleStatus: models.LifecycleActive, Active: true}
		if err := models.CreateProduct(db, &p); err != nil {
			t.Fatal(err)
		}
		publishOne(models.ObjectProduct, p.ID, channelmap.ProductRecord(p))
		products = append(products, p)
	}
	cust := models.Customer{Name: "Nord Elektro GmbH", Email: "orders@nord.example", Phone: "+49 40 1234567", Currency: "EUR", Active: true}
	if err := models.CreateCustomer(db, &cust); err != nil {
		t.Fatal(err)
	}
	publishOne(models.ObjectCustomer, cust.ID, channelmap.CustomerRecord(cust))
	// Since publishing, Steward's price of PT-2 and the customer's email changed.
	db.Model(&models.Product{}).Where("id = ?", products[1].ID).Update("list_price", models.Money(1890000))
	db.Model(&models.Customer{}).Where("id = ?", cust.ID).Update("email", "einkauf@nord.example")

	cfg := jobs.Config{DB: db, Readers: func(models.Channel) (publish.Reader, error) { return conn, nil }}
	for _, object := range []string{models.ObjectProduct, models.ObjectCustomer} {
		run := models.SyncRun{ChannelID: shop.ID, Kind: "reconcile", Object: object}
		if err := models.CreateRun(db, &run); err != nil {
			t.Fatal(err)
		}
		if err := jobs.Reconcile(ctx, cfg, shop.ID, object, run.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := models.RunByID(db, run.ID); got.Status != models.RunSucceeded || got.Problems != "" {
			t.Errorf("%s run = %+v", object, got)
		}
	}
	drift, _ := models.ListDrift(db, models.DriftFilter{})
	got := map[string]string{}
	for _, d := range drift {
		got[d.ObjectType+" "+d.Field] = d.GoldenValue + " ≠ " + d.ChannelValue
	}
	want := map[string]string{"product input.variants[0].price": "189.00 ≠ 200.00", "customer input.email": "einkauf@nord.example ≠ orders@nord.example"}
	if len(got) != len(want) || got["product input.variants[0].price"] != want["product input.variants[0].price"] || got["customer input.email"] != want["customer input.email"] {
		t.Errorf("drift = %v, want %v", got, want)
	}
}
