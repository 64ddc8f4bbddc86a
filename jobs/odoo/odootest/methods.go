package odootest

import (
	"fmt"
	"strings"
	"time"
)

// methodSig is the Python signature of a public ORM method, used to bind arguments the
// way Python would and to fail the way Odoo does when they do not fit.
type methodSig struct {
	params   []string
	required []string
	record   bool // called on a recordset: the first positional argument is ids
	varKW    bool // search_read hands unknown keywords on to the read formatter
}

var methods = map[string]methodSig{
	"search_read":  {params: []string{"domain", "fields", "offset", "limit", "order"}, varKW: true},
	"search":       {params: []string{"domain", "offset", "limit", "order"}},
	"search_count": {params: []string{"domain", "limit"}},
	"read":         {params: []string{"fields", "load"}, record: true},
	"write":        {params: []string{"vals"}, required: []string{"vals"}, record: true},
	"create":       {params: []string{"vals_list"}, required: []string{"vals_list"}},
	"unlink":       {record: true},
	"fields_get":   {params: []string{"allfields", "attributes"}},
}

// call is one ORM method call after transport-specific decoding.
type call struct {
	m       *model
	method  string
	ids     []int64
	kw      map[string]any
	context map[string]any
	json2   bool
	single  bool // JSON-RPC create with one dict: answer an id, not a list
}

func (c *call) activeTest() bool {
	v, ok := c.context["active_test"]
	return !ok || (v != false && v != nil)
}

func intArg(v any, def int) int {
	if v == nil || v == false {
		return def
	}
	if n, ok := toInt(v); ok {
		return int(n)
	}
	return def
}

// execute runs a bound call against the store; at is the transaction time for writes.
func (s *store) execute(c *call, at time.Time) (any, *odooError) {
	m := c.m
	switch c.method {
	case "search_read":
		for k := range c.kw {
			if !contains(methods["search_read"].params, k) && k != "load" {
				if s.major >= 19 {
					return nil, errType(fmt.Sprintf("BaseModel._read_format() got an unexpected keyword argument '%s'", k))
				}
				return nil, errType(fmt.Sprintf("BaseModel.read() got an unexpected keyword argument '%s'", k))
			}
		}
		rows, err := s.find(c, -1)
		if err != nil {
			return nil, err
		}
		return s.records(c, rows)
	case "search":
		rows, err := s.find(c, -1)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.id
		}
		return ids, nil
	case "search_count":
		match, b, err := s.compileDomain(m, c.kw["domain"], c.activeTest())
		if err != nil {
			return nil, err
		}
		return int64(s.count(query{m: m, match: match, b: b, limit: intArg(c.kw["limit"], -1)})), nil
	case "read":
		var rows []*row
		for _, id := range c.ids {
			if r := m.byID[id]; r != nil {
				rows = append(rows, r)
			}
		}
		return s.records(c, rows)
	case "write":
		vals, ok := c.kw["vals"].(map[string]any)
		if !ok {
			return nil, errValue(fmt.Sprintf("Invalid vals: %s", pyRepr(c.kw["vals"])))
		}
		rows, err := s.existing(m, c.ids)
		if err != nil {
			return nil, err
		}
		if err := s.write(m, rows, vals, at); err != nil {
			return nil, err
		}
		return true, nil
	case "create":
		list, isList := c.kw["vals_list"].([]any)
		if one, ok := c.kw["vals_list"].(map[string]any); ok {
			list, isList = []any{one}, false
		} else if !isList {
			return nil, errValue(fmt.Sprintf("Invalid vals_list: %s", pyRepr(c.kw["vals_list"])))
		}
		var ids []int64
		var made []*row
		for _, v := range list {
			vals, ok := v.(map[string]any)
			if !ok {
				return nil, errValue(fmt.Sprintf("Invalid vals: %s", pyRepr(v)))
			}
			r, err := s.create(m, vals, at, 0)
			if err != nil {
				for _, r := range made {
					m.remove(r.id)
				}
				return nil, err
			}
			made = append(made, r)
			ids = append(ids, r.id)
		}
		if !isList && !c.json2 && len(ids) == 1 {
			return ids[0], nil
		}
		return ids, nil
	case "unlink":
		rows, err := s.existing(m, c.ids)
		if err != nil {
			return nil, err
		}
		s.unlink(m, rows)
		return true, nil
	case "fields_get":
		return s.fieldsGet(c), nil
	}
	return nil, errUnknownMethod(s.major, m.name, c.method, c.json2)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *store) existing(m *model, ids []int64) ([]*row, *odooError) {
	rows := make([]*row, 0, len(ids))
	var missing []int64
	for _, id := range ids {
		if r := m.byID[id]; r != nil {
			rows = append(rows, r)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, errMissing(m.name, missing, s.uid)
	}
	return rows, nil
}

func (s *store) find(c *call, defLimit int) ([]*row, *odooError) {
	match, b, err := s.compileDomain(c.m, c.kw["domain"], c.activeTest())
	if err != nil {
		return nil, err
	}
	var order []orderTerm
	if o, ok := c.kw["order"].(string); ok {
		if order, err = parseOrder(c.m, o); err != nil {
			return nil, err
		}
	}
	return s.search(query{m: c.m, match: match, b: b, order: order, offset: intArg(c.kw["offset"], 0), limit: intArg(c.kw["limit"], defLimit)}), nil
}

// records prepares rows for output, checking the requested fields first as read() does.
func (s *store) records(c *call, rows []*row) (any, *odooError) {
	var fields []*fieldDef
	names, _ := c.kw["fields"].([]any)
	if len(names) == 0 {
		fields = c.m.list
	} else {
		fields = append(fields, c.m.fields["id"])
		for _, n := range names {
			name, _ := n.(string)
			f := c.m.fields[name]
			if f == nil {
				return nil, errInvalidReadField(s.major, c.m.name, name)
			}
			if name != "id" {
				fields = append(fields, f)
			}
		}
	}
	load := true
	if l, ok := c.kw["load"]; ok && (l == nil || l == "" || l == false) {
		load = false
	}
	return &recordList{s: s, m: c.m, rows: rows, fields: fields, load: load}, nil
}

// recordList streams read() output: id first, then fields in the order asked for.
type recordList struct {
	s      *store
	m      *model
	rows   []*row
	fields []*fieldDef
	load   bool
}

func (l *recordList) writePy(w *pyWriter) {
	w.WriteByte('[')
	for i, r := range l.rows {
		if i > 0 {
			w.WriteString(", ")
		}
		w.WriteByte('{')
		for j, f := range l.fields {
			if j > 0 {
				w.WriteString(", ")
			}
			w.str(f.name)
			w.WriteString(": ")
			w.value(l.s.readValue(f, l.s.value(l.m, r, f), l.load))
		}
		w.WriteByte('}')
	}
	w.WriteByte(']')
}

var fieldAttributes = []string{"type", "string", "required", "readonly", "store", "sortable", "relation", "selection"}

func (s *store) fieldsGet(c *call) obj {
	var only map[string]bool
	if list, ok := c.kw["allfields"].([]any); ok && len(list) > 0 {
		only = map[string]bool{}
		for _, n := range list {
			name, _ := n.(string)
			only[name] = true
		}
	}
	attrs := fieldAttributes
	if list, ok := c.kw["attributes"].([]any); ok && len(list) > 0 {
		attrs = nil
		for _, a := range list {
			if name, _ := a.(string); contains(fieldAttributes, name) {
				attrs = append(attrs, name)
			}
		}
	}
	var out obj
	for _, f := range c.m.list {
		if only != nil && !only[f.name] {
			continue
		}
		var desc obj
		stored := f.col >= 0 || f.via != "" || strings.HasSuffix(f.name, "_date") || f.name == "id" || f.name == "complete_name"
		for _, a := range attrs {
			switch a {
			case "type":
				desc = append(desc, kv{a, f.typ.String()})
			case "string":
				desc = append(desc, kv{a, f.label})
			case "required":
				desc = append(desc, kv{a, f.required})
			case "readonly":
				desc = append(desc, kv{a, f.readonly || f.name == "id" || f.name == "create_date" || f.name == "write_date"})
			case "store":
				desc = append(desc, kv{a, stored})
			case "sortable":
				desc = append(desc, kv{a, stored && f.typ != tOne2many && f.typ != tMany2many})
			case "relation":
				if f.typ.relational() {
					desc = append(desc, kv{a, f.relation})
				}
			case "selection":
				if f.typ == tSelection {
					opts := make([]any, len(f.selection))
					for i, o := range f.selection {
						opts[i] = []any{o[0], o[1]}
					}
					desc = append(desc, kv{a, opts})
				}
			}
		}
		out = append(out, kv{f.name, desc})
	}
	return out
}

// bind maps positional and keyword arguments onto a signature as Python does, with
// Python's TypeError wording.
func bind(sig methodSig, method string, args []any, kw map[string]any) (map[string]any, *odooError) {
	out := map[string]any{}
	if len(args) > len(sig.params) {
		return nil, errType(fmt.Sprintf("BaseModel.%s() takes from 1 to %d positional arguments but %d were given", method, len(sig.params)+1, len(args)+1))
	}
	for i, a := range args {
		out[sig.params[i]] = a
	}
	for k, v := range kw {
		if !contains(sig.params, k) && !sig.varKW && !(method == "read" && k == "load") {
			return nil, errType(fmt.Sprintf("BaseModel.%s() got an unexpected keyword argument '%s'", method, k))
		}
		if _, dup := out[k]; dup {
			return nil, errType(fmt.Sprintf("BaseModel.%s() got multiple values for argument '%s'", method, k))
		}
		out[k] = v
	}
	for _, r := range sig.required {
		if _, ok := out[r]; !ok {
			return nil, errType(fmt.Sprintf("BaseModel.%s() missing 1 required positional argument: '%s'", method, r))
		}
	}
	return out, nil
}
