package odoo

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"steward/models"
)

// Source says where a mapped value came from: the Odoo model, the record id as Steward's
// external id, and the record's write_date.
type Source struct {
	Model      string    // "product.product", "res.partner"…
	ExternalID string    // the Odoo record id as text, Steward's external reference
	ID         int64     // the same id as a number
	WriteDate  time.Time // write_date in whole seconds, UTC
}

func sourceOf(model string, r Record) Source {
	return Source{Model: model, ExternalID: externalID(r.ID()), ID: r.ID(), WriteDate: r.WriteDate()}
}

// Lookups are reference data the mappers cannot read from the record itself. Every field
// is optional; see Client.CountryCodes, Client.TaxNames and Client.DeliveryAddresses.
type Lookups struct {
	// CountryCodes maps res.country ids to ISO codes, for databases where res.partner has no
	// country_code field.
	CountryCodes map[int64]string
	// TaxNames maps account.tax ids to names, to spell a product's tax class.
	TaxNames map[int64]string
	// DeliveryAddress maps a partner id to the id of its delivery address, so that an
	// "other" address can hang below it as a ship-to.
	DeliveryAddress map[int64]int64
}

// ProductRecord is a product.product mapped to Steward's product, with the Odoo ids it
// refers to. Product.ID is 0: matching it to a golden record is the caller's job.
type ProductRecord struct {
	Source
	TemplateID int64   // product.template id
	CategoryID int64   // product.category id
	UoMID      int64   // uom.uom id
	TaxIDs     []int64 // account.tax ids (customer taxes)
	Type       string  // Odoo's product type: consu, service, product (≤17), combo
	Product    models.Product
}

// MapProduct maps a product.product record read with FieldsFor("product.product"), template
// fields included as product.product exposes them. The list price is lst_price (template
// price plus variant extras) when present, list_price otherwise. A weight of 0 means "not
// set" in Odoo and maps to nil; Odoo's weight unit is kg unless the database is configured
// for pounds.
func MapProduct(r Record, lk *Lookups) (ProductRecord, error) {
	out := ProductRecord{Source: sourceOf("product.product", r), Type: r.String("type")}
	if out.ID == 0 {
		return out, fmt.Errorf("product.product record without id")
	}
	out.TemplateID, _ = r.Many2One("product_tmpl_id")
	var cat, uom string
	out.CategoryID, cat = r.Many2One("categ_id")
	out.UoMID, uom = r.Many2One("uom_id")
	_, currency := r.Many2One("currency_id")
	out.TaxIDs = r.IDs("taxes_id")
	p := models.Product{
		SKU: strings.TrimSpace(r.String("default_code")), Name: r.String("name"), Description: r.String("description_sale"),
		Category: cat, UoM: uom, Barcode: strings.TrimSpace(r.String("barcode")), HSCode: strings.TrimSpace(r.String("hs_code")),
		TaxClass: taxClass(out.TaxIDs, lk), Currency: currency, Active: r.Bool("active"),
	}
	if w := r.Float("weight"); w != 0 {
		p.WeightKg = &w
	}
	price := "list_price"
	if r.Has("lst_price") {
		price = "lst_price"
	}
	var err error
	if p.ListPrice, err = r.Money(price); err != nil {
		return out, fmt.Errorf("product %d %s: %w", out.ID, price, err)
	}
	if p.Cost, err = r.Money("standard_price"); err != nil {
		return out, fmt.Errorf("product %d standard_price: %w", out.ID, err)
	}
	out.Product = p
	return out, nil
}

// taxClass names the taxes a product carries, sorted, so the same set always reads the
// same; taxes without a known name appear as "tax #id".
func taxClass(ids []int64, lk *Lookups) string {
	if len(ids) == 0 {
		return ""
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := ""
		if lk != nil {
			name = lk.TaxNames[id]
		}
		if name == "" {
			name = fmt.Sprintf("tax #%d", id)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, " + ")
}

// PriceListRecord is a product.pricelist.
type PriceListRecord struct {
	Source
	PriceList models.PriceList // ID 0: matching is the caller's job
}

// MapPriceList maps a product.pricelist record.
func MapPriceList(r Record) (PriceListRecord, error) {
	out := PriceListRecord{Source: sourceOf("product.pricelist", r)}
	if out.ID == 0 {
		return out, fmt.Errorf("product.pricelist record without id")
	}
	_, cur := r.Many2One("currency_id")
	out.PriceList = models.PriceList{Name: r.String("name"), Currency: cur, Active: r.Bool("active")}
	return out, nil
}

// PriceRuleRecord is a product.pricelist.item. Odoo models customer-specific prices as a
// pricelist assigned to the customer (res.partner property_product_pricelist), so the rule
// carries its pricelist and Rule.CustomerID is left nil for the caller to fill.
type PriceRuleRecord struct {
	Source
	PricelistID int64 // product.pricelist id
	// AppliedOn is Odoo's scope: 0_product_variant (ProductID), 1_product (TemplateID),
	// 2_product_category (CategoryID) or 3_global.
	AppliedOn    string
	ProductID    int64   // product.product id, for 0_product_variant
	TemplateID   int64   // product.template id, for 1_product
	CategoryID   int64   // product.category id, for 2_product_category
	ComputePrice string  // fixed, percentage or formula; Rule.Price is set for fixed only
	PercentPrice float64 // discount in percent, for percentage rules
	Currency     string  // the pricelist's currency code
	Active       bool    // false when the pricelist is archived
	Rule         models.PriceRule
}

// MapPriceRule maps a product.pricelist.item record.
func MapPriceRule(r Record) (PriceRuleRecord, error) {
	out := PriceRuleRecord{Source: sourceOf("product.pricelist.item", r), AppliedOn: r.String("applied_on"),
		ComputePrice: r.String("compute_price"), PercentPrice: r.Float("percent_price"), Active: true}
	if out.ID == 0 {
		return out, fmt.Errorf("product.pricelist.item record without id")
	}
	if r.Has("active") {
		out.Active = r.Bool("active")
	}
	out.PricelistID, _ = r.Many2One("pricelist_id")
	out.ProductID, _ = r.Many2One("product_id")
	out.TemplateID, _ = r.Many2One("product_tmpl_id")
	out.CategoryID, _ = r.Many2One("categ_id")
	_, out.Currency = r.Many2One("currency_id")
	rule := models.PriceRule{MinQuantity: r.Float("min_quantity")}
	if out.ComputePrice == "" || out.ComputePrice == "fixed" {
		price, err := r.Money("fixed_price")
		if err != nil {
			return out, fmt.Errorf("price rule %d fixed_price: %w", out.ID, err)
		}
		rule.Price = price
	}
	if t, ok := r.Time("date_start"); ok {
		rule.ValidFrom = &t
	}
	if t, ok := r.Time("date_end"); ok {
		rule.ValidTo = &t
	}
	out.Rule = rule
	return out, nil
}

// InventoryRecord is a stock.quant: the stock of one product at one location (and lot;
// several quants of one product and location, one per lot, add up).
type InventoryRecord struct {
	Source
	ProductID    int64  // product.product id
	LocationID   int64  // stock.location id
	LocationName string // the location's full name, e.g. "WH/Stock"
	LotID        int64  // stock.lot id, 0 without lots
	Level        models.InventoryLevel
}

// MapInventory maps a stock.quant record.
func MapInventory(r Record) (InventoryRecord, error) {
	out := InventoryRecord{Source: sourceOf("stock.quant", r)}
	if out.ID == 0 {
		return out, fmt.Errorf("stock.quant record without id")
	}
	out.ProductID, _ = r.Many2One("product_id")
	out.LocationID, out.LocationName = r.Many2One("location_id")
	out.LotID, _ = r.Many2One("lot_id")
	out.Level = models.InventoryLevel{OnHand: r.Float("quantity"), Reserved: r.Float("reserved_quantity")}
	return out, nil
}
