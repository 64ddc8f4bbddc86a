package match

import (
	"math"
	"strings"
)

// Domain is the kind of record a model compares.
type Domain string

// The domains the engine knows, named as in rules.DomainCustomer and rules.DomainProduct.
const (
	Customers Domain = "customer"
	Products  Domain = "product"
)

// Customer is a customer account as the matcher reads it, in the canonical column names of
// the dedupe command. Name is the account's name (a company or a person); Company is the
// company a person belongs to, when a source keeps it apart.
type Customer struct {
	ID, Name, Company, Email, Phone, TaxID          string
	Street, Street2, City, Postcode, State, Country string
}

// Product is a product as the matcher reads it. Price is text as sources write it
// ("12.50", "12,50", "€ 1.234,50").
type Product struct {
	ID, SKU, Name, Description, Brand, MPN, GTIN, Price, Category, UoM string
}

// Entity is a record prepared for matching: normalised once, compared many times. Its
// values are packed into one string each for the normalised and the displayed forms,
// because a scan of a million records keeps them all in memory.
type Entity struct {
	ID     string
	domain Domain
	norm   slots   // normalised values, by the domain's slot constants
	raw    slots   // values as the source wrote them, for explanations
	price  float64 // NaN when unknown
}

// Domain says whether the entity is a customer or a product.
func (e *Entity) Domain() Domain { return e.domain }

// Value returns a normalised value ("name", "email", "phone", "tax_id", "street",
// "postcode", "city", "country" of a customer; "sku", "name", "brand", "mpn", "gtin",
// "category", "uom", "numbers" of a product) as blocking and comparison see it: "" when
// the record has none, or the source's value could not be read (an email without @).
func (e *Entity) Value(field string) string {
	slots := customerValues
	if e.domain == Products {
		slots = productValues
	}
	if i, ok := slots[field]; ok {
		return e.norm.get(i)
	}
	return ""
}

var (
	customerValues = map[string]int{"name": cName, "company": cCompany, "email": cEmail, "phone": cPhone, "tax_id": cTax,
		"street": cStreet, "postcode": cPostcode, "city": cCity, "country": cCountry}
	productValues = map[string]int{"sku": pSKU, "name": pName, "brand": pBrand, "mpn": pMPN, "gtin": pGTIN,
		"category": pCategory, "uom": pUoM, "numbers": pNumbers}
)

// Slots of a customer's normalised values.
const (
	cName     = iota // normalised name, words in source order
	cNameKey         // the name's words sorted, for transposed words and sorted neighbourhood
	cCompany         // normalised company
	cEmail           // lower-cased, consumer-domain aliases folded
	cPhone           // E.164, or the digits when the number could not be parsed
	cTax             // VAT id with country prefix
	cStreet          // normalised street with house number
	cHouse           // the house number tokens alone
	cPostcode        // country-formatted postcode
	cCity            // normalised city
	cCountry         // ISO 3166 alpha-2
	cSlots
)

// Slots of a customer's displayed values.
const (
	cRawName = iota
	cRawCompany
	cRawEmail
	cRawPhone
	cRawTax
	cRawStreet
	cRawPostcode
	cRawCity
	cRawCountry
	cRawSlots
)

// Slots of a product's normalised values.
const (
	pSKU      = iota // trimmed, upper-cased
	pName            // normalised name without the brand
	pNameKey         // the name's words sorted
	pNumbers         // the numbers in the name, sorted ("4.8 200")
	pBrand           // normalised brand
	pMPN             // model number: letters and digits only
	pGTIN            // 14 digits with a valid check digit
	pCategory        // normalised category
	pUoM             // canonical unit of measure (EA, PK, M, …)
	pWords           // the name's words without numbers, sorted: the key of the sorted neighbourhood
	pSlots
)

// Slots of a product's displayed values.
const (
	pRawSKU = iota
	pRawName
	pRawBrand
	pRawMPN
	pRawGTIN
	pRawPrice
	pRawCategory
	pRawUoM
	pRawSlots
)

// PrepareCustomer normalises a customer account for matching.
func PrepareCustomer(c Customer) Entity {
	country := NormalizeCountry(c.Country)
	region := country
	if region == "" {
		region = impliedCountry(c.TaxID, c.Email)
	}
	name := NormalizeName(c.Name)
	street := c.Street
	if trim(street) == "" {
		// Some sources put the whole street line into the second field.
		street = c.Street2
	}
	st := NormalizeStreet(street)
	var n slotBuilder
	n.add(name)
	n.add(sortedWords(name))
	n.add(NormalizeName(c.Company))
	n.add(NormalizeEmail(c.Email))
	n.add(NormalizePhone(c.Phone, region))
	n.add(NormalizeTaxID(c.TaxID, region))
	n.add(st)
	n.add(houseNumber(st))
	n.add(NormalizePostcode(c.Postcode, region))
	n.add(NormalizeCity(c.City))
	n.add(country)
	var r slotBuilder
	for _, v := range []string{c.Name, c.Company, c.Email, c.Phone, c.TaxID, street, c.Postcode, c.City, c.Country} {
		r.add(trim(v))
	}
	// A copy of the id: a substring would keep the source's whole CSV line in memory.
	return Entity{ID: strings.Clone(c.ID), domain: Customers, norm: n.done(), raw: r.done(), price: math.NaN()}
}

// PrepareProduct normalises a product for matching.
func PrepareProduct(p Product) Entity {
	brand := NormalizeName(p.Brand)
	name := normalizeProductName(p.Name, brand)
	gtin, _ := NormalizeGTIN(p.GTIN)
	var n slotBuilder
	n.add(upperTrim(p.SKU))
	n.add(name)
	n.add(sortedWords(name))
	n.add(numbersIn(p.Name))
	n.add(brand)
	n.add(NormalizeMPN(p.MPN))
	n.add(gtin)
	n.add(Fold(p.Category))
	n.add(NormalizeUoM(p.UoM))
	n.add(sortedWords(withoutNumbers(name)))
	var r slotBuilder
	for _, v := range []string{p.SKU, p.Name, p.Brand, p.MPN, p.GTIN, p.Price, p.Category, p.UoM} {
		r.add(trim(v))
	}
	price, ok := ParsePrice(p.Price)
	if !ok {
		price = math.NaN()
	}
	return Entity{ID: strings.Clone(p.ID), domain: Products, norm: n.done(), raw: r.done(), price: price}
}

// impliedCountry guesses a record's country when the source left it out, for reading its
// phone, postcode and VAT id: from a VAT id's prefix, else from a country-code email
// domain. The guess is not compared as the country itself.
func impliedCountry(taxID, email string) string {
	t := strings.ToUpper(strings.TrimSpace(taxID))
	if len(t) > 2 && isLetters(t[:2]) {
		switch t[:2] {
		case "EL":
			return "GR"
		case "XI":
			return "GB"
		}
		return t[:2]
	}
	e := NormalizeEmail(email)
	if i := strings.LastIndexByte(e, '.'); i > 0 && len(e)-i == 3 {
		tld := strings.ToUpper(e[i+1:])
		if tld == "UK" {
			return "GB"
		}
		if vatPrefixes[tld] {
			return tld
		}
	}
	return ""
}

// vatPrefixes are the countries whose email domains and VAT prefixes imply the country.
var vatPrefixes = setOf("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "HR", "HU", "IE",
	"IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "CH", "NO")
