package channelmap

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRenderEDI(t *testing.T) {
	cust := int64(7)
	uom := Mapping{Values: map[string]map[string]string{"uom": {"Units": "EA"}}}
	for _, tc := range []struct {
		name    string
		r       Record
		m       Mapping
		want    EDILine
		wantErr string
	}{
		{"product is a catalog line at list price", Record{Object: "product", Fields: map[string]any{"sku": "A-1", "name": "Tie", "barcode": "4006381333931", "uom": "Units", "list_price": 4.499999999, "currency": "eur"}}, uom,
			EDILine{Set: "832", SKU: "A-1", GTIN: "4006381333931", Description: "Tie", UoM: "EA", Price: "4.5", Currency: "EUR", MinQuantity: "1"}, ""},
		{"customer price is a contract line", Record{Object: "price", CustomerID: &cust, Fields: map[string]any{"sku": "A-1", "price": 3.95, "min_quantity": 10.0, "valid_from": "2026-12-01", "valid_to": "2027-01-31T00:00:00Z"}}, Mapping{},
			EDILine{Set: "832", SKU: "A-1", UoM: "EA", Price: "3.95", MinQuantity: "10", Contract: true, CustomerID: &cust, ValidFrom: "2026-12-01", ValidTo: "2027-01-31"}, ""},
		{"stock below zero is none available", Record{Object: "stock", Fields: map[string]any{"sku": "A-1", "available": -2.0}}, Mapping{},
			EDILine{Set: "846", SKU: "A-1", UoM: "EA", Quantity: "0"}, ""},
		{"mapping picks another item number", Record{Object: "stock", Fields: map[string]any{"sku": "A-1", "barcode": "B-9", "available": 3.0}}, Mapping{Fields: map[string]string{"item": "barcode"}},
			EDILine{Set: "846", SKU: "B-9", GTIN: "B-9", UoM: "EA", Quantity: "3"}, ""},
		{"no sku", Record{Object: "stock", Fields: map[string]any{"available": 1.0}}, Mapping{}, EDILine{}, "sku"},
		{"no price", Record{Object: "price", Fields: map[string]any{"sku": "A"}}, Mapping{}, EDILine{}, "price"},
		{"price not a number", Record{Object: "price", Fields: map[string]any{"sku": "A", "price": "ten"}}, Mapping{}, EDILine{}, "not a number"},
		{"customers are not EDI catalog data", Record{Object: "customer", Fields: map[string]any{"sku": "A"}}, Mapping{}, EDILine{}, "not customers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := RenderEDI(tc.r, tc.m)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got EDILine
			json.Unmarshal(raw, &got)
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(tc.want)
			if string(g) != string(w) {
				t.Errorf("got  %s\nwant %s", g, w)
			}
		})
	}
}
