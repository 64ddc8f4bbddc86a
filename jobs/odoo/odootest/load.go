package odootest

import (
	"fmt"
	"sort"
)

// Load writes records exactly as given, to rebuild a database state seen in a recording:
// explicit ids, write_date and create_date as strings (microseconds allowed), many2one
// values as [id, "display name"] (a missing target is created and shown under that name),
// x2many values as id lists. An existing record with the same id is updated in place.
// Computed fields other than display_name are ignored.
func (s *Server) Load(model string, recs ...map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.db.models[model]
	if m == nil {
		return errUnknownModelRPC(model)
	}
	for _, rec := range recs {
		if err := s.loadOne(m, rec); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) loadOne(m *model, rec map[string]any) error {
	id, ok := toInt(rec["id"])
	if !ok {
		return fmt.Errorf("odootest: Load %s: record without an id", m.name)
	}
	r := s.ensure(m, id, "")
	names := make([]string, 0, len(rec))
	for k := range rec {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		v := rec[name]
		switch name {
		case "id":
			continue
		case "write_date", "create_date":
			str, _ := v.(string)
			t, ok := parseOdooTime(str)
			if !ok {
				continue
			}
			if name == "write_date" {
				r.written = t
			} else {
				r.created = t
			}
			continue
		case "display_name":
			r.display, _ = v.(string)
			continue
		}
		f := m.fields[name]
		if f == nil {
			return errInvalidWriteField(m.name, name)
		}
		target, tr := m, r
		if f.via != "" {
			d := m.fields[f.via]
			pid, _ := r.vals[d.col].(int64)
			if pid == 0 {
				pid = s.db.models[d.relation].nextID
				r.vals[d.col] = pid
			}
			target = s.db.models[d.relation]
			tr = s.ensure(target, pid, "")
			f = target.fields[name]
		}
		if err := s.loadValue(target, tr, f, v); err != nil {
			return err
		}
		target.touch()
	}
	m.touch()
	return nil
}

func (s *Server) loadValue(m *model, r *row, f *fieldDef, v any) error {
	switch {
	case f.typ == tMany2one && f.compute == nil:
		pair, isPair := v.([]any)
		if v == false || v == nil {
			r.vals[f.col] = nil
			return nil
		}
		if !isPair || len(pair) != 2 {
			id, _ := toInt(v)
			s.ensure(s.db.models[f.relation], id, "")
			r.vals[f.col] = id
			return nil
		}
		id, _ := toInt(pair[0])
		name, _ := pair[1].(string)
		s.ensure(s.db.models[f.relation], id, name)
		r.vals[f.col] = id
	case f.typ == tOne2many:
		ids, _ := parseIDs(v)
		cm := s.db.models[f.relation]
		inv := cm.fields[f.inverse]
		for _, id := range ids {
			k := s.ensure(cm, id, "")
			k.vals[inv.col] = r.id
		}
		cm.touch()
	case f.typ == tMany2many && f.compute == nil:
		ids, _ := parseIDs(v)
		for _, id := range ids {
			s.ensure(s.db.models[f.relation], id, "")
		}
		r.vals[f.col] = ids
	case f.compute != nil:
		// computed: the value follows from the data
	default:
		val, err := s.db.convert(m, f, v)
		if err != nil {
			return err
		}
		r.vals[f.col] = val
	}
	return nil
}

// ensure returns the record with this id, creating a bare one if needed; a non-empty name
// pins its display name and fills its name field.
func (s *Server) ensure(m *model, id int64, name string) *row {
	r := m.byID[id]
	if r == nil {
		r = &row{id: id, vals: make([]any, m.ncols), created: s.now, written: s.now}
		for k, v := range m.defaults {
			if f := m.fields[k]; f != nil && f.col >= 0 {
				r.vals[f.col] = v
			}
		}
		m.insert(r)
	}
	if name != "" {
		r.display = name
		if c := m.col("name"); c >= 0 && r.vals[c] == nil {
			r.vals[c] = name
		}
		if f := m.fields["name"]; f != nil && f.via != "" && m.name == "product.product" {
			d := m.fields[f.via]
			if r.vals[d.col] == nil {
				tm := s.db.models[d.relation]
				t := s.ensure(tm, tm.nextID, name)
				r.vals[d.col] = t.id
			}
		}
	}
	return r
}
