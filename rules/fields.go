package rules

import (
	"slices"
	"strings"
)

// The domains of golden data. Ownership rules cover all four; validation gates cover the
// domains that have a record map (GateDomains).
const (
	DomainProduct   = "product"
	DomainCustomer  = "customer"
	DomainPrice     = "price"
	DomainInventory = "inventory"
)

// Domains lists every domain in display order.
var Domains = []string{DomainProduct, DomainCustomer, DomainPrice, DomainInventory}

// FieldType says how a field's value is compared and shown.
type FieldType int

// The types a canonical field can have.
const (
	Text   FieldType = iota
	Number           // float64; may be nil when unknown (weights, dimensions)
	Amount           // money, as float64 currency units inside rules only
	Flag             // bool
)

// Field is a canonical attribute of a domain: the name sources are mapped to, the words a
// steward reads, and its type.
type Field struct {
	Name  string
	Label string // sentence case: "List price", "VAT id"
	Type  FieldType
}

var fieldsByDomain = map[string][]Field{
	DomainProduct: {
		{"sku", "SKU", Text}, {"name", "Name", Text}, {"description", "Description", Text},
		{"category", "Category", Text}, {"brand", "Brand", Text}, {"uom", "Unit of measure", Text},
		{"barcode", "Barcode", Text}, {"weight_kg", "Weight in kg", Number},
		{"length_cm", "Length in cm", Number}, {"width_cm", "Width in cm", Number},
		{"height_cm", "Height in cm", Number}, {"hs_code", "HS code", Text},
		{"tax_class", "Tax class", Text}, {"list_price", "List price", Amount}, {"cost", "Cost", Amount},
		{"currency", "Currency", Text}, {"lifecycle_status", "Lifecycle", Text}, {"active", "Active", Flag},
	},
	DomainCustomer: {
		{"name", "Name", Text}, {"legal_name", "Legal name", Text}, {"tax_id", "VAT id", Text},
		{"email", "Email", Text}, {"phone", "Phone", Text}, {"website", "Website", Text},
		{"payment_terms", "Payment terms", Text}, {"credit_limit", "Credit limit", Amount},
		{"currency", "Currency", Text}, {"country", "Country", Text}, {"active", "Active", Flag},
	},
	DomainPrice: {
		{"price", "Price", Amount}, {"min_quantity", "Minimum quantity", Number},
		{"valid_from", "Valid from", Text}, {"valid_to", "Valid to", Text},
		{"price_list_id", "Price list", Number}, {"product_id", "Product", Number},
		{"customer_id", "Customer", Number},
	},
	DomainInventory: {
		{"on_hand", "On hand", Number}, {"reserved", "Reserved", Number},
		{"location_id", "Location", Number}, {"product_id", "Product", Number},
	},
}

// FieldsOf lists the canonical fields of a domain in display order; nil for an unknown domain.
func FieldsOf(domain string) []Field { return fieldsByDomain[domain] }

// FieldOf finds a canonical field of a domain.
func FieldOf(domain, name string) (Field, bool) {
	i := slices.IndexFunc(fieldsByDomain[domain], func(f Field) bool { return f.Name == name })
	if i < 0 {
		return Field{}, false
	}
	return fieldsByDomain[domain][i], true
}

// fieldNames lists the names of a domain's fields, for messages that say what is allowed.
func fieldNames(domain string) string {
	var names []string
	for _, f := range fieldsByDomain[domain] {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// label is a field's words for a message, its name when the domain does not know it.
func label(domain, name string) string {
	if f, ok := FieldOf(domain, name); ok {
		return f.Label
	}
	return name
}

// inSentence lowers the first letter unless the word is an acronym ("SKU", "HS code").
func inSentence(label string) string {
	if len(label) > 1 && label[1] >= 'A' && label[1] <= 'Z' {
		return label
	}
	return strings.ToLower(label[:1]) + label[1:]
}

// DomainLabel is a domain's plural in plain words: "products", "inventory levels".
func DomainLabel(domain string) string {
	switch domain {
	case DomainProduct:
		return "products"
	case DomainCustomer:
		return "customers"
	case DomainPrice:
		return "prices"
	case DomainInventory:
		return "inventory levels"
	}
	return domain
}

func isDomain(d string) bool { return slices.Contains(Domains, d) }
