package channelmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// WooPayload is what the WooCommerce connector (jobs/woocommerce) sends for one record: a
// product or customer body as the REST API v3 takes it, or the SKU and new value of a
// price or a stock level.
type WooPayload struct {
	Kind string         `json:"kind"` // product, customer, price, stock
	Body map[string]any `json:"body,omitempty"`
	SKU  string         `json:"sku,omitempty"`
	// price and stock
	RegularPrice  string `json:"regular_price,omitempty"`
	StockQuantity *int   `json:"stock_quantity,omitempty"`
}

// WooCommerce channel fields a mapping may point elsewhere: name, sku, regular_price,
// description, short_description, status, tax_class, weight, length, width, height,
// category (a category id after the value map), global_unique_id; email, first_name,
// last_name, company, phone, country; stock_quantity.

// RenderWooCommerce renders a record for WooCommerce. A shop is public: a customer's own
// price is refused.
func RenderWooCommerce(r Record, m Mapping) (json.RawMessage, error) {
	var p WooPayload
	switch r.Object {
	case "product":
		sku := connectorString(r, m, "sku", "sku")
		if sku == "" {
			return nil, errors.New("sku: a product needs a SKU")
		}
		body := map[string]any{
			"name": connectorString(r, m, "name", "name"), "type": "simple", "sku": sku,
			"status": wooStatus(r, m), "manage_stock": true,
			"description": connectorString(r, m, "description", "description"),
		}
		if price, ok, err := connectorNumber(r, m, "regular_price", "list_price"); err != nil {
			return nil, err
		} else if ok {
			body["regular_price"] = moneyText(price) // Woo takes prices as text
		}
		if tc := connectorString(r, m, "tax_class", "tax_class"); tc != "" {
			body["tax_class"] = tc
		}
		if g := connectorString(r, m, "global_unique_id", "barcode"); g != "" {
			body["global_unique_id"] = g
		}
		if w, ok, _ := connectorNumber(r, m, "weight", "weight_kg"); ok {
			body["weight"] = decimalText(w)
		}
		dims := map[string]any{}
		for field, def := range map[string]string{"length": "length_cm", "width": "width_cm", "height": "height_cm"} {
			if v, ok, _ := connectorNumber(r, m, field, def); ok {
				dims[field] = decimalText(v)
			}
		}
		if len(dims) > 0 {
			body["dimensions"] = dims
		}
		// Woo files products under category ids; a value map turns Steward's names into them.
		if c := connectorString(r, m, "category", "category"); c != "" {
			if id, err := strconv.Atoi(c); err == nil {
				body["categories"] = []any{map[string]any{"id": id}}
			}
		}
		p = WooPayload{Kind: "product", SKU: sku, Body: body}
	case "customer":
		email := connectorString(r, m, "email", "email")
		if email == "" {
			return nil, errors.New("email: a WooCommerce customer needs an email address")
		}
		billing := map[string]any{"email": email}
		for field, def := range map[string]string{"company": "name", "phone": "phone", "country": "country"} {
			if v := connectorString(r, m, field, def); v != "" {
				billing[field] = v
			}
		}
		body := map[string]any{"email": email, "billing": billing}
		for _, field := range []string{"first_name", "last_name"} {
			if m.Fields[field] != "" {
				body[field] = connectorString(r, m, field, "")
			}
		}
		p = WooPayload{Kind: "customer", Body: body}
	case "price":
		if r.CustomerID != nil {
			return nil, fmt.Errorf("customer_id: %w", ErrPublicChannel) // skipped by the outbox, not failed
		}
		if q, ok, _ := connectorNumber(r, m, "min_quantity", "min_quantity"); ok && q > 1 {
			return nil, fmt.Errorf("min_quantity: WooCommerce has one regular price per product; a quantity break is %w", ErrNotForChannel)
		}
		price, ok, err := connectorNumber(r, m, "regular_price", "price")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("price: a price is needed")
		}
		p = WooPayload{Kind: "price", SKU: connectorString(r, m, "sku", "sku"), RegularPrice: moneyText(price)}
	case "stock":
		q, ok, err := connectorNumber(r, m, "stock_quantity", "available")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("available: the quantity available is needed")
		}
		n := int(math.Floor(q))
		p = WooPayload{Kind: "stock", SKU: connectorString(r, m, "sku", "sku"), StockQuantity: &n}
	default:
		return nil, fmt.Errorf("WooCommerce takes products, customers, prices and stock, not %ss (%w)", r.Object, ErrNotForChannel)
	}
	if (p.Kind == "price" || p.Kind == "stock") && p.SKU == "" {
		return nil, errors.New("sku: WooCommerce finds the product by its SKU")
	}
	return json.Marshal(p)
}

// wooStatus: switched-off or discontinued products become private (hidden, orders kept),
// drafts stay drafts.
func wooStatus(r Record, m Mapping) string {
	s := connectorString(r, m, "status", "lifecycle_status")
	switch {
	case s == "publish" || s == "draft" || s == "private" || s == "pending":
		return s // a value map already chose Woo's word
	case !connectorBool(r, m, "active", "active", true) || s == "discontinued":
		return "private"
	case s == "draft":
		return "draft"
	}
	return "publish"
}
