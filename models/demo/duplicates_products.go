package demo

import (
	"regexp"
	"strings"

	"steward/models"
)

// duplicates makes n products that are another product entered a second time, as happens
// when a channel or a supplier file creates an item that already exists: same GTIN, a new
// SKU, the name written differently, fewer fields filled in.
func (g *productGen) duplicates(originals []models.Product, n int) []models.Product {
	r := g.r
	var out []models.Product
	used := map[int]bool{}
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		i := r.IntN(len(originals))
		o := originals[i]
		if used[i] || o.Barcode == "" || o.LifecycleStatus != models.LifecycleActive {
			continue
		}
		used[i] = true
		d := o
		d.ID = 0
		d.SKU = g.sku(o.SKU[:2])
		d.Name = renameProduct(g, o)
		d.Description = ""
		if chance(r, 30) {
			d.Category = ""
		}
		if chance(r, 25) {
			d.Brand = ""
		}
		if chance(r, 20) && d.UoM != "EA" {
			d.UoM = "EA" // the pack entered as a piece: the kind of mismatch stewards must catch
		}
		if chance(r, 50) {
			d.WeightKg, d.LengthCm, d.WidthCm, d.HeightCm = nil, nil, nil, nil
		}
		d.ListPrice = d.ListPrice * models.Money(96+r.IntN(9)) / 100 / 100 * 100
		d.Cost = d.ListPrice * models.Money(5500+r.IntN(1800)) / 10000
		if chance(r, 60) {
			d.LifecycleStatus = models.LifecycleDraft
		}
		d.CreatedAt = between(r, g.now, 60*day, 1*day)
		d.UpdatedAt = d.CreatedAt
		out = append(out, d)
	}
	return out
}

var packOf = regexp.MustCompile(`, (pack|box|bundle) of ([\d,]+)`)

// productRewrites are the ways people write the same article name differently.
var productRewrites = []func(g *productGen, p models.Product) string{
	func(_ *productGen, p models.Product) string { return packOf.ReplaceAllString(p.Name, " (${2} pcs)") },
	func(_ *productGen, p models.Product) string { return packOf.ReplaceAllString(p.Name, ", ${2}/${1}") },
	func(_ *productGen, p models.Product) string {
		return strings.NewReplacer(" mm", "mm", "mm²", "mm2", " m ", "m ", "°", "").Replace(p.Name)
	},
	func(_ *productGen, p models.Product) string {
		return strings.NewReplacer("stainless", "SS", "zinc plated", "galv.", "black", "blk", "white", "wht", "with ", "w/ ",
			"installation cable", "inst. cable", "Hexagon", "Hex", "countersunk", "csk", "insulated", "insul.", "transparent", "transp.").Replace(p.Name)
	},
	func(_ *productGen, p models.Product) string { return strings.ToUpper(p.Name) }, // typed into a legacy system
	func(_ *productGen, p models.Product) string {
		if p.Brand == "" || strings.ToUpper(p.Name) == p.Name {
			return p.Name
		}
		return p.Brand + " " + strings.ToLower(p.Name[:1]) + p.Name[1:]
	},
	func(_ *productGen, p models.Product) string {
		if i := strings.LastIndex(p.Name, ", "); i > 10 {
			return p.Name[:i]
		}
		return p.Name
	},
}

// renameProduct applies one rewrite that changes the name, now and then a second.
func renameProduct(g *productGen, p models.Product) string {
	name := p.Name
	for _, k := range g.r.Perm(len(productRewrites)) {
		next := productRewrites[k](g, models.Product{Name: name, Brand: p.Brand})
		if next == name {
			continue
		}
		name = next
		if !chance(g.r, 25) {
			break
		}
	}
	if name == p.Name {
		name = strings.ToUpper(name)
	}
	return name
}
