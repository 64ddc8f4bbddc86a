package rules

import "steward/models"

// ProductFields is a product as gates and expressions see it: canonical field names to
// values. Money becomes float64 currency units here only, for comparisons such as
// list_price >= cost * 1.05; the record itself keeps models.Money. Unknown weights and
// dimensions are nil, so a required gate can tell them from zero.
func ProductFields(p models.Product) map[string]any {
	return map[string]any{
		"sku": p.SKU, "name": p.Name, "description": p.Description, "category": p.Category,
		"brand": p.Brand, "uom": p.UoM, "barcode": p.Barcode,
		"weight_kg": optional(p.WeightKg), "length_cm": optional(p.LengthCm),
		"width_cm": optional(p.WidthCm), "height_cm": optional(p.HeightCm),
		"hs_code": p.HSCode, "tax_class": p.TaxClass,
		"list_price": units(p.ListPrice), "cost": units(p.Cost), "currency": p.Currency,
		"lifecycle_status": p.LifecycleStatus, "active": p.Active,
	}
}

// CustomerFields is a customer account as gates and expressions see it.
func CustomerFields(c models.Customer) map[string]any {
	return map[string]any{
		"name": c.Name, "legal_name": c.LegalName, "tax_id": c.TaxID, "email": c.Email,
		"phone": c.Phone, "website": c.Website, "payment_terms": c.PaymentTerms,
		"credit_limit": units(c.CreditLimit), "currency": c.Currency, "country": c.Country,
		"active": c.Active,
	}
}

func units(m models.Money) float64 { return float64(m) / models.MoneyScale }

// optional keeps "unknown" apart from zero: a nil *float64 becomes a nil value, not 0.
func optional(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
