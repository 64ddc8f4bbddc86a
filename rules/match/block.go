package match

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// BlockingKeys returns the keys blocking files an entity under ("t:DE811907980",
// "w:keller", "z:80331/bau", …). Two records are compared when they share a key, so a
// database can store these in an indexed table and find the candidates of an incoming
// record with one query. A key that thousands of records share (a common word) proposes
// too many pairs to be useful: Dedupe skips those, and a database scan should too.
func BlockingKeys(e *Entity) []string {
	var out []string
	e.eachKey(nil, func(k []byte) { out = append(out, string(k)) })
	return out
}

// eachKey calls fn with each blocking key of e, built in buf (reused between calls).
func (e *Entity) eachKey(buf []byte, fn func([]byte)) []byte {
	key := func(prefix string, parts ...string) {
		buf = append(buf[:0], prefix...)
		for i, p := range parts {
			if i > 0 {
				buf = append(buf, '/')
			}
			buf = append(buf, p...)
		}
		fn(buf)
	}
	n := &e.norm
	if e.domain == Products {
		if g := n.get(pGTIN); g != "" {
			key("g:", g)
		}
		if m := n.get(pMPN); len(m) >= 4 {
			key("m:", m)
		}
		for _, w := range strings.Fields(n.get(pName)) {
			if len(w) >= 3 && !hasDigit(w) {
				key("w:", w)
			}
		}
		if s := n.get(pSKU); s != "" {
			key("s:", s)
		}
		if b, k := n.get(pBrand), n.get(pWords); b != "" && k != "" {
			key("b:", b, prefix(k, 4))
		}
		// Same brand, same sizes: the words may be another channel's, the numbers are not.
		if b, nums := n.get(pBrand), n.get(pNumbers); b != "" && nums != "" {
			key("n:", b, nums)
		}
		return buf
	}
	if t := withoutCountry(n.get(cTax)); t != "" {
		// without the prefix, which a record without a country cannot have
		key("t:", t)
	}
	if m := n.get(cEmail); m != "" {
		key("e:", m)
	}
	if p := n.get(cPhone); len(p) >= 7 {
		key("p:", p)
	}
	// Words as collapseDigraphs writes them, so that "Mueller" and "Müller" share a key.
	for _, w := range strings.Fields(n.get(cNameKey)) {
		if len(w) >= 3 && !hasDigit(w) {
			key("w:", collapseDigraphs(w))
		}
	}
	for _, w := range strings.Fields(n.get(cCompany)) {
		if len(w) >= 3 && !hasDigit(w) {
			key("w:", collapseDigraphs(w))
		}
	}
	pc := n.get(cPostcode)
	if k := n.get(cNameKey); pc != "" && k != "" {
		key("z:", pc, prefix(collapseDigraphs(prefix(k, 6)), 3))
	}
	if h, s := n.get(cHouse), n.get(cStreet); pc != "" && h != "" {
		key("a:", pc, h, prefix(streetName(s), 4))
	}
	return buf
}

// sortKey orders entities for the sorted-neighbourhood pass: neighbours by this key are
// compared even when they share no other key.
func (e *Entity) sortKey() string {
	if e.domain == Products {
		return e.norm.get(pWords)
	}
	if k := e.norm.get(cNameKey); k != "" {
		return k
	}
	return e.norm.get(cCompany)
}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// fnv64 hashes a key; a collision only adds a few comparisons.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// neighbourhood is the hash of the one key every entity has: the sorted-neighbourhood
// pass, a block that is always windowed and never skipped.
const neighbourhood = 0

// entry files one entity (by its rank in sort-key order) under one key.
type entry struct {
	h    uint64
	rank uint32
	run  uint32 // index into index.runs; noRun when the key is skipped
}

const noRun = math.MaxUint32

// run is the entries of one key, from start to end.
type run struct{ start, end uint32 }

// index is blocking over a set of entities: entries sorted by key and, within a key, by
// the entities' sort key, so that a windowed block compares similar names.
type index struct {
	order   []int32  // entity by rank
	entries []entry  // sorted by (hash, rank)
	runs    []run    // the keys that propose pairs
	recOff  []uint32 // entity i's entries are recPos[recOff[i]:recOff[i+1]]
	recPos  []uint32
	opt     Options
}

func newIndex(es []*Entity, o Options) *index {
	ix := &index{opt: o, order: make([]int32, len(es))}
	for i := range es {
		ix.order[i] = int32(i)
	}
	slices.SortFunc(ix.order, func(a, b int32) int {
		return cmp.Or(strings.Compare(es[a].sortKey(), es[b].sortKey()), cmp.Compare(a, b))
	})
	rank := make([]uint32, len(es))
	for r, i := range ix.order {
		rank[i] = uint32(r)
	}
	ix.entries = make([]entry, 0, len(es)*8)
	var buf []byte
	for i, e := range es {
		r := rank[i]
		ix.entries = append(ix.entries, entry{h: neighbourhood, rank: r})
		buf = e.eachKey(buf, func(k []byte) {
			ix.entries = append(ix.entries, entry{h: fnv64(k) | 1, rank: r})
		})
	}
	rank = nil
	slices.SortFunc(ix.entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.rank, b.rank))
	})
	// The same key twice on one entity ("Müller Müller GmbH") is one entry.
	ix.entries = slices.CompactFunc(ix.entries, func(a, b entry) bool { return a.h == b.h && a.rank == b.rank })
	ix.markRuns()
	ix.fileByEntity(len(es))
	return ix
}

// markRuns finds each key's entries and drops keys that propose no pair or too many.
func (ix *index) markRuns() {
	for s := 0; s < len(ix.entries); {
		e := s
		for e < len(ix.entries) && ix.entries[e].h == ix.entries[s].h {
			e++
		}
		size := e - s
		keep := size >= 2 && (ix.entries[s].h == neighbourhood || size <= ix.opt.MaxKeyFreq)
		id := uint32(noRun)
		if keep {
			id = uint32(len(ix.runs))
			ix.runs = append(ix.runs, run{uint32(s), uint32(e)})
		}
		for p := s; p < e; p++ {
			ix.entries[p].run = id
		}
		s = e
	}
}

// fileByEntity lists, for each entity, the positions of its entries in kept keys.
func (ix *index) fileByEntity(n int) {
	ix.recOff = make([]uint32, n+1)
	for _, en := range ix.entries {
		if en.run != noRun {
			ix.recOff[ix.order[en.rank]+1]++
		}
	}
	for i := 1; i <= n; i++ {
		ix.recOff[i] += ix.recOff[i-1]
	}
	ix.recPos = make([]uint32, ix.recOff[n])
	fill := slices.Clone(ix.recOff[:n])
	for p, en := range ix.entries {
		if en.run != noRun {
			i := ix.order[en.rank]
			ix.recPos[fill[i]] = uint32(p)
			fill[i]++
		}
	}
}

// candidates appends to dst the entities that i is compared with: those after i that share
// a key with it, all of a small block and the window around i in a large one. Each pair is
// proposed once, by its lower index. keep filters pairs (Link pairs only across sides).
func (ix *index) candidates(i int32, dst []int32, keep func(i, j int32) bool) []int32 {
	dst = dst[:0]
	w := uint32(ix.opt.Window)
	for _, p := range ix.recPos[ix.recOff[i]:ix.recOff[i+1]] {
		r := ix.runs[ix.entries[p].run]
		lo, hi := r.start, r.end
		if int(hi-lo) > ix.opt.MaxBlock {
			lo, hi = max(r.start, p-min(p, w)), min(r.end, p+w+1)
		}
		for q := lo; q < hi; q++ {
			if j := ix.order[ix.entries[q].rank]; j > i && (keep == nil || keep(i, j)) {
				dst = append(dst, j)
			}
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}
