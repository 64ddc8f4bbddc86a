package synth

import (
	"fmt"
	"strings"

	"steward/rules/match"
)

// render writes an account down as one source would. Every source picks its own formats
// (phone, VAT id, legal form, street type); a duplicate also carries mistakes, gaps and
// sometimes an address the account has since moved from.
func (g *customerGen) render(a *account, dup bool) match.Customer {
	r := g.r
	at := *a
	if dup && r.p(0.07) {
		g.place(&at)
		// A person's number is a mobile and moves along; a company's landline moves
		// only when the company stays in the area.
		if a.person && r.p(0.85) || !a.person && r.p(0.5) {
			at.area, at.sub = a.area, a.sub
		}
	}
	gap := func(p float64) bool { return dup && r.p(p) }
	var c match.Customer
	c.Name = g.name(a, dup)
	if a.company != "" && !gap(0.3) {
		c.Company = a.company
		if dup && r.p(0.2) {
			c.Company = typo(r, c.Company)
		}
	}
	if a.hasEmail && !gap(0.2) {
		c.Email = g.email(a, dup)
	}
	if a.hasPhone && !gap(0.2) {
		c.Phone = phone(r, a.c, at.area, at.sub)
		if dup && r.p(0.02) {
			c.Phone = typoDigit(r, c.Phone)
		}
	}
	if a.hasTax && !gap(0.3) {
		c.TaxID = vatSpelling(r, a.c, a.tax)
		if dup && r.p(0.01) {
			c.TaxID = typoDigit(r, c.TaxID)
		}
	}
	if !gap(0.08) {
		c.Street = at.street
		if r.p(0.4) {
			c.Street = abbreviate(r, c.Street)
		}
		if dup && r.p(0.05) {
			c.Street = typo(r, c.Street)
		}
		if dup && r.p(0.05) {
			c.Street = transliterate(r, c.Street)
		}
		if a.c.code == "US" && r.p(0.1) {
			c.Street2 = fmt.Sprintf("Suite %d", 100+r.IntN(400))
		}
	}
	if !gap(0.06) {
		c.Postcode = postcodeSpelling(r, a.c, at.postcode)
	}
	if !gap(0.04) {
		c.City = at.city.name
		switch {
		case dup && r.p(0.04):
			c.City = typo(r, c.City)
		case dup && r.p(0.1):
			c.City = transliterate(r, c.City)
		case dup && r.p(0.05):
			c.City = strings.ToUpper(c.City)
		}
	}
	if !gap(0.1) {
		switch x := r.Float64(); {
		case x < 0.75:
			c.Country = a.c.code
		case x < 0.85:
			c.Country = a.c.local
		case x < 0.95:
			c.Country = a.c.name
		default:
			c.Country = strings.ToLower(a.c.code)
		}
	}
	if a.c.code == "US" {
		c.State = "NY"
	}
	return c
}

// name writes the account's name: the legal form in one of its spellings (or left out),
// and for a duplicate the mistakes people make.
func (g *customerGen) name(a *account, dup bool) string {
	r := g.r
	var words []string
	for _, w := range a.core {
		if w != "" {
			words = append(words, w)
		}
	}
	var name string
	if a.person {
		name = words[0] + " " + words[1]
		if dup && r.p(0.15) {
			name = words[1] + ", " + words[0]
		}
	} else {
		if dup && r.p(0.1) {
			words = swapWords(words)
		}
		name = strings.Join(words, " ")
		if legal := a.legal; legal != nil && !(dup && r.p(0.2)) {
			form := legal[0]
			if r.p(0.4) {
				form = pick(r, legal)
			}
			name += " " + form
		}
	}
	if !dup {
		return name
	}
	if r.p(0.3) {
		name = abbreviate(r, name)
	}
	if r.p(0.25) {
		name = typo(r, name)
		if r.p(0.3) {
			name = typo(r, name)
		}
	}
	if r.p(0.15) {
		name = transliterate(r, name)
	}
	if r.p(0.12) {
		name = changeCase(r, name)
	}
	return name
}

func (g *customerGen) email(a *account, dup bool) string {
	r := g.r
	e := a.email
	if dup && !a.person && a.contactName != "" && r.p(0.12) {
		// the buyer's own address at the company
		first, last, _ := strings.Cut(a.contactName, " ")
		e = mailPart(first) + "." + mailPart(last) + "@" + strings.SplitN(a.email, "@", 2)[1]
	}
	if dup && strings.HasSuffix(e, "@gmail.com") && r.p(0.3) {
		local := strings.TrimSuffix(e, "@gmail.com")
		if strings.Contains(local, ".") {
			local = strings.ReplaceAll(local, ".", "")
		} else if len(local) > 3 {
			local = local[:2] + "." + local[2:]
		}
		e = local + "@gmail.com"
	}
	switch {
	case dup && r.p(0.02):
		e = typo(r, e)
	case dup && r.p(0.1):
		e = strings.ToUpper(e[:1]) + e[1:]
	case dup && r.p(0.05):
		e = " " + strings.ToUpper(e)
	}
	return e
}

// phone writes a number in one of the ways people write numbers in that country.
func phone(r rng, c *country, area, sub string) string {
	local := group(r, sub)
	national := c.trunk + area
	if c.code == "US" {
		s := sub[:3] + "-" + sub[3:]
		switch r.IntN(5) {
		case 0:
			return fmt.Sprintf("(%s) %s", area, s)
		case 1:
			return fmt.Sprintf("%s-%s", area, s)
		case 2:
			return fmt.Sprintf("%s.%s.%s", area, sub[:3], sub[3:])
		case 3:
			return fmt.Sprintf("1-%s-%s", area, s)
		}
		return fmt.Sprintf("+1 %s %s", area, s)
	}
	switch r.IntN(7) {
	case 0, 1:
		return fmt.Sprintf("+%s %s %s", c.dial, area, local)
	case 2:
		return fmt.Sprintf("00%s %s %s", c.dial, area, local)
	case 3:
		if c.trunk != "" {
			return fmt.Sprintf("+%s (%s)%s %s", c.dial, c.trunk, area, local)
		}
		return fmt.Sprintf("+%s%s%s", c.dial, area, sub)
	case 4:
		return fmt.Sprintf("%s/%s", national, sub)
	case 5:
		return fmt.Sprintf("(%s) %s", national, local)
	}
	return fmt.Sprintf("%s %s", national, local)
}

// group writes subscriber digits in blocks as people do: "123 45 67".
func group(r rng, sub string) string {
	if r.p(0.5) || len(sub) < 6 {
		return sub
	}
	var parts []string
	for len(sub) > 3 {
		parts = append(parts, sub[:2])
		sub = sub[2:]
	}
	return strings.Join(append(parts, sub), " ")
}

// vatSpelling writes a VAT id as sources do: with spaces or dots, lower-cased, or
// without its country prefix.
func vatSpelling(r rng, c *country, id string) string {
	switch x := r.Float64(); {
	case x < 0.55:
		return id
	case x < 0.7:
		if len(id) > 8 {
			return id[:2] + " " + id[2:5] + " " + id[5:8] + " " + id[8:]
		}
	case x < 0.8:
		return strings.ToLower(id)
	case x < 0.9:
		if len(id) > 2 && id[0] >= 'A' && id[0] <= 'Z' && id[1] >= 'A' && id[1] <= 'Z' && c.code != "CH" {
			return strings.TrimLeft(id[2:], " ")
		}
	}
	return strings.NewReplacer(" ", ".", "-", ".").Replace(id)
}

// postcodeSpelling writes a postcode as a careless source does: no space, lower case,
// the old "D-" prefix, a ZIP+4, a leading zero lost in a spreadsheet.
func postcodeSpelling(r rng, c *country, p string) string {
	if r.p(0.7) {
		return p
	}
	switch c.code {
	case "GB", "NL", "SE":
		return strings.ToLower(strings.ReplaceAll(p, " ", ""))
	case "US":
		return p + "-" + digits(r, 4)
	case "DE", "FR", "IT", "ES":
		if strings.HasPrefix(p, "0") {
			return p[1:]
		}
		return c.code[:1] + "-" + p
	}
	return p
}
