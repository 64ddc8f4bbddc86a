package rules

import (
	"reflect"
	"testing"

	"steward/models"
)

func TestCompareProduct(t *testing.T) {
	kg := func(f float64) *float64 { return &f }
	golden := models.Product{SKU: "PT-1001", Name: "Cordless drill 18V", Brand: "Bosch", UoM: "EA", Currency: "EUR",
		ListPrice: 1990000, WeightKg: kg(1.6), Active: true, LifecycleStatus: models.LifecycleActive}
	tests := []struct {
		name    string
		channel func(p *models.Product)
		held    []string
		want    []DriftField
	}{
		{"same", func(*models.Product) {}, nil, nil},
		{"name differs", func(p *models.Product) { p.Name = "Drill" }, nil, []DriftField{{"name", "Cordless drill 18V", "Drill"}}},
		{"price differs, shown as amounts", func(p *models.Product) { p.ListPrice = 1890000 }, nil, []DriftField{{"list_price", "199.00", "189.00"}}},
		{"a field the channel does not hold is not drift", func(p *models.Product) { p.Brand = "" }, []string{"name", "list_price"}, nil},
		{"only held fields compared", func(p *models.Product) { p.Brand = ""; p.Name = "X" }, []string{"brand"}, []DriftField{{"brand", "Bosch", ""}}},
		{"spaces around a value are not drift", func(p *models.Product) { p.Name = " Cordless drill 18V " }, nil, nil},
		{"case of a code is not drift", func(p *models.Product) { p.UoM = "ea"; p.Currency = "eur" }, nil, nil},
		{"case of a SKU is drift", func(p *models.Product) { p.SKU = "pt-1001" }, nil, []DriftField{{"sku", "PT-1001", "pt-1001"}}},
		{"weight unknown on the channel", func(p *models.Product) { p.WeightKg = nil }, nil, []DriftField{{"weight_kg", "1.6", ""}}},
		{"same weight, other pointer", func(p *models.Product) { p.WeightKg = kg(1.6) }, nil, nil},
		{"switched off on the channel", func(p *models.Product) { p.Active = false }, []string{"active"}, []DriftField{{"active", "yes", "no"}}},
		{"several fields, in attribute order", func(p *models.Product) { p.ListPrice = 0; p.SKU = "PT-2" }, nil,
			[]DriftField{{"sku", "PT-1001", "PT-2"}, {"list_price", "199.00", "0.00"}}},
	}
	for _, tt := range tests {
		ch := golden
		tt.channel(&ch)
		if got := CompareProduct(golden, ch, tt.held); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestCompareCustomer(t *testing.T) {
	golden := models.Customer{Name: "Nord Elektro GmbH", Email: "orders@nord.example", Country: "DE", Currency: "EUR", Active: true}
	tests := []struct {
		name    string
		channel models.Customer
		held    []string
		want    []DriftField
	}{
		{"same held fields", models.Customer{Name: "Nord Elektro GmbH", Email: "orders@nord.example", Country: "de"}, []string{"name", "email", "country"}, nil},
		{"email differs", models.Customer{Name: "Nord Elektro GmbH", Email: "info@nord.example", Country: "DE"}, []string{"name", "email", "country"},
			[]DriftField{{"email", "orders@nord.example", "info@nord.example"}}},
		{"everything compared when nil", models.Customer{Name: "Nord Elektro GmbH", Email: "orders@nord.example", Country: "DE", Currency: "EUR"}, nil,
			[]DriftField{{"active", "yes", "no"}}},
	}
	for _, tt := range tests {
		if got := CompareCustomer(golden, tt.channel, tt.held); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestCompareRendered(t *testing.T) {
	golden := `{"kind":"product","handle":"pt-1001","input":{"title":"Drill","vendor":"Bosch","status":"ACTIVE",
		"productOptions":[{"name":"Title"}],"variants":[{"sku":"PT-1001","price":"199.00","taxable":true,"inventoryItem":{"tracked":true}}]}}`
	tests := []struct {
		name    string
		channel string
		want    []DriftField
		wantErr bool
	}{
		{"same, fewer leaves reported", `{"kind":"product","handle":"pt-1001","input":{"title":"Drill","vendor":"Bosch","status":"ACTIVE","variants":[{"sku":"PT-1001","price":"199.00"}]}}`, nil, false},
		{"price differs", `{"input":{"variants":[{"price":"189.00"}]}}`, []DriftField{{"input.variants[0].price", "199.00", "189.00"}}, false},
		{"handle and kind are not content", `{"kind":"x","handle":"pt-1001-1","input":{"title":"Drill"}}`, nil, false},
		{"a leaf the golden record lacks", `{"input":{"descriptionHtml":"<p>old</p>"}}`, []DriftField{{"input.descriptionHtml", "", "<p>old</p>"}}, false},
		{"numbers compare by value", `{"input":{"variants":[{"taxable":true}]}}`, nil, false},
		{"sorted by path", `{"input":{"vendor":"Makita","title":"Drill X"}}`, []DriftField{{"input.title", "Drill", "Drill X"}, {"input.vendor", "Bosch", "Makita"}}, false},
		{"not JSON", `{"input":`, nil, true},
		{"settings a connector sets are not master data", `{"body":{"manage_stock":false,"type":"variable"},"input":{"variants":[{"taxable":false}]}}`, nil, false},
		{"a product's stock beside it is not its content", `{"sku":"PT-1001","stock_quantity":4,"input":{"title":"Drill"}}`, nil, false},
	}
	for _, tt := range tests {
		got, err := CompareRendered([]byte(golden), []byte(tt.channel))
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
	// Webhook payloads carry numbers; 12.5 and 12.50 are the same price.
	got, _ := CompareRendered([]byte(`{"fields":{"list_price":12.5}}`), []byte(`{"fields":{"list_price":12.50}}`))
	if got != nil {
		t.Errorf("numbers: %+v", got)
	}
}

func TestDriftAttribute(t *testing.T) {
	for _, tt := range []struct{ object, field, want string }{
		{models.ObjectProduct, "name", "name"},
		{models.ObjectProduct, "fields.list_price", "list_price"},
		{models.ObjectProduct, "input.variants[0].price", "list_price"},
		{models.ObjectProduct, "input.status", ""},
		{models.ObjectProduct, "input.descriptionHtml", ""},
		{models.ObjectCustomer, "input.email", "email"},
		{models.ObjectCustomer, "input.title", ""},
		{models.ObjectCustomer, "fields.colour", ""},
		{models.ObjectProduct, "body.regular_price", "list_price"},
		{models.ObjectProduct, "body.status", ""},
	} {
		if got := DriftAttribute(tt.object, tt.field); got != tt.want {
			t.Errorf("DriftAttribute(%s, %s) = %q, want %q", tt.object, tt.field, got, tt.want)
		}
	}
}

func TestDriftFieldLabel(t *testing.T) {
	for _, tt := range []struct{ object, field, want string }{
		{models.ObjectProduct, "list_price", label(models.ObjectProduct, "list_price")},
		{models.ObjectProduct, "input.variants[0].price", label(models.ObjectProduct, "list_price") + " (input.variants[0].price)"},
		{"", "input.email", label(models.ObjectCustomer, "email") + " (input.email)"},
		{models.ObjectProduct, "input.status", "input.status"},
		{models.ObjectProduct, "", ""},
	} {
		if got := DriftFieldLabel(tt.object, tt.field); got != tt.want {
			t.Errorf("DriftFieldLabel(%q, %q) = %q, want %q", tt.object, tt.field, got, tt.want)
		}
	}
}
