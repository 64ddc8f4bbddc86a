package shopify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// TestAdminEditsAreSignedWebhooks: a merchant's edit in the test shop reaches a subscriber
// as Shopify sends it, and Steward's inbound mapping reads it.
func TestAdminEditsAreSignedWebhooks(t *testing.T) {
	r := newRig(t)
	mustPublish(t, r, productItem(t, 1, "EL-1001", "Cable tie", 4.5))
	mustPublish(t, r, publish.Item{PublicationID: 2, ObjectType: "customer", Payload: render(t, channelmap.Record{Object: "customer",
		Fields: map[string]any{"name": "Hansa", "email": "orders@hansa.example"}})})
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		mac := hmac.New(sha256.New, []byte("whsec"))
		mac.Write(body)
		if !hmac.Equal([]byte(req.Header.Get("X-Shopify-Hmac-Sha256")), []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))) {
			http.Error(w, "bad signature", 401)
			return
		}
		mu.Lock()
		got, bodies = append(got, req), append(bodies, body)
		mu.Unlock()
	}))
	defer recv.Close()
	r.shop.Subscribe(recv.URL, "whsec")
	if err := r.shop.EditProduct("EL-1001", "Cable tie, merchant's title", "4.75"); err != nil {
		t.Fatal(err)
	}
	if err := r.shop.EditCustomer("orders@hansa.example", "+49 40 999999", ""); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Header.Get("X-Shopify-Topic") != "products/update" || got[1].Header.Get("X-Shopify-Topic") != "customers/update" ||
		got[0].Header.Get("X-Shopify-Event-Id") == got[1].Header.Get("X-Shopify-Event-Id") || got[0].Header.Get("X-Shopify-Webhook-Id") == "" {
		t.Fatalf("deliveries: %d", len(got))
	}
	c, ok, err := jobs.ShopifyChange("products/update", bodies[0])
	if err != nil || !ok {
		t.Fatalf("inbound mapping: %v %v", ok, err)
	}
	if c.Product.Name != "Cable tie, merchant's title" || c.Product.SKU != "EL-1001" || c.Product.ListPrice != 47500 {
		t.Errorf("mapped product %+v", c.Product)
	}
	c, _, err = jobs.ShopifyChange("customers/update", bodies[1])
	if err != nil || c.Customer.Phone != "+49 40 999999" || c.Customer.Email != "orders@hansa.example" {
		t.Errorf("mapped customer %+v, %v", c.Customer, err)
	}
}
