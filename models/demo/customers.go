package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"steward/models"
)

// account is a customer account with its addresses and contacts, and what it was made
// from, which near-duplicates and branches reuse.
type account struct {
	m         models.Customer
	c         *country
	city      city
	base      string // the name without its legal form
	form      string
	domain    string
	phone     phone
	parent    int // index of the head office, -1 for none
	priceList int // -1 for none
	dupOf     int // index of the account this one duplicates, -1 for none
	addrs     []address
	contacts  []models.Contact
}

// address is an address of an account; parent indexes the account's delivery address that
// a ship-to address hangs below.
type address struct {
	m      models.Address
	parent int
}

type customerGen struct {
	r       *rand.Rand
	now     time.Time
	names   map[string]bool
	domains map[string]bool
	weights int
}

func newCustomerGen(r *rand.Rand, now time.Time) *customerGen {
	g := &customerGen{r: r, now: now, names: map[string]bool{}, domains: map[string]bool{}}
	for _, c := range countries {
		g.weights += c.weight
	}
	return g
}

func (g *customerGen) country() *country {
	n := g.r.IntN(g.weights)
	for i := range countries {
		if n < countries[i].weight {
			return &countries[i]
		}
		n -= countries[i].weight
	}
	return &countries[0]
}

// generate makes n accounts; about one company in 25 is a head office with branches.
func (g *customerGen) generate(n int) []*account {
	var out []*account
	for len(out) < n {
		head := g.company(g.country())
		out = append(out, head)
		if room := n - len(out); room > 0 && chance(g.r, 4) {
			headIdx := len(out) - 1
			for range min(1+g.r.IntN(4), room) {
				out = append(out, g.branch(head, headIdx))
			}
		}
	}
	return out
}

// companyName makes a name in one of the ways companies in the country are named.
func (g *customerGen) companyName(c *country) string {
	r := g.r
	last := capitalise(pick(r, c.last)) // "de Jong" starts a company name as "De Jong"
	trade := pick(r, c.trades)
	switch n := r.IntN(10); {
	case n < 4:
		return last + " " + trade
	case n < 6 && c.code != "GB" && c.code != "IE" && c.code != "US":
		return trade + " " + last
	case n < 7:
		switch c.code {
		case "DE", "AT", "CH":
			return "Gebr. " + last
		case "FR":
			return "Ets " + last + " et Fils"
		case "GB", "IE":
			return last + " & Sons"
		case "US":
			return last + " Brothers " + trade
		case "SE", "DK":
			return last + "s " + trade
		}
		return last + " " + trade
	case n < 8:
		other := pick(r, c.last)
		if other == last {
			return last + " " + trade
		}
		return last + " & " + capitalise(other)
	}
	return pick(r, c.places) + " " + trade
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (g *customerGen) company(c *country) *account {
	r := g.r
	a := &account{c: c, parent: -1, dupOf: -1, priceList: -1}
	a.city = pick(r, c.cities)
	a.base = g.companyName(c)
	for tries := 0; g.names[a.base] && tries < 5; tries++ {
		a.base = g.companyName(c)
	}
	if g.names[a.base] {
		a.base += " " + a.city.name
	}
	g.names[a.base] = true
	a.form = pick(r, c.forms)
	a.domain = g.domain(a.base, a.city, c)
	a.phone = newPhone(r, c, a.city.area)

	m := &a.m
	m.Name = a.base
	if chance(r, 82) {
		m.Name += " " + a.form
	}
	if !chance(r, 8) {
		form := a.form
		if long, ok := registeredForm[form]; ok && chance(r, 60) {
			form = long
		}
		m.LegalName = a.base + " " + form
	}
	vatShare := map[string]int{"US": 55, "CH": 85}[c.code]
	if vatShare == 0 {
		vatShare = 92
	}
	if chance(r, vatShare) {
		m.TaxID = vatID(r, c, a.form)
	}
	if !chance(r, 5) {
		m.Email = pick(r, c.mailboxes) + "@" + a.domain
	}
	if !chance(r, 7) {
		m.Phone = a.phone.E164()
	}
	switch n := r.IntN(100); {
	case n < 75:
		m.Website = "https://www." + a.domain
	case n < 85:
		m.Website = "www." + a.domain // as typed into the ERP
	}
	m.Currency = c.currency
	m.Country = c.code
	if c.code == "US" {
		a.priceList = listExport
	} else if n := r.IntN(100); n < 65 {
		a.priceList = listStandard
	} else if n < 93 {
		a.priceList = listWholesale
	}
	m.PaymentTerms, m.CreditLimit = g.terms(a.priceList == listWholesale)
	m.Active = !chance(r, 4)
	m.Version = 1
	m.CreatedAt = between(r, g.now, 1500*day, 20*day)
	m.UpdatedAt = between(r, g.now, g.now.Sub(m.CreatedAt), 0)

	billing := g.newAddress(c, a.city, models.AddressBilling, pick(r, []string{"Head office", "Accounts", ""}))
	a.addrs = append(a.addrs, billing)
	if chance(r, 85) {
		d := g.newAddress(c, a.city, models.AddressDelivery, pick(r, []string{"Warehouse", "Main warehouse", "Workshop", "Goods-in"}))
		if chance(r, 55) { // delivered to the same building, at another door
			d.m.Street, d.m.Postcode = billing.m.Street, billing.m.Postcode
			d.m.Street2 = pick(r, append([]string{""}, c.street2...))
		}
		a.addrs = append(a.addrs, d)
		if chance(r, 15) {
			a.addrs = append(a.addrs, g.newAddress(c, pick(r, c.cities), models.AddressDelivery, "Second warehouse"))
		}
		if chance(r, 12) {
			for range 1 + r.IntN(2) {
				s := g.newAddress(c, pick(r, c.cities), models.AddressShipTo, "")
				s.m.Label = pick(r, []string{"Site: ", "Project: ", "Store: "}) + s.m.City
				s.parent = 1
				a.addrs = append(a.addrs, s)
			}
		}
	}
	for range contactCount(r) {
		a.contacts = append(a.contacts, g.contact(a))
	}
	return a
}

func contactCount(r *rand.Rand) int {
	switch n := r.IntN(100); {
	case n < 45:
		return 1
	case n < 80:
		return 2
	}
	return 3
}

// domain gives each company a web domain of its own.
func (g *customerGen) domain(base string, ci city, c *country) string {
	s := slug(base)
	d := s + "." + c.tld
	if g.domains[d] {
		d = s + "-" + slug(ci.name) + "." + c.tld
	}
	for i := 2; g.domains[d]; i++ {
		d = fmt.Sprintf("%s%d.%s", s, i, c.tld)
	}
	g.domains[d] = true
	return d
}

// terms are the payment terms and credit limit; wholesale accounts buy more on credit.
func (g *customerGen) terms(wholesale bool) (string, models.Money) {
	r := g.r
	terms := pick(r, []string{"Net 30", "Net 30", "Net 30", "Net 14", "Net 60", "2% 10, Net 30", "2% 10, Net 30", "Net 45", "Prepayment", "Cash on delivery"})
	if terms == "Prepayment" || terms == "Cash on delivery" {
		return terms, 0
	}
	limit := int64(2500 + 500*r.IntN(40))
	if wholesale {
		limit *= int64(2 + r.IntN(5))
	}
	return terms, models.Money(limit * models.MoneyScale)
}

func (g *customerGen) newAddress(c *country, ci city, kind, label string) address {
	r := g.r
	m := models.Address{
		Kind:     kind,
		Label:    label,
		Street:   streetLine(c, pick(r, c.streets), houseNumber(r, c)),
		City:     ci.name,
		Postcode: postcode(r, c, ci),
		Country:  c.code,
		Version:  1,
	}
	if chance(r, 15) {
		m.Street2 = pick(r, c.street2)
	}
	switch c.code {
	case "US", "CH", "IT", "ES":
		m.State = ci.state
	case "DE", "AT":
		if chance(r, 40) {
			m.State = ci.state
		}
	}
	return address{m: m, parent: -1}
}

func (g *customerGen) contact(a *account) models.Contact {
	r, c := g.r, a.c
	first, last := pick(r, c.first), pick(r, c.last)
	m := models.Contact{Name: first + " " + last, JobTitle: pick(r, c.titles), Version: 1}
	if chance(r, 8) {
		m.JobTitle = ""
	}
	local := slug(first) + "." + strings.ReplaceAll(slug(last), "-", "")
	switch n := r.IntN(100); {
	case n < 80:
		m.Email = local + "@" + a.domain
	case n < 93:
		m.Email = slug(first)[:1] + "." + strings.ReplaceAll(slug(last), "-", "") + "@" + a.domain
	}
	if chance(r, 85) {
		m.Phone = newPhone(r, c, a.phone.area).E164()
	}
	return m
}

// branch makes a branch office of a company: its own name, delivery address and contacts,
// invoiced to the head office under the same VAT number.
func (g *customerGen) branch(head *account, headIdx int) *account {
	r, c := g.r, head.c
	b := &account{c: c, base: head.base, form: head.form, domain: head.domain, parent: headIdx, dupOf: -1, priceList: head.priceList}
	b.city = pick(r, c.cities)
	b.phone = newPhone(r, c, b.city.area)
	m := &b.m
	*m = head.m
	if c.branch == "Branch" {
		m.Name = fmt.Sprintf("%s (%s branch)", head.m.Name, b.city.name)
	} else {
		m.Name = fmt.Sprintf("%s, %s %s", head.m.Name, c.branch, b.city.name)
	}
	m.Email = slug(b.city.name) + "@" + head.domain
	m.Phone = b.phone.E164()
	m.CreditLimit = head.m.CreditLimit / 4 / models.MoneyScale * models.MoneyScale
	m.Active = !chance(r, 5)
	m.CreatedAt = between(r, g.now, g.now.Sub(head.m.CreatedAt), 10*day)
	m.UpdatedAt = between(r, g.now, g.now.Sub(m.CreatedAt), 0)

	bill := head.addrs[0]
	bill.m.Label = "Invoices to head office"
	b.addrs = append(b.addrs, bill)
	b.addrs = append(b.addrs, g.newAddress(c, b.city, models.AddressDelivery, c.branch+" "+b.city.name))
	for range 1 + r.IntN(2) {
		b.contacts = append(b.contacts, g.contact(b))
	}
	return b
}
