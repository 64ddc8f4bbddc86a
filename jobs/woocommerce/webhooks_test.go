package woocommerce_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"steward/jobs"
	"steward/rules/channelmap"
)

// TestAdminEditsAreSignedWebhooks: subscribing pings first; a merchant's edit reaches the
// subscriber signed as WooCommerce signs it, and Steward's inbound mapping reads it.
func TestAdminEditsAreSignedWebhooks(t *testing.T) {
	shop, conn := newRig(t)
	publishAll(t, conn, item(t, 1, productRec("EL-1001", "Cable tie", 4.5)),
		item(t, 2, channelmap.Record{Object: "customer", Fields: map[string]any{"name": "Hansa GmbH", "email": "orders@hansa.example"}}))
	var pings int
	var topics []string
	var bodies [][]byte
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if req.Header.Get("X-WC-Webhook-Signature") == "" {
			if string(body[:11]) == "webhook_id=" {
				pings++
				return
			}
			http.Error(w, "unsigned", 401)
			return
		}
		mac := hmac.New(sha256.New, []byte("wc-secret"))
		mac.Write(body)
		if req.Header.Get("X-WC-Webhook-Signature") != base64.StdEncoding.EncodeToString(mac.Sum(nil)) {
			http.Error(w, "bad signature", 401)
			return
		}
		topics, bodies = append(topics, req.Header.Get("X-WC-Webhook-Topic")), append(bodies, body)
	}))
	defer recv.Close()
	if err := shop.Subscribe(recv.URL, "wc-secret"); err != nil {
		t.Fatal(err)
	}
	if err := shop.EditProduct("EL-1001", "Cable tie (merchant)", "4.99"); err != nil {
		t.Fatal(err)
	}
	if err := shop.EditCustomer("orders@hansa.example", "+49 40 55555"); err != nil {
		t.Fatal(err)
	}
	if pings != 1 || len(topics) != 2 || topics[0] != "product.updated" || topics[1] != "customer.updated" {
		t.Fatalf("pings %d, topics %v", pings, topics)
	}
	c, ok, err := jobs.WooChange("product.updated", bodies[0])
	if err != nil || !ok || c.Product.Name != "Cable tie (merchant)" || c.Product.SKU != "EL-1001" || c.Product.ListPrice != 49900 {
		t.Errorf("mapped product %+v, %v", c.Product, err)
	}
	c, _, err = jobs.WooChange("customer.updated", bodies[1])
	if err != nil || c.Customer.Phone != "+49 40 55555" || c.Customer.Name != "Hansa GmbH" {
		t.Errorf("mapped customer %+v, %v", c.Customer, err)
	}
	// A receiver that refuses the ping gets no webhook.
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer refuse.Close()
	if err := shop.Subscribe(refuse.URL, "x"); err == nil {
		t.Error("a webhook was saved although its ping failed")
	}
}
