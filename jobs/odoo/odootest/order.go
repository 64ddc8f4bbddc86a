package odootest

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

type orderTerm struct {
	f    *fieldDef
	desc bool
}

var orderSpec = regexp.MustCompile(`(?i)^\s*([a-z0-9_.]+)(\s+(asc|desc))?(\s+nulls\s+(first|last))?\s*$`)

// parseOrder reads an `order` argument such as "write_date asc, id asc".
func parseOrder(m *model, spec string) ([]orderTerm, *odooError) {
	var terms []orderTerm
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	for _, part := range strings.Split(spec, ",") {
		g := orderSpec.FindStringSubmatch(part)
		if g == nil {
			return nil, &odooError{name: "odoo.exceptions.UserError", status: 422, msg: fmt.Sprintf(
				"Invalid \"order\" specified (%s). A valid \"order\" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)", spec)}
		}
		f := m.fields[g[1]]
		if f == nil {
			return nil, errValue(fmt.Sprintf("Invalid field %s on model %s", pyRepr(g[1]), pyRepr(m.name)))
		}
		terms = append(terms, orderTerm{f: f, desc: strings.EqualFold(g[3], "desc")})
	}
	return terms, nil
}

// isIDOrder tells whether terms sort by id alone, which search can serve from the id-ordered
// rows without sorting.
func isIDOrder(terms []orderTerm) (ok, desc bool) {
	if len(terms) == 1 && terms[0].f.name == "id" {
		return true, terms[0].desc
	}
	return false, false
}

// isWriteOrder tells whether terms are "write_date, id" in one direction, served from the
// write_date index.
func isWriteOrder(terms []orderTerm) (ok, desc bool) {
	if len(terms) == 0 || terms[0].f.name != "write_date" {
		return false, false
	}
	if len(terms) == 1 {
		return true, terms[0].desc
	}
	if len(terms) == 2 && terms[1].f.name == "id" && terms[1].desc == terms[0].desc {
		return true, terms[0].desc
	}
	return false, false
}

// sortKey normalises a value for ordering the way PostgreSQL would compare the column;
// many2one columns sort by the display name of the target, as Odoo orders them by the
// comodel's own order.
func (s *store) sortKey(m *model, r *row, f *fieldDef) any {
	v := s.value(m, r, f)
	switch f.typ {
	case tMany2one:
		id, _ := v.(int64)
		if id == 0 {
			return nil
		}
		name, _ := s.displayOf(f.relation, id)
		return strings.ToLower(name)
	case tChar, tText, tSelection:
		if str, ok := v.(string); ok {
			return strings.ToLower(str)
		}
		return nil
	case tBoolean:
		if b, ok := v.(bool); ok {
			if b {
				return int64(1)
			}
			return int64(0)
		}
		return nil
	case tOne2many, tMany2many:
		return nil
	}
	return v
}

// compareKeys orders two normalised values; nil is greater than anything, as NULLs sort
// last in ascending order.
func compareKeys(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	switch x := a.(type) {
	case string:
		return strings.Compare(x, b.(string))
	case int64:
		y := b.(int64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case float64:
		y := b.(float64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case time.Time:
		return x.Compare(b.(time.Time))
	}
	return 0
}

func (s *store) sortRows(m *model, rows []*row, terms []orderTerm) {
	if len(terms) == 0 || len(rows) < 2 {
		return
	}
	keys := make(map[*row][]any, len(rows))
	for _, r := range rows {
		k := make([]any, len(terms))
		for i, t := range terms {
			k[i] = s.sortKey(m, r, t.f)
		}
		keys[r] = k
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ki, kj := keys[rows[i]], keys[rows[j]]
		for t, term := range terms {
			c := compareKeys(ki[t], kj[t])
			if term.desc {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
}
