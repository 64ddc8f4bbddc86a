package odootest

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

type ftype uint8

const (
	tChar ftype = iota
	tText
	tSelection
	tInteger
	tFloat
	tMonetary
	tBoolean
	tDate
	tDatetime
	tMany2one
	tOne2many
	tMany2many
)

var ftypeNames = [...]string{"char", "text", "selection", "integer", "float", "monetary", "boolean", "date", "datetime", "many2one", "one2many", "many2many"}

func (t ftype) String() string { return ftypeNames[t] }

func (t ftype) relational() bool { return t >= tMany2one }

func (t ftype) textual() bool { return t <= tSelection }

// fieldDef describes one field of a model as fields_get would.
type fieldDef struct {
	name      string
	label     string
	typ       ftype
	relation  string
	inverse   string // one2many: the many2one on the comodel pointing back
	selection [][2]string
	required  bool
	readonly  bool
	col       int                        // position in row.vals; -1 when not stored on the row
	via       string                     // delegated to the record this many2one points to
	compute   func(s *store, r *row) any // non-stored value
	onlyFrom  int                        // the field exists from this major version on
}

// row is one record. vals holds stored fields in the column order of the model; empty
// values are nil, as PostgreSQL's NULL.
type row struct {
	id      int64
	vals    []any
	created time.Time
	written time.Time // to the microsecond, like PostgreSQL
	display string    // display name pinned by Load (fixtures copied from recordings)
}

// model is one table plus the indexes search needs.
type model struct {
	name      string
	fields    map[string]*fieldDef
	list      []*fieldDef
	ncols     int
	rows      []*row // ascending id
	byID      map[int64]*row
	nextID    int64
	order     []orderTerm
	display   func(s *store, r *row) string
	version   uint64
	byWrite   []*row // (write_date, id) ascending, rebuilt when version moves
	byWriteAt uint64
	defaults  map[string]any
}

func (m *model) touch() { m.version++ }

func (m *model) col(name string) int {
	if f := m.fields[name]; f != nil {
		return f.col
	}
	return -1
}

// insert keeps rows sorted by id; ids of late commits may be lower than ids already there.
func (m *model) insert(r *row) {
	m.byID[r.id] = r
	n := len(m.rows)
	if n == 0 || m.rows[n-1].id < r.id {
		m.rows = append(m.rows, r)
	} else {
		i := sort.Search(n, func(i int) bool { return m.rows[i].id >= r.id })
		m.rows = append(m.rows, nil)
		copy(m.rows[i+1:], m.rows[i:])
		m.rows[i] = r
	}
	if r.id >= m.nextID {
		m.nextID = r.id + 1
	}
	m.touch()
}

func (m *model) remove(id int64) {
	delete(m.byID, id)
	i := sort.Search(len(m.rows), func(i int) bool { return m.rows[i].id >= id })
	if i < len(m.rows) && m.rows[i].id == id {
		m.rows = append(m.rows[:i], m.rows[i+1:]...)
	}
	m.touch()
}

// writeIndex returns rows ordered by (write_date, id), the order "write_date asc, id asc"
// asks for, rebuilding it only after changes.
func (m *model) writeIndex() []*row {
	if m.byWrite != nil && m.byWriteAt == m.version {
		return m.byWrite
	}
	idx := make([]*row, len(m.rows))
	copy(idx, m.rows)
	sort.Slice(idx, func(i, j int) bool {
		a, b := idx[i], idx[j]
		if !a.written.Equal(b.written) {
			return a.written.Before(b.written)
		}
		return a.id < b.id
	})
	m.byWrite, m.byWriteAt = idx, m.version
	return idx
}

// store is the database: all models of one Odoo instance.
type store struct {
	major  int
	uid    int64
	models map[string]*model
	o2m    map[string]*o2mIndex
	// trusted skips constraint checks while the generator writes data it knows is valid.
	trusted bool
}

type o2mIndex struct {
	at   uint64
	kids map[int64][]*row
}

// children returns the rows of comodel whose many2one `inverse` points to id, in the
// comodel's default order, as one2many fields read them.
func (s *store) children(comodel, inverse string, id int64) []*row {
	cm := s.models[comodel]
	key := comodel + "." + inverse
	ix := s.o2m[key]
	if ix == nil || ix.at != cm.version {
		ix = &o2mIndex{at: cm.version, kids: map[int64][]*row{}}
		c := cm.col(inverse)
		for _, r := range cm.rows {
			if p, _ := r.vals[c].(int64); p != 0 {
				ix.kids[p] = append(ix.kids[p], r)
			}
		}
		for _, rs := range ix.kids {
			s.sortRows(cm, rs, cm.order)
		}
		s.o2m[key] = ix
	}
	return ix.kids[id]
}

// value is the Python-side value of a field: what the ORM holds in cache.
func (s *store) value(m *model, r *row, f *fieldDef) any {
	if f.via != "" {
		d := m.fields[f.via]
		pm := s.models[d.relation]
		pid, _ := r.vals[d.col].(int64)
		pr := pm.byID[pid]
		if pr == nil {
			return nil
		}
		return s.value(pm, pr, pm.fields[f.name])
	}
	if f.compute != nil {
		return f.compute(s, r)
	}
	return r.vals[f.col]
}

func (s *store) displayName(m *model, r *row) string {
	if r.display != "" {
		return r.display
	}
	return m.display(s, r)
}

func (s *store) displayOf(model string, id int64) (string, bool) {
	m := s.models[model]
	r := m.byID[id]
	if r == nil {
		return "", false
	}
	return s.displayName(m, r), true
}

// readValue converts a value to what read() returns over the wire.
func (s *store) readValue(f *fieldDef, v any, load bool) any {
	switch f.typ {
	case tChar, tText, tSelection:
		if v == nil {
			return false
		}
		return v
	case tInteger:
		if v == nil {
			return int64(0)
		}
		return v
	case tFloat, tMonetary:
		if v == nil {
			return 0.0
		}
		return v
	case tBoolean:
		if v == nil {
			return false
		}
		return v
	case tDate:
		if t, ok := v.(time.Time); ok {
			return t.Format("2006-01-02")
		}
		return false
	case tDatetime:
		if t, ok := v.(time.Time); ok {
			return t.Format("2006-01-02 15:04:05")
		}
		return false
	case tMany2one:
		id, _ := v.(int64)
		if id == 0 {
			return false
		}
		if !load {
			return id
		}
		name, _ := s.displayOf(f.relation, id)
		return []any{id, name}
	case tOne2many, tMany2many:
		ids, _ := v.([]int64)
		if ids == nil {
			return []int64{}
		}
		return ids
	}
	return v
}

// convert turns a JSON value sent by a client into the stored representation of f.
func (s *store) convert(m *model, f *fieldDef, raw any) (any, *odooError) {
	if raw == nil || raw == false {
		switch f.typ {
		case tBoolean:
			return false, nil
		case tMany2many:
			return []int64{}, nil
		}
		return nil, nil
	}
	bad := func() (any, *odooError) {
		return nil, errValue(fmt.Sprintf("Wrong value for %s.%s: %s", m.name, f.name, pyRepr(raw)))
	}
	switch f.typ {
	case tChar, tText:
		if str, ok := raw.(string); ok {
			return str, nil
		}
		return fmt.Sprint(raw), nil
	case tSelection:
		str, ok := raw.(string)
		if !ok {
			return bad()
		}
		for _, opt := range f.selection {
			if opt[0] == str {
				return str, nil
			}
		}
		return bad()
	case tInteger:
		if n, ok := toFloat(raw); ok {
			return int64(n), nil
		}
		return bad()
	case tFloat, tMonetary:
		if n, ok := toFloat(raw); ok {
			return n, nil
		}
		return bad()
	case tBoolean:
		if b, ok := raw.(bool); ok {
			return b, nil
		}
		return true, nil
	case tDate, tDatetime:
		str, ok := raw.(string)
		if !ok {
			return bad()
		}
		t, ok := parseOdooTime(str)
		if !ok {
			return bad()
		}
		if f.typ == tDate {
			t = t.Truncate(24 * time.Hour)
		}
		return t, nil
	case tMany2one:
		if ids, ok := raw.([]any); ok && len(ids) == 2 {
			raw = ids[0]
		}
		n, ok := toFloat(raw)
		if !ok {
			return bad()
		}
		return int64(n), nil
	case tMany2many:
		return s.m2mCommands(m, f, raw)
	}
	return bad()
}

// m2mCommands applies Odoo's x2many command triples, or a bare id list, to an empty set;
// write() merges with the current value itself.
func (s *store) m2mCommands(m *model, f *fieldDef, raw any) (any, *odooError) {
	list, ok := raw.([]any)
	if !ok {
		return nil, errValue(fmt.Sprintf("Wrong value for %s.%s: %s", m.name, f.name, pyRepr(raw)))
	}
	var ids []int64
	for _, e := range list {
		if n, ok := toFloat(e); ok {
			ids = append(ids, int64(n))
			continue
		}
		cmd, ok := e.([]any)
		if !ok || len(cmd) == 0 {
			return nil, errValue(fmt.Sprintf("Wrong value for %s.%s: %s", m.name, f.name, pyRepr(raw)))
		}
		code, _ := toFloat(cmd[0])
		switch int(code) {
		case 6:
			ids = ids[:0]
			if len(cmd) > 2 {
				if l, ok := cmd[2].([]any); ok {
					for _, x := range l {
						if n, ok := toFloat(x); ok {
							ids = append(ids, int64(n))
						}
					}
				}
			}
		case 4:
			if n, ok := toFloat(cmd[1]); ok {
				ids = append(ids, int64(n))
			}
		case 3:
			if n, ok := toFloat(cmd[1]); ok {
				ids = removeID(ids, int64(n))
			}
		case 5:
			ids = ids[:0]
		}
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

func removeID(ids []int64, id int64) []int64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		f, err := x.Float64()
		return int64(f), err == nil && f == math.Trunc(f)
	case float64:
		return int64(x), x == math.Trunc(x)
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// parseOdooTime reads the server's datetime and date formats; a value with microseconds is
// accepted too, as PostgreSQL would.
func parseOdooTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999", "2006-01-02 15:04:05", "2006-01-02T15:04:05.999999", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ids reads an "ids" argument: a list of ints or a single int.
func parseIDs(v any) ([]int64, bool) {
	if n, ok := toInt(v); ok {
		return []int64{n}, true
	}
	list, ok := v.([]any)
	if !ok {
		return nil, v == nil
	}
	out := make([]int64, 0, len(list))
	for _, e := range list {
		n, ok := toInt(e)
		if !ok {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

func formatIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}
