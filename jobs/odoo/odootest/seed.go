package odootest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// SeedOptions size the generated data set.
type SeedOptions struct {
	// Products is the number of product variants, each with its own template.
	Products int
	// Customers is the number of customer companies; each gets contacts and, for some,
	// invoice, delivery and other addresses.
	Customers int
	// Seed makes a different but still deterministic data set (default 1).
	Seed uint64
	// Span is how far back from the clock the write_dates reach (default 30 days).
	Span time.Duration
	// Batch is how many rows share one transaction, and so one write_date (default 250).
	Batch int
}

// SeedStats tells what Seed created.
type SeedStats struct {
	// Counts of records created: product variants and templates, customer companies, their
	// contacts and addresses, pricelist items and stock quants.
	Products, Templates, Customers, Contacts, Addresses, PriceRules, Quants int
	// Stock is the internal stock location quants were put in.
	Stock int64
	// Pricelists are the pricelists created, public first.
	Pricelists []int64
}

// Seed fills the database with n products and n customer companies; see SeedWith.
func (s *Server) Seed(n int) SeedStats {
	return s.SeedWith(SeedOptions{Products: n, Customers: n})
}

// SeedWith generates a distributor's master data: categories, units, taxes, payment terms,
// countries, pricelists with rules, stock locations with quants, products and customer
// companies with their contacts and addresses. The same options always give the same data.
// Rows are written in transactions of Batch rows spread over Span before the clock, many
// rows sharing one write_date, and the clock ends just after the last one.
func (s *Server) SeedWith(o SeedOptions) SeedStats {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Span == 0 {
		o.Span = 30 * 24 * time.Hour
	}
	if o.Batch == 0 {
		o.Batch = 250
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := &seeder{s: s, rnd: rand.New(rand.NewPCG(o.Seed, 0x5eed)), o: o}
	total := o.Products*3 + o.Customers*3 + 200
	g.step = o.Span / time.Duration(total/o.Batch+1)
	g.at = s.now.Add(-o.Span)
	// Generated barcodes are unique by construction; checking each against all products
	// would make seeding quadratic.
	s.db.trusted = true
	defer func() { s.db.trusted = false }()
	g.reference()
	g.products()
	g.customers()
	s.now = g.at.Add(time.Second)
	return g.stats
}

type seeder struct {
	s     *Server
	rnd   *rand.Rand
	o     SeedOptions
	at    time.Time
	step  time.Duration
	n     int
	stats SeedStats

	countries, categories, uoms, terms, taxes, pricelists []int64
	stock, shelf                                          int64
}

// stamp is the write_date of the current transaction; every Batch rows a new transaction
// begins a little later, at a random microsecond.
func (g *seeder) stamp() time.Time {
	if g.n%g.o.Batch == 0 {
		g.at = g.at.Add(g.step/2 + time.Duration(g.rnd.Int64N(int64(g.step/2)+1))).Truncate(time.Microsecond)
	}
	g.n++
	return g.at
}

func (g *seeder) create(model string, vals map[string]any) int64 {
	r, err := g.s.db.create(g.s.db.models[model], vals, g.stamp(), 0)
	if err != nil {
		panic(fmt.Sprintf("odootest: seed %s: %v", model, err))
	}
	return r.id
}

func (g *seeder) pick(ids []int64) int64 { return ids[g.rnd.IntN(len(ids))] }

var seedCountries = [][3]string{
	{"United States", "US", "USD"}, {"Canada", "CA", "USD"}, {"Mexico", "MX", "USD"}, {"United Kingdom", "GB", "EUR"},
	{"Ireland", "IE", "EUR"}, {"France", "FR", "EUR"}, {"Germany", "DE", "EUR"}, {"Netherlands", "NL", "EUR"},
	{"Belgium", "BE", "EUR"}, {"Luxembourg", "LU", "EUR"}, {"Spain", "ES", "EUR"}, {"Portugal", "PT", "EUR"},
	{"Italy", "IT", "EUR"}, {"Austria", "AT", "EUR"}, {"Switzerland", "CH", "EUR"}, {"Denmark", "DK", "EUR"},
	{"Sweden", "SE", "EUR"}, {"Norway", "NO", "EUR"}, {"Finland", "FI", "EUR"}, {"Poland", "PL", "EUR"},
	{"Czech Republic", "CZ", "EUR"}, {"Australia", "AU", "USD"}, {"New Zealand", "NZ", "USD"}, {"South Africa", "ZA", "USD"},
}

var seedCities = map[string][][2]string{
	"US": {{"Chicago", "60601"}, {"Houston", "77002"}, {"Columbus", "43215"}, {"Denver", "80202"}, {"Atlanta", "30303"}},
	"DE": {{"Hamburg", "20095"}, {"Köln", "50667"}, {"München", "80331"}, {"Düsseldorf", "40213"}},
	"FR": {{"Lyon", "69002"}, {"Lille", "59000"}, {"Nantes", "44000"}, {"Orléans", "45000"}},
	"BE": {{"Bruxelles", "1000"}, {"Antwerpen", "2000"}, {"Gent", "9000"}, {"Liège", "4000"}},
	"NL": {{"Rotterdam", "3011"}, {"Utrecht", "3511"}, {"Eindhoven", "5611"}},
	"GB": {{"Manchester", "M1 1AE"}, {"Leeds", "LS1 4DY"}, {"Bristol", "BS1 4DJ"}},
}

var (
	seedAdjectives = []string{"Heavy-Duty", "Compact", "Industrial", "Stainless", "Galvanised", "Insulated", "Ergonomic", "Flame-Retardant", "Weatherproof", "Low-Profile", "High-Visibility", "Reusable"}
	seedNouns      = []string{"Cable Tie", "Hex Bolt", "Wall Plug", "Junction Box", "Safety Glove", "LED Panel", "Extension Lead", "Storage Bin", "Shelf Bracket", "Drill Bit", "Pallet Wrap", "Mop Bucket", "Hinge", "Padlock", "Work Light", "Circuit Breaker"}
	seedSpecs      = []string{"M6 x 40", "M8 x 60", "300 mm", "600 x 600", "25 m", "IP65", "10 A", "16 A", "Size L", "Size XL", "50 L", "Pack of 100", "230 V", "Ø 8 mm"}
	seedCategories = []string{"Office Furniture", "Electrical", "Fasteners", "Safety", "Tools", "Cleaning", "Packaging", "Lighting"}
	seedFirst      = []string{"Anna", "Bram", "Chloé", "Dieter", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Karin", "Liam", "Marta", "Noah", "Olga", "Pieter", "Quentin", "Rosa", "Sven", "Tara"}
	seedLast       = []string{"Peeters", "Müller", "Dubois", "García", "Jansen", "Rossi", "Novak", "Smith", "Nielsen", "Kowalski", "O'Brien", "Lefèvre", "Schmidt", "De Smet", "Andersson"}
	seedFirms      = []string{"Apex", "Borealis", "Castell", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Ironwood", "Juniper", "Keystone", "Lumen", "Meridian", "Northgate", "Orchard", "Pinnacle", "Quarry", "Riverside", "Summit", "Tidewater"}
	seedTrades     = []string{"Building Supplies", "Facility Services", "Electrical", "Engineering", "Hospitality", "Logistics", "Maintenance", "Retail", "Construction", "Healthcare"}
	seedSuffixes   = map[string]string{"US": "Inc.", "CA": "Ltd.", "GB": "Ltd", "IE": "Ltd", "DE": "GmbH", "AT": "GmbH", "CH": "AG", "FR": "SARL", "BE": "BV", "NL": "B.V.", "LU": "S.A.", "ES": "S.L.", "IT": "S.r.l.", "PL": "Sp. z o.o."}
	slugger        = strings.NewReplacer(" ", "", ".", "", "'", "")
	seedStreets    = []string{"Industrieweg", "Main Street", "Rue du Commerce", "Hafenstraße", "Station Road", "Via Roma", "Avenue Louise", "Kanaalstraat", "Oak Avenue", "Mill Lane"}
)

func (g *seeder) reference() {
	for _, c := range seedCountries {
		g.countries = append(g.countries, g.create("res.country", map[string]any{"name": c[0], "code": c[1]}))
	}
	for _, u := range []string{"Units", "Dozens", "kg", "m", "L", "Box of 10"} {
		g.uoms = append(g.uoms, g.create("uom.uom", map[string]any{"name": u}))
	}
	all := g.create("product.category", map[string]any{"name": "All"})
	saleable := g.create("product.category", map[string]any{"name": "Saleable", "parent_id": all})
	for _, c := range seedCategories {
		g.categories = append(g.categories, g.create("product.category", map[string]any{"name": c, "parent_id": saleable}))
	}
	for _, t := range []struct {
		name   string
		amount float64
	}{{"21%", 21}, {"15%", 15}, {"6%", 6}, {"0% EU", 0}} {
		g.taxes = append(g.taxes, g.create("account.tax", map[string]any{"name": t.name, "amount": t.amount}))
	}
	for _, t := range []string{"Immediate Payment", "15 Days", "30 Days", "45 Days", "End of Following Month", "30% Now, Balance 60 Days"} {
		g.terms = append(g.terms, g.create("account.payment.term", map[string]any{"name": t}))
	}
	for _, p := range []struct {
		name string
		cur  int64
	}{{"Public Pricelist", 2}, {"Wholesale", 1}, {"Key Accounts", 1}, {"Distributor", 2}} {
		g.pricelists = append(g.pricelists, g.create("product.pricelist", map[string]any{"name": p.name, "currency_id": p.cur}))
	}
	g.stats.Pricelists = g.pricelists
	physical := g.create("stock.location", map[string]any{"name": "Physical Locations", "usage": "view"})
	partners := g.create("stock.location", map[string]any{"name": "Partners", "usage": "view"})
	g.create("stock.location", map[string]any{"name": "Customers", "usage": "customer", "location_id": partners})
	g.create("stock.location", map[string]any{"name": "Vendors", "usage": "supplier", "location_id": partners})
	wh := g.create("stock.location", map[string]any{"name": "WH", "usage": "view", "location_id": physical})
	g.stock = g.create("stock.location", map[string]any{"name": "Stock", "location_id": wh, "company_id": 1})
	g.shelf = g.create("stock.location", map[string]any{"name": "Shelf 1", "location_id": g.stock, "company_id": 1})
	g.stats.Stock = g.stock
}

// ean13 makes a valid EAN-13 from a 12-digit body.
func ean13(body int64) string {
	digits := fmt.Sprintf("%012d", body%1_000_000_000_000)
	sum := 0
	for i, c := range digits {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return digits + fmt.Sprint((10-sum%10)%10)
}

func (g *seeder) price(lo, hi float64) float64 {
	p := lo + g.rnd.Float64()*(hi-lo)
	if g.rnd.IntN(10) == 0 {
		return float64(int64(p*10000)) / 10000 // unit prices of bulk items carry four decimals
	}
	return float64(int64(p*100)) / 100
}

func (g *seeder) products() {
	storable := "product"
	if g.s.major >= 18 {
		storable = "consu"
	}
	db := g.s.db
	for i := 0; i < g.o.Products; i++ {
		name := fmt.Sprintf("%s %s %s", seedAdjectives[g.rnd.IntN(len(seedAdjectives))], seedNouns[g.rnd.IntN(len(seedNouns))], seedSpecs[g.rnd.IntN(len(seedSpecs))])
		list := g.price(0.05, 1500)
		vals := map[string]any{
			"name": name, "default_code": fmt.Sprintf("SKU-%06d", i+1), "list_price": list,
			"standard_price": float64(int64(list*(0.45+g.rnd.Float64()*0.3)*100)) / 100,
			"categ_id":       g.pick(g.categories), "uom_id": g.uoms[0], "taxes_id": []any{g.taxes[g.rnd.IntN(2)]},
			"type": storable, "weight": float64(g.rnd.IntN(25000)) / 1000, "company_id": int64(1), "currency_id": int64(2),
		}
		if g.rnd.IntN(10) < 7 {
			vals["barcode"] = ean13(5400000000000/10 + int64(i)*7919)
		}
		if g.rnd.IntN(2) == 0 {
			vals["hs_code"] = fmt.Sprintf("%04d.%02d", 7300+g.rnd.IntN(1200), g.rnd.IntN(100))
		}
		if g.rnd.IntN(3) == 0 {
			vals["description_sale"] = name + ", sold per " + strings.ToLower(seedSpecs[g.rnd.IntN(len(seedSpecs))])
		}
		if g.rnd.IntN(4) == 0 {
			vals["uom_id"] = g.pick(g.uoms)
		}
		if g.rnd.IntN(33) == 0 {
			vals["active"] = false
		}
		if _, has := db.models["product.template"].fields["hs_code"]; !has {
			delete(vals, "hs_code")
		}
		id := g.create("product.template", vals)
		g.stats.Templates++
		g.stats.Products++
		pm := db.models["product.product"]
		vr := pm.rows[len(pm.rows)-1] // the variant the template just made
		variant := vr.id
		if a, ok := vals["active"]; ok {
			vr.vals[pm.col("active")] = a
		}
		if g.rnd.IntN(5) != 0 {
			g.create("stock.quant", map[string]any{"product_id": variant, "location_id": g.stock, "company_id": int64(1),
				"quantity": float64(g.rnd.IntN(2000)), "reserved_quantity": float64(g.rnd.IntN(3) * g.rnd.IntN(40))})
			g.stats.Quants++
			if g.rnd.IntN(5) == 0 {
				g.create("stock.quant", map[string]any{"product_id": variant, "location_id": g.shelf, "company_id": int64(1), "quantity": float64(g.rnd.IntN(200))})
				g.stats.Quants++
			}
		}
		if i%5 == 0 {
			g.create("product.pricelist.item", map[string]any{"pricelist_id": g.pricelists[1], "applied_on": "0_product_variant",
				"product_id": variant, "compute_price": "fixed", "fixed_price": float64(int64(list*0.85*10000)) / 10000})
			g.stats.PriceRules++
		}
		if i%10 == 0 {
			g.create("product.pricelist.item", map[string]any{"pricelist_id": g.pricelists[0], "applied_on": "1_product",
				"product_tmpl_id": id, "min_quantity": 10.0, "compute_price": "fixed", "fixed_price": float64(int64(list*0.9*100)) / 100})
			g.stats.PriceRules++
		}
		if i%50 == 0 {
			start := g.at.Truncate(24 * time.Hour)
			g.create("product.pricelist.item", map[string]any{"pricelist_id": g.pricelists[2], "applied_on": "0_product_variant",
				"product_id": variant, "compute_price": "fixed", "fixed_price": float64(int64(list*0.75*100)) / 100,
				"date_start": start.Format("2006-01-02 15:04:05"), "date_end": start.Add(90 * 24 * time.Hour).Format("2006-01-02 15:04:05")})
			g.stats.PriceRules++
		}
	}
}

func (g *seeder) person() string {
	return seedFirst[g.rnd.IntN(len(seedFirst))] + " " + seedLast[g.rnd.IntN(len(seedLast))]
}

func (g *seeder) customers() {
	for i := 0; i < g.o.Customers; i++ {
		ci := g.rnd.IntN(len(seedCountries))
		if g.rnd.IntN(3) == 0 {
			ci = []int{0, 6, 5, 8, 7, 3}[g.rnd.IntN(6)]
		}
		code := seedCountries[ci][1]
		cities := seedCities[code]
		city, zip := "Springfield", fmt.Sprintf("%05d", 10000+g.rnd.IntN(89999))
		if len(cities) > 0 {
			c := cities[g.rnd.IntN(len(cities))]
			city, zip = c[0], c[1]
		}
		suffix := seedSuffixes[code]
		if suffix == "" {
			suffix = "Ltd"
		}
		name := fmt.Sprintf("%s %s %s", seedFirms[g.rnd.IntN(len(seedFirms))], seedTrades[g.rnd.IntN(len(seedTrades))], suffix)
		if i >= len(seedFirms)*len(seedTrades) {
			name = fmt.Sprintf("%s %s %d %s", seedFirms[g.rnd.IntN(len(seedFirms))], seedTrades[g.rnd.IntN(len(seedTrades))], i, suffix)
		}
		slug := strings.ToLower(slugger.Replace(name))
		if len(slug) > 24 {
			slug = slug[:24]
		}
		street := fmt.Sprintf("%s %d", seedStreets[g.rnd.IntN(len(seedStreets))], 1+g.rnd.IntN(250))
		vals := map[string]any{
			"name": name, "is_company": true, "customer_rank": int64(1), "company_id": int64(1),
			"email": "orders@" + slug + ".example.com", "phone": fmt.Sprintf("+%d %03d %04d", 1+ci*3, g.rnd.IntN(1000), g.rnd.IntN(10000)),
			"street": street, "city": city, "zip": zip, "country_id": g.countries[ci],
			"property_payment_term_id": g.pick(g.terms), "property_product_pricelist": g.pick(g.pricelists),
			"credit_limit": float64(g.rnd.IntN(50)) * 1000, "ref": fmt.Sprintf("C%06d", i+1),
		}
		if g.rnd.IntN(5) != 0 {
			vals["vat"] = fmt.Sprintf("%s%09d", code, g.rnd.IntN(1_000_000_000))
		}
		if g.rnd.IntN(2) == 0 {
			vals["website"] = "https://www." + slug + ".example.com"
		}
		if g.rnd.IntN(50) == 0 {
			vals["active"] = false
		}
		parent := g.create("res.partner", vals)
		g.stats.Customers++
		contacts := 1
		if i%4 == 0 {
			contacts = 2
		}
		for c := 0; c < contacts; c++ {
			person := g.person()
			g.create("res.partner", map[string]any{"name": person, "parent_id": parent, "type": "contact",
				"function": []string{"Purchasing Manager", "Accounts Payable", "Site Manager", "Owner"}[g.rnd.IntN(4)],
				"email":    strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(person, " ", "."), "'", "")) + "@" + slug + ".example.com",
				"phone":    vals["phone"], "street": street, "city": city, "zip": zip, "country_id": g.countries[ci]})
			g.stats.Contacts++
		}
		if i%3 == 0 {
			for _, t := range []string{"invoice", "delivery"} {
				g.create("res.partner", map[string]any{"parent_id": parent, "type": t, "street": street, "city": city, "zip": zip, "country_id": g.countries[ci]})
				g.stats.Addresses++
			}
		}
		if i%10 == 0 {
			g.create("res.partner", map[string]any{"name": "Site " + city, "parent_id": parent, "type": "other",
				"street": fmt.Sprintf("%s %d", seedStreets[g.rnd.IntN(len(seedStreets))], 1+g.rnd.IntN(250)), "city": city, "zip": zip, "country_id": g.countries[ci]})
			g.stats.Addresses++
		}
	}
}
