package channelmap

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRenderShopify(t *testing.T) {
	product := Record{Object: "product", Fields: map[string]any{"sku": "EL 1001/B", "name": "Tie", "description": "Black <b>\nstrong", "brand": "Hansa",
		"category": "Ties", "list_price": 4.499, "barcode": "123", "weight_kg": 0.25, "hs_code": "3926", "lifecycle_status": "active", "active": true}}
	raw, err := RenderShopify(product, Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	var p ShopifyPayload
	json.Unmarshal(raw, &p)
	v := p.Input["variants"].([]any)[0].(map[string]any)
	if p.Kind != "product" || p.Handle != "el-1001-b" || p.Input["title"] != "Tie" || p.Input["status"] != "ACTIVE" ||
		p.Input["descriptionHtml"] != "<p>Black &lt;b&gt;<br>strong</p>" || v["price"] != "4.50" || v["sku"] != "EL 1001/B" || v["barcode"] != "123" ||
		v["inventoryItem"].(map[string]any)["harmonizedSystemCode"] != "3926" {
		t.Errorf("product = %s", raw)
	}
	for _, tc := range []struct {
		fields map[string]any
		want   string
	}{
		{map[string]any{"sku": "A", "lifecycle_status": "discontinued", "active": true}, "ARCHIVED"},
		{map[string]any{"sku": "A", "lifecycle_status": "active", "active": false}, "ARCHIVED"},
		{map[string]any{"sku": "A", "lifecycle_status": "draft", "active": true}, "DRAFT"},
		{map[string]any{"sku": "A", "lifecycle_status": "phase_out", "active": true}, "ACTIVE"},
	} {
		raw, _ := RenderShopify(Record{Object: "product", Fields: tc.fields}, Mapping{})
		json.Unmarshal(raw, &p)
		if p.Input["status"] != tc.want {
			t.Errorf("%v: status %v, want %s", tc.fields, p.Input["status"], tc.want)
		}
	}
	cust := int64(3)
	for name, r := range map[string]Record{
		"customer price":       {Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A", "price": 1.0}},
		"stock without sku":    {Object: "stock", Fields: map[string]any{"available": 1.0}},
		"quantity break":       {Object: "price", Fields: map[string]any{"sku": "A", "price": 1.0, "min_quantity": 10.0}},
		"customer without any": {Object: "customer", Fields: map[string]any{"country": "DE"}},
		"product without sku":  {Object: "product", Fields: map[string]any{"name": "X"}},
	} {
		if _, err := RenderShopify(r, Mapping{}); err == nil {
			t.Errorf("%s rendered", name)
		}
	}
	raw, _ = RenderShopify(Record{Object: "stock", Fields: map[string]any{"sku": "A", "available": 7.9}}, Mapping{})
	if !strings.Contains(string(raw), `"quantity":7`) {
		t.Errorf("stock = %s", raw)
	}
	raw, _ = RenderShopify(Record{Object: "customer", Fields: map[string]any{"name": "Hansa", "email": "a@b.de", "legal_name": "Hansa GmbH", "payment_terms": "30 days"}},
		Mapping{Fields: map[string]string{"firstName": "legal_name"}})
	json.Unmarshal(raw, &p)
	if p.Email != "a@b.de" || p.Input["lastName"] != "Hansa" || p.Input["firstName"] != "Hansa GmbH" || p.Input["tags"].([]any)[0] != "30 days" {
		t.Errorf("customer = %s", raw)
	}
}

// A storefront never receives a customer's own price, even when the channel is not marked
// public: the outbox skips it as it skips ErrPublicChannel.
func TestStorefrontRenderersRefuseCustomerPrices(t *testing.T) {
	cust := int64(4)
	r := Record{Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A", "price": 1.0}}
	for name, render := range map[string]Renderer{"shopify": RenderShopify, "woocommerce": RenderWooCommerce} {
		if _, err := render(r, Mapping{}); !errors.Is(err, ErrPublicChannel) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
