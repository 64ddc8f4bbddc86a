package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// subscriber is a local number: it never starts with 0 or 1, which are dialling prefixes.
func subscriber(r *rand.Rand, n int) string {
	if n <= 0 {
		return ""
	}
	return string(rune('2'+r.IntN(8))) + digits(r, n-1)
}

func letters(r *rand.Rand, set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[r.IntN(len(set))]
	}
	return string(b)
}

// postcode makes a postcode in the country's own shape, starting like the city's real ones.
func postcode(r *rand.Rand, c *country, ci city) string {
	switch c.code {
	case "DE", "ES":
		return ci.post + digits(r, 5-len(ci.post))
	case "AT":
		if ci.post == "1" { // Vienna's postcodes name the district: 1010 … 1230
			return fmt.Sprintf("1%02d0", 1+r.IntN(23))
		}
		return ci.post + digits(r, 2)
	case "CH", "BE", "DK":
		return ci.post + digits(r, 4-len(ci.post))
	case "NL":
		return ci.post + digits(r, 2) + " " + letters(r, "ABCDEGHJKLMNPRTVWXZ", 2)
	case "FR":
		if ci.name == "Paris" {
			return fmt.Sprintf("750%02d", 1+r.IntN(20))
		}
		return ci.post + digits(r, 3)
	case "GB":
		return fmt.Sprintf("%s%d %d%s", ci.post, 1+r.IntN(18), r.IntN(10), letters(r, "ABDEFGHJLNPQRSTUWXYZ", 2))
	case "IE":
		key := ci.post
		if key == "D" {
			key = fmt.Sprintf("D%02d", 1+r.IntN(24))
		}
		return key + " " + letters(r, "ACDEFHKNPRTVWXY0123456789", 4)
	case "IT", "US":
		return ci.post + digits(r, 5-len(ci.post))
	case "PL":
		return ci.post + digits(r, 1) + "-" + digits(r, 3)
	case "SE":
		return ci.post + digits(r, 1) + " " + digits(r, 2)
	}
	return digits(r, 5)
}

// streetLine puts the house number where the country puts it.
func streetLine(c *country, street, num string) string {
	switch c.code {
	case "FR", "GB", "IE", "US":
		return num + " " + street
	case "IT", "ES":
		return street + ", " + num
	}
	return street + " " + num
}

// houseNumber is mostly small, and in Europe sometimes carries a letter.
func houseNumber(r *rand.Rand, c *country) string {
	if c.code == "US" {
		return fmt.Sprint(100 + r.IntN(9800))
	}
	n := fmt.Sprint(1 + r.IntN(140))
	if c.code != "GB" && c.code != "IE" && c.code != "FR" && r.IntN(12) == 0 {
		n += string(rune('a' + r.IntN(3)))
	}
	return n
}

// phone is a number split into its parts, so one number can be written several ways.
type phone struct {
	c         *country
	area, sub string
}

func newPhone(r *rand.Rand, c *country, area string) phone {
	return phone{c: c, area: area, sub: subscriber(r, c.national-len(area))}
}

// E164 is the canonical form Steward stores: +4940123456.
func (p phone) E164() string { return "+" + p.c.dial + p.area + p.sub }

// national is the number as written at home: 040 1234567, (312) 555-0123.
func (p phone) national() string {
	switch p.c.code {
	case "US":
		return fmt.Sprintf("(%s) %s-%s", p.area, p.sub[:3], p.sub[3:])
	case "FR":
		return pairs("0" + p.area + p.sub)
	}
	return p.c.trunk + p.area + " " + p.sub
}

// spaced is the international form with spaces, as printed on letterheads.
func (p phone) spaced(withTrunk bool) string {
	if withTrunk && p.c.trunk == "0" {
		return fmt.Sprintf("+%s (0)%s %s", p.c.dial, p.area, p.sub)
	}
	return fmt.Sprintf("+%s %s %s", p.c.dial, p.area, p.sub)
}

func pairs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+2, len(s))])
	}
	return b.String()
}

// vatID makes a VAT number in the country's shape; German and French ones carry their real
// check digits so that validation gates accept them.
func vatID(r *rand.Rand, c *country, form string) string {
	switch c.code {
	case "DE":
		body := subscriber(r, 8)
		return "DE" + body + string(rune('0'+germanVATCheck(body)))
	case "AT":
		return "ATU" + subscriber(r, 8)
	case "CH":
		d := subscriber(r, 9)
		return "CHE-" + d[:3] + "." + d[3:6] + "." + d[6:] + " MWST"
	case "NL":
		return "NL" + subscriber(r, 9) + "B01"
	case "BE":
		return "BE0" + subscriber(r, 9)
	case "FR":
		siren := subscriber(r, 9)
		return fmt.Sprintf("FR%02d%s", frenchVATKey(siren), siren)
	case "GB":
		return "GB" + subscriber(r, 9)
	case "IE":
		return "IE" + subscriber(r, 7) + letters(r, "ABCDEFGHIJKLMNOPQRSTUVW", 1)
	case "IT":
		return "IT" + digits(r, 11)
	case "ES":
		if strings.HasPrefix(form, "S.A") {
			return "ESA" + digits(r, 8)
		}
		return "ESB" + digits(r, 8)
	case "PL":
		return "PL" + subscriber(r, 10)
	case "DK":
		return "DK" + subscriber(r, 8)
	case "SE":
		return "SE" + subscriber(r, 10) + "01"
	case "US": // an employer identification number: US companies have no VAT id
		return subscriber(r, 2) + "-" + digits(r, 7)
	}
	return ""
}

// germanVATCheck is the ISO 7064 MOD 11,10 check digit of a German USt-IdNr.
func germanVATCheck(body string) int {
	product := 10
	for _, ch := range body {
		sum := (int(ch-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	check := 11 - product
	if check == 10 {
		return 0
	}
	return check
}

// frenchVATKey is the two-digit key in front of a SIREN number.
func frenchVATKey(siren string) int {
	n := 0
	for _, ch := range siren {
		n = (n*10 + int(ch-'0')) % 97
	}
	return (12 + 3*n) % 97
}

// vatVariant writes the same VAT number the way another clerk typed it.
func vatVariant(r *rand.Rand, c *country, vat string) string {
	if c.code == "US" {
		return strings.ReplaceAll(vat, "-", "")
	}
	prefix, body := vat[:2], vat[2:]
	switch r.IntN(4) {
	case 0:
		if c.code != "CH" && c.code != "AT" && c.code != "US" {
			return body // the country prefix left off
		}
		return strings.ToLower(vat)
	case 1:
		return strings.ToLower(vat)
	case 2:
		if c.code == "CH" {
			return strings.NewReplacer("-", "", ".", "", " MWST", "").Replace(vat)
		}
		return prefix + "-" + body
	}
	if c.code == "CH" {
		return strings.ReplaceAll(vat, ".", " ")
	}
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < len(body); i += 3 {
		b.WriteByte(' ')
		b.WriteString(body[i:min(i+3, len(body))])
	}
	return b.String()
}

// ean13 completes 12 digits with their EAN-13 check digit.
func ean13(first12 string) string {
	return first12 + string(rune('0'+ean13Check(first12)))
}

func ean13Check(first12 string) int {
	sum := 0
	for i, ch := range first12 {
		d := int(ch - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// ValidEAN13 tells whether s is 13 digits whose last is the right check digit.
func ValidEAN13(s string) bool {
	if len(s) != 13 {
		return false
	}
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return false
		}
	}
	return ean13Check(s[:12]) == int(s[12]-'0')
}

var germanFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// dropAccents writes a name the way a keyboard without accents does: Müller → Muller,
// or, the German way, Mueller.
func dropAccents(s string, german bool) string {
	if german {
		s = germanFold.Replace(s)
	}
	s = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "æ", "ae", "ß", "ss").Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// slug makes a host or mailbox name: "Müller & Söhne" → "mueller-soehne".
func slug(s string) string {
	s = strings.ToLower(dropAccents(s, true))
	var b strings.Builder
	dash := false
	for _, ch := range s {
		if ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' {
			b.WriteRune(ch)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
