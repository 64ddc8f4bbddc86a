package channelmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Odoo models a payload writes.
const (
	OdooProduct   = "product.product"
	OdooPartner   = "res.partner"
	OdooPriceRule = "product.pricelist.item"
)

// OdooPayload is what the Odoo connector (jobs/odoo) writes for one record: the model and
// the vals in Odoo's write format (money as float currency units, empty text as false so
// that Odoo clears the field), plus what the connector must look up in Odoo first.
type OdooPayload struct {
	Model string         `json:"model"`
	Vals  map[string]any `json:"vals"`
	// CountryCode is the ISO code of a customer's country; the connector turns it into
	// country_id, since Odoo takes the res.country id, not the code.
	CountryCode string `json:"country_code,omitempty"`
	// SKU finds a product created by an earlier attempt whose answer was lost, so a retried
	// create updates it instead of making a second one; for a price it names the product.
	SKU string `json:"sku,omitempty"`
}

// Odoo channel fields a mapping may point elsewhere: name, default_code, barcode,
// list_price, standard_price, weight, description_sale, active (product.product, template
// fields delegated as Odoo does); name, vat, email, phone, website, country, active
// (res.partner); fixed_price, min_quantity, date_start, date_end (product.pricelist.item).
// Many2one fields (category, unit, taxes) are left out: they need Odoo ids Steward does not
// keep.

// RenderOdoo renders a record for Odoo. Stock is never written from Steward: Odoo owns it
// (moves and quants, not a field to set).
func RenderOdoo(r Record, m Mapping) (json.RawMessage, error) {
	var p OdooPayload
	var err error
	switch r.Object {
	case ObjectProduct:
		p, err = odooProduct(r, m)
	case ObjectCustomer:
		p, err = odooCustomer(r, m)
	case ObjectPrice:
		p, err = odooPrice(r, m)
	case ObjectStock:
		return nil, fmt.Errorf("Odoo keeps its own stock through inventory moves; Steward never writes it (%w)", ErrNotForChannel)
	default:
		return nil, fmt.Errorf("Odoo takes products, customers and prices, not %ss (%w)", r.Object, ErrNotForChannel)
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(p)
}

// odooText is a text value in Odoo's form: false for empty, so the field is cleared.
func odooText(r Record, m Mapping, field, def string) any {
	if s := connectorString(r, m, field, def); s != "" {
		return s
	}
	return false
}

func odooProduct(r Record, m Mapping) (OdooPayload, error) {
	name := connectorString(r, m, "name", "name")
	if name == "" {
		return OdooPayload{}, errors.New("name: an Odoo product needs a name")
	}
	vals := map[string]any{
		"name":             name,
		"default_code":     odooText(r, m, "default_code", "sku"),
		"barcode":          odooText(r, m, "barcode", "barcode"),
		"description_sale": odooText(r, m, "description_sale", "description"),
		"active":           connectorBool(r, m, "active", "active", true),
	}
	for field, def := range map[string]string{"list_price": "list_price", "standard_price": "cost", "weight": "weight_kg"} {
		v, ok, err := connectorNumber(r, m, field, def)
		if err != nil {
			return OdooPayload{}, err
		}
		if ok || field == "weight" {
			vals[field] = v // Odoo's weight 0 is "not set", the reverse of the pull's mapping
		}
	}
	return OdooPayload{Model: OdooProduct, Vals: vals, SKU: connectorString(r, m, "default_code", "sku")}, nil
}

func odooCustomer(r Record, m Mapping) (OdooPayload, error) {
	name := connectorString(r, m, "name", "name")
	if name == "" {
		return OdooPayload{}, errors.New("name: an Odoo customer needs a name")
	}
	vals := map[string]any{
		"name":    name,
		"vat":     odooText(r, m, "vat", "tax_id"),
		"email":   odooText(r, m, "email", "email"),
		"phone":   odooText(r, m, "phone", "phone"),
		"website": odooText(r, m, "website", "website"),
		"active":  connectorBool(r, m, "active", "active", true),
	}
	return OdooPayload{Model: OdooPartner, Vals: vals, CountryCode: strings.ToUpper(connectorString(r, m, "country", "country"))}, nil
}

func odooPrice(r Record, m Mapping) (OdooPayload, error) {
	price, ok, err := connectorNumber(r, m, "fixed_price", "price")
	if err != nil {
		return OdooPayload{}, err
	}
	if !ok {
		return OdooPayload{}, errors.New("price: a price is needed")
	}
	vals := map[string]any{"compute_price": "fixed", "fixed_price": price}
	if q, ok, err := connectorNumber(r, m, "min_quantity", "min_quantity"); err != nil {
		return OdooPayload{}, err
	} else if ok {
		vals["min_quantity"] = q
	}
	// Odoo 16 on keeps rule dates as datetimes; the end is the last second of its day, so
	// a price valid to a day still applies all that day (the pull reads back the same day).
	vals["date_start"], vals["date_end"] = false, false
	if d := connectorString(r, m, "date_start", "valid_from"); d != "" {
		vals["date_start"] = d + " 00:00:00"
	}
	if d := connectorString(r, m, "date_end", "valid_to"); d != "" {
		vals["date_end"] = d + " 23:59:59"
	}
	return OdooPayload{Model: OdooPriceRule, Vals: vals, SKU: connectorString(r, m, "sku", "sku")}, nil
}
