package demo

import (
	"strings"
	"unicode"

	"steward/models"
)

// Ways a customer gets entered twice. Each leaves different clues for the duplicate
// detector, and none makes an identical copy.
const (
	dupTypo      = iota // a typo in the name; VAT number often missing
	dupLegalForm        // "Ltd" for "Limited", "GmbH" for "G.m.b.H."
	dupAccents          // "Mueller" for "Müller", "Munich" for "München"
	dupVATFormat        // the same VAT number written with spaces, dashes or without prefix
	dupContact          // another name, but the same email domain and phone
	dupMoved            // the same company at its new address
	dupKinds
)

// duplicates makes n accounts that each repeat one of the originals.
func (g *customerGen) duplicates(originals []*account, n int) []*account {
	r := g.r
	var out []*account
	used := map[int]bool{}
	for k := 0; len(out) < n && k < 50*n; k++ {
		i := r.IntN(len(originals))
		o := originals[i]
		if used[i] || o.parent >= 0 {
			continue
		}
		kind := len(out) % dupKinds
		if kind == dupAccents && !hasAccent(o.base+o.city.name) {
			continue // look for an original that has accents to lose
		}
		if (kind == dupLegalForm && len(formVariants[o.form]) == 0) || (kind == dupVATFormat && o.m.TaxID == "") {
			continue
		}
		used[i] = true
		out = append(out, g.duplicate(o, i, kind))
	}
	return out
}

func hasAccent(s string) bool {
	for _, ch := range s {
		if ch > unicode.MaxASCII {
			return true
		}
	}
	return false
}

func (g *customerGen) duplicate(o *account, idx, kind int) *account {
	r, c := g.r, o.c
	d := &account{c: c, city: o.city, base: o.base, form: o.form, domain: o.domain, phone: o.phone, parent: -1, dupOf: idx, priceList: o.priceList}
	m := &d.m
	*m = o.m
	m.Name = o.base + " " + o.form
	bill := o.addrs[0]
	bill.m.Label = ""

	switch kind {
	case dupTypo:
		m.Name = typo(g, o.base) + " " + o.form
		if chance(r, 50) {
			m.TaxID = ""
		}
		m.Phone = o.phone.national()
		bill.m.Street = respell(bill.m.Street)
	case dupLegalForm:
		m.Name = o.base + " " + pick(r, formVariants[o.form])
		m.LegalName = ""
		if m.TaxID != "" && chance(r, 50) {
			m.TaxID = vatVariant(r, c, m.TaxID)
		}
	case dupAccents:
		german := c.code == "DE" || c.code == "AT" || c.code == "CH"
		m.Name = dropAccents(o.base, german && chance(r, 60)) + " " + o.form
		m.LegalName = dropAccents(m.LegalName, false)
		bill.m.City = respell(bill.m.City)
		if bill.m.City == o.addrs[0].m.City {
			bill.m.City = dropAccents(bill.m.City, false)
		}
		bill.m.Street = dropAccents(bill.m.Street, german)
		m.Email = strings.ToLower(m.Email)
	case dupVATFormat:
		m.TaxID = vatVariant(r, c, m.TaxID)
		if chance(r, 50) {
			m.Name = strings.ToUpper(o.base) + " " + o.form
		} else {
			m.Name = o.base
		}
		bill.m.Street = respell(bill.m.Street)
	case dupContact:
		m.Name = shortName(o)
		m.LegalName = ""
		m.TaxID = ""
		m.Email = pick(r, c.mailboxes) + "@" + o.domain
		m.Phone = o.phone.spaced(chance(r, 50))
		m.Website = ""
	case dupMoved:
		d.city = pick(r, c.cities)
		d.phone = newPhone(r, c, d.city.area)
		m.Phone = d.phone.E164()
		bill = g.newAddress(c, d.city, models.AddressBilling, "New head office")
	}
	// Accounts entered a second time usually come from a web shop or a trade fair form:
	// fewer fields, cash terms, no price list.
	if chance(r, 40) {
		m.PaymentTerms, m.CreditLimit = "Prepayment", 0
		d.priceList = -1
	}
	if chance(r, 30) {
		m.Website = ""
	}
	m.CreatedAt = between(r, g.now, g.now.Sub(o.m.CreatedAt), 2*day)
	m.UpdatedAt = m.CreatedAt
	d.addrs = []address{bill}
	if len(o.addrs) > 1 && o.addrs[1].m.Kind == models.AddressDelivery && chance(r, 50) {
		del := o.addrs[1]
		del.m.Street = respell(del.m.Street)
		d.addrs = append(d.addrs, del)
	}
	if len(o.contacts) > 0 && chance(r, 70) {
		ct := o.contacts[0]
		ct.Email = strings.ToLower(strings.Replace(ct.Email, ".", "", 1))
		ct.Phone = ""
		d.contacts = append(d.contacts, ct)
	} else {
		d.contacts = append(d.contacts, g.contact(d))
	}
	return d
}

// typo makes one slip of the finger in the longest word: two letters swapped, one left
// out or one doubled.
func typo(g *customerGen, s string) string {
	words := strings.Fields(s)
	w := 0
	for i := range words {
		if len([]rune(words[i])) > len([]rune(words[w])) {
			w = i
		}
	}
	rs := []rune(words[w])
	if len(rs) < 4 {
		return s + "."
	}
	for range 10 {
		i := 1 + g.r.IntN(len(rs)-2)
		var next []rune
		switch g.r.IntN(3) {
		case 0:
			next = append(append(append([]rune{}, rs[:i]...), rs[i+1], rs[i]), rs[i+2:]...)
		case 1:
			next = append(append([]rune{}, rs[:i]...), rs[i+1:]...)
		default:
			next = append(append(append([]rune{}, rs[:i+1]...), rs[i]), rs[i+1:]...)
		}
		if string(next) != string(rs) {
			words[w] = string(next)
			return strings.Join(words, " ")
		}
	}
	return s + "."
}

// respell applies the first abbreviation or alternative spelling that fits.
func respell(s string) string {
	for _, p := range respellings {
		if strings.Contains(s, p[0]) {
			return strings.Replace(s, p[0], p[1], 1)
		}
	}
	return s
}

// shortName is what people call a company day to day: initials, or the name without its
// trade.
func shortName(o *account) string {
	words := strings.Fields(o.base)
	if len(words) >= 3 {
		var b strings.Builder
		for _, w := range words {
			if r := []rune(w); unicode.IsLetter(r[0]) {
				b.WriteRune(unicode.ToUpper(r[0]))
			}
		}
		return b.String() + " " + o.form
	}
	if len(words) == 2 {
		return words[0] + " " + o.city.name
	}
	return o.base + " " + o.city.name
}
