package match

import "testing"

// trickyCustomers are realistic hard pairs with the band the default model must give.
var trickyCustomers = []struct {
	name string
	a, b Customer
	want []Band // any of these
}{
	{"family members at one address share street and landline, not identity",
		Customer{Name: "Anna Schmidt", Phone: "030 1234567", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Peter Schmidt", Phone: "+49 30 1234567", Street: "Hauptstr. 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		[]Band{BandNew}},
	{"family members with their own mailboxes",
		Customer{Name: "Schmidt, Anna", Email: "anna.schmidt@gmx.de", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Lukas Schmidt", Email: "lukas.schmidt@web.de", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		[]Band{BandNew}},
	{"a branch office shares the company's mail domain and VAT id, not its address",
		Customer{Name: "Keller Baumarkt GmbH", Email: "info@keller-baumarkt.de", TaxID: "DE811907980", Phone: "089 1234567", Street: "Lindwurmstraße 10", Postcode: "80337", City: "München", Country: "DE"},
		Customer{Name: "Keller Baumarkt GmbH Filiale Ulm", Email: "ulm@keller-baumarkt.de", TaxID: "DE 811 907 980", Phone: "0731 7654321", Street: "Olgastraße 3", Postcode: "89073", City: "Ulm", Country: "DE"},
		[]Band{BandNew, BandReview}},
	{"moved: new address, same person's mailbox and mobile",
		Customer{Name: "Anna Schmidt", Email: "anna.schmidt77@gmx.de", Phone: "0170 1234567", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Anna Schmidt", Email: "Anna.Schmidt77@gmx.de", Phone: "+49 170 1234567", Street: "Lindenallee 2", Postcode: "80331", City: "München", Country: "DE"},
		[]Band{BandMatch}},
	{"moved with nothing else in common: a person decides",
		Customer{Name: "Keller Baumarkt GmbH", Email: "info@keller-baumarkt.de", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Keller Baumarkt GmbH", Email: "info@keller-baumarkt.de", Street: "Lindenallee 2", Postcode: "80331", City: "München", Country: "DE"},
		[]Band{BandReview, BandMatch}},
	{"transposed words",
		Customer{Name: "Keller Baumarkt GmbH", Phone: "030 1234567", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Baumarkt Keller G.m.b.H.", Phone: "030/1234567", Street: "Hauptstr. 5", Postcode: "10115", City: "Berlin", Country: "Deutschland"},
		[]Band{BandMatch}},
	{"abbreviations and legal forms",
		Customer{Name: "Acme International Ltd", Email: "sales@acme-intl.co.uk", Street: "12 High Street", Postcode: "SW1A 1AA", City: "London", Country: "GB"},
		Customer{Name: "ACME Intl. Limited", Email: "sales@acme-intl.co.uk", Street: "12 High St", Postcode: "sw1a1aa", City: "London", Country: "UK"},
		[]Band{BandMatch}},
	{"umlauts written out, Straße and Strasse",
		Customer{Name: "Müller & Söhne GmbH", Phone: "089 7654321", Street: "Mühlenstraße 12", Postcode: "80331", City: "München", Country: "DE"},
		Customer{Name: "Mueller und Soehne GmbH", Phone: "+49 89 7654321", Street: "Muehlenstrasse 12", Postcode: "80331", City: "Muenchen", Country: "DE"},
		[]Band{BandMatch}},
	{"accents dropped by a French channel",
		Customer{Name: "Société Générale de Matériaux SARL", TaxID: "FR40303265045", Street: "8 rue de la Paix", Postcode: "75002", City: "Paris", Country: "FR"},
		Customer{Name: "SOCIETE GENERALE DE MATERIAUX", TaxID: "FR 40 303265045", Street: "8 r. de la Paix", Postcode: "75002", City: "PARIS", Country: "FR"},
		[]Band{BandMatch}},
	{"namesakes in two towns",
		Customer{Name: "Thomas Müller", Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"},
		Customer{Name: "Thomas Müller", Street: "Marktplatz 1", Postcode: "93047", City: "Regensburg", Country: "DE"},
		[]Band{BandNew}},
}

func TestTrickyCustomerPairs(t *testing.T) {
	m := DefaultModel(Customers)
	th := DefaultThresholds(Customers)
	for _, c := range trickyCustomers {
		a, b := PrepareCustomer(c.a), PrepareCustomer(c.b)
		e := m.Explain(&a, &b)
		got := th.Band(e.Score)
		ok := false
		for _, w := range c.want {
			ok = ok || got == w
		}
		if !ok {
			t.Errorf("%s: %s, want %v\n%s", c.name, got, c.want, e)
		}
		// Scoring is symmetric: the order of a pair changes nothing.
		if back := m.Score(Compare(&b, &a)); back != e.Score {
			t.Errorf("%s: %.6f one way, %.6f the other", c.name, e.Score, back)
		}
	}
}

func TestTrickyProductPairs(t *testing.T) {
	m := DefaultModel(Products)
	th := DefaultThresholds(Products)
	for _, c := range []struct {
		name string
		a, b Product
		want Band
	}{
		{"same GTIN, written as EAN and GTIN-14",
			Product{Name: "Bosch GSR 12V-15 Akku-Bohrschrauber", Brand: "Bosch", GTIN: "3165140512343", MPN: "06019H3000", Price: "129,00", UoM: "Stück"},
			Product{Name: "Akku-Bohrschrauber GSR 12V-15 2x2,0Ah", Brand: "Bosch Professional", GTIN: "03165140512343", MPN: "06019H3000", Price: "124.90", UoM: "EA"},
			BandMatch},
		{"same model number and words, no GTIN",
			Product{Name: "Fischer Universaldübel UX 6x35", Brand: "fischer", MPN: "UX-6-35", Price: "9,95", UoM: "PK"},
			Product{Name: "Universaldübel UX 6 x 35 Fischer", Brand: "FISCHER", MPN: "ux635", Price: "9.99", UoM: "Pack"},
			BandMatch},
		{"variants of one line differ in size, model number and GTIN",
			Product{Name: "Kabelbinder 200x4,8mm schwarz", Brand: "HellermannTyton", MPN: "T50R-200", GTIN: "5024678123453", Price: "8,90", UoM: "PK"},
			Product{Name: "Kabelbinder 300x4,8mm schwarz", Brand: "HellermannTyton", MPN: "T50R-300", GTIN: "5024678123460", Price: "9,90", UoM: "PK"},
			BandNew},
	} {
		a, b := PrepareProduct(c.a), PrepareProduct(c.b)
		e := m.Explain(&a, &b)
		if got := th.Band(e.Score); got != c.want {
			t.Errorf("%s: %s, want %s\n%s", c.name, got, c.want, e)
		}
	}
}
