package channelmap

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRenderOdoo(t *testing.T) {
	w := 1.25
	product := Record{Object: ObjectProduct, Fields: map[string]any{
		"sku": "FAS-100", "name": "Hex bolt M8", "description": "Zinc plated", "barcode": "4006381333931",
		"list_price": 12.5, "cost": 7.25, "weight_kg": w, "active": true, "category": "Fasteners", "uom": "Units", "brand": "Acme",
		"currency": "EUR", "hs_code": "7318", "lifecycle_status": "active",
	}}
	for _, tc := range []struct {
		name    string
		r       Record
		m       Mapping
		want    OdooPayload
		wantErr string
		skipped bool
	}{
		{name: "product: only fields Odoo knows, money as units", r: product, want: OdooPayload{Model: OdooProduct, SKU: "FAS-100", Vals: map[string]any{
			"name": "Hex bolt M8", "default_code": "FAS-100", "barcode": "4006381333931", "description_sale": "Zinc plated",
			"list_price": 12.5, "standard_price": 7.25, "weight": 1.25, "active": true}}},
		{name: "product: empty text clears, unknown weight is Odoo's 0, archived",
			r: Record{Object: ObjectProduct, Fields: map[string]any{"sku": "A", "name": "A", "barcode": "", "description": "", "weight_kg": nil, "active": false, "list_price": 0.0, "cost": 0.0}},
			want: OdooPayload{Model: OdooProduct, SKU: "A", Vals: map[string]any{
				"name": "A", "default_code": "A", "barcode": false, "description_sale": false,
				"list_price": 0.0, "standard_price": 0.0, "weight": 0.0, "active": false}}},
		{name: "product: a mapping points a field elsewhere", r: product, m: Mapping{Fields: map[string]string{"description_sale": "brand"}},
			want: OdooPayload{Model: OdooProduct, SKU: "FAS-100", Vals: map[string]any{
				"name": "Hex bolt M8", "default_code": "FAS-100", "barcode": "4006381333931", "description_sale": "Acme",
				"list_price": 12.5, "standard_price": 7.25, "weight": 1.25, "active": true}}},
		{name: "product without a name", r: Record{Object: ObjectProduct, Fields: map[string]any{"sku": "A"}}, wantErr: "name:"},
		{name: "product with a price that is not a number", r: Record{Object: ObjectProduct, Fields: map[string]any{"name": "A", "list_price": "cheap"}}, wantErr: "not a number"},
		{name: "customer: res.partner vals, country by code",
			r: Record{Object: ObjectCustomer, Fields: map[string]any{"name": "Acme GmbH", "legal_name": "Acme Holding GmbH", "tax_id": "DE123456789",
				"email": "buy@acme.example", "phone": "+49 30 1234", "website": "", "country": "de", "payment_terms": "30 days", "credit_limit": 5000.0, "active": true}},
			want: OdooPayload{Model: OdooPartner, CountryCode: "DE", Vals: map[string]any{
				"name": "Acme GmbH", "vat": "DE123456789", "email": "buy@acme.example", "phone": "+49 30 1234", "website": false, "active": true}}},
		{name: "customer without a name", r: Record{Object: ObjectCustomer, Fields: map[string]any{"email": "a@b.example"}}, wantErr: "name:"},
		{name: "price: fixed price, quantity break, whole days",
			r: Record{Object: ObjectPrice, Fields: map[string]any{"price": 9.99, "min_quantity": 10.0, "sku": "FAS-100", "valid_from": "2026-12-01", "valid_to": "2026-12-31", "currency": "EUR"}},
			want: OdooPayload{Model: OdooPriceRule, SKU: "FAS-100", Vals: map[string]any{
				"compute_price": "fixed", "fixed_price": 9.99, "min_quantity": 10.0, "date_start": "2026-12-01 00:00:00", "date_end": "2026-12-31 23:59:59"}}},
		{name: "price: open dates are cleared",
			r: Record{Object: ObjectPrice, Fields: map[string]any{"price": 5.0, "min_quantity": 0.0, "sku": "A", "valid_from": "", "valid_to": ""}},
			want: OdooPayload{Model: OdooPriceRule, SKU: "A", Vals: map[string]any{
				"compute_price": "fixed", "fixed_price": 5.0, "min_quantity": 0.0, "date_start": false, "date_end": false}}},
		{name: "price without a price", r: Record{Object: ObjectPrice, Fields: map[string]any{"sku": "A"}}, wantErr: "price:"},
		{name: "stock is Odoo's own", r: Record{Object: ObjectStock, Fields: map[string]any{"sku": "A", "available": 3.0}}, wantErr: "never writes", skipped: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := Render("odoo", false, tc.r, tc.m)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if got := errors.Is(err, ErrNotForChannel); got != tc.skipped {
					t.Errorf("errors.Is(ErrNotForChannel) = %v, want %v", got, tc.skipped)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got OdooPayload
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("payload\n got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}
