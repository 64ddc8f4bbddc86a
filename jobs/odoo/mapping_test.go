package odoo

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"steward/jobs/odoo/odootest"
	"steward/models"
)

// rec decodes a record the way the client does (numbers as json.Number).
func rec(t *testing.T, s string) Record {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var r Record
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return r
}

func fptr(f float64) *float64 { return &f }

func TestMapProduct(t *testing.T) {
	taxes := &Lookups{TaxNames: map[int64]string{1: "21%", 2: "0% EU"}}
	cases := []struct {
		name string
		in   string
		lk   *Lookups
		want models.Product
		tmpl int64
	}{
		{"recorded odoo16 product", `{"id": 5, "default_code": "FURN_7777", "name": "Office Chair", "list_price": 70.0, "standard_price": 55.0,
			"barcode": false, "weight": 0.01, "uom_id": [1, "Units"], "categ_id": [8, "All / Saleable / Office Furniture"], "active": true,
			"write_date": "2026-11-27 02:36:23"}`, nil,
			models.Product{SKU: "FURN_7777", Name: "Office Chair", ListPrice: 700000, Cost: 550000, WeightKg: fptr(0.01), UoM: "Units",
				Category: "All / Saleable / Office Furniture", Active: true}, 0},
		{"empties as false and empty strings", `{"id": 1, "default_code": false, "name": "Restaurant Expenses", "description_sale": false,
			"barcode": "", "hs_code": false, "weight": 0.0, "taxes_id": [], "categ_id": false, "uom_id": false, "currency_id": false,
			"list_price": 14.0, "standard_price": 8.0, "active": true, "product_tmpl_id": [1, "Restaurant Expenses"]}`, nil,
			models.Product{Name: "Restaurant Expenses", ListPrice: 140000, Cost: 80000, Active: true}, 1},
		{"lst_price wins, exact money, taxes by name", `{"id": 9, "default_code": " SKU-9 ", "name": "Cable Tie", "list_price": 10.0,
			"lst_price": 0.30000000000000004, "standard_price": 0.0125, "taxes_id": [2, 1], "hs_code": "3926.90", "currency_id": [2, "USD"],
			"description_sale": "Nylon, 300 mm", "active": false, "type": "consu", "product_tmpl_id": [7, "[SKU-9] Cable Tie"]}`, taxes,
			models.Product{SKU: "SKU-9", Name: "Cable Tie", Description: "Nylon, 300 mm", ListPrice: 3000, Cost: 125, HSCode: "3926.90",
				TaxClass: "0% EU + 21%", Currency: "USD"}, 7},
		{"unknown taxes and sub-cent rounding", `{"id": 10, "name": "Washer", "list_price": 0.00005, "standard_price": 1e-05, "taxes_id": [3]}`, nil,
			models.Product{Name: "Washer", ListPrice: 1, Cost: 0, TaxClass: "tax #3"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MapProduct(rec(t, tc.in), tc.lk)
			if err != nil {
				t.Fatal(err)
			}
			g, w := got.Product, tc.want
			if (g.WeightKg == nil) != (w.WeightKg == nil) || (g.WeightKg != nil && *g.WeightKg != *w.WeightKg) {
				t.Errorf("weight %v, want %v", g.WeightKg, w.WeightKg)
			}
			g.WeightKg, w.WeightKg = nil, nil
			if g != w {
				t.Errorf("got  %+v\nwant %+v", g, w)
			}
			if got.TemplateID != tc.tmpl || got.ExternalID == "" || got.Model != "product.product" {
				t.Errorf("source %+v template %d", got.Source, got.TemplateID)
			}
		})
	}
	r, _ := MapProduct(rec(t, cases[0].in), nil)
	if r.ExternalID != "5" || !r.WriteDate.Equal(time.Date(2026, 11, 27, 2, 36, 23, 0, time.UTC)) || r.CategoryID != 8 || r.UoMID != 1 {
		t.Errorf("source and references: %+v", r)
	}
	if _, err := MapProduct(rec(t, `{"id": 2, "name": "x", "list_price": 1e300}`), nil); err == nil {
		t.Error("a price beyond Money's range must fail, not wrap")
	}
	if _, err := MapProduct(rec(t, `{"name": "no id"}`), nil); err == nil {
		t.Error("a record without id must fail")
	}
}

func TestMapPartners(t *testing.T) {
	lk := &Lookups{CountryCodes: map[int64]string{233: "US", 21: "BE"}, DeliveryAddress: map[int64]int64{14: 40}}
	company := `{"id": 14, "name": "Azure Interior", "is_company": true, "type": "contact", "parent_id": false, "vat": "BE0477472701",
		"email": "info@azure.example", "phone": false, "mobile": "+32 470 12 34 56", "website": "", "country_id": [21, "Belgium"],
		"country_code": "BE", "property_payment_term_id": [3, "30 Days"], "property_product_pricelist": [2, "Wholesale (EUR)"],
		"credit_limit": 5000.0, "active": true, "write_date": "2026-11-27 02:36:31"}`
	c, err := MapCustomer(rec(t, company), lk)
	if err != nil {
		t.Fatal(err)
	}
	want := models.Customer{Name: "Azure Interior", TaxID: "BE0477472701", Email: "info@azure.example", Phone: "+32 470 12 34 56",
		PaymentTerms: "30 Days", CreditLimit: 50000000, Currency: "EUR", Country: "BE", Active: true}
	if c.Customer != want || c.ExternalID != "14" || c.PricelistID != 2 || c.PaymentTermID != 3 || c.CountryID != 21 || !c.IsCompany {
		t.Errorf("company:\n got %+v %+v\nwant %+v", c.Customer, c.Source, want)
	}

	// Odoo 16 demo partner shape, without country_code: the country comes from the lookup.
	person := `{"id": 3, "name": "Mitchell Admin", "email": "admin@yourcompany.example.com", "vat": false, "phone": "+1 555-555-5555",
		"street": "215 Vine St", "city": "Scranton", "zip": "18503", "country_id": [233, "United States"], "is_company": false,
		"parent_id": false, "write_date": "2026-11-27 02:36:11", "active": true}`
	if RoleOf(rec(t, person)) != RoleCustomer {
		t.Error("a person without a parent is a customer")
	}
	p, _ := MapCustomer(rec(t, person), lk)
	if p.Customer.Country != "US" || p.Customer.TaxID != "" || p.Customer.CreditLimit != 0 || p.IsCompany {
		t.Errorf("person: %+v", p.Customer)
	}
	if p, _ := MapCustomer(rec(t, person), nil); p.Customer.Country != "" {
		t.Errorf("no lookups, no country_code: country must stay empty, got %q", p.Customer.Country)
	}
	branch, _ := MapCustomer(rec(t, `{"id": 20, "name": "Azure Ghent", "is_company": true, "parent_id": [14, "Azure Interior"], "active": true}`), nil)
	if branch.ParentID != 14 || branch.Customer.ParentID != nil {
		t.Errorf("branch: %+v", branch)
	}

	children := []string{
		`{"id": 26, "name": "Brandon Freeman", "type": "contact", "is_company": false, "parent_id": [14, "Azure Interior"], "function": "Buyer",
			"email": "brandon.freeman55@example.com", "phone": "(355)-687-3262", "active": true}`,
		`{"id": 39, "name": false, "type": "invoice", "is_company": false, "parent_id": [14, "Azure Interior"], "street": "Rue de la Loi 16",
			"street2": false, "city": "Bruxelles", "zip": "1000", "state_id": false, "country_id": [21, "Belgium"], "active": true}`,
		`{"id": 40, "name": "Warehouse", "type": "delivery", "parent_id": [14, "Azure Interior"], "city": "Gent", "state_id": [5, "Oost-Vlaanderen"],
			"country_id": [21, "Belgium"], "country_code": "BE", "active": true}`,
		`{"id": 41, "name": "Site Antwerp", "type": "other", "parent_id": [14, "Azure Interior"], "city": "Antwerpen", "active": false}`,
		`{"id": 42, "name": "Home", "type": "private", "parent_id": [14, "Azure Interior"]}`,
	}
	recs := []Record{rec(t, company)}
	for _, s := range children {
		recs = append(recs, rec(t, s))
	}
	b, err := MapPartners(recs, lk)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Customers) != 1 || len(b.Contacts) != 1 || len(b.Addresses) != 3 || len(b.Skipped) != 1 || b.Skipped[0].ID != 42 {
		t.Fatalf("batch: %d customers %d contacts %d addresses %d skipped", len(b.Customers), len(b.Contacts), len(b.Addresses), len(b.Skipped))
	}
	ct := b.Contacts[0]
	if ct.CustomerID != 14 || ct.Contact != (models.Contact{Name: "Brandon Freeman", JobTitle: "Buyer", Email: "brandon.freeman55@example.com", Phone: "(355)-687-3262"}) || !ct.Active {
		t.Errorf("contact: %+v", ct)
	}
	inv, del, other := b.Addresses[0], b.Addresses[1], b.Addresses[2]
	if inv.Address != (models.Address{Kind: models.AddressBilling, Street: "Rue de la Loi 16", City: "Bruxelles", Postcode: "1000", Country: "BE"}) || inv.CustomerID != 14 {
		t.Errorf("invoice address: %+v", inv.Address)
	}
	if del.Address.Kind != models.AddressDelivery || del.Address.Label != "Warehouse" || del.Address.State != "Oost-Vlaanderen" || del.Address.Country != "BE" {
		t.Errorf("delivery address: %+v", del.Address)
	}
	if other.Address.Kind != models.AddressShipTo || other.DeliveryAddressID != 40 || other.Active || other.Address.Country != "" {
		t.Errorf("other address: %+v", other)
	}
	if a, _ := MapAddress(rec(t, children[3]), nil); a.DeliveryAddressID != 0 || a.Address.Kind != models.AddressShipTo {
		t.Errorf("ship-to without a known delivery address: %+v", a)
	}
}

func TestMapPriceRule(t *testing.T) {
	recorded := `{"id": 1, "pricelist_id": [1, "Public Pricelist (USD)"], "applied_on": "0_product_variant", "product_tmpl_id": false,
		"product_id": [17, "[E-COM07] Large Cabinet"], "categ_id": false, "min_quantity": 10.0, "compute_price": "fixed", "fixed_price": 250.0,
		"percent_price": 0.0, "base": "list_price", "price_discount": 0.0, "price_surcharge": 0.0, "date_start": false, "date_end": false,
		"currency_id": [2, "USD"], "write_date": "2026-11-27 02:37:34"}`
	r, err := MapPriceRule(rec(t, recorded))
	if err != nil {
		t.Fatal(err)
	}
	if r.PricelistID != 1 || r.ProductID != 17 || r.TemplateID != 0 || r.Currency != "USD" || r.AppliedOn != "0_product_variant" || !r.Active ||
		r.Rule.Price != 2500000 || r.Rule.MinQuantity != 10 || r.Rule.ValidFrom != nil || r.Rule.ValidTo != nil || r.Rule.CustomerID != nil || r.ExternalID != "1" {
		t.Errorf("recorded rule: %+v", r)
	}
	dated, _ := MapPriceRule(rec(t, `{"id": 2, "pricelist_id": [3, "Key Accounts (EUR)"], "applied_on": "1_product", "product_tmpl_id": [7, "Cable Tie"],
		"product_id": false, "compute_price": "fixed", "fixed_price": 0.0125, "min_quantity": 0.0, "date_start": "2026-01-01 00:00:00",
		"date_end": "2026-03-31 22:59:59", "active": false}`))
	if dated.TemplateID != 7 || dated.Rule.Price != 125 || dated.Active || dated.Rule.ValidFrom == nil ||
		!dated.Rule.ValidFrom.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) || !dated.Rule.ValidTo.Equal(time.Date(2026, 3, 31, 22, 59, 59, 0, time.UTC)) {
		t.Errorf("dated rule: %+v %v %v", dated, dated.Rule.ValidFrom, dated.Rule.ValidTo)
	}
	pct, _ := MapPriceRule(rec(t, `{"id": 3, "pricelist_id": [1, "P"], "applied_on": "2_product_category", "categ_id": [4, "All / Fasteners"],
		"compute_price": "percentage", "percent_price": 12.5, "fixed_price": 99.0}`))
	if pct.Rule.Price != 0 || pct.PercentPrice != 12.5 || pct.CategoryID != 4 || pct.ComputePrice != "percentage" {
		t.Errorf("percentage rule: %+v", pct)
	}
	pl, err := MapPriceList(rec(t, `{"id": 1, "name": "Public Pricelist", "currency_id": [2, "USD"], "active": true}`))
	if err != nil || pl.PriceList != (models.PriceList{Name: "Public Pricelist", Currency: "USD", Active: true}) {
		t.Errorf("pricelist: %+v %v", pl, err)
	}
}

func TestMapInventory(t *testing.T) {
	q, err := MapInventory(rec(t, `{"id": 3, "product_id": [17, "[E-COM07] Large Cabinet"], "location_id": [8, "WH/Stock"], "quantity": 350.0,
		"reserved_quantity": 80.0, "lot_id": false, "company_id": [1, "My Company (San Francisco)"], "write_date": "2026-11-27 02:36:11"}`))
	if err != nil {
		t.Fatal(err)
	}
	if q.ProductID != 17 || q.LocationID != 8 || q.LocationName != "WH/Stock" || q.LotID != 0 || q.Level.OnHand != 350 || q.Level.Reserved != 80 || q.ExternalID != "3" {
		t.Errorf("quant: %+v", q)
	}
}

func TestRecordShapes(t *testing.T) {
	r := rec(t, `{"id": 7, "m2o": [3, "Name"], "bare": 4, "none": false, "empty": "", "ids": [5, 6], "date": "2026-03-31",
		"dt": "2026-11-27 03:40:05", "f": 14.0, "n": 3, "b": true, "nul": null}`)
	if id, name := r.Many2One("m2o"); id != 3 || name != "Name" {
		t.Errorf("m2o %d %q", id, name)
	}
	if id, _ := r.Many2One("bare"); id != 4 || r.Int("m2o") != 3 || r.String("m2o") != "Name" {
		t.Error("bare id / m2o as int and string")
	}
	if id, name := r.Many2One("none"); id != 0 || name != "" || r.String("none") != "" || r.String("empty") != "" || r.String("nul") != "" || r.String("missing") != "" {
		t.Error("false, empty string, null and missing read as empty")
	}
	if got := r.IDs("ids"); len(got) != 2 || got[1] != 6 || len(r.IDs("none")) != 0 {
		t.Errorf("ids %v", got)
	}
	if d, ok := r.Time("date"); !ok || !d.Equal(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v", d)
	}
	if d, ok := r.Time("dt"); !ok || d.Location() != time.UTC || d.Second() != 5 {
		t.Errorf("datetime %v", d)
	}
	if _, ok := r.Time("none"); ok {
		t.Error("false is no time")
	}
	if r.Float("f") != 14 || r.Int("n") != 3 || !r.Bool("b") || r.Bool("none") || !r.Has("none") || r.Has("missing") || r.ID() != 7 {
		t.Error("scalars")
	}
}

func TestMoneyFromFloat(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want models.Money
	}{
		{14.0, 140000}, {30.75, 307500}, {0.1 + 0.2, 3000}, {0.0125, 125}, {19.99, 199900}, {1234567.8901, 12345678901},
		{0.00005, 1}, {0.00004999, 0}, {1e-05, 0}, {-2.5, -25000}, {-0.00005, -1}, {-0.00004, 0}, {9.99995, 100000}, {0, 0},
		{922337203685475.5, 9223372036854755000},
	} {
		got, err := MoneyFromFloat(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("MoneyFromFloat(%v) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []float64{1e300, 1e16, 922337203685477.5807, -922337203685477} {
		if _, err := MoneyFromFloat(bad); err == nil {
			t.Errorf("%v should not fit", bad)
		}
	}
}

// TestMapSeededData maps everything the generator makes, as a pull job would: every record
// maps, and the roles add up to what was created.
func TestMapSeededData(t *testing.T) {
	s := newServer(t, odootest.Options{Version: "17.0"})
	st := s.SeedWith(odootest.SeedOptions{Products: 300, Customers: 200})
	c := clientFor(s, ProtocolJSONRPC)
	lk := &Lookups{}
	var err error
	if lk.CountryCodes, err = c.CountryCodes(bg); err != nil {
		t.Fatal(err)
	}
	if lk.TaxNames, err = c.TaxNames(bg); err != nil {
		t.Fatal(err)
	}
	products, archived := 0, 0
	if _, err := c.PullProducts(bg, nil, Cursor{}, PullOptions{PageSize: 100}, func(recs []Record) error {
		for _, r := range recs {
			p, err := MapProduct(r, lk)
			if err != nil {
				return err
			}
			if p.Product.SKU == "" || p.Product.Name == "" || p.Product.TaxClass == "" || p.Product.ListPrice <= 0 {
				t.Errorf("thin product: %+v", p.Product)
			}
			if !p.Product.Active {
				archived++
			}
			products++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if products != st.Products || archived == 0 {
		t.Errorf("products %d (archived %d), seeded %d", products, archived, st.Products)
	}
	var batch PartnerBatch
	if _, err := c.Pull(bg, "res.partner", nil, Cursor{}, PullOptions{PageSize: 150}, func(recs []Record) error {
		var parents []int64
		for _, r := range recs {
			if p, _ := r.Many2One("parent_id"); p != 0 {
				parents = append(parents, p)
			}
		}
		if lk.DeliveryAddress, err = c.DeliveryAddresses(bg, parents); err != nil {
			return err
		}
		b, err := MapPartners(recs, lk)
		batch.Customers = append(batch.Customers, b.Customers...)
		batch.Contacts = append(batch.Contacts, b.Contacts...)
		batch.Addresses = append(batch.Addresses, b.Addresses...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(batch.Customers) != st.Customers || len(batch.Contacts) != st.Contacts || len(batch.Addresses) != st.Addresses {
		t.Errorf("partners: %d/%d/%d, seeded %d/%d/%d", len(batch.Customers), len(batch.Contacts), len(batch.Addresses), st.Customers, st.Contacts, st.Addresses)
	}
	shipTo := 0
	for _, a := range batch.Addresses {
		if a.Address.Kind == models.AddressShipTo && a.DeliveryAddressID != 0 {
			shipTo++
		}
	}
	for _, cu := range batch.Customers {
		if cu.Customer.Country == "" || cu.PricelistID == 0 {
			t.Errorf("customer without country or pricelist: %+v", cu)
			break
		}
	}
	if shipTo == 0 {
		t.Error("no ship-to address found its delivery address")
	}
	rules := 0
	if _, err := c.Pull(bg, "product.pricelist.item", nil, Cursor{}, PullOptions{}, func(recs []Record) error {
		for _, r := range recs {
			if _, err := MapPriceRule(r); err != nil {
				return err
			}
			rules++
		}
		return nil
	}); err != nil || rules != st.PriceRules {
		t.Errorf("rules %d of %d: %v", rules, st.PriceRules, err)
	}
	quants := 0
	if _, err := c.Pull(bg, "stock.quant", nil, Cursor{}, PullOptions{Domain: []any{[]any{"location_id.usage", "=", "internal"}}}, func(recs []Record) error {
		for _, r := range recs {
			q, err := MapInventory(r)
			if err != nil || q.ProductID == 0 {
				t.Errorf("quant %+v %v", q, err)
			}
			quants++
		}
		return nil
	}); err != nil || quants != st.Quants {
		t.Errorf("quants %d of %d: %v", quants, st.Quants, err)
	}
}
