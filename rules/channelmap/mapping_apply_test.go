package channelmap_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"steward/models"
	"steward/rules/channelmap"
)

func TestApplyRenamesAndTranslates(t *testing.T) {
	rec := channelmap.Record{Object: "product", ID: 1, Fields: map[string]any{"sku": "A-1", "uom": "Units", "tax_class": "Standard", "name": "Drum"}}
	for _, tt := range []struct {
		name string
		m    channelmap.Mapping
		want map[string]any
	}{
		{"no mapping passes every field", channelmap.Mapping{}, rec.Fields},
		{"value map only", channelmap.Mapping{Values: map[string]map[string]string{"uom": {"Units": "EA"}}},
			map[string]any{"sku": "A-1", "uom": "EA", "tax_class": "Standard", "name": "Drum"}},
		{"value without an entry passes unchanged", channelmap.Mapping{Values: map[string]map[string]string{"uom": {"Box": "BX"}}}, rec.Fields},
		{"field map keeps only mapped fields, after value maps", channelmap.Mapping{
			Fields: map[string]string{"item": "sku", "unit": "uom", "missing": "barcode"},
			Values: map[string]map[string]string{"uom": {"Units": "EA"}}},
			map[string]any{"item": "A-1", "unit": "EA"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := channelmap.Apply(tt.m, rec); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Apply = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCustomerPriceNeverRendersForAPublicChannel(t *testing.T) {
	cust := int64(42)
	price := channelmap.PriceRecord(models.PriceRule{ID: 3, ProductID: 1, CustomerID: &cust, Price: 99000}, "A-1", "EUR")
	list := channelmap.PriceRecord(models.PriceRule{ID: 4, ProductID: 1, Price: 125000}, "A-1", "EUR")
	for _, tt := range []struct {
		name    string
		rec     channelmap.Record
		public  bool
		refused bool
	}{
		{"customer price, public channel", price, true, true},
		{"customer price, private portal", price, false, false},
		{"list price, public channel", list, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := channelmap.Render("webhook", tt.public, tt.rec, channelmap.Mapping{})
			if tt.refused != errors.Is(err, channelmap.ErrPublicChannel) || tt.refused != (out == nil) {
				t.Errorf("Render = %s, %v; refused want %v", out, err, tt.refused)
			}
		})
	}
}

func TestWebhookPayloadIsCanonical(t *testing.T) {
	r := channelmap.ProductRecord(models.Product{ID: 9, SKU: "B-2", Name: "Plug", UoM: "EA", Currency: "EUR", ListPrice: 12345})
	a, err := channelmap.RenderWebhook(r, channelmap.Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := channelmap.RenderWebhook(r, channelmap.Mapping{})
	if string(a) != string(b) {
		t.Error("the same record renders differently twice")
	}
	var doc channelmap.WebhookPayload
	if err := json.Unmarshal(a, &doc); err != nil || doc.Object != "product" || doc.ID != 9 || doc.Fields["list_price"] != 1.2345 {
		t.Errorf("payload %s", a)
	}
}

func TestValidateAndParseMappingText(t *testing.T) {
	for _, tt := range []struct {
		object, fields, values string
		ok                     bool
	}{
		{"product", "title = name\nunit = uom", "uom: Units => EA", true},
		{"product", "title = nonsense", "", false},
		{"product", "bad name! = name", "", false},
		{"product", "", "list_price: 1 => 2", false}, // not text
		{"price", "item = sku\namount = price", "", true},
		{"customer", "title = name", "country: Deutschland => DE", true},
		{"product", "title name", "", false},
		{"product", "", "uom Units EA", false},
	} {
		f, ferr := channelmap.ParseFieldLines(tt.fields)
		v, verr := channelmap.ParseValueLines(tt.values)
		err := errors.Join(ferr, verr)
		if err == nil {
			err = channelmap.Validate(tt.object, channelmap.Mapping{Fields: f, Values: v})
		}
		if (err == nil) != tt.ok {
			t.Errorf("%s %q %q: err %v, want ok %v", tt.object, tt.fields, tt.values, err, tt.ok)
		}
	}
	m := map[string]string{"b": "name", "a": "sku"}
	if got, _ := channelmap.ParseFieldLines(channelmap.FieldLines(m)); !reflect.DeepEqual(got, m) {
		t.Errorf("field lines do not round-trip: %v", got)
	}
}
