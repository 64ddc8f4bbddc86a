package channelmap

import (
	"steward/models"
	"steward/rules"
)

// Object types as channels see them.
const (
	ObjectProduct  = "product"
	ObjectCustomer = "customer"
	ObjectPrice    = "price"
	ObjectStock    = "stock"
)

// ObjectOf names a stored object type (models.ObjectPriceRule, …) as channels see it.
func ObjectOf(modelsType string) string {
	switch modelsType {
	case models.ObjectPriceRule:
		return ObjectPrice
	case models.ObjectInventory:
		return ObjectStock
	}
	return modelsType
}

// DomainOf is the rules domain whose fields an object type carries.
func DomainOf(object string) string {
	switch object {
	case ObjectPrice, models.ObjectPriceRule:
		return rules.DomainPrice
	case ObjectStock, models.ObjectInventory:
		return rules.DomainInventory
	case ObjectCustomer:
		return rules.DomainCustomer
	}
	return rules.DomainProduct
}

// ProductRecord is a product as transforms see it.
func ProductRecord(p models.Product) Record {
	return Record{Object: ObjectProduct, ID: p.ID, Fields: rules.ProductFields(p)}
}

// CustomerRecord is a customer account as transforms see it.
func CustomerRecord(c models.Customer) Record {
	return Record{Object: ObjectCustomer, ID: c.ID, Fields: rules.CustomerFields(c)}
}

// PriceRecord is a price rule with its product's SKU and list currency; a customer's own
// price carries CustomerID, so that public channels refuse it.
func PriceRecord(r models.PriceRule, sku, currency string) Record {
	f := map[string]any{
		"price": float64(r.Price) / models.MoneyScale, "min_quantity": r.MinQuantity,
		"price_list_id": float64(r.PriceListID), "product_id": float64(r.ProductID),
		"sku": sku, "currency": currency, "valid_from": "", "valid_to": "", "customer_id": nil,
	}
	if r.ValidFrom != nil {
		f["valid_from"] = r.ValidFrom.Format("2006-01-02")
	}
	if r.ValidTo != nil {
		f["valid_to"] = r.ValidTo.Format("2006-01-02")
	}
	if r.CustomerID != nil {
		f["customer_id"] = float64(*r.CustomerID)
	}
	return Record{Object: ObjectPrice, ID: r.ID, Fields: f, CustomerID: r.CustomerID}
}

// StockRecord is an inventory level with its product's SKU and location code.
func StockRecord(l models.InventoryLevel, sku, location string) Record {
	return Record{Object: ObjectStock, ID: l.ID, Fields: map[string]any{
		"on_hand": l.OnHand, "reserved": l.Reserved, "available": l.OnHand - l.Reserved,
		"location_id": float64(l.LocationID), "product_id": float64(l.ProductID), "sku": sku, "location": location,
	}}
}
