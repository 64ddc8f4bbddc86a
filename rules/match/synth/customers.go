package synth

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"steward/rules/match"
)

// Customer is one generated customer record with its labels.
type Customer struct {
	match.Customer
	Entity int32  // the true account: records with one Entity are duplicates of each other
	Group  int32  // entities generated together (a family, a company and its branches)
	Kind   string // what the entity is: company, branch, namesake, person, family
}

// The kinds of generated customer entities.
const (
	KindCompany  = "company"
	KindBranch   = "branch"   // another office of a company: same name, VAT id, mail domain
	KindNamesake = "namesake" // another company or person with the same name elsewhere
	KindPerson   = "person"
	KindFamily   = "family" // another person at a person's address, with the same surname
)

// account is a true entity before a source writes it down.
type account struct {
	id, group   int32
	kind        string
	c           *country
	core        []string // company name without legal form, or first and last name
	legal       []string // spellings of the legal form, nil for people
	person      bool
	company     string // a sole trader's trading name
	email       string
	area, sub   string // phone
	city        city
	street      string // the whole line, house number included
	postcode    string
	tax         string
	hasPhone    bool
	hasEmail    bool
	hasTax      bool
	contactName string
	commonName  bool // made of a common surname: others may bear it too
}

// Customers yields n customer records from seed: about 1.7 records per true entity,
// with the noise and the look-alikes the package describes.
func Customers(seed uint64, n int) iter.Seq[Customer] {
	return func(yield func(Customer) bool) {
		g := &customerGen{r: newRNG(seed)}
		count := 0
		for group := int32(0); ; group++ {
			for _, a := range g.group(group) {
				copies := 1 + g.extraCopies()
				for k := 0; k < copies; k++ {
					rec := g.render(a, k > 0)
					count++
					rec.ID = fmt.Sprintf("C%07d", count)
					if !yield(Customer{Customer: rec, Entity: a.id, Group: a.group, Kind: a.kind}) || count == n {
						return
					}
				}
			}
		}
	}
}

type customerGen struct {
	r    rng
	next int32
}

func (g *customerGen) extraCopies() int {
	switch x := g.r.Float64(); {
	case x < 0.55:
		return 0
	case x < 0.83:
		return 1
	case x < 0.94:
		return 2
	}
	return 3
}

// group makes one true entity and the look-alikes that belong with it.
func (g *customerGen) group(id int32) []*account {
	r := g.r
	c := pickCountry(r)
	if r.p(0.62) {
		hq := g.company(id, c)
		out := []*account{hq}
		if r.p(0.12) {
			for n := 1 + r.IntN(3); n > 0; n-- {
				out = append(out, g.branch(hq))
			}
		}
		if hq.commonName && r.p(0.08) {
			out = append(out, g.namesake(hq))
		}
		return out
	}
	p := g.person(id, c)
	out := []*account{p}
	if r.p(0.10) {
		for n := 1 + r.IntN(2); n > 0; n-- {
			out = append(out, g.family(p, out))
		}
	}
	if p.commonName && r.p(0.06) {
		out = append(out, g.namesake(p))
	}
	return out
}

func (g *customerGen) newID() int32 { g.next++; return g.next }

func (g *customerGen) place(a *account) {
	r := g.r
	a.city = zipf(r, a.c.cities)
	a.street = a.c.streetLine(r, pick(r, a.c.streets), 1+r.IntN(120))
	a.postcode = a.c.postcode(r, a.city)
	a.area, a.sub = a.city.area, a.c.subscriber(r, a.city)
}

func (g *customerGen) company(group int32, c *country) *account {
	r := g.r
	a := &account{id: g.newID(), group: group, kind: KindCompany, c: c}
	last, trade := c.surname(r), pick(r, c.trades)
	common := slices.Contains(c.last, last)
	switch x := r.Float64(); {
	case x < 0.25:
		a.core, a.commonName = []string{last, trade}, common
	case x < 0.45:
		a.core, a.commonName = []string{trade, last}, common
	case x < 0.55:
		a.core = []string{last, "&", c.surname(r)}
	case x < 0.75:
		a.core = []string{brand(r)}
	case x < 0.88:
		a.core = []string{brand(r), trade}
	case x < 0.94:
		a.core = []string{last, "International"}
	default:
		a.core = []string{last, "Brothers"}
	}
	a.legal = pick(r, c.legal)
	g.place(a)
	a.contactName = pick(r, c.first) + " " + last
	a.email = pick(r, []string{"info", "info", "office", "kontakt", "sales", "contact", "mail", "service"}) + "@" + slug(a.core) + "." + c.tld
	a.tax = c.vat(r)
	a.hasPhone, a.hasEmail, a.hasTax = r.p(0.9), r.p(0.9), r.p(0.75)
	return a
}

// branch is another office of hq: a different address and phone, often the same VAT id
// and mailbox, and a name that sometimes carries the town.
func (g *customerGen) branch(hq *account) *account {
	r := g.r
	b := *hq
	b.id, b.kind = g.newID(), KindBranch
	g.place(&b)
	b.core = append([]string{}, hq.core...)
	if r.p(0.7) {
		b.core = append(b.core, pick(r, []string{"Niederlassung", "Filiale", "-", "Branch", ""}), b.city.name)
	}
	switch x := r.Float64(); {
	case x < 0.4: // the company's one mailbox
	case x < 0.8:
		b.email = mailPart(b.city.name) + "@" + strings.SplitN(hq.email, "@", 2)[1]
	default:
		b.hasEmail = false
	}
	b.hasTax = hq.hasTax && r.p(0.6)
	if !b.hasTax {
		b.tax = b.c.vat(r)
	}
	return &b
}

// namesake is another entity of the same name somewhere else: nothing else in common.
// Only common names have namesakes: "Müller Elektro" and "Thomas Müller" exist many
// times over, an invented company word or a rare surname does not (German law even
// requires firm names to differ within one town, §30 HGB).
func (g *customerGen) namesake(o *account) *account {
	var n *account
	if o.person {
		n = g.person(o.group, o.c)
		n.core = append([]string{}, o.core...)
		n.email = personalEmail(g.r, n.c, n.core[0], n.core[1])
	} else {
		n = g.company(o.group, o.c)
		n.core = append([]string{}, o.core...)
		n.legal = o.legal
		n.email = pick(g.r, []string{"info", "office", "mail"}) + "@" + slug(n.core) + "-" + mailPart(n.city.name) + "." + n.c.tld
	}
	n.kind = KindNamesake
	return n
}

func (g *customerGen) person(group int32, c *country) *account {
	r := g.r
	a := &account{id: g.newID(), group: group, kind: KindPerson, c: c, person: true}
	a.core = []string{pick(r, c.first), c.surname(r)}
	a.commonName = slices.Contains(c.last, a.core[1])
	g.place(a)
	a.email = personalEmail(r, c, a.core[0], a.core[1])
	a.hasPhone, a.hasEmail = r.p(0.7), r.p(0.8)
	if r.p(0.1) {
		// a sole trader: an account in their own name with a trading name beside it
		a.company = pick(r, c.trades) + " " + a.core[1]
		a.tax = c.vat(r)
		a.hasTax = r.p(0.5)
	}
	return a
}

// family is another person at p's address: same surname, often the same landline, a
// first name nobody else in the household has.
func (g *customerGen) family(p *account, household []*account) *account {
	r := g.r
	f := *p
	f.id, f.kind, f.company, f.hasTax = g.newID(), KindFamily, "", false
	taken := func(first string) bool {
		for _, h := range household {
			if h.core[0] == first {
				return true
			}
		}
		return false
	}
	first := pick(r, p.c.first)
	for taken(first) {
		first = pick(r, p.c.first)
	}
	f.core = []string{first, p.core[1]}
	f.email = personalEmail(r, p.c, first, p.core[1])
	f.hasEmail = r.p(0.7)
	if r.p(0.5) {
		f.sub = p.c.subscriber(r, p.city) // a mobile of their own
	}
	return &f
}

// personalEmail makes a mailbox for a person. Two people never share one (the number
// after the name sees to that, as providers do), so namesakes differ here.
func personalEmail(r rng, c *country, first, last string) string {
	f, l := mailPart(first), mailPart(last)
	domain := pick(r, c.free)
	n := number(r, 2+r.IntN(3))
	switch r.IntN(4) {
	case 0:
		return f + "." + l + n + "@" + domain
	case 1:
		return f + l + n + "@" + domain
	case 2:
		return f[:1] + "." + l + n + "@" + domain
	}
	return l + "." + f + n + "@" + domain
}

// slug is a company's web name: "Keller Baumarkt" → "keller-baumarkt".
func slug(core []string) string {
	var parts []string
	for _, w := range core {
		if w = mailPart(w); w != "" {
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, "-")
}

// mailPart writes a word as it appears in an email address: "St. Gallen" → "stgallen".
func mailPart(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(foldASCII(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
