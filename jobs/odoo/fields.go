package odoo

import "context"

// fieldsFor lists what the connector reads per model. Some fields exist only with certain
// modules or versions (hs_code, credit_limit, taxes_id, country_code, mobile…); Client.Fields
// drops those the database lacks, because asking for an unknown field fails the whole call.
var fieldsFor = map[string][]string{
	"product.product": {
		"product_tmpl_id", "default_code", "name", "description_sale", "categ_id", "barcode", "uom_id",
		"weight", "list_price", "lst_price", "standard_price", "currency_id", "taxes_id", "hs_code",
		"type", "active", "write_date",
	},
	"product.template": {"name", "active", "write_date"},
	"res.partner": {
		"name", "is_company", "type", "parent_id", "ref", "vat", "email", "phone", "mobile", "website",
		"street", "street2", "city", "zip", "state_id", "country_id", "country_code", "function",
		"property_payment_term_id", "property_product_pricelist", "credit_limit", "active", "write_date",
	},
	"product.pricelist": {"name", "currency_id", "active", "write_date"},
	"product.pricelist.item": {
		"pricelist_id", "applied_on", "product_tmpl_id", "product_id", "categ_id", "min_quantity",
		"compute_price", "fixed_price", "percent_price", "date_start", "date_end", "currency_id",
		"active", "write_date",
	},
	"stock.quant":    {"product_id", "location_id", "lot_id", "quantity", "reserved_quantity", "company_id", "write_date"},
	"stock.location": {"name", "complete_name", "usage", "location_id", "active", "write_date"},
	"res.country":    {"name", "code"},
	"account.tax":    {"name", "amount", "active"},
}

// FieldsFor lists the fields the connector asks for on a model (nil for models it does not
// map). Use Client.Fields to get the subset a given database has.
func FieldsFor(model string) []string {
	return append([]string(nil), fieldsFor[model]...)
}

// FieldsGet describes the fields of a model, with the given attributes (e.g. "type",
// "relation"); nil asks for Odoo's default set.
func (c *Client) FieldsGet(ctx context.Context, model string, attributes []string) (map[string]map[string]any, error) {
	kw := map[string]any{}
	if attributes != nil {
		kw["attributes"] = attributes
	}
	var out map[string]map[string]any
	err := c.do(ctx, call{model: model, method: "fields_get", kwargs: kw}, &out)
	return out, err
}

// Fields returns FieldsFor(model) less the fields this database does not have, asking
// fields_get once per model and client: asking Odoo for an unknown field is an error.
func (c *Client) Fields(ctx context.Context, model string) ([]string, error) {
	have, err := c.fieldTypes(ctx, model)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range FieldsFor(model) {
		if _, ok := have[f]; ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// HasField tells whether the model has a field on this database.
func (c *Client) HasField(ctx context.Context, model, field string) (bool, error) {
	have, err := c.fieldTypes(ctx, model)
	if err != nil {
		return false, err
	}
	_, ok := have[field]
	return ok, nil
}

func (c *Client) fieldTypes(ctx context.Context, model string) (map[string]string, error) {
	c.mu.Lock()
	have := c.fields[model]
	c.mu.Unlock()
	if have != nil {
		return have, nil
	}
	desc, err := c.FieldsGet(ctx, model, []string{"type"})
	if err != nil {
		return nil, err
	}
	have = make(map[string]string, len(desc))
	for name, d := range desc {
		have[name], _ = d["type"].(string)
	}
	c.mu.Lock()
	c.fields[model] = have
	c.mu.Unlock()
	return have, nil
}
