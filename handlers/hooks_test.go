package handlers_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/handlers"
	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
)

const hookSecret = "shpss_test_webhook_secret_0123456789"

// inboundEnv is the app with a keyring, a Shopify and a WooCommerce channel whose webhook
// secret is set, and a B2B portal channel for API tokens.
type inboundEnv struct {
	*testEnv
	shop, woo, portal models.Channel
}

func newInboundEnv(t *testing.T, db *gorm.DB) *inboundEnv { return newInboundEnvTB(t, db) }

func newInboundEnvTB(t testing.TB, db *gorm.DB) *inboundEnv {
	t.Helper()
	e := newTestEnv(t, db)
	kr, err := models.NewKeyring("inbound-test-key-0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewRunner(jobs.Config{DB: db, InsertOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	e.app = handlers.New(handlers.Config{DB: db, Access: e.access, Queue: queue, HashCost: bcrypt.MinCost, Keyring: kr,
		Now: func() time.Time { return e.now }})
	sealed, err := kr.Seal(hookSecret)
	if err != nil {
		t.Fatal(err)
	}
	settings, _ := json.Marshal(map[string]string{"webhook_secret": sealed})
	ie := &inboundEnv{testEnv: e}
	for _, ch := range []*models.Channel{
		{Name: "Shopify storefront", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Public: true, Settings: string(settings), Active: true},
		{Name: "WooCommerce outlet", Kind: models.ChannelWooCommerce, Direction: models.DirectionBoth, Public: true, Settings: string(settings), Active: true},
		{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, Active: true},
	} {
		if err := models.CreateChannel(db, ch); err != nil {
			t.Fatal(err)
		}
	}
	chans, _ := models.ListChannels(db)
	for _, ch := range chans {
		switch ch.Kind {
		case models.ChannelShopify:
			ie.shop = ch
		case models.ChannelWooCommerce:
			ie.woo = ch
		case models.ChannelPortal:
			ie.portal = ch
		}
	}
	return ie
}

func sign(body string) string {
	mac := hmac.New(sha256.New, []byte(hookSecret))
	mac.Write([]byte(body))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// raw sends a machine request: no cookies, no CSRF token.
func (e *inboundEnv) raw(method, path, contentType, body string, header map[string]string) (*http.Response, string) {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := e.app.Test(req, -1)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (e *inboundEnv) shopifyHook(topic, delivery, body, signature string) (*http.Response, string) {
	return e.raw("POST", fmt.Sprintf("/hooks/shopify/%d", e.shop.ID), "application/json", body, map[string]string{
		"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Webhook-Id": delivery,
		"X-Shopify-Shop-Domain": "demo-distribution.myshopify.com", "X-Shopify-API-Version": "2026-10",
	})
}

func (e *inboundEnv) wooHook(topic, delivery, body, signature string) (*http.Response, string) {
	h := map[string]string{"X-WC-Webhook-Topic": topic, "X-WC-Webhook-Delivery-ID": delivery,
		"X-WC-Webhook-Source": "https://outlet.demo-distribution.example/", "X-WC-Webhook-Resource": strings.Split(topic, ".")[0]}
	if signature != "" {
		h["X-WC-Webhook-Signature"] = signature
	}
	return e.raw("POST", fmt.Sprintf("/hooks/woocommerce/%d", e.woo.ID), "application/json", body, h)
}

// stored counts what a request may have left behind.
func (e *inboundEnv) stored() (incoming, deliveries int64) {
	e.t.Helper()
	if err := e.db.Model(&models.IncomingRecord{}).Count(&incoming).Error; err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.Model(&models.WebhookDelivery{}).Count(&deliveries).Error; err != nil {
		e.t.Fatal(err)
	}
	return incoming, deliveries
}

const shopifyProductBody = `{"id":788032119674292922,"admin_graphql_api_id":"gid://shopify/Product/788032119674292922",
"title":"Cordless drill 18V","body_html":"<p>Two batteries</p>","vendor":"Bosch","product_type":"Power tools",
"status":"active","updated_at":"2026-11-27T09:00:00-05:00",
"variants":[{"id":1,"sku":"PT-1001","price":"199.00","barcode":"4006381333931","weight":1.6,"weight_unit":"kg"}]}`

const shopifyCustomerBody = `{"id":706405506930370084,"admin_graphql_api_id":"gid://shopify/Customer/706405506930370084",
"email":"orders@nordelektro.example","first_name":"Jana","last_name":"Berg","phone":"+49 40 1234567","currency":"EUR",
"state":"enabled","updated_at":"2026-11-27T09:00:00-05:00","default_address":{"company":"Nord Elektro GmbH","country_code":"DE"}}`

const wooProductBody = `{"id":794,"name":"Safety gloves L","sku":"SF-2002","description":"Cut level B","status":"publish",
"regular_price":"12.50","tax_class":"","weight":"0.2","dimensions":{"length":"30","width":"12","height":"2"},
"categories":[{"id":9,"name":"Safety","slug":"safety"}],"date_modified_gmt":"2026-11-27T08:00:00"}`

func TestShopifyHook(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	tests := []struct {
		name, topic, delivery, body, signature string
		wantStatus                             int
		wantBody                               string
		wantIncoming, wantDeliveries           int64
	}{
		{"bad signature", "products/update", "d-1", shopifyProductBody, sign("something else"), 401, "does not match the body", 0, 0},
		{"no signature", "products/update", "d-1", shopifyProductBody, "", 401, "does not match the body", 0, 0},
		{"malformed JSON", "products/update", "d-1", `{"id":1,`, sign(`{"id":1,`), 400, "not valid JSON", 0, 0},
		{"wrong shape", "products/update", "d-1", `{"id":"x"}`, sign(`{"id":"x"}`), 400, "must be a Shopify product", 0, 0},
		{"topic not taken in", "orders/create", "d-0", `{"id":1}`, sign(`{"id":1}`), 200, "ignored", 0, 0},
		{"product update", "products/update", "d-1", shopifyProductBody, sign(shopifyProductBody), 200, `"status":"applied"`, 1, 1},
		{"redelivery dropped", "products/update", "d-1", shopifyProductBody, sign(shopifyProductBody), 200, "duplicate", 1, 1},
		{"same content, new delivery", "products/update", "d-2", shopifyProductBody, sign(shopifyProductBody), 200, "unchanged", 1, 2},
		{"customer create", "customers/create", "d-3", shopifyCustomerBody, sign(shopifyCustomerBody), 200, `"status":"applied"`, 2, 3},
	}
	for _, tt := range tests {
		res, body := e.shopifyHook(tt.topic, tt.delivery, tt.body, tt.signature)
		if res.StatusCode != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
			t.Errorf("%s: %d %s, want %d containing %q", tt.name, res.StatusCode, body, tt.wantStatus, tt.wantBody)
		}
		if res.StatusCode >= 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: refusal is %s, want JSON", tt.name, res.Header.Get("Content-Type"))
		}
		if in, dl := e.stored(); in != tt.wantIncoming || dl != tt.wantDeliveries {
			t.Errorf("%s: %d incoming records and %d deliveries stored, want %d and %d", tt.name, in, dl, tt.wantIncoming, tt.wantDeliveries)
		}
	}
	p, err := models.ProductBySKU(e.db, "PT-1001")
	if err != nil || p.Name != "Cordless drill 18V" || p.ListPrice.String() != "199.00" || p.Brand != "Bosch" || p.WeightKg == nil || *p.WeightKg != 1.6 {
		t.Errorf("product from the hook = %+v, %v", p, err)
	}
	if id, err := models.ExternalRefGolden(e.db, e.shop.ID, models.ObjectProduct, "gid://shopify/Product/788032119674292922"); err != nil || id != p.ID {
		t.Errorf("external reference = %d, %v; want the product %d", id, err, p.ID)
	}
	if n := e.auditCount("hook.receive"); n != 3 {
		t.Errorf("%d hook.receive audit events, want 3", n)
	}
}

func TestHookOversizedBody(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	big := `{"id":1,"title":"` + strings.Repeat("x", 1<<20) + `"}`
	res, body := e.shopifyHook("products/update", "d-big", big, sign(big))
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "at most 1 MiB") {
		t.Errorf("oversized: %d %s", res.StatusCode, body)
	}
	res, _ = e.wooHook("product.updated", "w-big", big, sign(big))
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized Woo: %d", res.StatusCode)
	}
	if in, dl := e.stored(); in != 0 || dl != 0 {
		t.Errorf("oversized bodies stored %d records, %d deliveries", in, dl)
	}
}

func TestWooCommerceHook(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	// The ping WooCommerce sends, unsigned, when the webhook is saved.
	res, body := e.raw("POST", fmt.Sprintf("/hooks/woocommerce/%d", e.woo.ID), "application/x-www-form-urlencoded", "webhook_id=15", nil)
	if res.StatusCode != 200 {
		t.Errorf("ping: %d %s", res.StatusCode, body)
	}
	// Anything else unsigned is refused, even a ping-like body with a wrong signature.
	if res, _ := e.wooHook("product.updated", "w-1", "webhook_id=15", sign("other")); res.StatusCode != 401 {
		t.Errorf("signed ping with a bad signature: %d, want 401", res.StatusCode)
	}
	if res, _ := e.wooHook("product.updated", "w-1", wooProductBody, ""); res.StatusCode != 401 {
		t.Errorf("unsigned delivery: %d, want 401", res.StatusCode)
	}
	if res, _ := e.wooHook("product.updated", "w-1", wooProductBody, sign(wooProductBody+" ")); res.StatusCode != 401 {
		t.Errorf("signature of another body: %d, want 401", res.StatusCode)
	}
	if res, body := e.wooHook("product.updated", "w-1", `[1,2`, sign(`[1,2`)); res.StatusCode != 400 {
		t.Errorf("malformed: %d %s", res.StatusCode, body)
	}
	if in, dl := e.stored(); in != 0 || dl != 0 {
		t.Fatalf("refusals stored %d records, %d deliveries", in, dl)
	}
	if res, body := e.wooHook("product.updated", "w-1", wooProductBody, sign(wooProductBody)); res.StatusCode != 200 || !strings.Contains(body, "applied") {
		t.Errorf("product.updated: %d %s", res.StatusCode, body)
	}
	if res, body := e.wooHook("product.updated", "w-1", wooProductBody, sign(wooProductBody)); res.StatusCode != 200 || !strings.Contains(body, "duplicate") {
		t.Errorf("redelivery: %d %s", res.StatusCode, body)
	}
	if in, dl := e.stored(); in != 1 || dl != 1 {
		t.Errorf("stored %d records, %d deliveries; want 1 and 1", in, dl)
	}
	p, err := models.ProductBySKU(e.db, "SF-2002")
	if err != nil || p.Category != "Safety" || p.ListPrice.String() != "12.50" || p.LengthCm == nil || *p.LengthCm != 30 {
		t.Errorf("product from Woo = %+v, %v", p, err)
	}
}

func TestHookUnknownOrWrongChannel(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	body := shopifyProductBody
	for _, path := range []string{"/hooks/shopify/9999", "/hooks/shopify/abc", fmt.Sprintf("/hooks/shopify/%d", e.woo.ID)} {
		res, _ := e.raw("POST", path, "application/json", body, map[string]string{"X-Shopify-Topic": "products/update", "X-Shopify-Hmac-Sha256": sign(body)})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
	if in, dl := e.stored(); in != 0 || dl != 0 {
		t.Errorf("stored %d records, %d deliveries", in, dl)
	}
}

func TestShopifyHookOnPostgres(t *testing.T) {
	e := newInboundEnv(t, testdb.Postgres(t))
	if res, body := e.shopifyHook("products/create", "pg-1", shopifyProductBody, sign(shopifyProductBody)); res.StatusCode != 200 || !strings.Contains(body, "applied") {
		t.Fatalf("create: %d %s", res.StatusCode, body)
	}
	if res, body := e.shopifyHook("products/create", "pg-1", shopifyProductBody, sign(shopifyProductBody)); res.StatusCode != 200 || !strings.Contains(body, "duplicate") {
		t.Errorf("redelivery: %d %s", res.StatusCode, body)
	}
	if res, _ := e.shopifyHook("products/create", "pg-2", shopifyProductBody, sign("x")); res.StatusCode != 401 {
		t.Errorf("bad signature: %d", res.StatusCode)
	}
	if in, dl := e.stored(); in != 1 || dl != 1 {
		t.Errorf("stored %d records, %d deliveries; want 1 and 1", in, dl)
	}
}
