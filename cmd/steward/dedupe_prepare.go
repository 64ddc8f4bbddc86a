package main

import (
	"fmt"
	"runtime"
	"sync"

	"steward/rules/match"
)

// preparer normalises batches of rows on all cores while more are read.
type preparer struct {
	d       match.Domain
	work    chan batch
	wg      sync.WaitGroup
	mu      sync.Mutex
	results [][]match.Entity
	notes   []problem
	seq     int
}

type batch struct {
	seq  int
	rows []row
}

func startPreparing(d match.Domain) *preparer {
	p := &preparer{d: d, work: make(chan batch, runtime.GOMAXPROCS(0))}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for b := range p.work {
				ents := make([]match.Entity, len(b.rows))
				var notes []problem
				for i, r := range b.rows {
					var n []string
					ents[i], n = prepareRow(r, p.d)
					for _, msg := range n {
						notes = append(notes, problem{r.line, msg})
					}
				}
				p.mu.Lock()
				p.results[b.seq] = ents
				p.notes = append(p.notes, notes...)
				p.mu.Unlock()
			}
		}()
	}
	return p
}

func (p *preparer) add(rows []row) {
	p.mu.Lock()
	p.results = append(p.results, nil)
	p.mu.Unlock()
	p.work <- batch{seq: p.seq, rows: rows}
	p.seq++
}

func (p *preparer) stop() {
	close(p.work)
	p.wg.Wait()
}

// finish waits for the last batch and returns the entities in the order of the rows.
func (p *preparer) finish() ([]match.Entity, []problem) {
	p.stop()
	n := 0
	for _, r := range p.results {
		n += len(r)
	}
	ents := make([]match.Entity, 0, n)
	for _, r := range p.results {
		ents = append(ents, r...)
	}
	return ents, p.notes
}

// prepareRow turns a row into an entity, with a note for each value that is there but
// cannot be compared.
func prepareRow(r row, d match.Domain) (match.Entity, []string) {
	v := r.values
	var notes []string
	note := func(col, val, what string) {
		notes = append(notes, fmt.Sprintf("column %s: %q is not %s; compared without it", col, val, what))
	}
	if d == match.Products {
		p := match.Product{ID: v[0], SKU: v[1], Name: v[2], Description: v[3], Brand: v[4], MPN: v[5], GTIN: v[6], Price: v[7], Category: v[8], UoM: v[9]}
		if _, ok := match.NormalizeGTIN(p.GTIN); p.GTIN != "" && !ok {
			note("gtin", p.GTIN, "a GTIN with a correct check digit")
		}
		if _, ok := match.ParsePrice(p.Price); p.Price != "" && !ok {
			note("price", p.Price, "a price")
		}
		return match.PrepareProduct(p), notes
	}
	c := match.Customer{ID: v[0], Name: v[1], Company: v[2], Email: v[3], Phone: v[4], TaxID: v[5],
		Street: v[6], Street2: v[7], City: v[8], Postcode: v[9], State: v[10], Country: v[11]}
	e := match.PrepareCustomer(c)
	if c.Email != "" && e.Value("email") == "" {
		note("email", c.Email, "an email address")
	}
	if c.Phone != "" && e.Value("phone") == "" {
		note("phone", c.Phone, "a phone number")
	}
	return e, notes
}
