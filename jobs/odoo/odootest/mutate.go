package odootest

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

var modelLabels = map[string]string{
	"res.partner": "Contact", "product.template": "Product", "product.product": "Product Variant",
	"product.pricelist": "Pricelist", "product.pricelist.item": "Pricelist Rule", "stock.quant": "Quants",
	"stock.location": "Inventory Locations", "product.category": "Product Category",
}

func errRequired(m *model, f *fieldDef) *odooError {
	label := modelLabels[m.name]
	if label == "" {
		label = m.name
	}
	return errValidation(fmt.Sprintf("The operation cannot be completed:\n"+
		"- Create/update: a mandatory field is not set.\n"+
		"- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"+
		"Model: %s (%s)\nField: %s (%s)", label, m.name, f.label, f.name))
}

// split separates values stored on this model's rows from values that belong to the
// delegated parent (product.product → product.template) or to the variants
// (product.template → product.product).
func (s *store) split(m *model, vals map[string]any) (own, other map[string]any, err *odooError) {
	own, other = map[string]any{}, map[string]any{}
	for name, v := range vals {
		f := m.fields[name]
		if f == nil {
			return nil, nil, errInvalidWriteField(m.name, name)
		}
		switch {
		case f.via != "":
			other[name] = v
		case m.name == "product.template" && variantFields[name]:
			other[name] = v
		case f.compute != nil:
			// Odoo ignores values for computed fields without an inverse.
		default:
			own[name] = v
		}
	}
	return own, other, nil
}

func (s *store) assign(m *model, r *row, vals map[string]any) *odooError {
	for name, raw := range vals {
		f := m.fields[name]
		if f.typ == tMany2many {
			if _, isList := raw.([]any); isList {
				base, _ := r.vals[f.col].([]int64)
				v, err := s.m2mApply(m, f, append([]int64(nil), base...), raw)
				if err != nil {
					return err
				}
				r.vals[f.col] = v
				continue
			}
		}
		v, err := s.convert(m, f, raw)
		if err != nil {
			return err
		}
		r.vals[f.col] = v
	}
	return nil
}

// m2mApply applies commands on top of the current ids, as write() does.
func (s *store) m2mApply(m *model, f *fieldDef, base []int64, raw any) (any, *odooError) {
	list, _ := raw.([]any)
	plain := true
	for _, e := range list {
		if _, ok := e.([]any); ok {
			plain = false
		}
	}
	if plain {
		return s.m2mCommands(m, f, raw)
	}
	out := base
	for _, e := range list {
		cmd, _ := e.([]any)
		if cmd == nil {
			continue
		}
		code, _ := toInt(cmd[0])
		switch code {
		case 6:
			v, err := s.m2mCommands(m, f, []any{e})
			if err != nil {
				return nil, err
			}
			out = v.([]int64)
		case 4:
			if len(cmd) > 1 {
				if id, ok := toInt(cmd[1]); ok && !containsID(out, id) {
					out = append(out, id)
				}
			}
		case 3:
			if len(cmd) > 1 {
				if id, ok := toInt(cmd[1]); ok {
					out = removeID(out, id)
				}
			}
		case 5:
			out = out[:0]
		}
	}
	if out == nil {
		out = []int64{}
	}
	return out, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// create inserts one record stamped with the transaction time at; id is preassigned by a
// pending transaction, or 0 to take the next one. Products come in pairs, as in Odoo: a
// variant needs a template and a template gets its first variant.
func (s *store) create(m *model, vals map[string]any, at time.Time, id int64) (*row, *odooError) {
	own, other, err := s.split(m, vals)
	if err != nil {
		return nil, err
	}
	tm, pm := s.models["product.template"], s.models["product.product"]
	switch m.name {
	case "product.product":
		if _, ok := own["product_tmpl_id"]; ok {
			if len(other) > 0 {
				tid, _ := toInt(own["product_tmpl_id"])
				if tr := tm.byID[tid]; tr != nil {
					if err := s.write(tm, []*row{tr}, other, at); err != nil {
						return nil, err
					}
				}
			}
			return s.createRow(m, own, at, id)
		}
		t, err := s.createRow(tm, other, at, 0)
		if err != nil {
			return nil, err
		}
		own["product_tmpl_id"] = t.id
		r, err := s.createRow(m, own, at, id)
		if err != nil {
			tm.remove(t.id)
		}
		return r, err
	case "product.template":
		t, err := s.createRow(m, own, at, id)
		if err != nil {
			return nil, err
		}
		other["product_tmpl_id"] = t.id
		if _, err := s.createRow(pm, other, at, 0); err != nil {
			m.remove(t.id)
			return nil, err
		}
		return t, nil
	}
	return s.createRow(m, own, at, id)
}

func (s *store) createRow(m *model, own map[string]any, at time.Time, id int64) (*row, *odooError) {
	if id == 0 {
		id = m.nextID
	}
	r := &row{id: id, vals: make([]any, m.ncols), created: at, written: at}
	for name, v := range m.defaults {
		if f := m.fields[name]; f != nil && f.col >= 0 {
			r.vals[f.col] = v
		}
	}
	if err := s.assign(m, r, own); err != nil {
		return nil, err
	}
	for _, f := range m.list {
		if f.required && f.col >= 0 && isEmpty(f, r.vals[f.col]) {
			return nil, errRequired(m, f)
		}
	}
	if m.name == "product.product" {
		if err := s.checkBarcodes([]*row{r}); err != nil {
			return nil, err
		}
	}
	m.insert(r)
	return r, nil
}

type snapshot struct {
	m       *model
	r       *row
	vals    []any
	written time.Time
}

// write changes records in one transaction stamped at; on a constraint error every row is
// put back as it was, as PostgreSQL rolls back.
func (s *store) write(m *model, rows []*row, vals map[string]any, at time.Time) *odooError {
	var saved []snapshot
	save := func(m *model, r *row) {
		saved = append(saved, snapshot{m, r, append([]any(nil), r.vals...), r.written})
	}
	undo := func() {
		for i := len(saved) - 1; i >= 0; i-- {
			sn := saved[i]
			sn.r.vals, sn.r.written = sn.vals, sn.written
			sn.m.touch()
		}
	}
	err := s.writeRows(m, rows, vals, at, save)
	if err != nil {
		undo()
	}
	return err
}

func (s *store) writeRows(m *model, rows []*row, vals map[string]any, at time.Time, save func(*model, *row)) *odooError {
	own, other, err := s.split(m, vals)
	if err != nil {
		return err
	}
	for _, r := range rows {
		save(m, r)
		if err := s.assign(m, r, own); err != nil {
			return err
		}
		r.written = at
	}
	m.touch()
	if err := s.checkPartnerWrite(m, rows, vals); err != nil {
		return err
	}
	if len(other) > 0 {
		var related []*row
		var rm *model
		switch m.name {
		case "product.product":
			rm = s.models["product.template"]
			seen := map[int64]bool{}
			for _, r := range rows {
				if t := parentRow(s, m.name, r, "product_tmpl_id"); t != nil && !seen[t.id] {
					seen[t.id] = true
					related = append(related, t)
				}
			}
		case "product.template":
			rm = s.models["product.product"]
			for _, r := range rows {
				related = append(related, s.children("product.product", "product_tmpl_id", r.id)...)
			}
		}
		if rm != nil && len(related) > 0 {
			if err := s.writeRows(rm, related, other, at, save); err != nil {
				return err
			}
		}
	}
	if m.name == "product.product" {
		if _, ok := vals["barcode"]; ok {
			return s.checkBarcodes(rows)
		}
	}
	if m.name == "product.template" {
		if _, ok := other["barcode"]; ok {
			var variants []*row
			for _, r := range rows {
				variants = append(variants, s.children("product.product", "product_tmpl_id", r.id)...)
			}
			return s.checkBarcodes(variants)
		}
	}
	return nil
}

// checkBarcodes is product.product's _check_barcode_uniqueness.
func (s *store) checkBarcodes(rows []*row) *odooError {
	if s.trusted {
		return nil
	}
	pm := s.models["product.product"]
	bc, act := pm.col("barcode"), pm.col("active")
	var lines []string
	done := map[string]bool{}
	for _, r := range rows {
		code, _ := r.vals[bc].(string)
		if code == "" || done[code] {
			continue
		}
		done[code] = true
		var names []string
		var holders []*row
		for _, o := range pm.rows {
			if c, _ := o.vals[bc].(string); c == code && o.vals[act] == true && o != r {
				holders = append(holders, o)
			}
		}
		if len(holders) == 0 {
			continue
		}
		if r.vals[act] == true {
			holders = append(holders, r)
		}
		sort.Slice(holders, func(i, j int) bool { return holders[i].id < holders[j].id })
		for _, h := range holders {
			names = append(names, s.displayName(pm, h))
		}
		lines = append(lines, fmt.Sprintf("- Barcode \"%s\" already assigned to product(s): %s", code, s.joinNames(names)))
	}
	if len(lines) == 0 {
		return nil
	}
	msg := "Barcode(s) already assigned:\n\n" + strings.Join(lines, "\n")
	if s.major >= 19 {
		msg += "\n\nNote: products that you don't have access to will not be shown above."
	}
	return errValidation(msg)
}

// joinNames lists names as the Odoo version does: a comma list up to 18, an English list
// ("A, B and C") from 19 on.
func (s *store) joinNames(names []string) string {
	if s.major < 19 || len(names) < 2 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func (s *store) unlink(m *model, rows []*row) {
	for _, r := range rows {
		m.remove(r.id)
	}
}
