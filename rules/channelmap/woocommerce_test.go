package channelmap

import (
	"encoding/json"
	"testing"
)

func TestRenderWooCommerce(t *testing.T) {
	m := Mapping{Values: map[string]map[string]string{"category": {"Ties": "15"}, "tax_class": {"standard": ""}}}
	raw, err := RenderWooCommerce(Record{Object: "product", Fields: map[string]any{"sku": "A-1", "name": "Tie", "category": "Ties", "list_price": 4.5,
		"weight_kg": 0.2, "length_cm": 20.0, "barcode": "4006381333931", "lifecycle_status": "discontinued", "active": true}}, m)
	if err != nil {
		t.Fatal(err)
	}
	var p WooPayload
	json.Unmarshal(raw, &p)
	b := p.Body
	if p.SKU != "A-1" || b["regular_price"] != "4.50" || b["status"] != "private" || b["weight"] != "0.2" ||
		b["dimensions"].(map[string]any)["length"] != "20" || b["categories"].([]any)[0].(map[string]any)["id"] != 15.0 || b["global_unique_id"] != "4006381333931" {
		t.Errorf("product = %s", raw)
	}
	raw, _ = RenderWooCommerce(Record{Object: "customer", Fields: map[string]any{"name": "Hansa GmbH", "email": "a@b.de", "country": "DE"}}, Mapping{})
	json.Unmarshal(raw, &p)
	if p.Body["email"] != "a@b.de" || p.Body["billing"].(map[string]any)["company"] != "Hansa GmbH" {
		t.Errorf("customer = %s", raw)
	}
	cust := int64(1)
	if _, err := RenderWooCommerce(Record{Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A", "price": 1.0}}, Mapping{}); err == nil {
		t.Error("a customer's price rendered for a public shop")
	}
	if _, err := RenderWooCommerce(Record{Object: "customer", Fields: map[string]any{"name": "X"}}, Mapping{}); err == nil {
		t.Error("customer without email rendered")
	}
}
