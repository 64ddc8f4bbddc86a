package match

import "strings"

// maxSlots bounds the values one entity packs; both domains stay below it.
const maxSlots = 12

// maxValue caps one packed value: a product description pasted into a name must not blow
// the 16-bit offsets, and nothing past this length changes a comparison.
const maxValue = 1024

// slots holds several strings in one allocation: a million entities with a dozen separate
// strings each cost twice the memory and keep the garbage collector busy.
type slots struct {
	s   string
	end [maxSlots]uint16
}

func (p *slots) get(i int) string {
	start := uint16(0)
	if i > 0 {
		start = p.end[i-1]
	}
	return p.s[start:p.end[i]]
}

type slotBuilder struct {
	b   strings.Builder
	end [maxSlots]uint16
	n   int
}

func (b *slotBuilder) add(v string) {
	if len(v) > maxValue {
		v = v[:maxValue]
	}
	b.b.WriteString(v)
	b.end[b.n] = uint16(b.b.Len())
	b.n++
}

func (b *slotBuilder) done() slots {
	for i := b.n; i < maxSlots; i++ {
		b.end[i] = uint16(b.b.Len())
	}
	return slots{s: b.b.String(), end: b.end}
}

func trim(s string) string { return strings.TrimSpace(s) }

func upperTrim(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
