package woocommerce_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"steward/jobs/publish"
	"steward/jobs/woocommerce"
	"steward/jobs/woocommerce/wootest"
	"steward/models"
	"steward/rules/channelmap"
)

func newRig(t testing.TB) (*wootest.Server, *woocommerce.Connector) {
	t.Helper()
	shop := wootest.New("ck_test", "cs_test")
	srv := httptest.NewServer(shop)
	t.Cleanup(srv.Close)
	conn, err := woocommerce.New(woocommerce.Config{BaseURL: srv.URL, ConsumerKey: "ck_test", ConsumerSecret: "cs_test", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return shop, conn
}

func item(t testing.TB, pub int64, r channelmap.Record) publish.Item {
	t.Helper()
	raw, err := channelmap.RenderWooCommerce(r, channelmap.Mapping{Values: map[string]map[string]string{"category": {"Cable ties": "15"}}})
	if err != nil {
		t.Fatal(err)
	}
	return publish.Item{PublicationID: pub, ObjectType: r.Object, Payload: raw}
}

func productRec(sku, name string, price float64) channelmap.Record {
	return channelmap.Record{Object: "product", Fields: map[string]any{"sku": sku, "name": name, "list_price": price, "category": "Cable ties",
		"description": "Black ties", "weight_kg": 0.2, "barcode": "4006381333931", "active": true, "lifecycle_status": "active"}}
}

func class(t *testing.T, err error) *publish.Error {
	t.Helper()
	var pe *publish.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a publish.Error", err)
	}
	return pe
}

func publishAll(t *testing.T, conn *woocommerce.Connector, items ...publish.Item) []publish.Outcome {
	t.Helper()
	outs, err := conn.Publish(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func TestRoundTrip(t *testing.T) {
	shop, conn := newRig(t)
	outs := publishAll(t, conn, item(t, 1, productRec("EL-1001", "Cable tie", 4.5)), item(t, 2, productRec("EL-1002", "Cable tie XL", 6)),
		item(t, 3, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "Hansa GmbH", "email": "orders@hansa.example", "phone": "+49 40 1", "country": "DE"}}))
	for i, o := range outs {
		if o.Err != nil || o.ExternalID == "" {
			t.Fatalf("item %d: %+v", i, o)
		}
	}
	// Price and stock follow by SKU in one batch; the product update by its id.
	upd := item(t, 6, productRec("EL-1001", "Cable tie 200 mm", 4.5))
	upd.ExternalID = outs[0].ExternalID
	outs2 := publishAll(t, conn,
		item(t, 4, channelmap.Record{Object: "price", Fields: map[string]any{"sku": "EL-1002", "price": 5.25}}),
		item(t, 5, channelmap.Record{Object: "stock", Fields: map[string]any{"sku": "EL-1002", "available": 17.9}}),
		upd)
	for i, o := range outs2 {
		if o.Err != nil {
			t.Fatalf("item %d: %v", i, o.Err)
		}
	}
	if outs2[2].ExternalID != outs[0].ExternalID {
		t.Errorf("update went to %s, want %s", outs2[2].ExternalID, outs[0].ExternalID)
	}
	// A create retried after a lost answer updates the product it made.
	if again := publishAll(t, conn, item(t, 7, productRec("EL-1001", "Cable tie 200 mm", 4.5))); again[0].Err != nil || again[0].ExternalID != outs[0].ExternalID {
		t.Errorf("retried create: %+v", again[0])
	}
	if n, _ := shop.Counts(); n != 2 {
		t.Errorf("shop holds %d products, want 2", n)
	}
	page, next, err := conn.Read(context.Background(), "product", "")
	if err != nil || next != "" || len(page) != 2 {
		t.Fatalf("read: %v %q %d", err, next, len(page))
	}
	var p channelmap.WooPayload
	json.Unmarshal(page[1].Payload, &p)
	if p.SKU != "EL-1002" || p.Body["regular_price"] != "5.25" || p.StockQuantity == nil || *p.StockQuantity != 17 || page[1].ExternalID != outs[1].ExternalID {
		t.Errorf("read back %+v (stock %v)", p, p.StockQuantity)
	}
	cs, _, err := conn.Read(context.Background(), "customer", "")
	if err != nil || len(cs) != 1 || cs[0].ExternalID != outs[2].ExternalID {
		t.Fatalf("customers: %v %+v", err, cs)
	}
	json.Unmarshal(cs[0].Payload, &p)
	if p.Body["email"] != "orders@hansa.example" || p.Body["billing"].(map[string]any)["company"] != "Hansa GmbH" {
		t.Errorf("customer read back %+v", p.Body)
	}
}

func TestBatchOf100AndPaging(t *testing.T) {
	shop, conn := newRig(t)
	if conn.MaxBatch() != 100 {
		t.Fatalf("MaxBatch = %d", conn.MaxBatch())
	}
	var items []publish.Item
	for i := range 100 {
		items = append(items, item(t, int64(i+1), productRec(fmt.Sprintf("SKU-%03d", i), fmt.Sprint("Item ", i), 1)))
	}
	before := shop.Requests()
	for _, o := range publishAll(t, conn, items...) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
	}
	if calls := shop.Requests() - before; calls != 2 {
		t.Errorf("100 products took %d calls, want 2 (one SKU lookup, one batch)", calls)
	}
	publishAll(t, conn, item(t, 101, productRec("SKU-100", "Item 100", 1)))
	var seen int
	cursor, pages := "", 0
	for {
		page, next, err := conn.Read(context.Background(), "product", cursor)
		if err != nil {
			t.Fatal(err)
		}
		seen += len(page)
		pages++
		if next == "" {
			break
		}
		cursor = next
	}
	if seen != 101 || pages != 2 {
		t.Errorf("read %d in %d pages", seen, pages)
	}
}

func TestPerItemErrors(t *testing.T) {
	shop, conn := newRig(t)
	publishAll(t, conn, item(t, 1, productRec("EL-1001", "Tie", 1)))
	bad := productRec("EL-2000", "Tie", 1)
	bad.Fields["barcode"] = "ABC-123"
	gone := item(t, 3, productRec("EL-3000", "Gone", 1))
	gone.ExternalID = "999999"
	outs := publishAll(t, conn,
		item(t, 2, bad),
		gone,
		item(t, 4, channelmap.Record{Object: "stock", Fields: map[string]any{"sku": "NOPE", "available": 1.0}}),
		item(t, 5, productRec("EL-4000", "Fine", 2)),
	)
	want := []struct{ class, field string }{
		{publish.ClassValidation, "barcode"},
		{publish.ClassNotFound, ""},
		{publish.ClassNotFound, "sku"},
	}
	for i, w := range want {
		pe := class(t, outs[i].Err)
		if pe.Class != w.class || pe.Field != w.field || pe.Detail == "" {
			t.Errorf("item %d: %+v", i, pe)
		}
	}
	if outs[3].Err != nil {
		t.Errorf("the good item failed with the others: %v", outs[3].Err)
	}
	if _, ok := shop.ProductBySKU("EL-4000"); !ok {
		t.Error("the good item was not stored")
	}
	// Email taken by another account: a conflict naming the field.
	publishAll(t, conn, item(t, 6, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "A", "email": "a@example.com"}}))
	second := publishAll(t, conn, item(t, 7, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "B", "email": "b@example.com"}}))
	clash := item(t, 8, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "B", "email": "a@example.com"}})
	clash.ExternalID = second[0].ExternalID
	if pe := class(t, publishAll(t, conn, clash)[0].Err); pe.Class != publish.ClassConflict || pe.Field != "email" {
		t.Errorf("taken email: %+v", pe)
	}
	if pe := class(t, publishAll(t, conn, item(t, 9, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "C", "email": "not-an-email"}}))[0].Err); pe.Class != publish.ClassValidation || pe.Field != "email" {
		t.Errorf("bad email: %+v", pe)
	}
}

func TestSiteFailures(t *testing.T) {
	for _, tc := range []struct {
		fault      string
		class      string
		retry      bool
		retryAfter time.Duration
	}{
		{"429", publish.ClassThrottled, true, 2 * time.Second},
		{"500", publish.ClassUnavailable, true, 0},
		{"502", publish.ClassUnavailable, true, 0},
		{"401", publish.ClassAuth, false, 0},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			shop, conn := newRig(t)
			shop.Fail(tc.fault, 1)
			_, err := conn.Publish(context.Background(), []publish.Item{item(t, 1, productRec("EL-1", "Tie", 1))})
			pe := class(t, err)
			if pe.Class != tc.class || pe.Retry != tc.retry || pe.RetryAfter != tc.retryAfter {
				t.Errorf("got %+v", pe)
			}
			if n, _ := shop.Counts(); n != 0 {
				t.Errorf("a failed call stored %d products", n)
			}
		})
	}
	t.Run("timeout", func(t *testing.T) {
		shop, conn := newRig(t)
		shop.Fail("timeout", 1)
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		defer cancel()
		_, err := conn.Publish(ctx, []publish.Item{item(t, 1, productRec("EL-1", "Tie", 1))})
		if pe := class(t, err); pe.Class != publish.ClassTimeout || !pe.Retry {
			t.Errorf("got %+v", pe)
		}
	})
	t.Run("wrong address", func(t *testing.T) {
		srv := httptest.NewServer(wootest.New("k", "s"))
		defer srv.Close()
		conn, _ := woocommerce.New(woocommerce.Config{BaseURL: srv.URL + "/shop", ConsumerKey: "k", ConsumerSecret: "s"})
		_, err := conn.Publish(context.Background(), []publish.Item{item(t, 1, productRec("EL-1", "Tie", 1))})
		if pe := class(t, err); pe.Class != publish.ClassNotFound {
			t.Errorf("got %+v", pe)
		}
	})
}

func TestRefusesPlainHTTP(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://shop.example.com":  false,
		"https://shop.example.com": true,
		"http://localhost:8080":    true,
		"http://127.0.0.1:9999":    true,
		"http://shop.test":         true,
		"ftp://shop.example.com":   false,
	} {
		_, err := woocommerce.New(woocommerce.Config{BaseURL: url, ConsumerKey: "k", ConsumerSecret: "s"})
		if (err == nil) != ok {
			t.Errorf("%s: err = %v", url, err)
		}
	}
}

func TestFromChannel(t *testing.T) {
	open := func(s string) (string, error) { return "opened-" + s, nil }
	ch := models.Channel{Name: "woo", Kind: models.ChannelWooCommerce, BaseURL: "http://shop.example.com", Settings: `{"consumer_key":"ck","consumer_secret":"sealed"}`}
	if _, err := woocommerce.FromChannel(ch, open); err == nil {
		t.Error("plain http to a remote shop was accepted")
	}
	ch.BaseURL = "https://shop.example.com"
	if _, err := woocommerce.FromChannel(ch, open); err != nil {
		t.Error(err)
	}
}
