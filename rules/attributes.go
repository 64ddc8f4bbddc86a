package rules

import (
	"fmt"
	"time"

	"steward/models"
)

// Attribute is one canonical field of a golden record: its name (as ownership rules, gates
// and diffs call it), how to read it, and how to copy it from an incoming version.
type Attribute[T any] struct {
	Name string
	Get  func(*T) any
	Copy func(dst, src *T)
	// Set writes a value as a person typed it; the error says what is expected instead.
	Set func(r *T, text string) error
}

func attr[T any, V any](name string, field func(*T) *V) Attribute[T] {
	return Attribute[T]{
		Name: name,
		Get:  func(r *T) any { return *field(r) },
		Copy: func(dst, src *T) { *field(dst) = *field(src) },
		Set: func(r *T, text string) error {
			v, err := parseAs[V](text)
			if err == nil {
				*field(r) = v
			}
			return err
		},
	}
}

// ProductAttributes are the product fields a source may change.
var ProductAttributes = []Attribute[models.Product]{
	attr("sku", func(p *models.Product) *string { return &p.SKU }),
	attr("name", func(p *models.Product) *string { return &p.Name }),
	attr("description", func(p *models.Product) *string { return &p.Description }),
	attr("category", func(p *models.Product) *string { return &p.Category }),
	attr("brand", func(p *models.Product) *string { return &p.Brand }),
	attr("uom", func(p *models.Product) *string { return &p.UoM }),
	attr("barcode", func(p *models.Product) *string { return &p.Barcode }),
	attr("weight_kg", func(p *models.Product) **float64 { return &p.WeightKg }),
	attr("length_cm", func(p *models.Product) **float64 { return &p.LengthCm }),
	attr("width_cm", func(p *models.Product) **float64 { return &p.WidthCm }),
	attr("height_cm", func(p *models.Product) **float64 { return &p.HeightCm }),
	attr("hs_code", func(p *models.Product) *string { return &p.HSCode }),
	attr("tax_class", func(p *models.Product) *string { return &p.TaxClass }),
	attr("list_price", func(p *models.Product) *models.Money { return &p.ListPrice }),
	attr("cost", func(p *models.Product) *models.Money { return &p.Cost }),
	attr("currency", func(p *models.Product) *string { return &p.Currency }),
	attr("lifecycle_status", func(p *models.Product) *string { return &p.LifecycleStatus }),
	attr("active", func(p *models.Product) *bool { return &p.Active }),
}

// CustomerAttributes are the customer-account fields a source may change.
var CustomerAttributes = []Attribute[models.Customer]{
	attr("name", func(c *models.Customer) *string { return &c.Name }),
	attr("legal_name", func(c *models.Customer) *string { return &c.LegalName }),
	attr("tax_id", func(c *models.Customer) *string { return &c.TaxID }),
	attr("email", func(c *models.Customer) *string { return &c.Email }),
	attr("phone", func(c *models.Customer) *string { return &c.Phone }),
	attr("website", func(c *models.Customer) *string { return &c.Website }),
	attr("payment_terms", func(c *models.Customer) *string { return &c.PaymentTerms }),
	attr("credit_limit", func(c *models.Customer) *models.Money { return &c.CreditLimit }),
	attr("currency", func(c *models.Customer) *string { return &c.Currency }),
	attr("country", func(c *models.Customer) *string { return &c.Country }),
	attr("active", func(c *models.Customer) *bool { return &c.Active }),
	// A source names the price list by its own id; ingestion resolves it (PriceListRef), so
	// it cannot be typed in as text.
	attr("price_list", func(c *models.Customer) **int64 { return &c.PriceListID }),
}

// PriceRuleAttributes are the price-rule fields a source may change; the product, list and
// customer it is for identify the rule and come from the source's references instead.
var PriceRuleAttributes = []Attribute[models.PriceRule]{
	attr("price", func(r *models.PriceRule) *models.Money { return &r.Price }),
	attr("min_quantity", func(r *models.PriceRule) *float64 { return &r.MinQuantity }),
	attr("valid_from", func(r *models.PriceRule) **time.Time { return &r.ValidFrom }),
	attr("valid_to", func(r *models.PriceRule) **time.Time { return &r.ValidTo }),
}

// InventoryAttributes are the stock-level fields a source may change.
var InventoryAttributes = []Attribute[models.InventoryLevel]{
	attr("on_hand", func(l *models.InventoryLevel) *float64 { return &l.OnHand }),
	attr("reserved", func(l *models.InventoryLevel) *float64 { return &l.Reserved }),
}

// FieldChange is one attribute that differs between the golden record and a change.
type FieldChange struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// Diff lists the attributes (of those the source provides; nil means all) whose incoming
// value differs from the golden one.
func Diff[T any](attrs []Attribute[T], golden, incoming *T, provided []string) []FieldChange {
	var out []FieldChange
	for _, a := range attrs {
		if provided != nil && !contains(provided, a.Name) {
			continue
		}
		b, n := a.Get(golden), a.Get(incoming)
		if !sameValue(b, n) {
			out = append(out, FieldChange{Field: a.Name, Before: b, After: n})
		}
	}
	return out
}

// ApplyChanges copies the named attributes from incoming onto golden.
func ApplyChanges[T any](attrs []Attribute[T], golden, incoming *T, fields []string) {
	for _, a := range attrs {
		if contains(fields, a.Name) {
			a.Copy(golden, incoming)
		}
	}
}

func sameValue(a, b any) bool {
	if ta, ok := a.(*time.Time); ok {
		tb, _ := b.(*time.Time)
		return FormatValue(ta) == FormatValue(tb)
	}
	if ia, ok := a.(*int64); ok {
		ib, _ := b.(*int64)
		return FormatValue(ia) == FormatValue(ib)
	}
	pa, aPtr := a.(*float64)
	pb, bPtr := b.(*float64)
	if aPtr && bPtr {
		switch {
		case pa == nil || pb == nil:
			return pa == nil && pb == nil
		default:
			return *pa == *pb
		}
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
