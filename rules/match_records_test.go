package rules_test

import (
	"testing"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
)

func TestMatchFingerprintIgnoresCosmeticChanges(t *testing.T) {
	base := models.Customer{ID: 7, Name: "Baumarkt Keller GmbH", TaxID: "DE811907980", Email: "einkauf@keller-bau.de", Phone: "089 1234567", Country: "DE"}
	addr := &models.Address{Street: "Hauptstraße 5", Postcode: "80331", City: "München", Country: "DE"}
	fp := func(c models.Customer, a *models.Address) string {
		e := match.PrepareCustomer(rules.CustomerMatchRecord(c, a))
		return rules.MatchFingerprint(&e)
	}
	want := fp(base, addr)
	for _, tt := range []struct {
		name   string
		change func(c *models.Customer, a *models.Address)
		same   bool
	}{
		{"capitals and the legal form written otherwise", func(c *models.Customer, _ *models.Address) { c.Name = "BAUMARKT KELLER G.m.b.H." }, true},
		{"VAT id with spaces", func(c *models.Customer, _ *models.Address) { c.TaxID = "DE 811 907 980" }, true},
		{"street abbreviated", func(_ *models.Customer, a *models.Address) { a.Street = "Hauptstr. 5" }, true},
		{"a field the matcher does not read", func(c *models.Customer, _ *models.Address) { c.PaymentTerms = "30 days" }, true},
		{"another mailbox", func(c *models.Customer, _ *models.Address) { c.Email = "verkauf@keller-bau.de" }, false},
		{"moved", func(_ *models.Customer, a *models.Address) { a.Postcode, a.Street = "80333", "Ludwigstraße 1" }, false},
		{"another name", func(c *models.Customer, _ *models.Address) { c.Name = "Keller Baustoffe" }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, a := base, *addr
			tt.change(&c, &a)
			if got := fp(c, &a); (got == want) != tt.same {
				t.Errorf("fingerprint same = %v, want %v", got == want, tt.same)
			}
		})
	}
	p := models.Product{ID: 1, SKU: "BO-GSR12", Name: "Bosch GSR 12V-15", Brand: "Bosch", Barcode: "4006381333931"}
	e1 := match.PrepareProduct(rules.ProductMatchRecord(p))
	p.Brand, p.Barcode = "BOSCH", "4006381 333931"
	e2 := match.PrepareProduct(rules.ProductMatchRecord(p))
	if rules.MatchFingerprint(&e1) != rules.MatchFingerprint(&e2) {
		t.Error("product fingerprint moved with the brand's capitals and a space in the GTIN")
	}
}
