package match

import (
	"math"
	"testing"
)

// simCase is a pair and its expected similarity, to two decimals; Missing for none.
type simCase struct {
	a, b string
	want Sim
}

func runSim(t *testing.T, name string, f func(a, b string) Sim, cases []simCase) {
	t.Helper()
	for _, c := range cases {
		got := f(c.a, c.b)
		if math.Abs(float64(got-c.want)) > 0.005 {
			t.Errorf("%s(%q, %q) = %.4f, want %.2f", name, c.a, c.b, got, c.want)
		}
		if back := f(c.b, c.a); math.Abs(float64(back-got)) > 1e-9 {
			t.Errorf("%s is not symmetric on %q, %q: %.4f and %.4f", name, c.a, c.b, got, back)
		}
	}
}

func TestJaroWinkler(t *testing.T) {
	runSim(t, "JaroWinkler", JaroWinkler, []simCase{
		// the textbook values (Winkler 1990)
		{"martha", "marhta", 0.96},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.81},
		{"baumarkt keller", "baumarkt keler", 0.99},
		{"keller", "keller", 1},
		{"abc", "xyz", 0},
		// non-ASCII compares by character, not byte
		{"müller", "muller", 0.90},
		{"société", "societe", 0.89},
		{"straße", "strasse", 0.91},
		{"", "keller", Missing},
		{"keller", "", Missing},
	})
	long := "a very long company name that goes on and on for more than sixty-four characters"
	if s := JaroWinkler(long, long+" gmbh"); s < 0.95 {
		t.Errorf("long names: %.3f", s)
	}
}

func TestTokenSet(t *testing.T) {
	runSim(t, "TokenSet", TokenSet, []simCase{
		{"keller baumarkt", "baumarkt keller", 1},
		{"keller baumarkt", "keller baumarkt filiale ulm", 0.67},
		{"anna schmidt", "peter schmidt", 0.5},
		{"keller keller baumarkt", "baumarkt keller", 1}, // a repeated word counts once
		{"kel", "keller", 0},                             // whole words only
		{"a b", "c d", 0},
		{"", "a", Missing},
	})
}

func TestTrigram(t *testing.T) {
	runSim(t, "Trigram", Trigram, []simCase{
		{"keller", "keller", 1},
		{"keller", "keler", 0.73},
		{"keller baumarkt", "baumarkt keller", 0.93},
		{"abc", "xyz", 0},
		{"", "abc", Missing},
	})
}

func TestExactIDAndNumericCloseness(t *testing.T) {
	runSim(t, "ExactID", ExactID, []simCase{
		{"DE811907980", "DE811907980", 1},
		{"DE811907980", "DE811907981", 0},
		{"", "DE811907980", Missing},
	})
	for _, c := range []struct {
		a, b float64
		want Sim
	}{
		{10, 10, 1},
		{10, 10.5, Sim(1 - 0.5/10.5)},
		{10.5, 10, Sim(1 - 0.5/10.5)},
		{100, 50, 0.5},
		{0, 0, 1},
		{10, -10, 0},
		{math.NaN(), 10, Missing},
	} {
		if got := NumericCloseness(c.a, c.b); math.Abs(float64(got-c.want)) > 1e-9 {
			t.Errorf("NumericCloseness(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if !Missing.IsMissing() || Sim(0).IsMissing() {
		t.Error("IsMissing")
	}
}

func TestEditsApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		one  bool
		dist int
	}{
		{"keller", "keller", false, 0},
		{"keller", "keler", true, 1},     // deleted
		{"keller", "kelller", true, 1},   // inserted
		{"keller", "kelner", true, 1},    // replaced
		{"jones", "jnoes", true, 1},      // swapped
		{"salillo", "slpillo", false, 2}, // two typos
		{"peter", "petra", false, 2},
		{"anna", "luigi", false, 3}, // beyond the limit of 2
		{"", "a", true, 1},
	} {
		if got := oneEditApart(c.a, c.b); got != c.one {
			t.Errorf("oneEditApart(%q, %q) = %v", c.a, c.b, got)
		}
		if got := editDistance(c.a, c.b, 2); got != c.dist {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.dist)
		}
	}
}

func TestNameOutcome(t *testing.T) {
	for _, c := range []struct {
		a, b, want string
	}{
		{"Baumarkt Keller GmbH", "BAUMARKT KELLER G.m.b.H.", "exact"},
		{"Acme International Ltd", "Acme Intl.", "exact"},
		{"Keller Baumarkt", "Baumarkt Keller", "same words reordered"}, // transposed words
		{"Schmidt, Anna", "Anna Schmidt", "same words reordered"},
		{"Baumarkt Keller", "Baumarkt Keler", "close"},
		{"Müller Elektro", "Mueller Elektro", "close"}, // an umlaut written out
		{"Société Générale", "Societe Generale", "exact"},
		{"Weiß Haustechnik", "Weiss Haustechnik", "exact"},
		{"Schmidt Sandberger", "SchmidtSandberger", "close"}, // a lost space
		{"Salillo Brothers", "Slpillo Brothers", "close"},    // two typos in a long word
		{"Jan de Vries", "Jna de Vries", "close but for a short word"},
		{"Keller Baumarkt", "Keller Baumarkt Filiale Ulm", "extra words"}, // a branch
		{"Roselbrio Druckerei", "Roselbriou Durckerei", "close"},
		{"Anna Schmidt", "Peter Schmidt", "some words differ"}, // family at one address
		{"Peter Schmidt", "Petra Schmidt", "spelt alike"},      // two typos apart, but short: two people
		{"Materiales Hernández", "aMtriales Hernández", "close but for two typos"},
		{"Karen Barwell", "KarenBrawel", "close but for two typos"}, // a lost space and two typos
		{"Helutek Elektrotechnik e.U.", "Helutek Elektrotechnik", "exact"},
		{"Lindlund Intl. Aktiebolag", "Lindlund International AB", "exact"},
		{"Keller Baumarkt", "Keller Elektro", "some words differ"},
		{"Keller Baumarkt", "Norvatek Systems", "different"},
		{"", "Keller", "missing"},
	} {
		a, b := PrepareCustomer(Customer{Name: c.a}), PrepareCustomer(Customer{Name: c.b})
		o := customerSchema.fields[0].compare(&a, &b)
		got := "missing"
		if o.level >= 0 {
			got = nameLevels[o.level]
		}
		if got != c.want {
			t.Errorf("%q vs %q: %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

func TestOtherCustomerFields(t *testing.T) {
	type fields struct{ email, phone, site, tax string }
	level := func(i int, a, b Customer) string {
		x, y := PrepareCustomer(a), PrepareCustomer(b)
		f := customerSchema.fields[i]
		if o := f.compare(&x, &y); o.level >= 0 {
			return f.levels[o.level]
		}
		return "missing"
	}
	const tax, email, site = 2, 3, 4
	keller := Customer{Email: "anna.keller@keller.de", Phone: "030 1234567", TaxID: "DE811907980", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"}
	for _, c := range []struct {
		what  string
		field int
		b     Customer
		want  string
	}{
		{"VAT id spelt otherwise", tax, Customer{TaxID: "811 907 980", Country: "DE"}, "exact"},
		{"VAT id without prefix or country", tax, Customer{TaxID: "811907980"}, "exact"},
		{"VAT id with a typo", tax, Customer{TaxID: "DE811907981"}, "one typo"},
		{"another VAT id", tax, Customer{TaxID: "DE123456789"}, "different"},
		{"same person's mailbox", email, Customer{Email: "Anna.Keller@KELLER.de"}, "exact, personal mailbox"},
		{"colleague at the company", email, Customer{Email: "einkauf@keller.de"}, "same company domain"},
		{"mailbox with a typo", email, Customer{Email: "anna.keler@keller.de"}, "one typo"},
		{"numbered mailboxes", email, Customer{Email: "anna.keller2@keller.de"}, "one typo"},
		{"same phone and address", site, Customer{Phone: "+49 30 1234567", Street: "Hauptstr. 5", Postcode: "10115", City: "Berlin"}, "same phone and address"},
		{"moved, kept the number", site, Customer{Phone: "+49 30 1234567", Street: "Lindenallee 2", Postcode: "80331", City: "München"}, "same phone, other address"},
		{"family with its own mobile", site, Customer{Phone: "0170 5555555", Street: "Hauptstr. 5", Postcode: "10115", City: "Berlin", Country: "DE"}, "same address, other phone"},
		{"next door", site, Customer{Street: "Hauptstraße 7", Postcode: "10115", City: "Berlin"}, "same place, other street"},
		{"elsewhere", site, Customer{Phone: "089 7654321", Street: "Lindenallee 2", Postcode: "80331", City: "München", Country: "DE"}, "other place and phone"},
		{"nothing to compare", site, Customer{}, "missing"},
	} {
		if got := level(c.field, keller, c.b); got != c.want {
			t.Errorf("%s: %s, want %s", c.what, got, c.want)
		}
	}
	// Shared mailboxes of a company say less than a person's own.
	a := Customer{Email: "info@keller.de"}
	if got := level(email, a, a); got != "exact, shared mailbox" {
		t.Errorf("info@ twice: %s", got)
	}
	// Consumer domains are no company: two people at gmail.com share nothing.
	if got := level(email, Customer{Email: "anna@gmail.com"}, Customer{Email: "peter@gmail.com"}); got != "different" {
		t.Errorf("two gmail users: %s", got)
	}
	if got := level(email, Customer{Email: "anna.k86@gmail.com"}, Customer{Email: "anna.k26@gmail.com"}); got != "different" {
		t.Errorf("numbered gmail users: %s", got)
	}
}

func TestProductFields(t *testing.T) {
	level := func(name string, a, b Product) string {
		x, y := PrepareProduct(a), PrepareProduct(b)
		for _, f := range productSchema.fields {
			if f.name == name {
				if o := f.compare(&x, &y); o.level >= 0 {
					return f.levels[o.level]
				}
				return "missing"
			}
		}
		t.Fatalf("no field %s", name)
		return ""
	}
	for _, c := range []struct {
		field string
		a, b  Product
		want  string
	}{
		{"gtin", Product{GTIN: "4006381333931"}, Product{GTIN: "04006381333931"}, "exact"},
		{"gtin", Product{GTIN: "4006381333931"}, Product{GTIN: "5901234123457"}, "different"},
		{"gtin", Product{GTIN: "4006381333931"}, Product{GTIN: "4006381333932"}, "missing"}, // a wrong check digit proves nothing
		{"mpn", Product{MPN: "GSR 12V-15"}, Product{MPN: "gsr12v15"}, "exact"},
		{"mpn", Product{MPN: "GSR 12V-15"}, Product{MPN: "GSR 12V-18"}, "one typo"},
		{"brand", Product{Brand: "Bosch"}, Product{Brand: "BOSCH"}, "exact"},
		{"brand", Product{Brand: "Bosch"}, Product{Brand: "Bosch Professional"}, "close"},
		{"brand", Product{Brand: "Bosch"}, Product{Brand: "Makita"}, "different"},
		{"name", Product{Name: "Kabelbinder 200x4,8mm schwarz", Brand: "Fischer"}, Product{Name: "Fischer Kabelbinder 200 x 4.8 mm schwarz", Brand: "fischer"}, "exact"},
		{"name", Product{Name: "Kabelbinder 200x4,8mm schwarz"}, Product{Name: "Kabelbinder schwarz 200 x 4.8 mm"}, "close"},
		{"numbers", Product{Name: "Kabelbinder 200x4,8mm"}, Product{Name: "Kabelbinder 300x4,8mm"}, "different"},
		{"numbers", Product{Name: "Winkelschleifer 230 mm 2200W"}, Product{Name: "Winkelschleifer 230mm"}, "one name has more"},
		{"numbers", Product{Name: "Winkelschleifer 230 mm 2200W"}, Product{Name: "Winkelschleifer 125mm 2200W"}, "different"},
		{"uom", Product{UoM: "pcs"}, Product{UoM: "Stück"}, "same"},
		{"price", Product{Price: "12,50"}, Product{Price: "12.50"}, "within 0.5%"},
		{"price", Product{Price: "12.50"}, Product{Price: "12.90"}, "within 5%"},
		{"price", Product{Price: "12.50"}, Product{Price: "13.50"}, "within 15%"}, // each channel's own markup
		{"price", Product{Price: "10"}, Product{Price: "13"}, "within 30%"},
		{"price", Product{Price: "10"}, Product{Price: "20"}, "different"},
		{"price", Product{Price: "10"}, Product{}, "missing"},
	} {
		if got := level(c.field, c.a, c.b); got != c.want {
			t.Errorf("%s of %+v vs %+v: %s, want %s", c.field, c.a, c.b, got, c.want)
		}
	}
}
