package rules

import (
	"fmt"
	"strings"
	"testing"

	"steward/models"
)

func f64(f float64) *float64 { return &f }

func mustCompile(t *testing.T, gates ...Gate) GateSet {
	t.Helper()
	s, err := CompileGates(gates)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// messages lists the failures as "severity field: message" for compact comparisons.
func messages(fs []Failure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity+" "+f.Field+": "+f.Message)
	}
	return out
}

func TestRequired(t *testing.T) {
	set := mustCompile(t,
		Gate{ID: 1, Domain: DomainProduct, Kind: GateRequired, Field: "barcode", Severity: SeverityBlock},
		Gate{ID: 2, Domain: DomainProduct, Kind: GateRequired, Field: "weight_kg", Severity: SeverityWarn},
	)
	tests := []struct {
		name   string
		record map[string]any
		want   int
	}{
		{"both present", map[string]any{"barcode": "4006381333931", "weight_kg": 0.0}, 0}, // zero is a value
		{"blank barcode", map[string]any{"barcode": "  ", "weight_kg": 1.2}, 1},
		{"unknown weight", map[string]any{"barcode": "4006381333931", "weight_kg": nil}, 1},
		{"missing keys", map[string]any{}, 2},
	}
	for _, tt := range tests {
		if got := Validate(set, DomainProduct, "", tt.record); len(got) != tt.want {
			t.Errorf("%s: %q, want %d failures", tt.name, messages(got), tt.want)
		}
	}
	got := Validate(set, DomainProduct, "", map[string]any{})
	if got[0].Message != "Barcode is missing" || got[0].Field != "barcode" || got[0].GateID != 1 || got[1].Message != "Weight in kg is missing" {
		t.Errorf("messages %q", messages(got))
	}
}

func TestFormatGateSkipsEmptyAndReports(t *testing.T) {
	set := mustCompile(t,
		Gate{ID: 7, Domain: DomainCustomer, Kind: GateFormat, Field: "tax_id", Format: FormatVAT, Severity: SeverityBlock},
		Gate{ID: 8, Domain: DomainCustomer, Kind: GateFormat, Field: "email", Format: FormatEmail, Severity: SeverityWarn},
	)
	c := models.Customer{Name: "Keller", TaxID: "DE12345", Country: "DE", Email: ""}
	got := Validate(set, DomainCustomer, "", CustomerFields(c))
	want := []string{"block tax_id: VAT id DE12345 does not look like a German VAT id (DE + 9 digits)"}
	if strings.Join(messages(got), "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q (an empty email is a required gate's business)", messages(got), want)
	}
}

func TestAllowed(t *testing.T) {
	set := mustCompile(t, Gate{Domain: DomainProduct, Kind: GateAllowed, Field: "uom", Allowed: []string{"EA", "PCE", "KGM"}, Severity: SeverityBlock})
	for v, ok := range map[string]bool{"EA": true, " KGM ": true, "pcs": false, "ea": false} {
		got := Validate(set, DomainProduct, "", map[string]any{"uom": v})
		if (len(got) == 0) != ok {
			t.Errorf("uom %q: %q, want ok=%v", v, messages(got), ok)
		}
	}
	got := Validate(set, DomainProduct, "", map[string]any{"uom": "pcs"})
	if got[0].Message != "Unit of measure pcs is not one of EA, PCE, KGM" {
		t.Errorf("message %q", got[0].Message)
	}
}

func TestRange(t *testing.T) {
	price := mustCompile(t, Gate{Domain: DomainProduct, Kind: GateRange, Field: "list_price", Min: f64(0.01), Max: f64(10000), Severity: SeverityBlock})
	weight := mustCompile(t, Gate{Domain: DomainProduct, Kind: GateRange, Field: "weight_kg", Max: f64(30), Severity: SeverityWarn})
	tests := []struct {
		set   GateSet
		field string
		value any
		want  string // "" passes
	}{
		{price, "list_price", 0.01, ""},    // the minimum itself is allowed
		{price, "list_price", 10000.0, ""}, // so is the maximum
		{price, "list_price", 0.0, "List price 0.00 is below the minimum of 0.01"},
		{price, "list_price", 0.0099, "List price 0.0099 is below the minimum of 0.01"},
		{price, "list_price", 10000.0001, "List price 10000.0001 is above the maximum of 10000.00"},
		{price, "list_price", models.Money(5 * models.MoneyScale), ""},
		{price, "list_price", "12.5", ""},
		{price, "list_price", "twelve", "List price twelve is not a number"},
		{weight, "weight_kg", 30.0, ""},
		{weight, "weight_kg", 30.5, "Weight in kg 30.5 is above the maximum of 30"},
		{weight, "weight_kg", nil, ""},  // unknown weight: a required gate's business
		{weight, "weight_kg", -1.0, ""}, // no minimum
	}
	for _, tt := range tests {
		got := Validate(tt.set, DomainProduct, "", map[string]any{tt.field: tt.value})
		msg := ""
		if len(got) > 0 {
			msg = got[0].Message
		}
		if msg != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.field, tt.value, msg, tt.want)
		}
	}
}

func TestExpression(t *testing.T) {
	margin := Gate{ID: 3, Domain: DomainProduct, Kind: GateExpression, Expression: "list_price >= cost * 1.05", Severity: SeverityBlock}
	heavy := Gate{ID: 4, Domain: DomainProduct, Kind: GateExpression, Expression: "weight_kg <= 30 || uom == 'PAL'", Severity: SeverityWarn, Message: "Heavy items ship on a pallet."}
	set := mustCompile(t, margin, heavy)
	p := models.Product{ListPrice: 105000, Cost: 100000, UoM: "EA"}
	if got := Validate(set, DomainProduct, "", ProductFields(p)); len(got) != 0 {
		t.Errorf("5%% margin exactly should pass: %q", messages(got))
	}
	p.ListPrice = 104999
	got := Validate(set, DomainProduct, "", ProductFields(p))
	if len(got) != 1 || got[0].Message != "Rule list_price >= cost * 1.05 is not met (list price: 10.4999, cost: 10.00)" || got[0].Field != "list_price" {
		t.Errorf("below margin: %q", messages(got))
	}
	w := 42.0
	p.ListPrice, p.WeightKg = 200000, &w
	got = Validate(set, DomainProduct, "", ProductFields(p))
	if len(got) != 1 || got[0].Message != "Heavy items ship on a pallet." || got[0].Severity != SeverityWarn {
		t.Errorf("heavy item: %q", messages(got))
	}
	p.UoM = "PAL"
	if got := Validate(set, DomainProduct, "", ProductFields(p)); len(got) != 0 {
		t.Errorf("a pallet may be heavy: %q", messages(got))
	}
	// Fields an expression reads but the record lacks: not judged.
	if got := Validate(set, DomainProduct, "", map[string]any{"list_price": 1.0}); len(got) != 0 {
		t.Errorf("partial record judged: %q", messages(got))
	}
	texts := mustCompile(t, Gate{Domain: DomainCustomer, Kind: GateExpression, Expression: `country != "DE" || tax_id startsWith "DE"`, Severity: SeverityBlock})
	if got := Validate(texts, DomainCustomer, "", map[string]any{"country": "DE", "tax_id": "ATU13585627"}); len(got) != 1 || !strings.Contains(got[0].Message, "(country: DE, VAT id: ATU13585627)") {
		t.Errorf("text expression: %q", messages(got))
	}
}

func TestSeverityAndChannels(t *testing.T) {
	set := mustCompile(t,
		Gate{ID: 1, Domain: DomainProduct, Kind: GateRequired, Field: "name", Severity: SeverityBlock},
		Gate{ID: 2, Domain: DomainProduct, Channel: "shopify", Kind: GateRequired, Field: "barcode", Severity: SeverityBlock},
		Gate{ID: 3, Domain: DomainProduct, Channel: "shopify", Kind: GateFormat, Field: "barcode", Format: FormatGTIN, Severity: SeverityBlock},
		Gate{ID: 4, Domain: DomainProduct, Channel: "edi", Kind: GateAllowed, Field: "uom", Allowed: []string{"EA", "PCE"}, Severity: SeverityBlock},
		Gate{ID: 5, Domain: DomainProduct, Kind: GateRequired, Field: "hs_code", Severity: SeverityWarn},
		Gate{ID: 6, Domain: DomainCustomer, Kind: GateRequired, Field: "name", Severity: SeverityBlock},
	)
	p := map[string]any{"name": "Caliper", "barcode": "", "uom": "pc", "hs_code": ""}
	ids := func(fs []Failure) []int64 {
		var out []int64
		for _, f := range fs {
			out = append(out, f.GateID)
		}
		return out
	}
	tests := []struct {
		channel string
		want    []int64
		block   bool
	}{
		{"", []int64{5}, false},
		{"shopify", []int64{2, 5}, true},
		{"edi", []int64{4, 5}, true},
		{"woocommerce", []int64{5}, false},
	}
	for _, tt := range tests {
		got := Validate(set, DomainProduct, tt.channel, p)
		if fmt.Sprint(ids(got)) != fmt.Sprint(tt.want) {
			t.Errorf("channel %q: gates %v failed, want %v", tt.channel, ids(got), tt.want)
		}
		if Blocking(got) != tt.block {
			t.Errorf("channel %q: Blocking = %v, want %v", tt.channel, Blocking(got), tt.block)
		}
	}
	got := Validate(set, DomainProduct, "shopify", map[string]any{"name": "x", "barcode": "4006381333932", "hs_code": "847130"})
	if len(got) != 1 || got[0].Message != "Barcode 4006381333932 has a wrong check digit (expected 1) (Shopify needs this)" {
		t.Errorf("channel message: %q", messages(got))
	}
}

func TestBrokenGateFailsEveryRecord(t *testing.T) {
	set, err := CompileGates([]Gate{
		{ID: 9, Domain: DomainProduct, Kind: GateExpression, Expression: "list_pirce > 0", Severity: SeverityBlock},
		{ID: 10, Domain: DomainProduct, Kind: GateRequired, Field: "name", Severity: SeverityBlock},
	})
	if err == nil || !strings.Contains(err.Error(), "gate 9") {
		t.Fatalf("err = %v, want gate 9 named", err)
	}
	if set.Len() != 2 {
		t.Fatalf("set holds %d gates, want both", set.Len())
	}
	got := Validate(set, DomainProduct, "", map[string]any{"name": "ok"})
	if len(got) != 1 || got[0].GateID != 9 || !Blocking(got) || !strings.Contains(got[0].Message, "cannot be checked until it is fixed: “list_pirce” is not a field of products") {
		t.Errorf("broken gate: %q", messages(got))
	}
}

func TestCheckGate(t *testing.T) {
	tests := []struct {
		name  string
		gate  Gate
		field string // the field the error is on; "" = valid
		want  string // part of its message
	}{
		{"required", Gate{Domain: "product", Kind: "required", Field: "barcode", Severity: "block"}, "", ""},
		{"format", Gate{Domain: "customer", Kind: "format", Field: "tax_id", Format: "vat", Severity: "warn"}, "", ""},
		{"channel", Gate{Domain: "product", Channel: "edi", Kind: "allowed", Field: "uom", Allowed: []string{"EA"}, Severity: "block"}, "", ""},
		{"range", Gate{Domain: "product", Kind: "range", Field: "list_price", Min: f64(0), Severity: "block"}, "", ""},
		{"expression", Gate{Domain: "product", Kind: "expression", Expression: "list_price >= cost * 1.05", Severity: "block"}, "", ""},
		{"unknown domain", Gate{Domain: "supplier", Kind: "required", Field: "name", Severity: "block"}, "domain", "Choose products or customers"},
		{"price gates are not offered yet", Gate{Domain: "price", Kind: "required", Field: "price", Severity: "block"}, "domain", ""},
		{"unknown channel", Gate{Domain: "product", Channel: "amazon", Kind: "required", Field: "name", Severity: "block"}, "channel", ""},
		{"no severity", Gate{Domain: "product", Kind: "required", Field: "name"}, "severity", ""},
		{"unknown kind", Gate{Domain: "product", Kind: "unique", Field: "name", Severity: "block"}, "kind", ""},
		{"unknown field", Gate{Domain: "product", Kind: "required", Field: "colour", Severity: "block"}, "field", "Products have no field “colour”"},
		{"no field", Gate{Domain: "product", Kind: "required", Severity: "block"}, "field", "Choose the field"},
		{"no format", Gate{Domain: "product", Kind: "format", Field: "barcode", Severity: "block"}, "format", ""},
		{"format on a number", Gate{Domain: "product", Kind: "format", Field: "weight_kg", Format: "gtin", Severity: "block"}, "field", "is not text"},
		{"no allowed values", Gate{Domain: "product", Kind: "allowed", Field: "uom", Severity: "block"}, "allowed", ""},
		{"range without bounds", Gate{Domain: "product", Kind: "range", Field: "cost", Severity: "block"}, "min", ""},
		{"range upside down", Gate{Domain: "product", Kind: "range", Field: "cost", Min: f64(5), Max: f64(1), Severity: "block"}, "max", "below the minimum"},
		{"range on text", Gate{Domain: "product", Kind: "range", Field: "sku", Min: f64(1), Severity: "block"}, "field", "is not a number"},
		{"empty expression", Gate{Domain: "product", Kind: "expression", Severity: "block"}, "expression", "Write an expression"},
		{"misspelt field", Gate{Domain: "product", Kind: "expression", Expression: "list_pirce >= cost", Severity: "block"}, "expression", "“list_pirce” is not a field of products. Fields you can use: sku,"},
		{"not a test", Gate{Domain: "product", Kind: "expression", Expression: "list_price - cost", Severity: "block"}, "expression", "must be a yes/no test"},
		{"cut short", Gate{Domain: "product", Kind: "expression", Expression: "list_price >= cost *", Severity: "block"}, "expression", "stops before it is complete at character 20"},
		{"text against number", Gate{Domain: "product", Kind: "expression", Expression: "sku > 3", Severity: "block"}, "expression", "compares text with a number"},
		{"syntax", Gate{Domain: "product", Kind: "expression", Expression: "list_price >=> cost", Severity: "block"}, "expression", "does not compile at character"},
		{"customer field on a product", Gate{Domain: "product", Kind: "expression", Expression: "credit_limit > 0", Severity: "block"}, "expression", "“credit_limit” is not a field of products"},
		{"long message", Gate{Domain: "product", Kind: "required", Field: "name", Severity: "block", Message: strings.Repeat("x", 301)}, "message", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckGate(tt.gate)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Kind != Invalid {
				t.Fatalf("err = %v, want Invalid with fields", err)
			}
			if msg := e.Fields[tt.field]; msg == "" || !strings.Contains(msg, tt.want) {
				t.Errorf("errors %q, want %q on %s", e.Fields, tt.want, tt.field)
			}
		})
	}
}

func TestRecordFields(t *testing.T) {
	w := 0.18
	p := ProductFields(models.Product{SKU: "HT-CAL-150", ListPrice: 399000, Cost: 172000, WeightKg: &w, Active: true})
	if p["list_price"] != 39.9 || p["cost"] != 17.2 || p["weight_kg"] != 0.18 || p["length_cm"] != nil || p["active"] != true {
		t.Errorf("product fields %v", p)
	}
	for _, f := range FieldsOf(DomainProduct) {
		if _, ok := p[f.Name]; !ok {
			t.Errorf("ProductFields lacks %s", f.Name)
		}
	}
	if len(p) != len(FieldsOf(DomainProduct)) {
		t.Errorf("ProductFields has %d keys, the catalogue %d fields", len(p), len(FieldsOf(DomainProduct)))
	}
	c := CustomerFields(models.Customer{Name: "Keller", CreditLimit: 500000000})
	if c["credit_limit"] != 50000.0 || c["name"] != "Keller" {
		t.Errorf("customer fields %v", c)
	}
	if len(c) != len(FieldsOf(DomainCustomer)) {
		t.Errorf("CustomerFields has %d keys, the catalogue %d fields", len(c), len(FieldsOf(DomainCustomer)))
	}
}

func TestDescribeGate(t *testing.T) {
	tests := []struct {
		gate Gate
		want string
	}{
		{Gate{Domain: "product", Kind: "required", Field: "barcode"}, "Barcode is filled in"},
		{Gate{Domain: "product", Kind: "format", Field: "barcode", Format: "gtin"}, "Barcode is a GTIN with a correct check digit"},
		{Gate{Domain: "product", Kind: "allowed", Field: "uom", Allowed: []string{"EA", "PCE"}}, "Unit of measure is one of EA, PCE"},
		{Gate{Domain: "product", Kind: "range", Field: "list_price", Min: f64(0.01), Max: f64(5000)}, "List price is between 0.01 and 5000.00"},
		{Gate{Domain: "product", Kind: "range", Field: "weight_kg", Max: f64(30)}, "Weight in kg is at most 30"},
		{Gate{Domain: "product", Kind: "expression", Expression: "list_price >= cost"}, "list_price >= cost"},
	}
	for _, tt := range tests {
		if got := DescribeGate(tt.gate); got != tt.want {
			t.Errorf("DescribeGate(%+v) = %q, want %q", tt.gate, got, tt.want)
		}
	}
}

func TestParseAllowed(t *testing.T) {
	if got := ParseAllowed(" EA, PCE,,KGM\nEA \r\n MTR "); fmt.Sprint(got) != "[EA PCE KGM MTR]" {
		t.Errorf("ParseAllowed = %q", got)
	}
}

func TestTally(t *testing.T) {
	tl := NewTally(2)
	fail := []Failure{{Message: "x"}}
	for id := int64(1); id <= 5; id++ {
		if id%2 == 1 {
			tl.Add(id, "p", fail)
		} else {
			tl.Add(id, "p", nil)
		}
	}
	if tl.Checked != 5 || tl.Failed != 3 || len(tl.Examples) != 2 || tl.Examples[1].ID != 3 {
		t.Errorf("tally %+v", tl)
	}
}

func TestTidyGate(t *testing.T) {
	g := TidyGate(Gate{Kind: GateFormat, Field: "barcode", Format: FormatGTIN, Allowed: []string{"x"}, Min: f64(1), Expression: "sku != ''"})
	if g.Format != FormatGTIN || g.Field != "barcode" || g.Allowed != nil || g.Min != nil || g.Expression != "" {
		t.Errorf("format gate kept %+v", g)
	}
	g = TidyGate(Gate{Kind: GateExpression, Field: "barcode", Format: FormatGTIN, Expression: "sku != ''"})
	if g.Field != "" || g.Format != "" || g.Expression == "" {
		t.Errorf("expression gate kept %+v", g)
	}
}
