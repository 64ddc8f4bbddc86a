package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// family is a product line whose items differ along a few axes (size, colour, pack). Each
// axis value reads "text", "text|price%" or "text|price%|UOM": the percentage scales the
// price and the weight from the family's smallest item, and a UoM overrides the family's.
type family struct {
	prefix   string // SKU prefix
	category string
	uom      string
	hs       string
	tax      string // "" means standard
	brands   []string
	price    int64      // cents of the smallest item
	weight   float64    // kg of the smallest item; 0 means not recorded
	dims     [3]float64 // cm of the smallest item: length, width, height
	name     string     // fmt pattern, one %s per axis
	desc     string
	axes     [][]string
}

// variant is one concrete item of a family.
type variant struct {
	f      *family
	name   string
	uom    string
	factor float64 // weight relative to the family's smallest item
	scale  int64   // price relative to the smallest item, in ten-thousandths
}

// variants enumerates every combination of a family's axes.
func (f *family) variants() []variant {
	out := []variant{{f: f, uom: f.uom, factor: 1, scale: 10000}}
	var parts [][]string
	for _, axis := range f.axes {
		var next []variant
		var nextParts [][]string
		for i, v := range out {
			for _, opt := range axis {
				text, pct, uom := parseOpt(opt)
				nv := v
				nv.factor *= float64(pct) / 100
				nv.scale = nv.scale * int64(pct) / 100
				if uom != "" {
					nv.uom = uom
				}
				var prev []string
				if parts != nil {
					prev = parts[i]
				}
				next = append(next, nv)
				nextParts = append(nextParts, append(append([]string(nil), prev...), text))
			}
		}
		out, parts = next, nextParts
	}
	for i := range out {
		args := make([]any, len(parts[i]))
		for j, p := range parts[i] {
			args[j] = p
		}
		out[i].name = strings.Join(strings.Fields(fmt.Sprintf(f.name, args...)), " ")
	}
	return out
}

func parseOpt(opt string) (text string, pct int, uom string) {
	fields := strings.Split(opt, "|")
	text, pct = fields[0], 100
	if len(fields) > 1 {
		if n, err := strconv.Atoi(fields[1]); err == nil {
			pct = n
		}
	}
	if len(fields) > 2 {
		uom = fields[2]
	}
	return text, pct, uom
}

// families is the whole catalogue, in the order SKU prefixes are numbered.
var families = func() []*family {
	var out []*family
	for _, group := range [][]family{electrical, industrial, office} {
		for i := range group {
			out = append(out, &group[i])
		}
	}
	return out
}()
