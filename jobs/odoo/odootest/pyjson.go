package odootest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Odoo answers with Python's json.dumps defaults: ", " and ": " separators, non-ASCII
// escaped as \uXXXX, floats in repr form (14.0, 1e-05). Go's encoder differs on all three,
// so the server writes JSON itself; the recorded Content-Length values check it.

// kv is one member of an ordered object: Python dicts keep insertion order and Odoo's
// answers rely on it (id first, then the fields in the order asked).
type kv struct {
	k string
	v any
}

type obj []kv

// pyWriter accumulates one JSON document.
type pyWriter struct{ bytes.Buffer }

func (w *pyWriter) value(v any) {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		if x {
			w.WriteString("true")
		} else {
			w.WriteString("false")
		}
	case int:
		w.WriteString(strconv.Itoa(x))
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case float64:
		w.WriteString(pyFloat(x))
	case string:
		w.str(x)
	case json.Number:
		w.WriteString(string(x))
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteString(", ")
			}
			w.value(e)
		}
		w.WriteByte(']')
	case []int64:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteString(", ")
			}
			w.WriteString(strconv.FormatInt(e, 10))
		}
		w.WriteByte(']')
	case []string:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteString(", ")
			}
			w.str(e)
		}
		w.WriteByte(']')
	case obj:
		w.WriteByte('{')
		for i, m := range x {
			if i > 0 {
				w.WriteString(", ")
			}
			w.str(m.k)
			w.WriteString(": ")
			w.value(m.v)
		}
		w.WriteByte('}')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := make(obj, len(keys))
		for i, k := range keys {
			o[i] = kv{k, x[k]}
		}
		w.value(o)
	case writerTo:
		x.writePy(w)
	default:
		panic(fmt.Sprintf("odootest: cannot write %T as JSON", v))
	}
}

// writerTo lets large results (pages of records) stream into the buffer without building
// an intermediate tree.
type writerTo interface{ writePy(w *pyWriter) }

const hexDigits = "0123456789abcdef"

func (w *pyWriter) str(s string) {
	w.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			w.WriteString(`\"`)
		case r == '\\':
			w.WriteString(`\\`)
		case r == '\n':
			w.WriteString(`\n`)
		case r == '\r':
			w.WriteString(`\r`)
		case r == '\t':
			w.WriteString(`\t`)
		case r == '\b':
			w.WriteString(`\b`)
		case r == '\f':
			w.WriteString(`\f`)
		case r < 0x20 || (r > 0x7e && r != 0x7f):
			if r > 0xffff {
				r -= 0x10000
				w.u16(0xd800 + (r>>10)&0x3ff)
				w.u16(0xdc00 + r&0x3ff)
			} else {
				w.u16(r)
			}
		default:
			w.WriteRune(r)
		}
	}
	w.WriteByte('"')
}

func (w *pyWriter) u16(r rune) {
	w.WriteString(`\u`)
	w.WriteByte(hexDigits[(r>>12)&0xf])
	w.WriteByte(hexDigits[(r>>8)&0xf])
	w.WriteByte(hexDigits[(r>>4)&0xf])
	w.WriteByte(hexDigits[r&0xf])
}

// pyFloat formats like Python's float repr: shortest round-trip digits, ".0" on integral
// values, exponent form below 1e-4 and from 1e16 on.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', -1, 64) + ".0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(exp)
	if n < -4 || n >= 16 {
		sign := "+"
		if n < 0 {
			sign, n = "-", -n
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, n)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// pyRepr renders a JSON value the way Python's repr shows it inside error messages, e.g.
// the leaf ('nosuchfield', '=', 1).
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return strconv.FormatInt(i, 10)
		}
		f, _ := x.Float64()
		return pyFloat(f)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return pyFloat(x)
	case string:
		if strings.Contains(x, "'") && !strings.Contains(x, `"`) {
			return `"` + x + `"`
		}
		return "'" + strings.ReplaceAll(strings.ReplaceAll(x, `\`, `\\`), "'", `\'`) + "'"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// leafRepr prints a domain leaf as the Python tuple Odoo quotes in its errors.
func leafRepr(leaf []any) string {
	parts := make([]string, len(leaf))
	for i, e := range leaf {
		parts[i] = pyRepr(e)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
