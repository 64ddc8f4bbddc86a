package shopify_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"steward/jobs/publish"
	"steward/jobs/shopify"
	"steward/jobs/shopify/shopifytest"
	"steward/models"
	"steward/rules/channelmap"
)

// clock is shared by the shop and the client, so waiting for the cost bucket takes no real
// time and can be measured.
type clock struct {
	mu     sync.Mutex
	now    time.Time
	slept  []time.Duration
	asleep time.Duration
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.asleep += d
	c.now = c.now.Add(d)
	return ctx.Err()
}

type rig struct {
	shop *shopifytest.Server
	conn *shopify.Connector
	clk  *clock
}

func newRig(t *testing.T) *rig {
	t.Helper()
	clk := &clock{now: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	shop := shopifytest.New("shpat_test")
	shop.Now = clk.Now
	srv := httptest.NewServer(shop)
	t.Cleanup(srv.Close)
	conn := shopify.New(shopify.Config{BaseURL: srv.URL, Token: "shpat_test", LocationID: shopifytest.LocationID, Timeout: 2 * time.Second})
	conn.Client.Now, conn.Client.Sleep = clk.Now, clk.Sleep
	return &rig{shop: shop, conn: conn, clk: clk}
}

func render(t testing.TB, r channelmap.Record) json.RawMessage {
	t.Helper()
	raw, err := channelmap.RenderShopify(r, channelmap.Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func productItem(t testing.TB, pub int64, sku, name string, price float64) publish.Item {
	return publish.Item{PublicationID: pub, ObjectType: "product", GoldenID: pub, GoldenVersion: 1, IdempotencyKey: fmt.Sprint("pub-", pub),
		Payload: render(t, channelmap.Record{Object: "product", ID: pub, Fields: map[string]any{"sku": sku, "name": name, "brand": "Hansa",
			"category": "Cable ties", "description": "Black <nylon> & strong", "list_price": price, "barcode": "4006381333931", "weight_kg": 0.2,
			"lifecycle_status": "active", "active": true}})}
}

func publishOne(t *testing.T, r *rig, it publish.Item) (publish.Outcome, error) {
	t.Helper()
	outs, err := r.conn.Publish(context.Background(), []publish.Item{it})
	if err != nil {
		return publish.Outcome{}, err
	}
	return outs[0], nil
}

func mustPublish(t *testing.T, r *rig, it publish.Item) string {
	t.Helper()
	o, err := publishOne(t, r, it)
	if err == nil {
		err = o.Err
	}
	if err != nil {
		t.Fatalf("publish %s: %v", it.ObjectType, err)
	}
	return o.ExternalID
}

func class(t *testing.T, err error) *publish.Error {
	t.Helper()
	var pe *publish.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a publish.Error", err)
	}
	return pe
}

// TestRoundTrip publishes a product, its price, its stock and a customer, then reads the
// shop back and finds the same values.
func TestRoundTrip(t *testing.T) {
	r := newRig(t)
	id := mustPublish(t, r, productItem(t, 1, "EL-1001", "Cable tie 200 mm", 4.5))
	if id == "" {
		t.Fatal("no product id")
	}
	// Publishing again with the id updates the same product.
	it := productItem(t, 2, "EL-1001", "Cable tie 200 mm, black", 4.5)
	it.ExternalID = id
	if again := mustPublish(t, r, it); again != id {
		t.Errorf("update made product %s, want %s", again, id)
	}
	// A create retried without the id (its answer was lost) finds the product by handle.
	if again := mustPublish(t, r, productItem(t, 3, "EL-1001", "Cable tie 200 mm, black", 4.5)); again != id {
		t.Errorf("retried create made product %s, want %s", again, id)
	}
	if n, _ := r.shop.Counts(); n != 1 {
		t.Errorf("shop holds %d products, want 1", n)
	}
	mustPublish(t, r, publish.Item{PublicationID: 4, ObjectType: "price", Payload: render(t, channelmap.Record{Object: "price",
		Fields: map[string]any{"sku": "EL-1001", "price": 3.99}})})
	stock := publish.Item{PublicationID: 5, ObjectType: "stock", IdempotencyKey: "pub-5-v1", Payload: render(t, channelmap.Record{Object: "stock",
		Fields: map[string]any{"sku": "EL-1001", "available": 1250.0}})}
	mustPublish(t, r, stock)
	v, _ := r.shop.VariantBySKU("EL-1001")
	if v.Price != "3.99" || v.Available != 1250 || v.ProductTitle != "Cable tie 200 mm, black" || v.ProductStatus != "ACTIVE" {
		t.Errorf("shop variant = %+v", v)
	}
	cust := mustPublish(t, r, publish.Item{PublicationID: 6, ObjectType: "customer", Payload: render(t, channelmap.Record{Object: "customer",
		Fields: map[string]any{"name": "Hansa Bürobedarf GmbH", "email": "orders@hansa.example", "phone": "+49 40 1234567"}})})

	page, next, err := r.conn.Read(context.Background(), "product", "")
	if err != nil || next != "" || len(page) != 1 || page[0].ExternalID != id {
		t.Fatalf("read products: %v %q %+v", err, next, page)
	}
	var got channelmap.ShopifyPayload
	json.Unmarshal(page[0].Payload, &got)
	variant := got.Input["variants"].([]any)[0].(map[string]any)
	if got.Input["title"] != "Cable tie 200 mm, black" || variant["price"] != "3.99" || variant["sku"] != "EL-1001" ||
		got.Input["descriptionHtml"] != "<p>Black &lt;nylon&gt; &amp; strong</p>" || got.Handle != "el-1001" {
		t.Errorf("read back %+v", got)
	}
	cs, _, err := r.conn.Read(context.Background(), "customer", "")
	if err != nil || len(cs) != 1 || cs[0].ExternalID != cust {
		t.Fatalf("read customers: %v %+v", err, cs)
	}
	json.Unmarshal(cs[0].Payload, &got)
	if got.Input["lastName"] != "Hansa Bürobedarf GmbH" || got.Email != "orders@hansa.example" {
		t.Errorf("customer read back %+v", got)
	}
}

// TestStockRetryAppliesOnce: the same idempotency key sent twice (a retry after a lost
// answer) sets the quantity once, even if the shop changed it in between.
func TestStockRetryAppliesOnce(t *testing.T) {
	r := newRig(t)
	mustPublish(t, r, productItem(t, 1, "EL-1001", "Cable tie", 4.5))
	set := func(key string, qty float64) {
		mustPublish(t, r, publish.Item{PublicationID: 9, ObjectType: "stock", IdempotencyKey: key, Payload: render(t, channelmap.Record{Object: "stock",
			Fields: map[string]any{"sku": "EL-1001", "available": qty}})})
	}
	set("k1", 10)
	set("k2", 7)
	set("k1", 10) // replay of the first: Shopify returns the first result, applies nothing
	if v, _ := r.shop.VariantBySKU("EL-1001"); v.Available != 7 {
		t.Errorf("available = %d, want 7", v.Available)
	}
}

func TestReadPages(t *testing.T) {
	r := newRig(t)
	for i := range 120 {
		mustPublish(t, r, productItem(t, int64(i+1), fmt.Sprintf("SKU-%03d", i), fmt.Sprintf("Item %d", i), 1))
	}
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		page, next, err := r.conn.Read(context.Background(), "product", cursor)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, p := range page {
			if seen[p.ExternalID] {
				t.Fatalf("%s read twice", p.ExternalID)
			}
			seen[p.ExternalID] = true
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 120 || pages != 3 {
		t.Errorf("read %d products in %d pages", len(seen), pages)
	}
}

func TestHTTPFailures(t *testing.T) {
	for _, tc := range []struct {
		fault      string
		class      string
		retry      bool
		retryAfter time.Duration
	}{
		{"429", publish.ClassThrottled, true, 1500 * time.Millisecond},
		{"500", publish.ClassUnavailable, true, 0},
		{"503", publish.ClassUnavailable, true, 0},
		{"401", publish.ClassAuth, false, 0},
		{"403", publish.ClassAuth, false, 0},
		{"402", publish.ClassUnavailable, true, time.Hour},
		{"423", publish.ClassUnavailable, true, time.Hour},
		{"404", publish.ClassNotFound, false, 0},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			r := newRig(t)
			r.shop.RetryAfter = "1.5"
			r.shop.Fail(tc.fault, 1)
			_, err := publishOne(t, r, productItem(t, 1, "EL-1", "Tie", 1))
			pe := class(t, err)
			if pe.Class != tc.class || pe.Retry != tc.retry || pe.RetryAfter != tc.retryAfter {
				t.Errorf("got %+v", pe)
			}
			// The shop is fine again afterwards.
			mustPublish(t, r, productItem(t, 2, "EL-1", "Tie", 1))
		})
	}
}

func TestTimeout(t *testing.T) {
	r := newRig(t)
	r.shop.Fail("timeout", 1)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := r.conn.Publish(ctx, []publish.Item{productItem(t, 1, "EL-1", "Tie", 1)})
	if pe := class(t, err); pe.Class != publish.ClassTimeout || !pe.Retry {
		t.Errorf("got %+v", pe)
	}
}

func TestValidationErrorsNameTheField(t *testing.T) {
	r := newRig(t)
	mustPublish(t, r, publish.Item{PublicationID: 1, ObjectType: "customer", Payload: render(t, channelmap.Record{Object: "customer",
		Fields: map[string]any{"name": "Taken Ltd", "email": "taken@example.com"}})})
	for _, tc := range []struct {
		name   string
		record channelmap.Record
		class  string
		field  string
	}{
		{"blank title", channelmap.Record{Object: "product", Fields: map[string]any{"sku": "A-1", "name": " ", "list_price": 1.0}}, publish.ClassValidation, "name"},
		{"negative price", channelmap.Record{Object: "product", Fields: map[string]any{"sku": "A-2", "name": "Tie", "list_price": -1.0}}, publish.ClassValidation, "list_price"},
		{"bad email", channelmap.Record{Object: "customer", Fields: map[string]any{"name": "X", "email": "not-an-email"}}, publish.ClassValidation, "email"},
		{"bad phone", channelmap.Record{Object: "customer", Fields: map[string]any{"name": "X", "phone": "12"}}, publish.ClassValidation, "phone"},
		{"price of unknown sku", channelmap.Record{Object: "price", Fields: map[string]any{"sku": "NOPE", "price": 1.0}}, publish.ClassNotFound, "sku"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outs, err := r.conn.Publish(context.Background(), []publish.Item{{PublicationID: 7, ObjectType: tc.record.Object, Payload: render(t, tc.record)}})
			if err != nil {
				t.Fatalf("whole call failed: %v", err)
			}
			pe := class(t, outs[0].Err)
			if pe.Class != tc.class || pe.Field != tc.field || pe.Detail == "" {
				t.Errorf("got %+v", pe)
			}
		})
	}
	// Another customer's email: Shopify says TAKEN, a conflict for a steward to resolve.
	outs, _ := r.conn.Publish(context.Background(), []publish.Item{{PublicationID: 8, ObjectType: "customer", ExternalID: "gid://shopify/Customer/999999",
		Payload: render(t, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "Other", "email": "x@example.com"}})}})
	if pe := class(t, outs[0].Err); pe.Class != publish.ClassNotFound {
		t.Errorf("unknown customer id: %+v", pe)
	}
}

// TestCostBudget: the client waits for the bucket instead of being throttled, and waits out
// a THROTTLED answer for exactly the time the restore rate needs.
func TestCostBudget(t *testing.T) {
	r := newRig(t)
	r.shop.MaxAvailable, r.shop.RestoreRate = 25, 5 // two mutations' worth, 5 points a second
	for i := range 6 {
		mustPublish(t, r, productItem(t, int64(i+1), fmt.Sprintf("SKU-%d", i), "Tie", 1))
	}
	// 60 points with 25 in the bucket: at least 35 points must have been waited for (7 s).
	if r.clk.asleep < 7*time.Second {
		t.Errorf("waited %s in all, want at least 7s", r.clk.asleep)
	}
	r.clk.slept = nil
	r.shop.Drain()
	mustPublish(t, r, productItem(t, 9, "SKU-9", "Tie", 1))
	if len(r.clk.slept) == 0 || r.clk.slept[0] != 2*time.Second {
		t.Errorf("after a drained bucket the client slept %v, want 2s first (10 points at 5/s)", r.clk.slept)
	}
}

func TestThrottledTooLongIsRetryable(t *testing.T) {
	r := newRig(t)
	r.shop.MaxAvailable, r.shop.RestoreRate = 5, 1 // a mutation (10) never fits
	_, err := publishOne(t, r, productItem(t, 1, "SKU-1", "Tie", 1))
	if pe := class(t, err); pe.Class != publish.ClassThrottled || !pe.Retry || pe.RetryAfter <= 0 {
		t.Errorf("got %+v", pe)
	}
}

func TestFromChannel(t *testing.T) {
	open := func(s string) (string, error) { return "opened-" + s, nil }
	ch := models.Channel{Name: "shop", Kind: models.ChannelShopify, BaseURL: "https://demo.myshopify.com", Settings: `{"access_token":"sealed","location_id":"gid://shopify/Location/1"}`}
	c, err := shopify.FromChannel(ch, open)
	if err != nil || c.Client.Token != "opened-sealed" || c.LocationID != "gid://shopify/Location/1" {
		t.Fatalf("%v %+v", err, c)
	}
	ch.Settings = `{}`
	if _, err := shopify.FromChannel(ch, open); err == nil {
		t.Error("a channel without a token was accepted")
	}
}

// TestConcurrentPublishers: the outbox runs several workers on one connector; the cost
// bookkeeping is shared and every product arrives once.
func TestConcurrentPublishers(t *testing.T) {
	r := newRig(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := r.conn.Publish(context.Background(), []publish.Item{productItem(t, int64(i+1), fmt.Sprintf("C-%02d", i), "Tie", 1)})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n, _ := r.shop.Counts(); n != 16 {
		t.Errorf("%d products, want 16", n)
	}
}
