package channelmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"strings"
)

// ShopifyPayload is what the Shopify connector (jobs/shopify) sends for one record: the
// productSet or customerSet input as the Admin GraphQL API 2026-10 takes it, or the SKU
// and value of a variant price or an available quantity.
type ShopifyPayload struct {
	Kind string `json:"kind"` // product, customer, price, stock
	// Handle identifies a product not yet published, so a retried create updates the same
	// product instead of making a second one.
	Handle string         `json:"handle,omitempty"`
	Email  string         `json:"email,omitempty"` // likewise for a customer without an id yet
	Input  map[string]any `json:"input,omitempty"` // ProductSetInput or CustomerSetInput
	// price and stock: the variant by SKU, its new price, its available quantity.
	SKU            string `json:"sku,omitempty"`
	Price          string `json:"price,omitempty"`
	CompareAtPrice string `json:"compareAtPrice,omitempty"`
	Quantity       *int   `json:"quantity,omitempty"`
}

// Shopify channel fields a mapping may point elsewhere: title, descriptionHtml (from plain
// text), vendor, productType, status, price, compareAtPrice, sku, barcode, weight,
// harmonizedSystemCode; firstName, lastName, email, phone, note, tags; quantity.

// RenderShopify renders a record for Shopify. A storefront is public: a customer-specific
// price is refused here as well as by the outbox.
func RenderShopify(r Record, m Mapping) (json.RawMessage, error) {
	var p ShopifyPayload
	var err error
	switch r.Object {
	case "product":
		p, err = shopifyProduct(r, m)
	case "customer":
		p, err = shopifyCustomer(r, m)
	case "price":
		if r.CustomerID != nil {
			return nil, fmt.Errorf("customer_id: %w", ErrPublicChannel) // skipped by the outbox, not failed
		}
		if q, ok, _ := connectorNumber(r, m, "min_quantity", "min_quantity"); ok && q > 1 {
			return nil, fmt.Errorf("min_quantity: Shopify has one price per variant; a quantity break is %w", ErrNotForChannel)
		}
		p = ShopifyPayload{Kind: "price", SKU: connectorString(r, m, "sku", "sku")}
		price, ok, perr := connectorNumber(r, m, "price", "price")
		if perr != nil {
			return nil, perr
		}
		if !ok {
			return nil, errors.New("price: a price is needed")
		}
		p.Price = moneyText(price)
		if c, ok, _ := connectorNumber(r, m, "compareAtPrice", "compare_at_price"); ok && c > 0 {
			p.CompareAtPrice = moneyText(c)
		}
	case "stock":
		q, ok, qerr := connectorNumber(r, m, "quantity", "available")
		if qerr != nil {
			return nil, qerr
		}
		if !ok {
			return nil, errors.New("available: the quantity available is needed")
		}
		n := int(math.Floor(q)) // Shopify counts whole units; a part unit cannot be sold
		p = ShopifyPayload{Kind: "stock", SKU: connectorString(r, m, "sku", "sku"), Quantity: &n}
	default:
		return nil, fmt.Errorf("Shopify takes products, customers, prices and stock, not %ss (%w)", r.Object, ErrNotForChannel)
	}
	if err != nil {
		return nil, err
	}
	if (p.Kind == "price" || p.Kind == "stock") && p.SKU == "" {
		return nil, errors.New("sku: Shopify finds the variant by its SKU")
	}
	return json.Marshal(p)
}

func shopifyProduct(r Record, m Mapping) (ShopifyPayload, error) {
	sku := connectorString(r, m, "sku", "sku")
	if sku == "" {
		return ShopifyPayload{}, errors.New("sku: a product needs a SKU")
	}
	variant := map[string]any{
		"optionValues": []any{map[string]any{"optionName": "Title", "name": "Default Title"}},
		"sku":          sku,
		"taxable":      true,
	}
	if price, ok, err := connectorNumber(r, m, "price", "list_price"); err != nil {
		return ShopifyPayload{}, err
	} else if ok {
		variant["price"] = moneyText(price)
	}
	if c, ok, _ := connectorNumber(r, m, "compareAtPrice", "compare_at_price"); ok && c > 0 {
		variant["compareAtPrice"] = moneyText(c)
	}
	if b := connectorString(r, m, "barcode", "barcode"); b != "" {
		variant["barcode"] = b
	}
	item := map[string]any{"tracked": true}
	if w, ok, _ := connectorNumber(r, m, "weight", "weight_kg"); ok && w > 0 {
		item["measurement"] = map[string]any{"weight": map[string]any{"unit": "KILOGRAMS", "value": w}}
	}
	if hs := connectorString(r, m, "harmonizedSystemCode", "hs_code"); hs != "" {
		item["harmonizedSystemCode"] = hs
	}
	variant["inventoryItem"] = item
	in := map[string]any{
		"title":          connectorString(r, m, "title", "name"),
		"vendor":         connectorString(r, m, "vendor", "brand"),
		"productType":    connectorString(r, m, "productType", "category"),
		"status":         shopifyStatus(r, m),
		"productOptions": []any{map[string]any{"name": "Title", "values": []any{map[string]any{"name": "Default Title"}}}},
		"variants":       []any{variant},
	}
	if d := connectorString(r, m, "descriptionHtml", "description"); d != "" {
		// Golden descriptions are plain text; Shopify renders this field as HTML.
		in["descriptionHtml"] = "<p>" + strings.ReplaceAll(html.EscapeString(d), "\n", "<br>") + "</p>"
	}
	return ShopifyPayload{Kind: "product", Handle: shopifyHandle(sku), Input: in}, nil
}

// shopifyStatus: a product leaves the storefront when it is switched off or discontinued
// and waits as a draft until it is released.
func shopifyStatus(r Record, m Mapping) string {
	if s := connectorString(r, m, "status", "lifecycle_status"); s == "ACTIVE" || s == "DRAFT" || s == "ARCHIVED" {
		return s // a value map already chose Shopify's word
	} else if !connectorBool(r, m, "active", "active", true) || s == "discontinued" {
		return "ARCHIVED"
	} else if s == "draft" {
		return "DRAFT"
	}
	return "ACTIVE"
}

// shopifyHandle is the URL handle Steward gives a product: its SKU in Shopify's handle form.
func shopifyHandle(sku string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(sku) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func shopifyCustomer(r Record, m Mapping) (ShopifyPayload, error) {
	in := map[string]any{}
	for field, def := range map[string]string{"firstName": "", "lastName": "name", "email": "email", "phone": "phone", "note": "legal_name"} {
		if def == "" && m.Fields[field] == "" {
			continue
		}
		if v := connectorString(r, m, field, def); v != "" {
			in[field] = v
		}
	}
	if tags := connectorString(r, m, "tags", "payment_terms"); tags != "" {
		in["tags"] = []any{tags}
	}
	if in["email"] == nil && in["phone"] == nil && in["lastName"] == nil {
		return ShopifyPayload{}, errors.New("email: a Shopify customer needs an email, a phone or a name")
	}
	email, _ := in["email"].(string)
	return ShopifyPayload{Kind: "customer", Email: email, Input: in}, nil
}
