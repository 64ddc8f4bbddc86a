package channelmap

import (
	"errors"
	"testing"
)

// What a channel does not take at all is skipped by the outbox with the reason, never failed:
// the renderers mark it with ErrNotForChannel. What a steward can repair (a missing SKU or
// price) must not carry the mark, or it would be skipped silently.
func TestRecordsAChannelDoesNotTakeAreNotForChannel(t *testing.T) {
	cust := int64(7)
	for _, tc := range []struct {
		name    string
		kind    string
		r       Record
		skipped bool
	}{
		{"edi: a customer", "edi", Record{Object: "customer", Fields: map[string]any{"name": "Acme"}}, true},
		{"edi: a customer with no sku is still a customer", "edi", Record{Object: "customer", Fields: map[string]any{}}, true},
		{"edi: a product without sku is repairable", "edi", Record{Object: "product", Fields: map[string]any{"list_price": 1.0}}, false},
		{"edi: a price without price is repairable", "edi", Record{Object: "price", Fields: map[string]any{"sku": "A"}}, false},
		{"shopify: a quantity break", "shopify", Record{Object: "price", Fields: map[string]any{"sku": "A", "price": 1.0, "min_quantity": 10.0}}, true},
		{"shopify: a customer's price", "shopify", Record{Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A", "price": 1.0}}, true},
		{"shopify: a unit price without sku is repairable", "shopify", Record{Object: "price", Fields: map[string]any{"price": 1.0, "min_quantity": 1.0}}, false},
		{"woocommerce: a quantity break", "woocommerce", Record{Object: "price", Fields: map[string]any{"sku": "A", "price": 1.0, "min_quantity": 5.0}}, true},
		{"woocommerce: a customer's price", "woocommerce", Record{Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A", "price": 1.0}}, true},
		{"woocommerce: a price without price is repairable", "woocommerce", Record{Object: "price", Fields: map[string]any{"sku": "A"}}, false},
		{"an unknown kind", "telex", Record{Object: "product", Fields: map[string]any{"sku": "A"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.kind, false, tc.r, Mapping{})
			if err == nil {
				t.Fatal("rendered; want an error")
			}
			if got := errors.Is(err, ErrNotForChannel); got != tc.skipped {
				t.Errorf("errors.Is(%v, ErrNotForChannel) = %v, want %v", err, got, tc.skipped)
			}
		})
	}
}
