package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"steward/models"
)

// Object types of incoming changes beyond the golden records in models.
const (
	ObjectContact   = "contact"
	ObjectAddress   = "address"
	ObjectPriceList = "price_list"
	ObjectLocation  = "location"
)

// Change is one record as a source sent it, mapped to the canonical model. Exactly one of
// the payload fields is set, matching Object.
type Change struct {
	Object     string // models.ObjectProduct, models.ObjectCustomer, ObjectContact, ObjectAddress, models.ObjectPriceRule, models.ObjectInventory
	ExternalID string // the source's id for the record
	Stamp      string // the source's version (Odoo write_date); part of the idempotency key
	// Provided lists the attributes the source sends (a CSV file may omit columns); nil
	// means every attribute.
	Provided []string

	Product   *models.Product        `json:",omitempty"`
	Customer  *models.Customer       `json:",omitempty"`
	Contact   *models.Contact        `json:",omitempty"`
	Address   *models.Address        `json:",omitempty"`
	PriceRule *models.PriceRule      `json:",omitempty"`
	Inventory *models.InventoryLevel `json:",omitempty"`

	// References to other records by the source's ids.
	ParentRef    string `json:",omitempty"` // parent account of a customer; owning account of a contact or address
	ProductRef   string `json:",omitempty"` // product of a price rule or stock level
	CustomerRef  string `json:",omitempty"` // customer of a customer-specific price
	PriceListRef string `json:",omitempty"` // price list of a price rule, or the one a customer buys from
	LocationRef  string `json:",omitempty"` // location of a stock level
	RefName      string `json:",omitempty"` // name of the price list or location, to create it when new
	Currency     string `json:",omitempty"` // currency of a new price list

	// Source is the record exactly as the source sent it, kept for the steward's view.
	Source any `json:"-"`
}

// domain is the ownership and validation domain a change belongs to.
func (c Change) domain() string {
	switch c.Object {
	case models.ObjectProduct:
		return "product"
	case models.ObjectCustomer, ObjectContact, ObjectAddress:
		return "customer"
	case models.ObjectPriceRule:
		return "price"
	case models.ObjectInventory:
		return "inventory"
	}
	return c.Object
}

// payload is the canonical content that the hash covers.
func (c Change) payload() ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", c.Object, c.ExternalID, err)
	}
	return b, nil
}

func contentHash(object, stamp string, payload []byte) string {
	h := sha256.New()
	h.Write([]byte(object))
	h.Write([]byte{0})
	h.Write([]byte(stamp))
	h.Write([]byte{0})
	h.Write(payload)
	return hex.EncodeToString(h.Sum(nil))
}

func (c Change) check() error {
	if c.ExternalID == "" {
		return fmt.Errorf("a %s arrived without an id", c.Object)
	}
	ok := false
	switch c.Object {
	case models.ObjectProduct:
		ok = c.Product != nil
	case models.ObjectCustomer:
		ok = c.Customer != nil
	case ObjectContact:
		ok = c.Contact != nil && c.ParentRef != ""
	case ObjectAddress:
		ok = c.Address != nil && c.ParentRef != ""
	case models.ObjectPriceRule:
		ok = c.PriceRule != nil && c.ProductRef != "" && c.PriceListRef != ""
	case models.ObjectInventory:
		ok = c.Inventory != nil && c.ProductRef != "" && c.LocationRef != ""
	}
	if !ok {
		return fmt.Errorf("%s %s is incomplete", c.Object, c.ExternalID)
	}
	return nil
}
