package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/jobs/shopify/shopifytest"
	"steward/jobs/woocommerce/wootest"
	"steward/models"
)

const channelTestKey = "a-long-enough-secret-key-for-tests"

// startPublishing opens dsn and works its queue with serve's configuration (every change
// accepted, so a file import is a golden change), until the test ends.
func startPublishing(t *testing.T, dsn string) (*gorm.DB, jobs.Config) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	db, err := openDB(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	keyring, err := keyringFromEnv(false)
	if err != nil {
		t.Fatal(err)
	}
	cfg := jobConfig(db, keyring)
	cfg.Decider = func(*gorm.DB) (ingest.Decider, error) { return ingest.AcceptAll{}, nil }
	runner, err := jobs.NewRunner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		runner.Stop(stop)
		cancel()
		models.Close(db)
	})
	return db, cfg
}

// importProducts changes golden products through the normal change path: a CSV import.
func importProducts(t *testing.T, db *gorm.DB, cfg jobs.Config, csv string) {
	t.Helper()
	src, err := models.SourceChannel(db, "Supplier file", models.ChannelCSV)
	if err != nil {
		t.Fatal(err)
	}
	run := models.SyncRun{ChannelID: src.ID, Kind: "import", Object: models.SyncProducts}
	if err := models.CreateRun(db, &run); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Import(context.Background(), cfg, src, models.SyncProducts, strings.NewReader(csv), run.ID, nil); err != nil {
		t.Fatal(err)
	}
}

// settled waits until no publication to the channel is pending and returns them all.
func settled(t *testing.T, db *gorm.DB, channel string) []models.Publication {
	t.Helper()
	ch, err := models.ChannelByName(db, channel)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ps []models.Publication
		if err := db.Where("channel_id = ?", ch.ID).Order("id").Find(&ps).Error; err != nil {
			t.Fatal(err)
		}
		pending := len(ps) == 0
		for _, p := range ps {
			pending = pending || p.Status == models.PublicationPending
		}
		if !pending {
			return ps
		}
		if time.Now().After(deadline) {
			t.Fatalf("publications to %s still pending after 30 s: %+v", channel, ps)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func addChannel(t *testing.T, secret string, args ...string) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := channelCmd(context.Background(), append([]string{"add"}, args...), strings.NewReader(secret+"\n"), &out, &errb); err != nil {
		t.Fatalf("channel add %v: %v\n%s", args, err, errb.String())
	}
}

// TestChannelAddShopifyAndWooCommercePublish: shops added with the command publish a golden
// product change through the real worker; their credentials are stored sealed.
func TestChannelAddShopifyAndWooCommercePublish(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	dsn := filepath.Join(t.TempDir(), "s.db")
	shop := shopifytest.New("shpat_e2e_token")
	shopSrv := httptest.NewServer(shop)
	defer shopSrv.Close()
	woo := wootest.New("ck_e2e", "cs_e2e_secret")
	wooSrv := httptest.NewServer(woo)
	defer wooSrv.Close()

	addChannel(t, "shpat_e2e_token", "shopify", "--db", dsn, "--name", "Shop", "--url", shopSrv.URL, "--location", shopifytest.LocationID)
	addChannel(t, "cs_e2e_secret", "woocommerce", "--db", dsn, "--name", "Woo", "--url", wooSrv.URL, "--consumer-key", "ck_e2e")

	db, cfg := startPublishing(t, dsn)
	for name, secret := range map[string]string{"Shop": "shpat_e2e_token", "Woo": "cs_e2e_secret"} {
		ch, err := models.ChannelByName(db, name)
		if err != nil || strings.Contains(ch.Settings, secret) || !strings.Contains(ch.Settings, `":"v1:`) || !ch.Public {
			t.Fatalf("%s: %+v %v: want a public channel with the credential sealed", name, ch, err)
		}
	}
	importProducts(t, db, cfg, "sku,name,barcode,list_price,currency\nEL-1001,Cable tie 200 mm,4006381333931,12.50,EUR\n")

	for _, name := range []string{"Shop", "Woo"} {
		for _, p := range settled(t, db, name) {
			if p.Status != models.PublicationPublished || p.ExternalID == "" {
				t.Errorf("%s: publication %s %q %q", name, p.Status, p.Error, p.ErrorDetail)
			}
		}
	}
	if v, ok := shop.VariantBySKU("EL-1001"); !ok || v.ProductTitle != "Cable tie 200 mm" || v.Price != "12.50" {
		t.Errorf("Shopify variant = %+v, %v", v, ok)
	}
	if p, ok := woo.ProductBySKU("EL-1001"); !ok || p["name"] != "Cable tie 200 mm" || p["regular_price"] != "12.50" {
		t.Errorf("WooCommerce product = %v, %v", p, ok)
	}

	// A change of the golden record is published again.
	importProducts(t, db, cfg, "sku,name,barcode,list_price,currency\nEL-1001,Cable tie 200 mm black,4006381333931,13.00,EUR\n")
	settled(t, db, "Shop")
	settled(t, db, "Woo")
	if v, _ := shop.VariantBySKU("EL-1001"); v.ProductTitle != "Cable tie 200 mm black" || v.Price != "13.00" {
		t.Errorf("Shopify variant after the change = %+v", v)
	}
	if p, _ := woo.ProductBySKU("EL-1001"); p["regular_price"] != "13.00" {
		t.Errorf("WooCommerce product after the change = %v", p)
	}
}

func TestChannelAddShopsRefuseBadInput(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	dsn := filepath.Join(t.TempDir(), "s.db")
	for _, tc := range []struct {
		args   []string
		secret string
		want   string
	}{
		{[]string{"shopify", "--name", "S", "--url", "ftp://x"}, "tok", "--url"},
		{[]string{"shopify", "--name", "", "--url", "https://x.myshopify.com"}, "tok", "--name"},
		{[]string{"shopify", "--name", "S", "--url", "https://x.myshopify.com", "--location", "7"}, "tok", "--location"},
		{[]string{"shopify", "--name", "S", "--url", "https://x.myshopify.com"}, "", "no Admin API access token"},
		{[]string{"woocommerce", "--name", "W", "--url", "https://shop.example"}, "cs", "--consumer-key"},
		{[]string{"woocommerce", "--name", "W", "--url", "http://shop.example", "--consumer-key", "ck"}, "cs", "https"},
		{[]string{"edi", "--name", "E", "--outbound", t.TempDir(), "--sender-id", "A", "--receiver-id", "B"}, "", "--customer-id"},
		{[]string{"edi", "--name", "E", "--outbound", "/no/such/folder", "--sender-id", "A", "--receiver-id", "B", "--customer-id", "1"}, "", "--outbound"},
		{[]string{"edi", "--name", "E", "--outbound", t.TempDir(), "--receiver-id", "B", "--customer-id", "1"}, "", "--sender-id"},
		{[]string{"edi", "--name", "E", "--outbound", t.TempDir(), "--sender-id", "A", "--receiver-id", "B", "--customer-id", "1", "--usage", "X"}, "", "--usage"},
		{[]string{"edi", "--name", "E", "--outbound", t.TempDir(), "--sender-id", "A", "--receiver-id", "B", "--customer-id", "999"}, "", "no customer 999"},
	} {
		var out, errb bytes.Buffer
		err := channelCmd(context.Background(), append([]string{"add", tc.args[0], "--db", dsn}, tc.args[1:]...), strings.NewReader(tc.secret+"\n"), &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
	db, err := models.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	if n := countRows(t, db, &models.Channel{}, ""); n != 0 {
		t.Errorf("%d channels stored from bad input", n)
	}
}
