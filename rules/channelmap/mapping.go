// Package channelmap turns golden records into each channel's representation: admins'
// field mappings and value maps (UoM codes, tax classes, categories) applied to the canonical
// fields, then rendered by the channel kind's renderer (Shopify productSet input, WooCommerce
// product, X12 832/846 lines, webhook JSON). Pure: no I/O.
package channelmap

import "encoding/json"

// Record is a golden record as transforms see it.
type Record struct {
	Object string // product, customer, price, stock
	ID     int64
	// Fields are canonical names to values (rules.ProductFields, rules.CustomerFields, …).
	Fields map[string]any
	// CustomerID is set for a customer-specific price; renderers for public channels must
	// never receive one (Allowed refuses it first).
	CustomerID *int64
}

// Mapping is one channel's settings for one object type.
type Mapping struct {
	// Fields maps the channel's field name to the canonical field it takes its value from;
	// empty means the renderer's defaults.
	Fields map[string]string `json:"fields,omitempty"`
	// Values maps a canonical field's value to the channel's value, per canonical field
	// (e.g. uom: {"Units": "EA"}). A value with no entry passes unchanged.
	Values map[string]map[string]string `json:"values,omitempty"`
}

// Renderer renders a mapped record in one channel kind's representation.
type Renderer func(r Record, m Mapping) (json.RawMessage, error)
