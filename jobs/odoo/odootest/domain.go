package odootest

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
)

// pred tells whether a row matches a compiled domain.
type pred func(r *row) bool

// bounds are ranges read off the top-level leaves of a domain on id and write_date. They
// only narrow where search starts and stops scanning; the full predicate still decides.
type bounds struct {
	idMin, idMax     int64
	wMin, wMax       time.Time
	hasWMin, hasWMax bool
}

func openBounds() bounds { return bounds{idMin: math.MinInt64, idMax: math.MaxInt64} }

type dnode struct {
	op    string // "&", "|", "!" or "" for a leaf
	kids  []*dnode
	leaf  []any
	truth int // 1 or -1 for the TRUE_LEAF / FALSE_LEAF constants, 0 otherwise
}

func invalidDomain(raw any) *odooError {
	return errValue(fmt.Sprintf("Invalid domain: %s", pyRepr(raw)))
}

// parseDomain reads Odoo's prefix notation; terms side by side at the top level are ANDed.
func parseDomain(raw any) ([]*dnode, *odooError) {
	if raw == nil || raw == false {
		return nil, nil
	}
	items, ok := raw.([]any)
	if !ok {
		return nil, invalidDomain(raw)
	}
	var top []*dnode
	for i := 0; i < len(items); {
		n, next, err := parseTerm(items, i)
		if err != nil {
			return nil, err
		}
		top = append(top, n)
		i = next
	}
	return top, nil
}

func parseTerm(items []any, i int) (*dnode, int, *odooError) {
	if i >= len(items) {
		return nil, i, invalidDomain(items)
	}
	switch x := items[i].(type) {
	case string:
		arity := map[string]int{"&": 2, "|": 2, "!": 1}[x]
		if arity == 0 {
			return nil, i, invalidDomain(items)
		}
		n := &dnode{op: x}
		next := i + 1
		for k := 0; k < arity; k++ {
			kid, after, err := parseTerm(items, next)
			if err != nil {
				return nil, i, err
			}
			n.kids = append(n.kids, kid)
			next = after
		}
		return n, next, nil
	case []any:
		if len(x) != 3 {
			return nil, i, invalidDomain(items)
		}
		n := &dnode{leaf: x}
		if a, ok := toInt(x[0]); ok {
			b, _ := toInt(x[2])
			if op, _ := x[1].(string); op == "=" && (a == 0 || a == 1) && b == 1 {
				n.truth = int(2*a - 1)
				return n, i + 1, nil
			}
			return nil, i, invalidDomain(items)
		}
		if _, ok := x[0].(string); !ok {
			return nil, i, invalidDomain(items)
		}
		return n, i + 1, nil
	}
	return nil, i, invalidDomain(items)
}

func mentions(nodes []*dnode, field string) bool {
	for _, n := range nodes {
		if n.leaf != nil && n.truth == 0 {
			if p, _ := n.leaf[0].(string); strings.Split(p, ".")[0] == field {
				return true
			}
		}
		if mentions(n.kids, field) {
			return true
		}
	}
	return false
}

// compileDomain turns a domain into a predicate plus scan bounds. Like Odoo, it hides
// archived records unless the context sets active_test to false or the domain itself
// mentions `active`.
func (s *store) compileDomain(m *model, raw any, activeTest bool) (pred, bounds, *odooError) {
	b := openBounds()
	nodes, err := parseDomain(raw)
	if err != nil {
		return nil, b, err
	}
	var preds []pred
	for _, n := range nodes {
		p, err := s.compileNode(m, n)
		if err != nil {
			return nil, b, err
		}
		preds = append(preds, p)
		if n.leaf != nil && n.truth == 0 {
			b.narrow(n.leaf)
		}
	}
	if f := m.fields["active"]; f != nil && activeTest && !mentions(nodes, "active") {
		get := s.getter(m, f)
		preds = append(preds, func(r *row) bool { v, _ := get(r).(bool); return v })
	}
	switch len(preds) {
	case 0:
		return func(*row) bool { return true }, b, nil
	case 1:
		return preds[0], b, nil
	}
	return func(r *row) bool {
		for _, p := range preds {
			if !p(r) {
				return false
			}
		}
		return true
	}, b, nil
}

func (b *bounds) narrow(leaf []any) {
	field, _ := leaf[0].(string)
	op, _ := leaf[1].(string)
	switch field {
	case "id":
		v, ok := toInt(leaf[2])
		if !ok {
			return
		}
		switch op {
		case ">":
			b.idMin = max(b.idMin, v+1)
		case ">=":
			b.idMin = max(b.idMin, v)
		case "<":
			b.idMax = min(b.idMax, v-1)
		case "<=":
			b.idMax = min(b.idMax, v)
		case "=":
			b.idMin, b.idMax = max(b.idMin, v), min(b.idMax, v)
		}
	case "write_date":
		str, _ := leaf[2].(string)
		t, ok := parseOdooTime(str)
		if !ok {
			return
		}
		if op == ">" || op == ">=" || op == "=" {
			if !b.hasWMin || t.After(b.wMin) {
				b.wMin, b.hasWMin = t, true
			}
		}
		if op == "<" || op == "<=" || op == "=" {
			if !b.hasWMax || t.Before(b.wMax) {
				b.wMax, b.hasWMax = t, true
			}
		}
	}
}

func (s *store) compileNode(m *model, n *dnode) (pred, *odooError) {
	switch n.op {
	case "!":
		p, err := s.compileNode(m, n.kids[0])
		if err != nil {
			return nil, err
		}
		return func(r *row) bool { return !p(r) }, nil
	case "&", "|":
		a, err := s.compileNode(m, n.kids[0])
		if err != nil {
			return nil, err
		}
		b, err := s.compileNode(m, n.kids[1])
		if err != nil {
			return nil, err
		}
		if n.op == "&" {
			return func(r *row) bool { return a(r) && b(r) }, nil
		}
		return func(r *row) bool { return a(r) || b(r) }, nil
	}
	if n.truth != 0 {
		t := n.truth > 0
		return func(*row) bool { return t }, nil
	}
	path, _ := n.leaf[0].(string)
	op, _ := n.leaf[1].(string)
	return s.compileLeaf(m, strings.Split(path, "."), strings.ToLower(op), n.leaf[2], leafRepr(n.leaf))
}

func (s *store) getter(m *model, f *fieldDef) func(r *row) any {
	if f.via == "" && f.compute == nil {
		c := f.col
		return func(r *row) any { return r.vals[c] }
	}
	return func(r *row) any { return s.value(m, r, f) }
}

var operators = map[string]bool{"=": true, "!=": true, "<>": true, "<": true, ">": true, "<=": true, ">=": true, "in": true, "not in": true,
	"like": true, "ilike": true, "not like": true, "not ilike": true, "=like": true, "=ilike": true, "=?": true}

func (s *store) compileLeaf(m *model, path []string, op string, val any, repr string) (pred, *odooError) {
	f := m.fields[path[0]]
	if f == nil {
		return nil, errInvalidLeaf(s.major, m.name, path[0], repr)
	}
	if !operators[op] {
		return nil, errValue(fmt.Sprintf("Invalid operator %s in domain term %s", pyRepr(op), repr))
	}
	get := s.getter(m, f)
	if len(path) > 1 {
		if !f.typ.relational() {
			return nil, errInvalidLeaf(s.major, m.name, strings.Join(path, "."), repr)
		}
		cm := s.models[f.relation]
		sub, err := s.compileLeaf(cm, path[1:], op, val, repr)
		if err != nil {
			return nil, err
		}
		return func(r *row) bool {
			for _, id := range asIDs(get(r)) {
				if cr := cm.byID[id]; cr != nil && sub(cr) {
					return true
				}
			}
			return false
		}, nil
	}
	if op == "=?" {
		if val == nil || val == false {
			return func(*row) bool { return true }, nil
		}
		op = "="
	}
	switch op {
	case "=", "!=", "<>":
		eq := s.equality(m, f, val)
		if op == "=" {
			return func(r *row) bool { return eq(get(r)) }, nil
		}
		return func(r *row) bool { return !eq(get(r)) }, nil
	case "in", "not in":
		list, ok := val.([]any)
		if !ok {
			list = []any{val}
		}
		eqs := make([]func(any) bool, len(list))
		for i, v := range list {
			eqs[i] = s.equality(m, f, v)
		}
		in := func(v any) bool {
			for _, eq := range eqs {
				if eq(v) {
					return true
				}
			}
			return false
		}
		if op == "in" {
			return func(r *row) bool { return in(get(r)) }, nil
		}
		return func(r *row) bool { return !in(get(r)) }, nil
	case "<", ">", "<=", ">=":
		target, ok := s.comparable(f, val)
		if !ok {
			return func(*row) bool { return false }, nil
		}
		return func(r *row) bool {
			v := s.comparableValue(f, get(r))
			if v == nil {
				return false
			}
			c := compareKeys(v, target)
			switch op {
			case "<":
				return c < 0
			case ">":
				return c > 0
			case "<=":
				return c <= 0
			}
			return c >= 0
		}, nil
	}
	// like family
	pattern := fmt.Sprint(val)
	if str, ok := val.(string); ok {
		pattern = str
	}
	negate := strings.HasPrefix(op, "not ")
	base := strings.TrimPrefix(op, "not ")
	if base == "like" || base == "ilike" {
		pattern = "%" + pattern + "%"
	}
	re := likeRegexp(pattern, strings.HasSuffix(base, "ilike"))
	text := s.textOf(f)
	return func(r *row) bool {
		matched := false
		for _, t := range text(get(r)) {
			if re.MatchString(t) {
				matched = true
				break
			}
		}
		return matched != negate
	}, nil
}

// likeRegexp translates an SQL LIKE pattern (% and _ wildcards, backslash escapes).
func likeRegexp(pattern string, fold bool) *regexp.Regexp {
	var b strings.Builder
	if fold {
		b.WriteString("(?i)")
	}
	b.WriteString("(?s)^")
	esc := false
	for _, r := range pattern {
		switch {
		case esc:
			b.WriteString(regexp.QuoteMeta(string(r)))
			esc = false
		case r == '\\':
			esc = true
		case r == '%':
			b.WriteString(".*")
		case r == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// textOf gives the strings a like operator looks at: the value of a text field, the display
// name of a relation.
func (s *store) textOf(f *fieldDef) func(v any) []string {
	if f.typ.relational() {
		return func(v any) []string {
			var out []string
			for _, id := range asIDs(v) {
				if name, ok := s.displayOf(f.relation, id); ok {
					out = append(out, name)
				}
			}
			return out
		}
	}
	return func(v any) []string {
		switch x := v.(type) {
		case string:
			return []string{x}
		case nil:
			return nil
		case float64:
			return []string{pyFloat(x)}
		}
		return []string{fmt.Sprint(v)}
	}
}

func asIDs(v any) []int64 {
	switch x := v.(type) {
	case int64:
		if x == 0 {
			return nil
		}
		return []int64{x}
	case []int64:
		return x
	}
	return nil
}

func isEmpty(f *fieldDef, v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == "" && f.typ.textual()
	case bool:
		return !x
	case int64:
		return x == 0 && f.typ == tMany2one
	case []int64:
		return len(x) == 0
	}
	return false
}

// equality builds "field = val" with Odoo's reading of False as "not set".
func (s *store) equality(m *model, f *fieldDef, val any) func(v any) bool {
	if val == nil || val == false {
		return func(v any) bool { return isEmpty(f, v) }
	}
	switch f.typ {
	case tBoolean:
		want := val == true
		if n, ok := toFloat(val); ok {
			want = n != 0
		}
		return func(v any) bool { b, _ := v.(bool); return b == want }
	case tMany2one, tOne2many, tMany2many:
		if name, ok := val.(string); ok {
			return func(v any) bool {
				for _, id := range asIDs(v) {
					if d, _ := s.displayOf(f.relation, id); d == name {
						return true
					}
				}
				return false
			}
		}
		want, _ := toInt(val)
		return func(v any) bool {
			for _, id := range asIDs(v) {
				if id == want {
					return true
				}
			}
			return false
		}
	}
	target, ok := s.comparable(f, val)
	if !ok {
		return func(any) bool { return false }
	}
	return func(v any) bool {
		c := s.comparableValue(f, v)
		return c != nil && compareKeys(c, target) == 0
	}
}

// comparable converts a domain value to the key type of f; datetimes compare to the
// microsecond, which is why a cursor "write_date > '03:40:05'" matches a row written at
// 03:40:05.531981.
func (s *store) comparable(f *fieldDef, val any) (any, bool) {
	switch f.typ {
	case tChar, tText, tSelection:
		if str, ok := val.(string); ok {
			return str, true
		}
		return fmt.Sprint(val), true
	case tInteger, tFloat, tMonetary:
		n, ok := toFloat(val)
		return n, ok
	case tDate, tDatetime:
		str, _ := val.(string)
		t, ok := parseOdooTime(str)
		return t, ok
	case tMany2one:
		n, ok := toInt(val)
		return n, ok
	case tBoolean:
		b, ok := val.(bool)
		if ok && b {
			return int64(1), true
		}
		return int64(0), ok
	}
	return nil, false
}

func (s *store) comparableValue(f *fieldDef, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		if f.typ == tMany2one {
			if x == 0 {
				return nil
			}
			return x
		}
		return float64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return x
	case string, float64:
		return x
	}
	return nil
}
