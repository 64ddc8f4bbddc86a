package match

import "testing"

// normCase is an input (with the record's country where it matters) and its normal form.
type normCase struct{ in, country, want string }

func runNorm(t *testing.T, name string, f func(in, country string) string, cases []normCase) {
	t.Helper()
	for _, c := range cases {
		if got := f(c.in, c.country); got != c.want {
			t.Errorf("%s(%q, %q) = %q, want %q", name, c.in, c.country, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	runNorm(t, "Fold", func(s, _ string) string { return Fold(s) }, []normCase{
		{"  Société Générale, S.A. ", "", "societe generale s a"},
		{"Müller & Söhne", "", "muller sohne"},
		{"Straße", "", "strasse"},
		{"ŁÓDŹ", "", "lodz"},
		{"Ærø Ørsted", "", "aero orsted"},
		{"Smith-Jones/Partners", "", "smith jones partners"},
		{"", "", ""},
	})
}

func TestNormalizeName(t *testing.T) {
	runNorm(t, "NormalizeName", func(s, _ string) string { return NormalizeName(s) }, []normCase{
		// legal forms across the EU, the UK and the US, spelt every way
		{"Baumarkt Keller GmbH", "", "baumarkt keller"},
		{"Baumarkt Keller G.m.b.H.", "", "baumarkt keller"},
		{"Baumarkt Keller Gesellschaft mit beschränkter Haftung", "", "baumarkt keller"},
		{"Keller Holz GmbH & Co. KG", "", "keller holz"},
		{"Keller Holz GmbH u. Co. KG", "", "keller holz"},
		{"Elektro Maier e.K.", "", "elektro maier"},
		{"Meyer UG (haftungsbeschränkt)", "", "meyer"},
		{"Siemens AG", "", "siemens"},
		{"Acme Ltd.", "", "acme"},
		{"Acme Limited", "", "acme"},
		{"Acme Public Limited Company", "", "acme"},
		{"Acme, Inc.", "", "acme"},
		{"Acme Incorporated", "", "acme"},
		{"Acme Corp.", "", "acme"},
		{"Acme L.L.C.", "", "acme"},
		{"Dupont SARL", "", "dupont"},
		{"Dupont S.à r.l.", "", "dupont"},
		{"Dupont S.A.S.", "", "dupont"},
		{"Société Générale S.A.", "", "societe generale"},
		{"Van den Berg B.V.", "", "van den berg"},
		{"Philips N.V.", "", "philips"},
		{"Rossi S.p.A.", "", "rossi"},
		{"Rossi S.r.l.", "", "rossi"},
		{"Nokia Oyj", "", "nokia"},
		{"Volvo AB (publ)", "", "volvo"},
		{"Hansen A/S", "", "hansen"},
		{"Foo Pty. Ltd.", "", "foo"},
		{"Kowalski Sp. z o.o.", "", "kowalski"},
		{"García y Hermanos S.L.", "", "garcia hermanos"},
		// the first word stays, even if it looks like a legal form; so does a bare form
		{"AG Müller", "", "ag muller"},
		{"GmbH", "", "gmbh"},
		// accents, umlauts and ß; digraphs stay for the comparison to forgive
		{"Müller", "", "muller"},
		{"MUELLER", "", "mueller"},
		{"Société", "", "societe"},
		{"Weiß", "", "weiss"},
		// abbreviations, fillers, apostrophes
		{"Acme Intl.", "", "acme international"},
		{"Acme Int'l", "", "acme international"},
		{"O'Brien Bros.", "", "obrien brothers"},
		{"Müller & Söhne", "", "muller sohne"},
		{"Müller und Söhne", "", "muller sohne"},
		{"The Coca-Cola Company", "", "coca cola"},
		{"Schmidt, Anna", "", "schmidt anna"},
	})
}

func TestNormalizeStreet(t *testing.T) {
	runNorm(t, "NormalizeStreet", func(s, _ string) string { return NormalizeStreet(s) }, []normCase{
		{"Hauptstraße 5", "", "haupt str 5"},
		{"Hauptstrasse 5", "", "haupt str 5"},
		{"Hauptstr. 5", "", "haupt str 5"},
		{"Haupt-Straße 5 a", "", "haupt str 5a"},
		{"Lange Straße 12", "", "lange str 12"},
		{"Konrad-Adenauer-Str. 12", "", "konrad adenauer str 12"},
		{"Bahnhofplatz 3", "", "bahnhof pl 3"},
		{"Bahnhofpl. 3", "", "bahnhof pl 3"},
		{"Am Markt Nr. 7", "", "am markt 7"},
		{"12 Main Street", "", "12 main st"},
		{"12 Main St.", "", "12 main st"},
		{"1600 Pennsylvania Avenue NW", "", "1600 pennsylvania ave nw"},
		{"1600 Pennsylvania Ave NW", "", "1600 pennsylvania ave nw"},
		{"5 Station Road", "", "5 station rd"},
		{"5 Station Rd", "", "5 station rd"},
		{"10 Sunset Boulevard", "", "10 sunset blvd"},
		{"10 Sunset Blvd.", "", "10 sunset blvd"},
		{"15 boulevard Haussmann", "", "15 blvd haussmann"},
		{"15 bd Haussmann", "", "15 blvd haussmann"},
		{"15 avenue Foch", "", "15 ave foch"},
		{"15 av. Foch", "", "15 ave foch"},
		{"8 rue de la Paix", "", "8 rue de la paix"},
		{"8 r. de la Paix", "", "8 rue de la paix"},
		{"Via Roma 10", "", "via roma 10"},
		{"Viale Marconi 3", "", "viale marconi 3"},
		{"V.le Marconi 3", "", "viale marconi 3"},
		{"Piazza Duomo 1", "", "piazza duomo 1"},
		{"P.za Duomo 1", "", "piazza duomo 1"},
		{"Calle Mayor 4", "", "calle mayor 4"},
		{"C/ Mayor 4", "", "calle mayor 4"},
		{"Avda. de la Paz 2", "", "ave de la paz 2"},
		{"Kerkstraat 1", "", "kerk str 1"},
		{"ul. Długa 5", "", "dluga 5"},
		{"221B Baker Street", "", "221b baker st"},
	})
}

func TestNormalizeCity(t *testing.T) {
	runNorm(t, "NormalizeCity", func(s, _ string) string { return NormalizeCity(s) }, []normCase{
		{"München", "", "munchen"},
		{"St. Gallen", "", "st gallen"},
		{"Sankt Gallen", "", "st gallen"},
		{"Saint-Étienne", "", "st etienne"},
		{"PARIS CEDEX 08", "", "paris 08"},
	})
}

func TestNormalizePostcode(t *testing.T) {
	runNorm(t, "NormalizePostcode", NormalizePostcode, []normCase{
		{"SW1A 1AA", "GB", "SW1A 1AA"},
		{"sw1a1aa", "GB", "SW1A 1AA"},
		{"M1 1AE", "GB", "M1 1AE"},
		{"m11ae", "GB", "M1 1AE"},
		{"1234 AB", "NL", "1234 AB"},
		{"1234ab", "NL", "1234 AB"},
		{"12345-6789", "US", "12345"},
		{"12345", "US", "12345"},
		{"2108", "US", "02108"}, // a Boston ZIP that lost its zero in a spreadsheet
		{"80331", "DE", "80331"},
		{"D-80331", "DE", "80331"},
		{"1067", "DE", "01067"},
		{"F-75001", "FR", "75001"},
		{"8001", "CH", "8001"},
		{"CH-8001", "CH", "8001"},
		{"00950", "PL", "00-950"},
		{"00-950", "PL", "00-950"},
		{"11455", "SE", "114 55"},
		{"K1A0B1", "CA", "K1A 0B1"},
		{"  ", "DE", ""},
		{"75001", "", "75001"},
	})
}

func TestNormalizePhone(t *testing.T) {
	runNorm(t, "NormalizePhone", NormalizePhone, []normCase{
		{"+49 30 1234567", "DE", "+49301234567"},
		{"030/1234567", "DE", "+49301234567"},
		{"(030) 123 45 67", "DE", "+49301234567"},
		{"0049-30-1234567", "DE", "+49301234567"},
		{"+49 (0)30 1234567", "DE", "+49301234567"},
		{"+49 30 1234567", "", "+49301234567"}, // a country code needs no country
		{"030 1234567", "", "301234567"},       // without one: the digits, trunk 0 dropped
		{"020 7946 0958", "GB", "+442079460958"},
		{"+44 (0)20 7946 0958", "GB", "+442079460958"},
		{"(212) 555-0199", "US", "+12125550199"},
		{"1-212-555-0199", "US", "+12125550199"},
		{"212.555.0199", "US", "+12125550199"},
		{"01 42 68 53 00", "FR", "+33142685300"},
		{"02 1234567", "IT", "+39021234567"}, // Italy keeps the leading 0
		{"+39 02 1234567", "IT", "+39021234567"},
		{"91 123 45 67", "ES", "+34911234567"},
		{"+41 44 668 18 00", "DE", "+41446681800"}, // a Swiss number in a German record
		{"0301234567 ext. 12", "DE", "+49301234567"},
		{"12345", "DE", ""},
		{"n/a", "DE", ""},
		{"", "DE", ""},
	})
}

func TestNormalizeEmail(t *testing.T) {
	runNorm(t, "NormalizeEmail", func(s, _ string) string { return NormalizeEmail(s) }, []normCase{
		{"  Anna.Keller@Keller-Bau.DE ", "", "anna.keller@keller-bau.de"},
		{"mailto:info@keller.de", "", "info@keller.de"},
		{"<info@keller.de>", "", "info@keller.de"},
		// consumer mailboxes fold their aliases
		{"John.Doe+shop@gmail.com", "", "johndoe@gmail.com"},
		{"john.doe@googlemail.com", "", "johndoe@gmail.com"},
		{"j.doe+news@outlook.com", "", "j.doe@outlook.com"},
		// a company's mailbox names are its own business
		{"first.last+orders@keller.de", "", "first.last+orders@keller.de"},
		{"j.o.h.n@keller.de", "", "j.o.h.n@keller.de"},
		// not addresses
		{"none@none.com", "", ""},
		{"test@example.com", "", ""},
		{"keller.de", "", ""},
		{"info@", "", ""},
		{"a@b.de, c@d.de", "", ""},
	})
}

func TestNormalizeTaxID(t *testing.T) {
	runNorm(t, "NormalizeTaxID", NormalizeTaxID, []normCase{
		{"DE811907980", "DE", "DE811907980"},
		{"DE 811 907 980", "", "DE811907980"},
		{"de811.907.980", "", "DE811907980"},
		{"811907980", "DE", "DE811907980"},
		{"811-907-980", "DE", "DE811907980"},
		{"ATU13585627", "", "ATU13585627"},
		{"CHE-123.456.789 MWST", "", "CHE123456789"},
		{"123.456.789 TVA", "CH", "CHE123456789"},
		{"094014201", "GR", "EL094014201"},
		{"GR094014201", "", "EL094014201"},
		{"NL123456789B01", "", "NL123456789B01"},
		{"GB 123 4567 89", "", "GB123456789"},
		{"12-3456789", "US", "US123456789"},
		{"123456789", "", "123456789"},
		{"n/a", "DE", ""},
		{"", "DE", ""},
	})
}

func TestNormalizeCountry(t *testing.T) {
	runNorm(t, "NormalizeCountry", func(s, _ string) string { return NormalizeCountry(s) }, []normCase{
		{"de", "", "DE"},
		{"Germany", "", "DE"},
		{"Deutschland", "", "DE"},
		{"Österreich", "", "AT"},
		{"UK", "", "GB"},
		{"United Kingdom", "", "GB"},
		{"the Netherlands", "", "NL"},
		{"España", "", "ES"},
		{"USA", "", "US"},
		{"Atlantis", "", "ATLANTIS"},
		{"", "", ""},
	})
}

func TestImpliedCountry(t *testing.T) {
	for _, c := range []struct{ tax, email, want string }{
		{"DE811907980", "", "DE"},
		{"EL094014201", "", "GR"},
		{"", "info@keller.de", "DE"},
		{"", "info@jones.co.uk", "GB"},
		{"", "info@acme.com", ""},
		{"811907980", "info@keller.at", "AT"},
	} {
		if got := impliedCountry(c.tax, c.email); got != c.want {
			t.Errorf("impliedCountry(%q, %q) = %q, want %q", c.tax, c.email, got, c.want)
		}
	}
	// A record without a country still reads its national phone and VAT id.
	e := PrepareCustomer(Customer{Phone: "030 1234567", TaxID: "811907980", Email: "info@keller.de"})
	if e.Value("phone") != "+49301234567" || e.Value("tax_id") != "DE811907980" {
		t.Errorf("phone %q, VAT id %q", e.Value("phone"), e.Value("tax_id"))
	}
	if e.Value("country") != "" {
		t.Errorf("the implied country is compared as the country: %q", e.Value("country"))
	}
}

func TestNormalizeGTIN(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"4006381333931", "04006381333931", true},  // EAN-13
		{"036000291452", "00036000291452", true},   // UPC-A
		{"36000291452", "00036000291452", true},    // UPC-A that lost its leading zero
		{"96385074", "00000096385074", true},       // EAN-8
		{"10012345678902", "10012345678902", true}, // GTIN-14
		{"4006-381333-931", "04006381333931", true},
		{"4 006381 333931", "04006381333931", true},
		{"4006381333932", "", false}, // wrong check digit
		{"400638133393", "", false},  // an EAN cut short
		{"ABC", "", false},
		{"00000000000000", "", false},
		{"", "", false},
	} {
		got, ok := NormalizeGTIN(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizeGTIN(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestNormalizeProductFields(t *testing.T) {
	runNorm(t, "NormalizeMPN", func(s, _ string) string { return NormalizeMPN(s) }, []normCase{
		{"GSR 12V-15", "", "GSR12V15"},
		{"gsr12v/15", "", "GSR12V15"},
		{"GSR-12V-15", "", "GSR12V15"},
		{"", "", ""},
	})
	runNorm(t, "NormalizeUoM", func(s, _ string) string { return NormalizeUoM(s) }, []normCase{
		{"pcs", "", "EA"},
		{"Stück", "", "EA"},
		{"each", "", "EA"},
		{"PCE", "", "EA"},
		{"Pack", "", "PK"},
		{"Meter", "", "M"},
		{"Paar", "", "PR"},
		{"Palette", "", "PALETTE"},
	})
	runNorm(t, "normalizeProductName", normalizeProductName, []normCase{
		{"Bosch GSR 12V-15 Akku-Bohrschrauber, 2x2,0Ah", "bosch", "gsr 12 v 15 akku bohrschrauber 2 x 2.0 ah"},
		{"Kabelbinder 200x4,8mm schwarz", "", "kabelbinder 200 x 4.8 mm schwarz"},
	})
	runNorm(t, "numbersIn", func(s, _ string) string { return numbersIn(s) }, []normCase{
		{"Kabelbinder 200x4,8mm schwarz", "", "200 4.8"},
		{"Kabelbinder schwarz 200 x 4.8 mm", "", "200 4.8"},
		{"Schraubendreher-Set 6-teilig WU33", "", "6"},
		{"LED-Panel 36W 4000K", "", "36 4000"},
		{"Wasserwaage", "", ""},
	})
}

func TestParsePrice(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12.50", 12.5, true},
		{"12,50", 12.5, true},
		{"€ 1.234,50", 1234.5, true},
		{"1,234.50 EUR", 1234.5, true},
		{"1,234", 1234, true},
		{"12", 12, true},
		{"", 0, false},
		{"abc", 0, false},
		{"-5", 0, false},
	} {
		got, ok := ParsePrice(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParsePrice(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
