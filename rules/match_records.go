package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"steward/models"
	"steward/rules/match"
)

// CustomerMatchRecord is a golden customer account as the matching engine reads it: the
// account's own fields and, when it has one, its billing (or else first) address. The
// golden id is the entity's ID.
func CustomerMatchRecord(c models.Customer, addr *models.Address) match.Customer {
	m := match.Customer{
		ID: strconv.FormatInt(c.ID, 10), Name: c.Name, Email: c.Email, Phone: c.Phone,
		TaxID: c.TaxID, Country: c.Country,
	}
	if m.Name == "" {
		m.Name = c.LegalName
	}
	if c.LegalName != "" && c.LegalName != c.Name {
		m.Company = c.LegalName
	}
	if addr != nil {
		m.Street, m.Street2, m.City, m.Postcode, m.State = addr.Street, addr.Street2, addr.City, addr.Postcode, addr.State
		if m.Country == "" {
			m.Country = addr.Country
		}
	}
	return m
}

// ProductMatchRecord is a golden product as the matching engine reads it; the barcode is
// its GTIN.
func ProductMatchRecord(p models.Product) match.Product {
	m := match.Product{
		ID: strconv.FormatInt(p.ID, 10), SKU: p.SKU, Name: p.Name, Description: p.Description,
		Brand: p.Brand, GTIN: p.Barcode, Category: p.Category, UoM: p.UoM,
	}
	if p.ListPrice != 0 {
		m.Price = p.ListPrice.String()
	}
	return m
}

// fingerprintFields are the normalised values whose change makes a dismissed pair worth
// another look.
var fingerprintFields = map[match.Domain][]string{
	match.Customers: {"name", "email", "phone", "tax_id", "street", "postcode", "city", "country"},
	match.Products:  {"sku", "name", "brand", "mpn", "gtin", "category", "uom", "numbers"},
}

// MatchFingerprint hashes an entity's normalised matching fields. Normalisation makes it
// blind to case, accents, punctuation and legal-form spelling, so "not a duplicate" is
// remembered until a field changes materially.
func MatchFingerprint(e *match.Entity) string {
	h := sha256.New()
	for _, f := range fingerprintFields[e.Domain()] {
		h.Write([]byte(f))
		h.Write([]byte{'='})
		h.Write([]byte(e.Value(f)))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// CustomerEntities prepares accounts, with the addresses they are matched by, for matching.
func CustomerEntities(cs []models.Customer, addrs map[int64]models.Address) []match.Entity {
	out := make([]match.Entity, len(cs))
	for i, c := range cs {
		var a *models.Address
		if x, ok := addrs[c.ID]; ok {
			a = &x
		}
		out[i] = match.PrepareCustomer(CustomerMatchRecord(c, a))
	}
	return out
}

// ProductEntities prepares products for matching.
func ProductEntities(ps []models.Product) []match.Entity {
	out := make([]match.Entity, len(ps))
	for i, p := range ps {
		out[i] = match.PrepareProduct(ProductMatchRecord(p))
	}
	return out
}
