package match

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Options tune blocking and the scan. The zero value takes the defaults.
type Options struct {
	Workers    int     // goroutines comparing pairs; default runtime.GOMAXPROCS
	MaxBlock   int     // a key shared by at most this many records compares all their pairs (default 32)
	Window     int     // in a larger block, each record meets this many neighbours on each side (default 8)
	MaxKeyFreq int     // a key shared by more records is skipped, except the sorted neighbourhood (default 1000)
	MinScore   float64 // pairs scoring below are dropped; 0 keeps every compared pair
	// Progress, when set, is told how many records have been compared, from one goroutine
	// at a time.
	Progress func(done, total int64)
	// Stats, when set, receives what the scan did.
	Stats *Stats
}

// Stats count the work of a scan.
type Stats struct {
	Records  int64 // entities scanned
	Keys     int64 // blocking keys that proposed pairs
	Compared int64 // candidate pairs compared
	Kept     int64 // pairs scoring at least MinScore
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxBlock <= 0 {
		o.MaxBlock = 32
	}
	if o.Window <= 0 {
		o.Window = 8
	}
	if o.MaxKeyFreq <= 0 {
		o.MaxKeyFreq = 1000
	}
	return o
}

// Pair is a compared pair with its match probability. A and B index the scanned entities;
// in Link, A indexes the left set and B the right one.
type Pair struct {
	A, B  int32
	Score float64
}

// Dedupe finds the pairs of es that may be the same entity: blocking proposes candidates,
// the model scores them, and pairs scoring at least o.MinScore come back ordered by A, then B.
func Dedupe(m *Model, es []Entity, o Options) []Pair {
	ptrs := make([]*Entity, len(es))
	for i := range es {
		ptrs[i] = &es[i]
	}
	return scan(m, ptrs, nil, o)
}

// Link finds the pairs across left and right (never within one side) that may be the same
// entity, like Dedupe.
func Link(m *Model, left, right []Entity, o Options) []Pair {
	ptrs := make([]*Entity, 0, len(left)+len(right))
	for i := range left {
		ptrs = append(ptrs, &left[i])
	}
	for i := range right {
		ptrs = append(ptrs, &right[i])
	}
	n := int32(len(left))
	pairs := scan(m, ptrs, func(i, j int32) bool { return i < n && j >= n }, o)
	for k := range pairs {
		pairs[k].B -= n
	}
	return pairs
}

// CandidatePairs lists the pairs blocking proposes for es, unscored, ordered by A, then B:
// the pairs a model is trained on.
func CandidatePairs(es []Entity, o Options) [][2]int32 {
	o = o.withDefaults()
	ptrs := make([]*Entity, len(es))
	for i := range es {
		ptrs[i] = &es[i]
	}
	ix := newIndex(ptrs, o)
	var out [][2]int32
	var buf []int32
	for i := range ptrs {
		buf = ix.candidates(int32(i), buf, nil)
		for _, j := range buf {
			out = append(out, [2]int32{int32(i), j})
		}
	}
	return out
}

// chunk is how many records a worker takes at a time: large enough that handing out work
// costs nothing, small enough that both cores finish together.
const chunk = 512

func scan(m *Model, es []*Entity, keep func(i, j int32) bool, o Options) []Pair {
	o = o.withDefaults()
	if len(es) == 0 {
		return nil
	}
	ix := newIndex(es, o)
	w := m.weights()
	nf := len(m.Fields)
	// p ≥ MinScore ⇔ bits + Offset ≥ log2 odds(MinScore): compare bits, skip the exp.
	minBits := math.Inf(-1)
	if o.MinScore > 0 {
		minBits = math.Log2(o.MinScore/(1-o.MinScore)) - m.Offset
	}
	var (
		next, done, compared atomic.Int64
		mu                   sync.Mutex
		results              = make([][]Pair, o.Workers)
		wg                   sync.WaitGroup
		total                = int64(len(es))
	)
	for k := 0; k < o.Workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			var cands []int32
			var out []Pair
			for {
				start := next.Add(chunk) - chunk
				if start >= total {
					break
				}
				end := min(start+chunk, total)
				n := 0
				for i := int32(start); i < int32(end); i++ {
					cands = ix.candidates(i, cands, keep)
					n += len(cands)
					a := es[i]
					for _, j := range cands {
						c := Compare(a, es[j])
						if bits := w.total(&c, nf); bits >= minBits {
							out = append(out, Pair{A: i, B: j, Score: m.Probability(bits)})
						}
					}
				}
				compared.Add(int64(n))
				if o.Progress != nil {
					d := done.Add(end - start)
					mu.Lock()
					o.Progress(d, total)
					mu.Unlock()
				}
			}
			results[k] = out
		}(k)
	}
	wg.Wait()
	var pairs []Pair
	for _, r := range results {
		pairs = append(pairs, r...)
	}
	slices.SortFunc(pairs, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	if o.Stats != nil {
		*o.Stats = Stats{Records: total, Keys: int64(len(ix.runs)), Compared: compared.Load(), Kept: int64(len(pairs))}
	}
	return pairs
}
