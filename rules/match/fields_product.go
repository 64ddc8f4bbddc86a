package match

// textLevels are the agreement levels of product names; textCuts their Jaro–Winkler,
// trigram or shared-word similarities.
var (
	textLevels = []string{"exact", "close", "similar", "somewhat alike", "different"}
	textCuts   = []float64{0.94, 0.86, 0.72}
)

var productSchema = schema{domain: Products, fields: []field{
	{name: "gtin", label: "GTIN", slot: pGTIN, strong: true, levels: []string{"exact", "different"},
		compare: func(a, b *Entity) outcome { return equalOutcome(a.norm.get(pGTIN), b.norm.get(pGTIN)) },
		say:     sayID("GTIN", "GTINs", pGTIN)},
	{name: "mpn", label: "model number", slot: pMPN, levels: []string{"exact", "one typo", "different"},
		compare: func(a, b *Entity) outcome { return idOutcome(a.norm.get(pMPN), b.norm.get(pMPN)) },
		say:     sayID("model number", "model numbers", pMPN)},
	{name: "brand", label: "brand", slot: pBrand, levels: []string{"exact", "close", "different"},
		compare: func(a, b *Entity) outcome { return brandOutcome(a.norm.get(pBrand), b.norm.get(pBrand)) },
		say:     sayText("brand", "brands", pRawBrand)},
	{name: "name", label: "name", slot: pName, levels: textLevels,
		compare: func(a, b *Entity) outcome {
			return textOutcome(a.norm.get(pName), b.norm.get(pName), a.norm.get(pNameKey), b.norm.get(pNameKey), textCuts...)
		},
		say: sayText("name", "names", pRawName)},
	{name: "numbers", label: "numbers in the name", slot: pNumbers, levels: []string{"same", "one name has more", "different"},
		compare: func(a, b *Entity) outcome { return numbersOutcome(a.norm.get(pNumbers), b.norm.get(pNumbers)) },
		say:     sayNumbers},
	{name: "uom", label: "unit", slot: pUoM, levels: []string{"same", "different"},
		compare: func(a, b *Entity) outcome { return equalOutcome(a.norm.get(pUoM), b.norm.get(pUoM)) },
		say:     sayID("unit", "units", pUoM)},
	{name: "price", label: "price", slot: -1, levels: []string{"within 0.5%", "within 5%", "within 15%", "within 30%", "different"},
		compare: func(a, b *Entity) outcome {
			s := NumericCloseness(a.price, b.price)
			if s.IsMissing() {
				return missing
			}
			return outcome{level: levelBy(s, 0.995, 0.95, 0.85, 0.7) - 1, sim: float32(s)}
		},
		say: sayPrice},
	{name: "sku", label: "SKU", slot: pSKU, levels: []string{"same", "different"},
		compare: func(a, b *Entity) outcome { return equalOutcome(a.norm.get(pSKU), b.norm.get(pSKU)) },
		say:     sayID("SKU", "SKUs", pSKU)},
	{name: "category", label: "category", slot: pCategory, levels: []string{"same", "different"},
		compare: func(a, b *Entity) outcome { return equalOutcome(a.norm.get(pCategory), b.norm.get(pCategory)) },
		say:     sayText("category", "categories", pRawCategory)},
}}

// brandOutcome grades brands: the same, close (a typo, or one written with more words:
// "Bosch" and "Bosch Professional"), or different.
func brandOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1}
	}
	sim := JaroWinkler(a, b)
	paired, onlyA, onlyB, _ := pairWords(sortedWords(a), sortedWords(b))
	if sim >= 0.9 || paired > 0 && (onlyA == 0 || onlyB == 0) {
		return outcome{level: 1, sim: float32(sim), how: byJaroWinkler}
	}
	return outcome{level: 2, sim: float32(sim), how: byJaroWinkler}
}

// numbersOutcome grades the numbers in two product names: the same; all of one name's
// numbers in the other, which has more (a channel that drops the model number or the
// breaking capacity from the title); or different (another size, another wattage).
func numbersOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1}
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	for i := 0; i < len(short); {
		var n string
		if n, i = nextWord(short, i); n == "" {
			continue
		}
		found := false
		for j := 0; j < len(long) && !found; {
			var m string
			m, j = nextWord(long, j)
			found = m == n
		}
		if !found {
			return outcome{level: 2}
		}
	}
	return outcome{level: 1}
}
