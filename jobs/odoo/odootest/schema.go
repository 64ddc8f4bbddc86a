package odootest

import (
	"strings"
	"time"
)

// The schema is a slice of Odoo as the connector sees it: the models and fields it reads,
// with the shapes, defaults, display names and default orders of Odoo 16–19 Community
// (base, product, stock, account and sale installed).

type modelSpec struct {
	name     string
	order    string
	display  func(s *store, r *row) string
	defaults map[string]any
	fields   []*fieldDef
}

func field(name, label string, t ftype) *fieldDef {
	return &fieldDef{name: name, label: label, typ: t, col: -1}
}

func fChar(name, label string) *fieldDef     { return field(name, label, tChar) }
func fText(name, label string) *fieldDef     { return field(name, label, tText) }
func fInt(name, label string) *fieldDef      { return field(name, label, tInteger) }
func fFloat(name, label string) *fieldDef    { return field(name, label, tFloat) }
func fBool(name, label string) *fieldDef     { return field(name, label, tBoolean) }
func fDatetime(name, label string) *fieldDef { return field(name, label, tDatetime) }

func fMany2one(name, label, rel string) *fieldDef {
	f := field(name, label, tMany2one)
	f.relation = rel
	return f
}

func fOne2many(name, label, rel, inverse string) *fieldDef {
	f := field(name, label, tOne2many)
	f.relation, f.inverse = rel, inverse
	return f
}

func fMany2many(name, label, rel string) *fieldDef {
	f := field(name, label, tMany2many)
	f.relation = rel
	return f
}

func fSelection(name, label string, pairs ...string) *fieldDef {
	f := field(name, label, tSelection)
	for i := 0; i+1 < len(pairs); i += 2 {
		f.selection = append(f.selection, [2]string{pairs[i], pairs[i+1]})
	}
	return f
}

func (f *fieldDef) req() *fieldDef { f.required = true; return f }

func (f *fieldDef) computed(fn func(s *store, r *row) any) *fieldDef {
	f.compute, f.readonly = fn, true
	return f
}

func (f *fieldDef) delegated(through string) *fieldDef { f.via = through; return f }

// variantFields are template fields that Odoo computes from the single variant and writes
// back to it (inverse), so writing them on a template changes the variant.
var variantFields = map[string]bool{"default_code": true, "barcode": true, "standard_price": true, "weight": true, "volume": true}

func nameOf(s *store, model string, r *row) string {
	if str, ok := r.vals[s.models[model].col("name")].(string); ok {
		return str
	}
	return ""
}

func strVal(s *store, model string, r *row, field string) string {
	str, _ := r.vals[s.models[model].col(field)].(string)
	return str
}

func idVal(s *store, model string, r *row, field string) int64 {
	id, _ := r.vals[s.models[model].col(field)].(int64)
	return id
}

func parentRow(s *store, model string, r *row, field string) *row {
	m := s.models[model]
	return s.models[m.fields[field].relation].byID[idVal(s, model, r, field)]
}

func byName(model string) func(s *store, r *row) string {
	return func(s *store, r *row) string { return nameOf(s, model, r) }
}

func productDisplay(model string) func(s *store, r *row) string {
	return func(s *store, r *row) string {
		m := s.models[model]
		name, _ := s.value(m, r, m.fields["name"]).(string)
		if code, _ := s.value(m, r, m.fields["default_code"]).(string); code != "" {
			return "[" + code + "] " + name
		}
		return name
	}
}

var partnerTypeLabels = map[string]string{"invoice": "Invoice Address", "delivery": "Delivery Address", "other": "Other Address", "private": "Private Address"}

// partnerComplete is res.partner's complete_name: a person or address below a company is
// shown as "Company, Name", and a nameless address by its type.
func partnerComplete(s *store, r *row) string {
	name := nameOf(s, "res.partner", r)
	parent := parentRow(s, "res.partner", r, "parent_id")
	if parent == nil {
		return name
	}
	typ := strVal(s, "res.partner", r, "type")
	if name == "" && partnerTypeLabels[typ] != "" {
		name = partnerTypeLabels[typ]
	}
	if isCompany, _ := r.vals[s.models["res.partner"].col("is_company")].(bool); isCompany {
		return name
	}
	return commercialName(s, parent) + ", " + name
}

func commercialPartner(s *store, r *row) *row {
	for i := 0; i < 32; i++ {
		isCompany, _ := r.vals[s.models["res.partner"].col("is_company")].(bool)
		p := parentRow(s, "res.partner", r, "parent_id")
		if isCompany || p == nil {
			return r
		}
		r = p
	}
	return r
}

func commercialName(s *store, r *row) string {
	return nameOf(s, "res.partner", commercialPartner(s, r))
}

func categoryComplete(s *store, r *row) string {
	name := nameOf(s, "product.category", r)
	for p, i := parentRow(s, "product.category", r, "parent_id"), 0; p != nil && i < 32; p, i = parentRow(s, "product.category", p, "parent_id"), i+1 {
		name = nameOf(s, "product.category", p) + " / " + name
	}
	return name
}

func locationComplete(s *store, r *row) string {
	name := nameOf(s, "stock.location", r)
	p := parentRow(s, "stock.location", r, "location_id")
	if p == nil || strVal(s, "stock.location", r, "usage") == "view" {
		return name
	}
	return s.displayName(s.models["stock.location"], p) + "/" + name
}

func schema() []modelSpec {
	return []modelSpec{
		{name: "res.currency", order: "active desc, name, id", defaults: map[string]any{"active": true}, fields: []*fieldDef{
			fChar("name", "Currency").req(), fChar("symbol", "Symbol"), fBool("active", "Active"),
		}},
		{name: "res.country", order: "name, id", fields: []*fieldDef{
			fChar("name", "Country Name").req(), fChar("code", "Country Code"),
		}},
		{name: "res.country.state", order: "country_id, name, id", fields: []*fieldDef{
			fChar("name", "State Name").req(), fChar("code", "State Code"), fMany2one("country_id", "Country", "res.country"),
		}},
		{name: "res.company", order: "sequence, name, id", fields: []*fieldDef{
			fChar("name", "Company Name").req(), fMany2one("currency_id", "Currency", "res.currency"), fInt("sequence", "Sequence"),
		}},
		{name: "res.users", order: "name, login, id", defaults: map[string]any{"active": true}, fields: []*fieldDef{
			fChar("name", "Name"), fChar("login", "Login").req(), fBool("active", "Active"),
			fMany2one("partner_id", "Related Partner", "res.partner"),
		}},
		{name: "uom.uom", order: "name, id", defaults: map[string]any{"active": true}, fields: []*fieldDef{
			fChar("name", "Unit of Measure").req(), fBool("active", "Active"),
		}},
		{name: "product.category", order: "complete_name, id", display: categoryComplete, fields: []*fieldDef{
			fChar("name", "Name").req(), fMany2one("parent_id", "Parent Category", "product.category"),
			fChar("complete_name", "Complete Name").computed(func(s *store, r *row) any { return categoryComplete(s, r) }),
		}},
		{name: "account.tax", order: "sequence, id", defaults: map[string]any{"active": true, "type_tax_use": "sale"}, fields: []*fieldDef{
			fChar("name", "Tax Name").req(), fFloat("amount", "Amount"), fInt("sequence", "Sequence"),
			fSelection("type_tax_use", "Tax Type", "sale", "Sales", "purchase", "Purchases", "none", "None"), fBool("active", "Active"),
		}},
		{name: "account.payment.term", order: "sequence, id", defaults: map[string]any{"active": true}, fields: []*fieldDef{
			fChar("name", "Payment Terms").req(), fInt("sequence", "Sequence"), fBool("active", "Active"),
		}},
		{name: "product.pricelist", order: "sequence asc, id asc", defaults: map[string]any{"active": true},
			display: func(s *store, r *row) string {
				cur, _ := s.displayOf("res.currency", idVal(s, "product.pricelist", r, "currency_id"))
				return nameOf(s, "product.pricelist", r) + " (" + cur + ")"
			},
			fields: []*fieldDef{
				fChar("name", "Pricelist Name").req(), fInt("sequence", "Sequence"), fBool("active", "Active"),
				fMany2one("currency_id", "Currency", "res.currency"), fMany2one("company_id", "Company", "res.company"),
				fOne2many("item_ids", "Pricelist Rules", "product.pricelist.item", "pricelist_id"),
			}},
		{name: "product.pricelist.item", order: "applied_on, min_quantity desc, categ_id desc, id desc",
			defaults: map[string]any{"applied_on": "3_global", "compute_price": "fixed", "base": "list_price", "min_quantity": 0.0},
			display:  pricelistItemDisplay,
			fields: []*fieldDef{
				fMany2one("pricelist_id", "Pricelist", "product.pricelist").req(),
				fSelection("applied_on", "Apply On", "3_global", "All Products", "2_product_category", "Product Category", "1_product", "Product", "0_product_variant", "Product Variant"),
				fMany2one("product_tmpl_id", "Product", "product.template"), fMany2one("product_id", "Product Variant", "product.product"),
				fMany2one("categ_id", "Product Category", "product.category"), fFloat("min_quantity", "Min. Quantity"),
				fSelection("compute_price", "Computation", "fixed", "Fixed Price", "percentage", "Discount", "formula", "Formula"),
				fFloat("fixed_price", "Fixed Price"), fFloat("percent_price", "Percentage Price"),
				fSelection("base", "Based on", "list_price", "Sales Price", "standard_price", "Cost", "pricelist", "Other Pricelist"),
				fFloat("price_discount", "Price Discount"), fFloat("price_surcharge", "Extra Fee"),
				fDatetime("date_start", "Start Date"), fDatetime("date_end", "End Date"),
				fMany2one("currency_id", "Currency", "res.currency").computed(func(s *store, r *row) any {
					if pl := parentRow(s, "product.pricelist.item", r, "pricelist_id"); pl != nil {
						return pl.vals[s.models["product.pricelist"].col("currency_id")]
					}
					return nil
				}),
				fBool("active", "Active").computed(func(s *store, r *row) any {
					if pl := parentRow(s, "product.pricelist.item", r, "pricelist_id"); pl != nil {
						return pl.vals[s.models["product.pricelist"].col("active")]
					}
					return true
				}),
			}},
		{name: "product.template", order: "name, id", display: productDisplay("product.template"),
			defaults: map[string]any{"active": true, "type": "consu", "sale_ok": true, "purchase_ok": true},
			fields: []*fieldDef{
				fChar("name", "Name").req(), fText("description_sale", "Sales Description"),
				fMany2one("categ_id", "Product Category", "product.category"), fMany2one("uom_id", "Unit of Measure", "uom.uom"),
				fFloat("list_price", "Sales Price"), productType(), fBool("sale_ok", "Can be Sold"), fBool("purchase_ok", "Can be Purchased"),
				fBool("active", "Active"), fChar("hs_code", "HS Code"), fMany2many("taxes_id", "Customer Taxes", "account.tax"),
				fMany2one("company_id", "Company", "res.company"), fMany2one("currency_id", "Currency", "res.currency"),
				fOne2many("product_variant_ids", "Products", "product.product", "product_tmpl_id"),
				fChar("default_code", "Internal Reference").computed(singleVariant("default_code")),
				fChar("barcode", "Barcode").computed(singleVariant("barcode")),
				fFloat("standard_price", "Cost").computed(singleVariant("standard_price")),
				fFloat("weight", "Weight").computed(singleVariant("weight")),
				fFloat("volume", "Volume").computed(singleVariant("volume")),
			}},
		{name: "product.product", order: "default_code, name, id", display: productDisplay("product.product"),
			defaults: map[string]any{"active": true},
			fields: []*fieldDef{
				fMany2one("product_tmpl_id", "Product Template", "product.template").req(),
				fChar("default_code", "Internal Reference"), fChar("barcode", "Barcode"), fBool("active", "Active"),
				fFloat("standard_price", "Cost"), fFloat("weight", "Weight"), fFloat("volume", "Volume"),
				fChar("name", "Name").delegated("product_tmpl_id"), fText("description_sale", "Sales Description").delegated("product_tmpl_id"),
				fMany2one("categ_id", "Product Category", "product.category").delegated("product_tmpl_id"),
				fMany2one("uom_id", "Unit of Measure", "uom.uom").delegated("product_tmpl_id"),
				fFloat("list_price", "Sales Price").delegated("product_tmpl_id"), productType().delegated("product_tmpl_id"),
				fBool("sale_ok", "Can be Sold").delegated("product_tmpl_id"), fBool("purchase_ok", "Can be Purchased").delegated("product_tmpl_id"),
				fChar("hs_code", "HS Code").delegated("product_tmpl_id"),
				fMany2many("taxes_id", "Customer Taxes", "account.tax").delegated("product_tmpl_id"),
				fMany2one("company_id", "Company", "res.company").delegated("product_tmpl_id"),
				fMany2one("currency_id", "Currency", "res.currency").delegated("product_tmpl_id"),
				fFloat("lst_price", "Sales Price").computed(func(s *store, r *row) any {
					m := s.models["product.product"]
					return s.value(m, r, m.fields["list_price"])
				}),
				fFloat("qty_available", "Quantity On Hand").computed(qtyAvailable),
			}},
		{name: "res.partner", order: "complete_name asc, id desc", display: partnerComplete,
			defaults: map[string]any{"active": true, "type": "contact", "is_company": false},
			fields: []*fieldDef{
				fChar("name", "Name"), fChar("complete_name", "Complete Name").computed(func(s *store, r *row) any { return partnerComplete(s, r) }),
				fBool("is_company", "Is a Company"),
				fSelection("type", "Address Type", "contact", "Contact", "invoice", "Invoice Address", "delivery", "Delivery Address", "other", "Other Address", "private", "Private Address"),
				fMany2one("parent_id", "Related Company", "res.partner"),
				fOne2many("child_ids", "Contact", "res.partner", "parent_id"),
				fMany2one("commercial_partner_id", "Commercial Entity", "res.partner").computed(func(s *store, r *row) any {
					return commercialPartner(s, r).id
				}),
				fChar("ref", "Reference"), fChar("vat", "Tax ID"), fChar("email", "Email"), fChar("phone", "Phone"),
				fChar("website", "Website Link"), fChar("street", "Street"), fChar("street2", "Street2"), fChar("city", "City"),
				fChar("zip", "Zip"), fMany2one("state_id", "State", "res.country.state"), fMany2one("country_id", "Country", "res.country"),
				fChar("country_code", "Country Code").computed(func(s *store, r *row) any {
					if c := parentRow(s, "res.partner", r, "country_id"); c != nil {
						return c.vals[s.models["res.country"].col("code")]
					}
					return nil
				}),
				fChar("function", "Job Position"), fChar("lang", "Language"), fBool("active", "Active"),
				fMany2one("company_id", "Company", "res.company"), fFloat("credit_limit", "Credit Limit"),
				fMany2one("property_payment_term_id", "Customer Payment Terms", "account.payment.term"),
				fMany2one("property_product_pricelist", "Pricelist", "product.pricelist"),
				fInt("customer_rank", "Customer Rank"),
				fText("comment", "Notes"), fOne2many("user_ids", "Users", "res.users", "partner_id").computed(partnerUsers),
			}},
		{name: "stock.location", order: "complete_name, id", display: locationComplete, defaults: map[string]any{"active": true, "usage": "internal"},
			fields: []*fieldDef{
				fChar("name", "Location Name").req(), fChar("complete_name", "Full Location Name").computed(func(s *store, r *row) any { return locationComplete(s, r) }),
				fMany2one("location_id", "Parent Location", "stock.location"),
				fSelection("usage", "Location Type", "supplier", "Vendor Location", "view", "View", "internal", "Internal Location", "customer", "Customer Location", "inventory", "Inventory Loss", "production", "Production", "transit", "Transit Location"),
				fBool("active", "Active"), fMany2one("company_id", "Company", "res.company"), fChar("barcode", "Barcode"),
			}},
		{name: "stock.lot", order: "name, id", fields: []*fieldDef{
			fChar("name", "Lot/Serial Number").req(), fMany2one("product_id", "Product", "product.product"),
		}},
		{name: "stock.quant", order: "id",
			display: func(s *store, r *row) string {
				loc, _ := s.displayOf("stock.location", idVal(s, "stock.quant", r, "location_id"))
				prod, _ := s.displayOf("product.product", idVal(s, "stock.quant", r, "product_id"))
				return loc + " - " + prod
			},
			fields: []*fieldDef{
				fMany2one("product_id", "Product", "product.product").req(), fMany2one("location_id", "Location", "stock.location").req(),
				fMany2one("lot_id", "Lot/Serial Number", "stock.lot"), fFloat("quantity", "Quantity"),
				fFloat("reserved_quantity", "Reserved Quantity"), fMany2one("company_id", "Company", "res.company"),
			}},
	}
}

func productType() *fieldDef {
	return fSelection("type", "Product Type", "consu", "Goods", "service", "Service", "product", "Storable Product", "combo", "Combo")
}

func singleVariant(name string) func(s *store, r *row) any {
	return func(s *store, r *row) any {
		kids := s.children("product.product", "product_tmpl_id", r.id)
		if len(kids) != 1 {
			return nil
		}
		return kids[0].vals[s.models["product.product"].col(name)]
	}
}

func qtyAvailable(s *store, r *row) any {
	qty := 0.0
	qm := s.models["stock.quant"]
	for _, q := range s.children("stock.quant", "product_id", r.id) {
		loc := parentRow(s, "stock.quant", q, "location_id")
		if loc != nil && strVal(s, "stock.location", loc, "usage") == "internal" {
			v, _ := q.vals[qm.col("quantity")].(float64)
			qty += v
		}
	}
	return qty
}

func pricelistItemDisplay(s *store, r *row) string {
	switch strVal(s, "product.pricelist.item", r, "applied_on") {
	case "0_product_variant":
		name, _ := s.displayOf("product.product", idVal(s, "product.pricelist.item", r, "product_id"))
		return "Variant: " + name
	case "1_product":
		name, _ := s.displayOf("product.template", idVal(s, "product.pricelist.item", r, "product_tmpl_id"))
		return "Product: " + name
	case "2_product_category":
		name, _ := s.displayOf("product.category", idVal(s, "product.pricelist.item", r, "categ_id"))
		return "Category: " + name
	}
	return "All Products"
}

// newStore builds the models of one server; omit removes fields to imitate a database
// without the module that adds them.
func newStore(major int, uid int64, omit map[string][]string) *store {
	s := &store{major: major, uid: uid, models: map[string]*model{}, o2m: map[string]*o2mIndex{}}
	for _, spec := range schema() {
		m := &model{name: spec.name, fields: map[string]*fieldDef{}, byID: map[int64]*row{}, nextID: 1}
		skip := map[string]bool{}
		for _, name := range omit[spec.name] {
			skip[name] = true
		}
		add := func(f *fieldDef) {
			if skip[f.name] || (f.onlyFrom != 0 && major < f.onlyFrom) {
				return
			}
			if f.compute == nil && f.via == "" && f.typ != tOne2many {
				f.col = m.ncols
				m.ncols++
			}
			if f.typ == tOne2many && f.compute == nil {
				rel, inv := f.relation, f.inverse
				f.compute = func(s *store, r *row) any {
					kids := s.children(rel, inv, r.id)
					ids := make([]int64, len(kids))
					for i, k := range kids {
						ids[i] = k.id
					}
					return ids
				}
				f.readonly = true
			}
			m.fields[f.name] = f
			m.list = append(m.list, f)
		}
		add(fInt("id", "ID").computed(func(_ *store, r *row) any { return r.id }))
		for _, f := range spec.fields {
			add(f)
		}
		name := spec.name
		add(fChar("display_name", "Display Name").computed(func(s *store, r *row) any { return s.displayName(s.models[name], r) }))
		add(fMany2one("create_uid", "Created by", "res.users").computed(func(s *store, _ *row) any { return s.uid }))
		add(fDatetime("create_date", "Created on").computed(func(_ *store, r *row) any { return r.created }))
		add(fMany2one("write_uid", "Last Updated by", "res.users").computed(func(s *store, _ *row) any { return s.uid }))
		add(fDatetime("write_date", "Last Updated on").computed(func(_ *store, r *row) any { return r.written }))
		m.display = spec.display
		if m.display == nil {
			m.display = byName(spec.name)
		}
		s.models[spec.name] = m
		m.defaults = spec.defaults
	}
	for _, spec := range schema() {
		m := s.models[spec.name]
		m.order, _ = parseOrder(m, spec.order)
	}
	return s
}

// pgStamp formats a stored write_date the way PostgreSQL prints a timestamp without time zone.
func pgStamp(t time.Time) string {
	return strings.TrimRight(strings.TrimRight(t.UTC().Format("2006-01-02 15:04:05.000000"), "0"), ".")
}
