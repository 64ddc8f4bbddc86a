package odoo

import (
	"fmt"
	"strings"

	"steward/models"
)

// PartnerRole is what a res.partner record is to Steward.
type PartnerRole string

// Partner roles.
const (
	RoleCustomer PartnerRole = "customer" // a company, or a person with no parent
	RoleContact  PartnerRole = "contact"  // a person below a company (type contact)
	RoleAddress  PartnerRole = "address"  // an invoice, delivery or other address below a company
	RoleSkip     PartnerRole = "skip"     // a private address, never synced
)

// RoleOf classifies a res.partner record read with FieldsFor("res.partner").
func RoleOf(r Record) PartnerRole {
	parent, _ := r.Many2One("parent_id")
	if r.Bool("is_company") || parent == 0 {
		return RoleCustomer
	}
	switch r.String("type") {
	case "invoice", "delivery", "other":
		return RoleAddress
	case "private":
		return RoleSkip
	}
	return RoleContact
}

// CustomerRecord is a res.partner company (or a person without a parent) mapped to
// Steward's customer. Customer.ParentID and PriceListID stay nil: the Odoo ids are in
// ParentID and PricelistID for the caller to resolve.
type CustomerRecord struct {
	Source
	ParentID      int64 // parent company (res.partner id), 0 for a head office
	PricelistID   int64 // property_product_pricelist: the customer's prices
	PaymentTermID int64 // account.payment.term id
	CountryID     int64 // res.country id
	IsCompany     bool  // false for a private person buying on their own account
	Customer      models.Customer
}

// MapCustomer maps a res.partner record. The country comes from country_code when the
// database has that field, otherwise from lk.CountryCodes.
func MapCustomer(r Record, lk *Lookups) (CustomerRecord, error) {
	out := CustomerRecord{Source: sourceOf("res.partner", r), IsCompany: r.Bool("is_company")}
	if out.ID == 0 {
		return out, fmt.Errorf("res.partner record without id")
	}
	out.ParentID, _ = r.Many2One("parent_id")
	var pricelistName string
	out.PricelistID, pricelistName = r.Many2One("property_product_pricelist")
	var terms string
	out.PaymentTermID, terms = r.Many2One("property_payment_term_id")
	var country string
	out.CountryID, country = countryOf(r, lk)
	c := models.Customer{
		Name: strings.TrimSpace(r.String("name")), TaxID: strings.TrimSpace(r.String("vat")), Email: strings.TrimSpace(r.String("email")),
		Phone: phoneOf(r), Website: strings.TrimSpace(r.String("website")), PaymentTerms: terms, Country: country, Active: r.Bool("active"),
		Currency: currencyFromPricelist(pricelistName),
	}
	if r.Has("credit_limit") {
		limit, err := r.Money("credit_limit")
		if err != nil {
			return out, fmt.Errorf("partner %d credit_limit: %w", out.ID, err)
		}
		c.CreditLimit = limit
	}
	out.Customer = c
	return out, nil
}

// currencyFromPricelist reads the currency Odoo appends to a pricelist's display name,
// "Public Pricelist (USD)".
func currencyFromPricelist(name string) string {
	i := strings.LastIndex(name, "(")
	if i < 0 || !strings.HasSuffix(name, ")") {
		return ""
	}
	cur := name[i+1 : len(name)-1]
	if len(cur) != 3 || strings.ToUpper(cur) != cur {
		return ""
	}
	return cur
}

func phoneOf(r Record) string {
	if p := strings.TrimSpace(r.String("phone")); p != "" {
		return p
	}
	return strings.TrimSpace(r.String("mobile"))
}

func countryOf(r Record, lk *Lookups) (int64, string) {
	id, _ := r.Many2One("country_id")
	if r.Has("country_code") {
		return id, strings.ToUpper(r.String("country_code"))
	}
	if lk != nil {
		return id, lk.CountryCodes[id]
	}
	return id, ""
}

// ContactRecord is a person below a customer account.
type ContactRecord struct {
	Source
	CustomerID int64 // the Odoo id of the parent partner
	Active     bool  // false when archived in Odoo
	Contact    models.Contact
}

// MapContact maps a res.partner of type contact with a parent.
func MapContact(r Record) (ContactRecord, error) {
	out := ContactRecord{Source: sourceOf("res.partner", r), Active: r.Bool("active")}
	if out.ID == 0 {
		return out, fmt.Errorf("res.partner record without id")
	}
	out.CustomerID, _ = r.Many2One("parent_id")
	out.Contact = models.Contact{Name: strings.TrimSpace(r.String("name")), JobTitle: strings.TrimSpace(r.String("function")),
		Email: strings.TrimSpace(r.String("email")), Phone: phoneOf(r)}
	return out, nil
}

// AddressRecord is an address below a customer account: invoice → billing, delivery →
// delivery, other → ship-to. A ship-to hangs below the account's delivery address when
// lk.DeliveryAddress knows one (DeliveryAddressID); otherwise the caller attaches it.
type AddressRecord struct {
	Source
	CustomerID        int64  // the Odoo id of the parent partner
	DeliveryAddressID int64  // for a ship-to: the delivery address it hangs below, if known
	Type              string // Odoo's address type
	Active            bool   // false when archived in Odoo
	Address           models.Address
}

// MapAddress maps a res.partner of type invoice, delivery or other.
func MapAddress(r Record, lk *Lookups) (AddressRecord, error) {
	out := AddressRecord{Source: sourceOf("res.partner", r), Type: r.String("type"), Active: r.Bool("active")}
	if out.ID == 0 {
		return out, fmt.Errorf("res.partner record without id")
	}
	out.CustomerID, _ = r.Many2One("parent_id")
	kind := models.AddressDelivery
	switch out.Type {
	case "invoice":
		kind = models.AddressBilling
	case "other":
		kind = models.AddressShipTo
		if lk != nil {
			if d := lk.DeliveryAddress[out.CustomerID]; d != out.ID {
				out.DeliveryAddressID = d
			}
		}
	}
	_, state := r.Many2One("state_id")
	_, country := countryOf(r, lk)
	out.Address = models.Address{Kind: kind, Label: strings.TrimSpace(r.String("name")), Street: strings.TrimSpace(r.String("street")),
		Street2: strings.TrimSpace(r.String("street2")), City: strings.TrimSpace(r.String("city")), Postcode: strings.TrimSpace(r.String("zip")),
		State: state, Country: country}
	return out, nil
}

// PartnerBatch is a page of res.partner records sorted by role.
type PartnerBatch struct {
	Customers []CustomerRecord
	Contacts  []ContactRecord
	Addresses []AddressRecord
	Skipped   []Source // private addresses, which Steward does not sync
}

// MapPartners maps a page of res.partner records by role. A record that fails to map stops
// the batch with an error naming it.
func MapPartners(recs []Record, lk *Lookups) (PartnerBatch, error) {
	var b PartnerBatch
	for _, r := range recs {
		switch RoleOf(r) {
		case RoleCustomer:
			c, err := MapCustomer(r, lk)
			if err != nil {
				return b, err
			}
			b.Customers = append(b.Customers, c)
		case RoleContact:
			c, err := MapContact(r)
			if err != nil {
				return b, err
			}
			b.Contacts = append(b.Contacts, c)
		case RoleAddress:
			a, err := MapAddress(r, lk)
			if err != nil {
				return b, err
			}
			b.Addresses = append(b.Addresses, a)
		default:
			b.Skipped = append(b.Skipped, sourceOf("res.partner", r))
		}
	}
	return b, nil
}
