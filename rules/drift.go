package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"steward/models"
)

// DriftField is one field in which a channel's record differs from the golden record, in
// the words a steward reads (FormatValue).
type DriftField struct {
	Field   string
	Golden  string
	Channel string
}

// CompareProduct lists the fields of held (those the channel holds; nil means all) in which
// the channel's product differs from the golden one.
func CompareProduct(golden, channel models.Product, held []string) []DriftField {
	return compare(ProductAttributes, &golden, &channel, held)
}

// CompareCustomer is CompareProduct for customer accounts.
func CompareCustomer(golden, channel models.Customer, held []string) []DriftField {
	return compare(CustomerAttributes, &golden, &channel, held)
}

// compare ignores what channels change without meaning anything: surrounding spaces, and
// the case of codes (currency, country, unit of measure) that shops lowercase.
func compare[T any](attrs []Attribute[T], golden, channel *T, held []string) []DriftField {
	var out []DriftField
	for _, a := range attrs {
		if held != nil && !contains(held, a.Name) {
			continue
		}
		g, c := strings.TrimSpace(FormatValue(a.Get(golden))), strings.TrimSpace(FormatValue(a.Get(channel)))
		if isCode(a.Name) {
			g, c = strings.ToUpper(g), strings.ToUpper(c)
		}
		if g != c {
			out = append(out, DriftField{Field: a.Name, Golden: g, Channel: c})
		}
	}
	return out
}

func isCode(field string) bool {
	switch field {
	case "currency", "country", "uom":
		return true
	}
	return false
}

// DriftKindLabel says what a kind of drift means, for the drift page.
func DriftKindLabel(kind string) string {
	switch kind {
	case models.DriftDiffers:
		return "differs"
	case models.DriftMissing:
		return "published, but missing on the channel"
	case models.DriftUnknown:
		return "on the channel, unknown to Steward"
	}
	return kind
}

// CompareRendered compares a golden record rendered for a channel with the record the
// channel holds, in the channel's own shape, leaf by leaf (input.variants[0].price). Only
// the leaves the channel reports are compared: readers report fewer fields than a
// publication sends. Identifiers and handles are not content and are left out.
func CompareRendered(golden, channel []byte) ([]DriftField, error) {
	g, err := flattenJSON(golden)
	if err != nil {
		return nil, fmt.Errorf("the rendered golden record: %w", err)
	}
	c, err := flattenJSON(channel)
	if err != nil {
		return nil, fmt.Errorf("the channel's record: %w", err)
	}
	paths := make([]string, 0, len(c))
	for p := range c {
		if !renderedMeta[strings.SplitN(strings.SplitN(p, ".", 2)[0], "[", 2)[0]] && !renderedSettings[lastSegment(p)] {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var out []DriftField
	for _, p := range paths {
		gv, cv := strings.TrimSpace(g[p]), strings.TrimSpace(c[p])
		if gv != cv {
			out = append(out, DriftField{Field: p, Golden: gv, Channel: cv})
		}
	}
	return out, nil
}

// renderedMeta are top-level keys of rendered records that identify rather than describe.
// Top-level sku, price and quantities describe price and stock payloads, or repeat a
// product's own (WooCommerce's reader reports the stock level beside the product).
var renderedMeta = map[string]bool{"id": true, "object": true, "kind": true, "handle": true, "email": true,
	"sku": true, "price": true, "quantity": true, "stock_quantity": true, "regular_price": true}

// renderedSettings are leaves a connector sets on every record to make the channel behave
// (track stock, a simple product, taxable), not master data a steward governs.
var renderedSettings = map[string]bool{"manage_stock": true, "type": true, "taxable": true, "tracked": true}

func lastSegment(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.Index(path, "["); i >= 0 {
		path = path[:i]
	}
	return path
}

func flattenJSON(b []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, val)
			}
		case []any:
			for i, val := range x {
				walk(fmt.Sprintf("%s[%d]", prefix, i), val)
			}
		case json.Number:
			if f, err := x.Float64(); err == nil {
				out[prefix] = strconv.FormatFloat(f, 'f', -1, 64)
			} else {
				out[prefix] = x.String()
			}
		case string:
			out[prefix] = x
		case bool:
			out[prefix] = strconv.FormatBool(x)
		case nil:
			out[prefix] = ""
		}
	}
	walk("", v)
	return out, nil
}

// renderedAttributes name the canonical attribute behind a rendered leaf, where the
// channel's value can be taken back as it stands. Leaves missing here (a status that
// folds two attributes, HTML made from plain text) can be republished, not accepted.
var renderedAttributes = map[string]map[string]string{
	models.ObjectProduct: {"input.title": "name", "input.vendor": "brand", "input.productType": "category",
		"input.variants[0].sku": "sku", "input.variants[0].price": "list_price", "input.variants[0].barcode": "barcode",
		"body.name": "name", "body.sku": "sku", "body.description": "description", "body.regular_price": "list_price",
		"body.tax_class": "tax_class", "body.global_unique_id": "barcode", "body.weight": "weight_kg"},
	models.ObjectCustomer: {"input.lastName": "name", "input.email": "email", "input.phone": "phone", "input.note": "legal_name",
		"body.email": "email", "body.billing.phone": "phone"},
}

// DriftAttribute is the canonical attribute a drift field stands for ("" if none): the
// field itself when drift was found in canonical fields, a webhook's fields.<attribute>,
// or a known leaf of a rendered record.
func DriftAttribute(object, field string) string {
	known := func(name string) bool {
		for _, a := range ProductAttributes {
			if object == models.ObjectProduct && a.Name == name {
				return true
			}
		}
		for _, a := range CustomerAttributes {
			if object == models.ObjectCustomer && a.Name == name {
				return true
			}
		}
		return false
	}
	if known(field) {
		return field
	}
	if name, ok := strings.CutPrefix(field, "fields."); ok && known(name) {
		return name
	}
	if name := renderedAttributes[object][field]; known(name) {
		return name
	}
	return ""
}

// DriftFieldLabel names a drift field for the drift page: the canonical field's label,
// with the channel's own name for it when that differs ("Price (input.variants[0].price)").
// An empty object tries products, then customers (the counts do not say which).
func DriftFieldLabel(object, field string) string {
	if field == "" {
		return ""
	}
	objects := []string{object}
	if object == "" {
		objects = []string{models.ObjectProduct, models.ObjectCustomer}
	}
	for _, o := range objects {
		attr := DriftAttribute(o, field)
		if attr == "" {
			continue
		}
		l := label(o, attr)
		if attr != field {
			l += " (" + field + ")"
		}
		return l
	}
	return field
}
