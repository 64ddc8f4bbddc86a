package match

import "strings"

// nameLevels are the agreement levels of customer names, by how their words pair up.
var nameLevels = []string{"exact", "same words reordered", "close", "close but for a short word", "extra words", "close but for two typos", "spelt alike", "some words differ", "different"}

// siteLevels grade phone and address together: a household or a branch shares both, and
// two fields that always agree together must not count twice.
var siteLevels = []string{"same phone and address", "same phone, other address", "same address, other phone",
	"same address, no phone on one side", "same place, other street", "other place, no phone on one side", "other place and phone"}

var customerSchema = schema{domain: Customers, fields: []field{
	{name: "name", label: "name", slot: cName, levels: nameLevels,
		compare: func(a, b *Entity) outcome {
			return nameOutcome(a.norm.get(cName), b.norm.get(cName), a.norm.get(cNameKey), b.norm.get(cNameKey))
		},
		say: sayText("name", "names", cRawName)},
	{name: "company", label: "company", slot: cCompany, levels: nameLevels,
		compare: func(a, b *Entity) outcome {
			x, y := a.norm.get(cCompany), b.norm.get(cCompany)
			return nameOutcome(x, y, sortedWords(x), sortedWords(y))
		},
		say: sayText("company", "companies", cRawCompany)},
	{name: "tax_id", label: "VAT id", slot: cTax, strong: true, levels: []string{"exact", "one typo", "different"},
		compare: func(a, b *Entity) outcome { return taxOutcome(a.norm.get(cTax), b.norm.get(cTax)) },
		say:     sayID("VAT id", "VAT ids", cTax)},
	{name: "email", label: "email", slot: cEmail, levels: []string{"exact, personal mailbox", "exact, shared mailbox", "one typo", "same company domain", "different"},
		compare: func(a, b *Entity) outcome { return emailOutcome(a.norm.get(cEmail), b.norm.get(cEmail)) },
		say:     sayEmail},
	{name: "phone_address", label: "phone or address", slot: cPhone, levels: siteLevels,
		compare: siteOutcome, say: saySite},
	{name: "country", label: "country", slot: cCountry, levels: []string{"same", "different"},
		compare: func(a, b *Entity) outcome { return equalOutcome(a.norm.get(cCountry), b.norm.get(cCountry)) },
		say:     sayID("country", "countries", cCountry)},
}}

// emailOutcome grades two addresses: the same, one typo apart, another mailbox at the same
// company domain (branches and colleagues), or different.
func emailOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b && sharedMailbox(a):
		return outcome{level: 1, sim: 1}
	case a == b:
		return outcome{level: 0, sim: 1}
	case oneEditApart(a, b) && !digitsDiffer(a, b):
		return outcome{level: 2, sim: float32(JaroWinkler(a, b)), how: byOneEdit}
	}
	if d := emailDomain(a); d == emailDomain(b) && !ConsumerDomain(d) {
		return outcome{level: 3, sim: 0, how: byDomain}
	}
	return outcome{level: 4}
}

// sharedMailbox says whether an address is a role mailbox that a whole company, with its
// branches, may give ("info@", "sales@"): agreeing on it says less than agreeing on a
// person's own address.
func sharedMailbox(email string) bool {
	local, _, _ := strings.Cut(email, "@")
	return roleMailboxes[local]
}

var roleMailboxes = setOf("info", "office", "sales", "kontakt", "contact", "mail", "service", "admin",
	"buchhaltung", "accounting", "accounts", "invoice", "invoices", "rechnung", "rechnungen", "einkauf",
	"purchasing", "orders", "order", "bestellung", "team", "hello", "hallo", "post", "zentrale", "support",
	"verkauf", "vertrieb", "commercial", "contabilita", "amministrazione", "facturation", "compta", "ventas",
	"administracion", "billing", "enquiries", "reception", "general")

// digitsDiffer says whether two strings of one length differ in a digit: "anna.k86@" and
// "anna.k26@" are two mailboxes that providers numbered, not a typo.
func digitsDiffer(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && isDigit(a[i]) && isDigit(b[i]) {
			return true
		}
	}
	return false
}

// phoneOutcome grades two phone numbers. A number that did not parse is digits only; it
// agrees with an E.164 number that ends in the same seven or more digits.
func phoneOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1}
	case oneEditApart(a, b):
		return outcome{level: 1, sim: float32(JaroWinkler(a, b)), how: byOneEdit}
	}
	if (a[0] != '+' || b[0] != '+') && len(a) >= 7 && len(b) >= 7 {
		short, long := a, b
		if len(short) > len(long) {
			short, long = long, short
		}
		if strings.HasSuffix(long, strings.TrimPrefix(short, "+")) {
			return outcome{level: 1, sim: 1, how: bySuffix}
		}
	}
	return outcome{level: 2}
}

// siteOutcome grades phone and address together (siteLevels).
func siteOutcome(a, b *Entity) outcome {
	ph := phoneOutcome(a.norm.get(cPhone), b.norm.get(cPhone))
	ad := addressOutcome(a, b)
	phoneAgrees := ph.level == 0 || ph.level == 1
	phoneMissing := ph.level == missingLevel
	sameAddress := ad.level == 0 || ad.level == 1
	o := func(level int8) outcome { return outcome{level: level, sim: ad.sim} }
	switch {
	case phoneMissing && ad.level == missingLevel:
		return missing
	case phoneAgrees && sameAddress:
		return o(0)
	case phoneAgrees:
		return o(1)
	case sameAddress && !phoneMissing:
		return o(2)
	case sameAddress:
		return o(3)
	case ad.level == 2:
		return o(4)
	case phoneMissing || ad.level == missingLevel:
		return o(5)
	}
	return o(6)
}

// addressOutcome grades street, postcode and city together: they move together, and
// counting each as separate evidence would say a move three times.
func addressOutcome(a, b *Entity) outcome {
	sa, sb := a.norm.get(cStreet), b.norm.get(cStreet)
	place := placeAgreement(a, b)
	streets := sa != "" && sb != ""
	if place == 0 && !streets {
		return missing
	}
	same, sim := false, Sim(0)
	if streets {
		var bufA, bufB [64]byte
		if sa == sb || string(squeeze(sa, bufA[:0])) == string(squeeze(sb, bufB[:0])) {
			// a space lost or moved: "Wiesenweg 99" typed "Wiesenweg9 9"
			same, sim = true, 1
		} else if a.norm.get(cHouse) == b.norm.get(cHouse) {
			sim = JaroWinkler(streetName(sa), streetName(sb))
			same = sim >= 0.9
		}
	}
	switch {
	case same && place >= 0:
		return outcome{level: 0, sim: float32(sim)}
	case place > 0 && !streets:
		return outcome{level: 1, sim: 1}
	case place > 0:
		return outcome{level: 2, sim: float32(sim)}
	}
	return outcome{level: 3, sim: float32(sim)}
}

// placeAgreement is 1 when postcodes (or, lacking one, cities) agree, -1 when they differ
// and 0 when there is nothing to compare.
func placeAgreement(a, b *Entity) int {
	if pa, pb := a.norm.get(cPostcode), b.norm.get(cPostcode); pa != "" && pb != "" {
		if pa == pb {
			return 1
		}
		return -1
	}
	if ca, cb := a.norm.get(cCity), b.norm.get(cCity); ca != "" && cb != "" {
		if ca == cb || JaroWinkler(ca, cb) >= 0.92 {
			return 1
		}
		return -1
	}
	return 0
}

// taxOutcome compares VAT ids. When only one carries a country prefix (the other record
// had no country to lend it one), the numbers are compared without it.
func taxOutcome(a, b string) outcome {
	if a != "" && b != "" && a != b && isLetters(a[:1]) != isLetters(b[:1]) {
		a, b = withoutCountry(a), withoutCountry(b)
	}
	return idOutcome(a, b)
}

// withoutCountry drops the letters a VAT id starts with: "DE811907980" → "811907980".
func withoutCountry(id string) string {
	return strings.TrimLeftFunc(id, func(r rune) bool { return r >= 'A' && r <= 'Z' })
}
