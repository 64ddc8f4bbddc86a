package synth

import (
	"fmt"
	"iter"
	"strings"

	"steward/rules/match"
)

// Product is one generated product record with its labels.
type Product struct {
	match.Product
	Entity int32  // the true product: records with one Entity are duplicates
	Group  int32  // products generated together (the variants of one product line)
	Kind   string // KindProduct, or KindVariant for a line's other sizes and colours
}

// The kinds of generated product entities.
const (
	KindProduct = "product"
	KindVariant = "variant" // same line, brand and words, another size or colour
)

// productType is a kind of article a distributor sells, with what varies within a line.
type productType struct {
	noun     string
	category string
	uom      string
	price    float64
	sizes    []string // the attribute that tells variants apart
	extras   []string // words some sources add
}

var productTypes = []productType{
	{"Kabelbinder", "Befestigungstechnik", "PK", 8.9, []string{"100x2,5 mm", "140x3,6 mm", "200x4,8 mm", "300x4,8 mm", "370x7,6 mm"}, []string{"schwarz", "natur", "UV-beständig", "100 Stück"}},
	{"Akku-Bohrschrauber", "Elektrowerkzeuge", "EA", 189, []string{"12V 2x2,0Ah", "18V 2x4,0Ah", "18V solo", "12V solo", "18V 2x5,0Ah"}, []string{"im Koffer", "mit Ladegerät", "bürstenlos"}},
	{"Schraubendreher-Set", "Handwerkzeuge", "SET", 34.5, []string{"6-teilig", "7-teilig", "12-teilig", "20-teilig"}, []string{"VDE", "isoliert", "Torx"}},
	{"LED-Panel", "Beleuchtung", "EA", 49, []string{"36W 3000K", "36W 4000K", "40W 4000K", "40W 6500K"}, []string{"600x600 mm", "flimmerfrei", "weiß"}},
	{"Spanplattenschraube", "Befestigungstechnik", "PK", 12.4, []string{"4x40", "4x50", "5x60", "5x80", "6x100"}, []string{"Senkkopf", "Torx", "verzinkt", "200 Stück"}},
	{"Verlängerungskabel", "Elektroinstallation", "EA", 21, []string{"5 m", "10 m", "25 m", "50 m"}, []string{"3-fach", "schwarz", "IP44"}},
	{"Sicherungsautomat", "Elektroinstallation", "EA", 6.8, []string{"B10 1-polig", "B16 1-polig", "C16 1-polig", "B16 3-polig", "C32 3-polig"}, []string{"6kA", "Hutschiene"}},
	{"Universaldübel", "Befestigungstechnik", "PK", 9.9, []string{"6x30", "8x40", "10x50", "12x60"}, []string{"Nylon", "100 Stück"}},
	{"Gewebeklebeband", "Klebetechnik", "ROLL", 7.5, []string{"19 mm x 25 m", "38 mm x 50 m", "50 mm x 50 m"}, []string{"silber", "schwarz", "wasserfest"}},
	{"Schutzhandschuhe", "Arbeitsschutz", "PR", 4.2, []string{"Größe 7", "Größe 8", "Größe 9", "Größe 10", "Größe 11"}, []string{"Nitril", "beschichtet", "EN 388"}},
	{"Wasserwaage", "Handwerkzeuge", "EA", 28, []string{"40 cm", "60 cm", "80 cm", "100 cm", "120 cm"}, []string{"Aluminium", "magnetisch"}},
	{"Installationsrohr", "Elektroinstallation", "M", 1.9, []string{"M16", "M20", "M25", "M32"}, []string{"grau", "flexibel"}},
	{"Winkelschleifer", "Elektrowerkzeuge", "EA", 119, []string{"125 mm 1100W", "125 mm 1400W", "230 mm 2200W"}, []string{"mit Scheibe", "Sanftanlauf"}},
	{"Bit-Set", "Handwerkzeuge", "SET", 19.9, []string{"10-teilig", "32-teilig", "45-teilig"}, []string{"Torsion", "Kassette"}},
	{"Aderendhülsen", "Elektroinstallation", "PK", 5.5, []string{"0,5 mm²", "0,75 mm²", "1,5 mm²", "2,5 mm²"}, []string{"isoliert", "500 Stück"}},
}

var brands = []struct {
	name    string
	aliases []string
	prefix  string // GS1 company prefix
	mpn     string // letters model numbers start with
}{
	{"Bosch", []string{"BOSCH", "Bosch Professional", "Robert Bosch"}, "4059952", "GSR"},
	{"Makita", []string{"MAKITA"}, "0088381", "DDF"},
	{"Fischer", []string{"fischer", "FISCHER"}, "4006209", "UX"},
	{"Würth", []string{"Wuerth", "WÜRTH"}, "4045464", "WU"},
	{"Hager", []string{"HAGER"}, "3250612", "MBN"},
	{"ABB", []string{"abb"}, "4016779", "S20"},
	{"Siemens", []string{"SIEMENS"}, "4001869", "5SL"},
	{"Knipex", []string{"KNIPEX"}, "4003773", "KN"},
	{"Wera", []string{"WERA"}, "4013288", "WE"},
	{"Stanley", []string{"STANLEY"}, "3253561", "STHT"},
	{"Metabo", []string{"METABO"}, "4007430", "W"},
	{"Osram", []string{"OSRAM", "Ledvance"}, "4058075", "LP"},
	{"Brennenstuhl", []string{"brennenstuhl"}, "4007123", "BS"},
	{"Tesa", []string{"tesa", "TESA"}, "4042448", "TE"},
	{"HellermannTyton", []string{"Hellermann Tyton", "HELLERMANNTYTON"}, "5024678", "T"},
	{"Gedore", []string{"GEDORE"}, "4010886", "GD"},
	{"Wiha", []string{"WIHA"}, "4010995", "WH"},
	{"Spax", []string{"SPAX"}, "4003530", "SX"},
	{"Kopp", []string{"KOPP"}, "4007843", "KP"},
	{"Wago", []string{"WAGO"}, "4044918", "WG"},
}

// line is one product line: a brand's article of one type, in several variants.
type line struct {
	t      productType
	brand  int
	series string // the line's name, as brands name them ("FatMax", "Xpert")
	base   string // the model number all variants share
	item   int    // first GTIN item reference
	sku    int
	extras []string
}

// article is one true product: a line's variant.
type article struct {
	id, group int32
	kind      string
	l         *line
	variant   int
	gtin      string
	mpn       string
	price     float64
	sku       string
	hasGTIN   bool
	hasMPN    bool
}

// Products yields n product records from seed: product lines of a few variants each
// (the look-alikes), each variant written by one to four sources.
func Products(seed uint64, n int) iter.Seq[Product] {
	return func(yield func(Product) bool) {
		r := newRNG(seed)
		count, id := 0, int32(0)
		for group := int32(0); ; group++ {
			l := &line{t: pick(r, productTypes), brand: r.IntN(len(brands)), item: r.IntN(90000), sku: 100000 + int(group)*10}
			l.base = brands[l.brand].mpn + number(r, 2+r.IntN(3))
			l.series = series(r)
			for _, e := range l.t.extras {
				if r.p(0.5) {
					l.extras = append(l.extras, e)
				}
			}
			variants := 1 + r.IntN(len(l.t.sizes))
			if r.p(0.4) {
				variants = 1
			}
			first := r.IntN(len(l.t.sizes))
			for v := 0; v < variants; v++ {
				id++
				a := &article{id: id, group: group, kind: KindProduct, l: l, variant: (first + v) % len(l.t.sizes)}
				if v > 0 {
					a.kind = KindVariant
				}
				a.gtin = gtin13(brands[l.brand].prefix, l.item+v)
				a.mpn = fmt.Sprintf("%s-%d%s", l.base, 10+a.variant, pick(r, []string{"", "", "BK", "S", "X"}))
				a.price = l.t.price * (0.8 + 0.15*float64(a.variant)) * (0.9 + 0.2*r.Float64())
				a.sku = fmt.Sprintf("ART-%06d", l.sku+v)
				a.hasGTIN, a.hasMPN = r.p(0.9), r.p(0.85)
				copies := 1
				switch x := r.Float64(); {
				case x < 0.35:
				case x < 0.75:
					copies = 2
				case x < 0.92:
					copies = 3
				default:
					copies = 4
				}
				for k := 0; k < copies; k++ {
					p := renderProduct(r, a, k > 0)
					count++
					p.ID = fmt.Sprintf("P%07d", count)
					if !yield(Product{Product: p, Entity: a.id, Group: a.group, Kind: a.kind}) || count == n {
						return
					}
				}
			}
		}
	}
}

// gtin13 is an EAN-13 from a company prefix and an item reference, with its check digit.
func gtin13(prefix string, item int) string {
	body := fmt.Sprintf("%s%05d", prefix, item%100000)
	sum := 0
	for i := 0; i < 12; i++ {
		d := int(body[11-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return body + string(byte('0'+(10-sum%10)%10))
}

// renderProduct writes an article as one channel's catalogue does.
func renderProduct(r rng, a *article, dup bool) match.Product {
	l := a.l
	b := brands[l.brand]
	var p match.Product
	p.Brand = b.name
	if dup && r.p(0.25) {
		p.Brand = pick(r, b.aliases)
	}
	size := l.t.sizes[a.variant]
	words := []string{l.t.noun, size}
	if !(dup && r.p(0.2)) {
		words = append([]string{l.series}, words...)
	}
	if r.p(0.25) {
		words = append(words, l.base)
	}
	words = append(words, l.extras...)
	if dup {
		if r.p(0.3) && len(words) > 2 {
			words = append([]string{words[0]}, append(words[2:], words[1])...)
		}
		if r.p(0.15) && len(words) > 2 {
			words = words[:len(words)-1] // a channel drops a word
		}
	}
	name := strings.Join(words, " ")
	switch {
	case r.p(0.4):
		name = b.name + " " + name
	case r.p(0.2):
		name = name + " " + b.name
	}
	if dup {
		if r.p(0.3) {
			name = strings.NewReplacer(",", ".", " mm", "mm", " m", "m", "-teilig", " tlg.", "Größe ", "Gr. ", " Stück", " Stk.").Replace(name)
		}
		if r.p(0.15) {
			name = typo(r, name)
		}
		if r.p(0.1) {
			name = strings.ToUpper(name)
		}
	}
	p.Name = name
	if a.hasMPN && !(dup && r.p(0.2)) {
		p.MPN = a.mpn
		switch {
		case r.p(0.3):
			p.MPN = strings.ReplaceAll(p.MPN, "-", " ")
		case r.p(0.2):
			p.MPN = strings.ToLower(strings.ReplaceAll(p.MPN, "-", ""))
		}
		if dup && r.p(0.03) {
			p.MPN = typo(r, p.MPN)
		}
	}
	if a.hasGTIN && !(dup && r.p(0.3)) {
		p.GTIN = a.gtin
		switch {
		case r.p(0.2):
			p.GTIN = "0" + p.GTIN // GTIN-14 written with its leading zero
		case r.p(0.1):
			p.GTIN = p.GTIN[:1] + " " + p.GTIN[1:7] + " " + p.GTIN[7:]
		}
		if dup && r.p(0.02) {
			p.GTIN = typoDigit(r, p.GTIN)
		}
	}
	if !(dup && r.p(0.15)) {
		price := a.price
		if dup && r.p(0.5) {
			price *= 0.94 + 0.12*r.Float64() // another channel's price
		}
		if r.p(0.4) {
			p.Price = strings.Replace(fmt.Sprintf("%.2f", price), ".", ",", 1)
		} else {
			p.Price = fmt.Sprintf("%.2f", price)
		}
	}
	p.UoM = l.t.uom
	if r.p(0.4) {
		p.UoM = pick(r, map[string][]string{"EA": {"Stück", "pcs", "PCE", "Stk"}, "PK": {"Pack", "Packung", "PAK"}, "SET": {"Satz", "set"},
			"ROLL": {"Rolle", "RL"}, "PR": {"Paar", "pair"}, "M": {"Meter", "m", "MTR"}}[l.t.uom])
		if p.UoM == "" {
			p.UoM = l.t.uom
		}
	}
	p.Category = l.t.category
	if dup && r.p(0.3) {
		p.Category = "Werkzeug & Zubehör" // another channel's tree
	}
	p.SKU = a.sku
	if dup && r.p(0.6) {
		p.SKU = fmt.Sprintf("%s-%d", strings.ToUpper(b.mpn), 100000+r.IntN(900000)) // the channel's own
	}
	if r.p(0.3) {
		p.Description = fmt.Sprintf("%s von %s, %s.", l.t.noun, b.name, size)
	}
	return p
}

// series invents a product line's name: "Xpert", "ProLine 200", "Turbomax".
func series(r rng) string {
	starts := []string{"Pro", "Xpert", "Turbo", "Fat", "Power", "Smart", "Eco", "Ultra", "Flex", "Max", "Star", "Top", "Easy", "Multi", "Vario", "Duo", "Tec", "Quick", "Safe", "Robust"}
	ends := []string{"line", "max", "fix", "grip", "cut", "pro", "plus", "star", "tec", "master", "work", "lite", "force", "one", "select", "expert"}
	s := pick(r, starts) + pick(r, ends)
	if r.p(0.3) {
		s += fmt.Sprintf(" %d", 100*(1+r.IntN(9)))
	}
	return s
}
