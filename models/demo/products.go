package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"steward/models"
)

// productGen numbers SKUs per prefix and barcodes per brand as the catalogue grows.
type productGen struct {
	r       *rand.Rand
	now     time.Time
	nextSKU map[string]int
	gs1     map[string]string // brand → GS1 company prefix (7 digits)
	gs1Used map[string]bool
	nextRef map[string]int // brand → next item reference
}

func newProductGen(r *rand.Rand, now time.Time) *productGen {
	return &productGen{r: r, now: now, nextSKU: map[string]int{}, gs1: map[string]string{}, gs1Used: map[string]bool{}, nextRef: map[string]int{}}
}

// gs1Countries are GS1 prefixes of the countries the made-up brands come from, German
// ones the most.
var gs1Countries = []string{"400", "401", "402", "403", "404", "405", "406", "407", "408", "409", "410", "420", "425", "440", "871", "872", "800", "803", "590", "730", "300", "376"}

// generate picks n catalogue items at random, then numbers them in catalogue order, the
// way a range grows line by line.
func (g *productGen) generate(n int) []models.Product {
	var all []variant
	for _, f := range families {
		all = append(all, f.variants()...)
	}
	idx := g.r.Perm(len(all))
	if n > len(all) {
		n = len(all)
	}
	chosen := idx[:n]
	slices.Sort(chosen)
	out := make([]models.Product, 0, n)
	for _, i := range chosen {
		out = append(out, g.product(all[i]))
	}
	return out
}

func (g *productGen) sku(prefix string) string {
	n, ok := g.nextSKU[prefix]
	if !ok {
		n = 10001
	}
	if g.r.IntN(4) == 0 { // numbers retired with old items leave gaps
		n += g.r.IntN(5)
	}
	g.nextSKU[prefix] = n + 1
	return fmt.Sprintf("%s-%d", prefix, n)
}

func (g *productGen) barcode(brand string) string {
	prefix, ok := g.gs1[brand]
	if !ok {
		for prefix = ""; prefix == "" || g.gs1Used[prefix]; {
			prefix = pick(g.r, gs1Countries) + digits(g.r, 4)
		}
		g.gs1Used[prefix], g.gs1[brand] = true, prefix
		g.nextRef[brand] = 100 + g.r.IntN(20000)
	}
	ref := g.nextRef[brand]
	g.nextRef[brand] = ref + 1 + g.r.IntN(3)
	return ean13(fmt.Sprintf("%s%05d", prefix, ref%100000))
}

func (g *productGen) product(v variant) models.Product {
	r, f := g.r, v.f
	p := models.Product{
		SKU:      g.sku(f.prefix),
		Name:     v.name,
		Category: f.category,
		Brand:    pick(r, f.brands),
		UoM:      v.uom,
		HSCode:   f.hs,
		TaxClass: f.tax,
		Currency: "EUR",
		Active:   true,
		Version:  1,
	}
	if p.TaxClass == "" {
		p.TaxClass = "standard"
	}
	if !chance(r, 6) {
		p.Description = f.desc
	}
	// Goods sold by length or weight are cut from stock and carry no barcode of their own.
	if (p.UoM != "M" && p.UoM != "KG" && chance(r, 93)) || chance(r, 8) {
		p.Barcode = g.barcode(p.Brand)
	}
	p.ListPrice = listPrice(r, f.price, v.scale, p.UoM)
	p.Cost = p.ListPrice * models.Money(5200+r.IntN(2200)) / 10000
	if f.weight > 0 && chance(r, 92) {
		p.WeightKg = ptr(round(f.weight*v.factor*(0.95+r.Float64()/10), 3))
	}
	if f.dims[0] > 0 && chance(r, 88) {
		s := math.Cbrt(v.factor)
		p.LengthCm = ptr(round(f.dims[0]*s, 1))
		p.WidthCm = ptr(round(f.dims[1]*s, 1))
		p.HeightCm = ptr(round(f.dims[2]*s, 1))
	}
	switch n := r.IntN(100); {
	case n < 5:
		p.LifecycleStatus = models.LifecycleDraft
	case n < 11:
		p.LifecycleStatus = models.LifecyclePhaseOut
	case n < 15:
		p.LifecycleStatus = models.LifecycleDiscontinued
		p.Active = chance(r, 15)
	default:
		p.LifecycleStatus = models.LifecycleActive
	}
	if p.Active && chance(r, 2) {
		p.Active = false
	}
	p.CreatedAt = between(r, g.now, 1100*day, 30*day)
	p.UpdatedAt = between(r, g.now, g.now.Sub(p.CreatedAt), 0)
	return p
}

// listPrice scales the family's base price, varies it a little and rounds it the way price
// lists do: to the cent with a 0, 5 or 9 at the end, or to a tenth of a cent for goods
// sold by the metre.
func listPrice(r *rand.Rand, baseCents, scale int64, uom string) models.Money {
	jitter := int64(90 + r.IntN(21))
	m := baseCents * 100 * scale / 10000 * jitter / 100 // in Money units
	if uom == "M" {
		return max(models.Money(m/10*10), 100)
	}
	cents := m / 100
	if cents >= 100 {
		cents = cents/10*10 + []int64{0, 5, 9, 9}[r.IntN(4)]
	}
	return models.Money(max(cents, 5) * 100)
}

func ptr[T any](v T) *T { return &v }

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
