package match

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalizeEmail lower-cases and trims an address; for consumer mailboxes it also folds the
// aliases that reach the same inbox (Gmail ignores dots, several providers a "+tag"). A
// company's "first.last+orders@" stays as written: there the parts may name other mailboxes.
// Placeholders such as "none@none.com" and text that is no address give "".
func NormalizeEmail(s string) string {
	e := strings.ToLower(strings.TrimSpace(s))
	e = strings.TrimPrefix(e, "mailto:")
	e = strings.Trim(e, "<>\"' ")
	at := strings.LastIndexByte(e, '@')
	if at <= 0 || at == len(e)-1 || strings.ContainsAny(e, " ,;") {
		return ""
	}
	local, domain := e[:at], strings.TrimSuffix(e[at+1:], ".")
	if placeholderMailboxes[local] || placeholderMailboxes[strings.SplitN(domain, ".", 2)[0]] {
		return ""
	}
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if plusAliases[domain] {
		if i := strings.IndexByte(local, '+'); i > 0 {
			local = local[:i]
		}
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// emailDomain is the part after the @.
func emailDomain(e string) string {
	if i := strings.LastIndexByte(e, '@'); i >= 0 {
		return e[i+1:]
	}
	return ""
}

// ConsumerDomain says whether an email domain is a public mailbox provider, where a shared
// domain says nothing about a shared company.
func ConsumerDomain(domain string) bool { return consumerDomains[domain] || plusAliases[domain] }

// plusAliases deliver "name+anything@" to "name@".
var plusAliases = setOf("gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com",
	"me.com", "mac.com", "protonmail.com", "proton.me", "fastmail.com", "hotmail.co.uk", "outlook.de",
	"hotmail.de", "hotmail.fr", "outlook.fr", "hotmail.it", "live.de", "live.fr", "live.co.uk")

var consumerDomains = setOf("yahoo.com", "yahoo.de", "yahoo.fr", "yahoo.co.uk", "yahoo.it", "yahoo.es",
	"aol.com", "aol.de", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de",
	"online.de", "arcor.de", "posteo.de", "mailbox.org", "orange.fr", "free.fr", "wanadoo.fr", "laposte.net",
	"sfr.fr", "libero.it", "virgilio.it", "tiscali.it", "alice.it", "tin.it", "telefonica.net", "btinternet.com",
	"sky.com", "virginmedia.com", "ziggo.nl", "kpnmail.nl", "hetnet.nl", "home.nl", "planet.nl", "skynet.be",
	"telenet.be", "bluewin.ch", "hispeed.ch", "chello.at", "aon.at", "a1.net", "wp.pl", "o2.pl", "onet.pl",
	"interia.pl", "seznam.cz", "centrum.cz", "mail.ru", "yandex.ru", "yandex.com", "comcast.net",
	"verizon.net", "att.net", "mail.com", "email.com", "zoho.com", "tutanota.com", "qq.com", "163.com")

// placeholderMailboxes are typed into required email fields by people who have no address.
var placeholderMailboxes = setOf("none", "noemail", "nomail", "no-email", "keine", "noreply", "no-reply",
	"na", "n.a", "unknown", "test", "example", "invalid", "dummy")

// NormalizePhone writes a phone number in E.164 ("+493012345678"), reading national numbers
// by the record's country (ISO 3166 alpha-2). A number it cannot parse keeps its digits
// without leading zeros (at least six), which still agree with the end of the same number
// in E.164.
func NormalizePhone(s, country string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	region := country
	if region == "" || len(region) != 2 {
		region = "ZZ" // only numbers with a country code parse
	}
	if e, ok := fastE164(s, region); ok {
		return e
	}
	// Six digits of national number at least: shorter ones are extensions or fragments.
	if n, err := phonenumbers.Parse(s, region); err == nil && n.GetNationalNumber() >= 100000 {
		return phonenumbers.Format(n, phonenumbers.E164)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		// Without a country the trunk prefix ("030 …") cannot be told from the number;
		// dropped, the rest still ends an E.164 number of the same line.
		if isDigit(s[i]) && (b.Len() > 0 || s[i] != '0') {
			b.WriteByte(s[i])
		}
	}
	if b.Len() < 6 {
		return ""
	}
	return b.String()
}

// fastE164 writes the common shapes of a number in E.164 without libphonenumber, whose
// parser costs a scan of a million records ten seconds of CPU: "+49 30 1234567" or
// "0049-30-1234567" in a German record, "030/1234567" where national numbers start with
// the trunk 0, national numbers of countries without a trunk prefix. Anything else (other
// countries' numbers, extensions, "(0)", letters) goes to the parser.
func fastE164(s, region string) (string, bool) {
	var d [20]byte
	n, plus := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			if n == len(d) {
				return "", false
			}
			d[n] = c
			n++
		case c == '+' && n == 0 && !plus:
			plus = true
		case c == ' ' || c == '-' || c == '/' || c == '.' || c == '(' || c == ')':
		default:
			return "", false
		}
	}
	if n < 6 || strings.Contains(s, "(0)") {
		return "", false
	}
	code := phonenumbers.GetCountryCodeForRegion(region)
	if code == 0 {
		return "", false
	}
	cc := strconv.Itoa(code)
	digits := string(d[:n])
	if !plus && strings.HasPrefix(digits, "00") {
		plus, digits = true, digits[2:]
	}
	var national string
	switch {
	case plus:
		national = strings.TrimPrefix(digits, cc)
		if len(national) == len(digits) || national == "" || national[0] == '0' && region != "IT" {
			return "", false
		}
	case trunkZero[region]:
		if digits[0] != '0' || digits[1] == '0' {
			return "", false
		}
		national = digits[1:]
	case region == "US" || region == "CA":
		switch {
		case len(digits) == 11 && digits[0] == '1':
			national = digits[1:]
		case len(digits) == 10 && digits[0] >= '2':
			national = digits
		default:
			return "", false
		}
	case noTrunk[region]:
		national = digits
	default:
		return "", false
	}
	if len(national) < 6 || len(cc)+len(national) > 15 {
		return "", false
	}
	return "+" + cc + national, true
}

// trunkZero are the countries whose national numbers start with a 0 that E.164 drops;
// noTrunk those whose national number is dialled as it is written in E.164 (Italy keeps
// its leading 0 in both).
var (
	trunkZero = setOf("DE", "AT", "CH", "FR", "GB", "NL", "BE", "SE", "FI", "IE")
	noTrunk   = setOf("ES", "PL", "PT", "DK", "NO", "IT", "LU", "GR")
)

// NormalizeTaxID writes a VAT or tax id without spaces, dots and dashes and with its
// country prefix ("DE 811.907.980", "811907980" in Germany → "DE811907980"); Greece is EL
// as in VIES. Swiss and Norwegian suffixes (MWST, TVA, IVA, MVA) go, as they name the tax,
// not the company.
func NormalizeTaxID(s, country string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	id := b.String()
	if len(id) < 5 || !hasDigit(id) {
		return ""
	}
	for _, suffix := range []string{"MWST", "TVA", "IVA", "MVA"} {
		if strings.HasPrefix(id, "CHE") || strings.HasPrefix(id, "NO") || country == "CH" || country == "NO" {
			id = strings.TrimSuffix(id, suffix)
		}
	}
	if isLetters(id[:2]) {
		if id[:2] == "GR" {
			return "EL" + id[2:]
		}
		return id
	}
	switch country {
	case "":
		return id
	case "GR":
		return "EL" + id
	case "CH":
		return "CHE" + id
	}
	return country + id
}

// NormalizeCountry turns a country as sources write it ("de", "Germany", "Deutschland",
// "UK") into its ISO 3166 alpha-2 code; unknown names come back upper-cased.
func NormalizeCountry(s string) string {
	c := strings.ToUpper(strings.TrimSpace(s))
	if len(c) == 2 {
		if c == "UK" {
			return "GB"
		}
		return c
	}
	if code, ok := countryNames[Fold(s)]; ok {
		return code
	}
	return c
}

var countryNames = map[string]string{
	"germany": "DE", "deutschland": "DE", "deu": "DE", "allemagne": "DE", "austria": "AT", "osterreich": "AT",
	"oesterreich": "AT", "aut": "AT", "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
	"che": "CH", "france": "FR", "fra": "FR", "frankreich": "FR", "italy": "IT", "italia": "IT", "italien": "IT",
	"ita": "IT", "spain": "ES", "espana": "ES", "spanien": "ES", "esp": "ES", "netherlands": "NL",
	"the netherlands": "NL", "nederland": "NL", "niederlande": "NL", "holland": "NL", "nld": "NL",
	"belgium": "BE", "belgique": "BE", "belgie": "BE", "belgien": "BE", "bel": "BE", "luxembourg": "LU",
	"luxemburg": "LU", "united kingdom": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "gbr": "GB", "grossbritannien": "GB", "ireland": "IE", "irland": "IE", "united states": "US",
	"united states of america": "US", "usa": "US", "poland": "PL", "polska": "PL", "polen": "PL",
	"czech republic": "CZ", "czechia": "CZ", "tschechien": "CZ", "denmark": "DK", "danmark": "DK",
	"danemark": "DK", "sweden": "SE", "sverige": "SE", "schweden": "SE", "norway": "NO", "norge": "NO",
	"norwegen": "NO", "finland": "FI", "suomi": "FI", "finnland": "FI", "portugal": "PT", "greece": "GR",
	"griechenland": "GR", "hungary": "HU", "ungarn": "HU", "canada": "CA", "kanada": "CA",
}
