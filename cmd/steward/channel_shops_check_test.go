package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"steward/jobs/shopify/shopifytest"
	"steward/jobs/woocommerce/wootest"
	"steward/models"
)

// TestChannelAddShopsTryTheConnection: a shop is stored only when one read with its
// credentials works; a wrong token or key is refused in plain words and stores nothing,
// and --no-check stores it without trying.
func TestChannelAddShopsTryTheConnection(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	shopSrv := httptest.NewServer(shopifytest.New("shpat_good"))
	defer shopSrv.Close()
	wooSrv := httptest.NewServer(wootest.New("ck_good", "cs_good"))
	defer wooSrv.Close()

	for _, tc := range []struct {
		name   string
		secret string
		args   []string
		want   string // part of the refusal; "" when the channel is stored
	}{
		{"shopify good token", "shpat_good", []string{"shopify", "--url", shopSrv.URL}, ""},
		{"shopify wrong token", "shpat_wrong", []string{"shopify", "--url", shopSrv.URL}, "could not connect to Shopify"},
		{"shopify not there yet", "shpat_wrong", []string{"shopify", "--url", "http://127.0.0.1:1", "--no-check"}, ""},
		{"woo good key", "cs_good", []string{"woocommerce", "--url", wooSrv.URL, "--consumer-key", "ck_good"}, ""},
		{"woo wrong key", "cs_good", []string{"woocommerce", "--url", wooSrv.URL, "--consumer-key", "ck_wrong"}, "could not connect to WooCommerce"},
		{"woo wrong secret", "cs_wrong", []string{"woocommerce", "--url", wooSrv.URL, "--consumer-key", "ck_good"}, "could not connect to WooCommerce"},
		{"woo not there yet", "cs_good", []string{"woocommerce", "--url", "http://127.0.0.1:1", "--consumer-key", "ck_good", "--no-check"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "s.db")
			args := append([]string{"add", tc.args[0], "--db", dsn, "--name", "Shop"}, tc.args[1:]...)
			var out, errb bytes.Buffer
			err := channelCmd(context.Background(), args, strings.NewReader(tc.secret+"\n"), &out, &errb)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "--no-check")):
				t.Fatalf("err = %v, want %q and the --no-check way out", err, tc.want)
			}
			if err != nil {
				t.Logf("refused: %v", err)
			}
			// openDB migrates, so a refused add (which never opened the database) reads as empty.
			db, err := openDB(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer models.Close(db)
			want := int64(1)
			if tc.want != "" {
				want = 0
			}
			if n := countRows(t, db, &models.Channel{}, ""); int64(n) != want {
				t.Errorf("%d channels stored, want %d", n, want)
			}
		})
	}
}
