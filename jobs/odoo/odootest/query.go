package odootest

import "sort"

// query is one search: a compiled domain, an order and a page.
type query struct {
	m      *model
	match  pred
	b      bounds
	order  []orderTerm
	offset int
	limit  int // < 0: no limit
}

// candidates returns the shorter of the two ranges the bounds allow — rows by id, or rows
// by write_date — so that a pull page costs what it returns, not the size of the table.
func (s *store) candidates(q query) (rows []*row, byWrite bool) {
	m := q.m
	lo := sort.Search(len(m.rows), func(i int) bool { return m.rows[i].id >= q.b.idMin })
	hi := sort.Search(len(m.rows), func(i int) bool { return m.rows[i].id > q.b.idMax })
	byID := m.rows[lo:hi]
	if !q.b.hasWMin && !q.b.hasWMax {
		return byID, false
	}
	idx := m.writeIndex()
	wlo, whi := 0, len(idx)
	if q.b.hasWMin {
		wlo = sort.Search(len(idx), func(i int) bool { return !idx[i].written.Before(q.b.wMin) })
	}
	if q.b.hasWMax {
		whi = sort.Search(len(idx), func(i int) bool { return idx[i].written.After(q.b.wMax) })
	}
	if whi < wlo {
		whi = wlo
	}
	if whi-wlo < len(byID) {
		return idx[wlo:whi], true
	}
	return byID, false
}

func (s *store) search(q query) []*row {
	order := q.order
	if len(order) == 0 {
		order = q.m.order
	}
	cand, byWrite := s.candidates(q)
	idOrder, idDesc := isIDOrder(order)
	wOrder, wDesc := isWriteOrder(order)
	if (idOrder && !byWrite) || (wOrder && byWrite) {
		desc := idDesc
		if wOrder {
			desc = wDesc
		}
		return s.stream(q, cand, desc)
	}
	if wOrder && !byWrite && !q.b.hasWMin && !q.b.hasWMax {
		// An unbounded write_date order walks the whole write index.
		return s.stream(q, q.m.writeIndex(), wDesc)
	}
	var out []*row
	for _, r := range cand {
		if q.match(r) {
			out = append(out, r)
		}
	}
	s.sortRows(q.m, out, order)
	if q.offset > 0 {
		if q.offset >= len(out) {
			return nil
		}
		out = out[q.offset:]
	}
	if q.limit >= 0 && len(out) > q.limit {
		out = out[:q.limit]
	}
	return out
}

// stream walks rows already in the wanted order and stops as soon as the page is full.
func (s *store) stream(q query, rows []*row, desc bool) []*row {
	var out []*row
	skip := q.offset
	for i := range rows {
		r := rows[i]
		if desc {
			r = rows[len(rows)-1-i]
		}
		if q.limit >= 0 && len(out) >= q.limit {
			break
		}
		if !q.match(r) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s *store) count(q query) int {
	cand, _ := s.candidates(q)
	n := 0
	for _, r := range cand {
		if q.match(r) {
			n++
		}
	}
	if q.limit >= 0 && n > q.limit {
		n = q.limit
	}
	return n
}
