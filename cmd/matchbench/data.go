package main

import (
	"runtime"
	"sync"
	"time"

	"steward/rules/match"
	"steward/rules/match/synth"
)

// labelled is a prepared data set with the truth about it.
type labelled struct {
	ents   []match.Entity
	entity []int32 // true entity of each record
	kind   []string
}

func (l *labelled) add(e match.Entity, entity int32, kind string) {
	l.ents = append(l.ents, e)
	l.entity = append(l.entity, entity)
	l.kind = append(l.kind, kind)
}

// truePairs counts the pairs of records that are the same entity: what recall is out of.
func (l *labelled) truePairs() int64 {
	size := map[int32]int64{}
	for _, e := range l.entity {
		size[e]++
	}
	var n int64
	for _, s := range size {
		n += s * (s - 1) / 2
	}
	return n
}

// splits generates n records of a domain and prepares them, by split.
func splits(d match.Domain, seed uint64, n int) (train, test labelled) {
	put := func(group int32, e match.Entity, entity int32, kind string) {
		if synth.InTrain(group) {
			train.add(e, entity, kind)
		} else {
			test.add(e, entity, kind)
		}
	}
	if d == match.Products {
		for p := range synth.Products(seed, n) {
			put(p.Group, match.PrepareProduct(p.Product), p.Entity, p.Kind)
		}
		return
	}
	for c := range synth.Customers(seed, n) {
		put(c.Group, match.PrepareCustomer(c.Customer), c.Entity, c.Kind)
	}
	return
}

// generateCustomers generates and prepares n customers on all cores, the way a scan reads
// and normalises its input, and shuffles them so that duplicates do not sit side by side
// in memory (a real table is not ordered by entity). Each core generates its own shard
// from its own seed; entity labels carry the shard in their top bits. It also returns the
// time the goroutines spent generating and normalising (summed, so up to cores × wall).
func generateCustomers(seed uint64, n int) (l labelled, generating, normalising time.Duration) {
	l = labelled{ents: make([]match.Entity, n), entity: make([]int32, n)}
	shards := runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for s := 0; s < shards; s++ {
		from, to := n*s/shards, n*(s+1)/shards
		wg.Add(1)
		go func() {
			defer wg.Done()
			var gen, norm time.Duration
			at := from
			batch := make([]synth.Customer, 0, 4096)
			flush := func() {
				t := time.Now()
				for k, c := range batch {
					l.ents[at+k] = match.PrepareCustomer(c.Customer)
					l.entity[at+k] = c.Entity | int32(s)<<26
				}
				norm += time.Since(t)
				at += len(batch)
				batch = batch[:0]
			}
			t := time.Now()
			for c := range synth.Customers(seed*1000+uint64(s), to-from) {
				batch = append(batch, c)
				if len(batch) == cap(batch) {
					gen += time.Since(t)
					flush()
					t = time.Now()
				}
			}
			gen += time.Since(t)
			flush()
			mu.Lock()
			generating += gen
			normalising += norm
			mu.Unlock()
		}()
	}
	wg.Wait()
	shuffle(seed, l.ents, l.entity)
	return l, generating, normalising
}

// shuffle permutes records and labels together, the same way for the same seed.
func shuffle(seed uint64, ents []match.Entity, entity []int32) {
	x := seed*0x9e3779b97f4a7c15 + 1
	for i := len(ents) - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i+1))
		ents[i], ents[j] = ents[j], ents[i]
		entity[i], entity[j] = entity[j], entity[i]
	}
}
