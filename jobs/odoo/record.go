package odoo

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"steward/models"
)

// Record is one record as Odoo returns it: field name → JSON value, numbers kept as
// json.Number so that ids stay exact and floats keep Odoo's digits. The accessors read
// Odoo's shapes: false (or "") for an empty value, [id, "name"] for a many2one, id lists
// for x2many fields, "YYYY-MM-DD HH:MM:SS" in UTC for datetimes.
type Record map[string]any

// ID is the record id.
func (r Record) ID() int64 {
	n, _ := toInt(r["id"])
	return n
}

// Has tells whether the field is in the record at all (it was asked for and exists).
func (r Record) Has(field string) bool {
	_, ok := r[field]
	return ok
}

// String reads a char, text, selection or html field; false, null and a missing field read
// as "". A many2one reads as its display name.
func (r Record) String(field string) string {
	switch v := r[field].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case []any:
		if len(v) == 2 {
			s, _ := v[1].(string)
			return s
		}
	}
	return ""
}

// Bool reads a boolean field; anything but true is false.
func (r Record) Bool(field string) bool {
	b, _ := r[field].(bool)
	return b
}

// Int reads an integer field; a many2one reads as its id.
func (r Record) Int(field string) int64 {
	if id, _ := r.Many2One(field); id != 0 {
		return id
	}
	n, _ := toInt(r[field])
	return n
}

// Float reads a float or monetary field (14.0 comes back as 14).
func (r Record) Float(field string) float64 {
	f, _ := toFloat(r[field])
	return f
}

// Money reads a monetary or float field exactly; see MoneyFromFloat. An empty field is 0.
func (r Record) Money(field string) (models.Money, error) {
	f, ok := toFloat(r[field])
	if !ok {
		return 0, nil
	}
	return MoneyFromFloat(f)
}

// Many2One reads [id, "display name"]; false, or a missing field, is (0, ""). A bare id
// (read with load="") is accepted too.
func (r Record) Many2One(field string) (id int64, name string) {
	switch v := r[field].(type) {
	case []any:
		if len(v) >= 1 {
			id, _ = toInt(v[0])
		}
		if len(v) >= 2 {
			name, _ = v[1].(string)
		}
	case json.Number, float64, int64, int:
		id, _ = toInt(v)
	}
	return id, name
}

// IDs reads a one2many or many2many field: a list of ids.
func (r Record) IDs(field string) []int64 {
	list, _ := r[field].([]any)
	out := make([]int64, 0, len(list))
	for _, v := range list {
		if n, ok := toInt(v); ok {
			out = append(out, n)
		}
	}
	return out
}

// Time reads a datetime ("2006-01-02 15:04:05", UTC) or date ("2006-01-02") field.
func (r Record) Time(field string) (time.Time, bool) {
	s, ok := r[field].(string)
	if !ok {
		return time.Time{}, false
	}
	return ParseTime(s)
}

// WriteDate is the record's write_date, in whole seconds as the API returns it.
func (r Record) WriteDate() time.Time {
	t, _ := r.Time("write_date")
	return t
}

// ParseTime reads Odoo's datetime and date formats, in UTC.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04:05.999999", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// FormatTime writes a time the way Odoo's domains and values expect: UTC, whole seconds.
func FormatTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

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
		if n, err := x.Int64(); err == nil {
			return n, true
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

// externalID is how Steward names an Odoo record in external references.
func externalID(id int64) string { return strconv.FormatInt(id, 10) }
