package channelmap

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"steward/rules"
)

// Apply maps a record's canonical fields to a channel's: value maps first (per canonical
// field; a value with no entry passes unchanged), then the field map. With no field map
// every canonical field keeps its name; with one, only the mapped fields are sent, under
// the channel's names.
func Apply(m Mapping, r Record) map[string]any {
	values := make(map[string]any, len(r.Fields))
	for k, v := range r.Fields {
		values[k] = mapValue(m, k, v)
	}
	if len(m.Fields) == 0 {
		return values
	}
	out := make(map[string]any, len(m.Fields))
	for channelField, canonical := range m.Fields {
		if v, ok := values[canonical]; ok {
			out[channelField] = v
		}
	}
	return out
}

// Value is one canonical field as the channel sees it (value map applied); ok is false
// when the record lacks the field.
func Value(m Mapping, r Record, canonical string) (any, bool) {
	v, ok := r.Fields[canonical]
	if !ok {
		return nil, false
	}
	return mapValue(m, canonical, v), true
}

func mapValue(m Mapping, field string, v any) any {
	vm := m.Values[field]
	if len(vm) == 0 {
		return v
	}
	if s, ok := v.(string); ok {
		if to, ok := vm[s]; ok {
			return to
		}
	}
	return v
}

// ErrNotForChannel marks a record a channel does not take at all (a customer for an EDI
// price catalog, a quantity break for a storefront, any record for a kind Steward does not
// publish to): renderers wrap it, and the outbox skips the publication with their reason
// instead of failing it, since there is nothing for a steward to repair.
var ErrNotForChannel = errors.New("not published to this channel")

// ErrPublicChannel refuses a customer-specific price for a channel anyone can read.
var ErrPublicChannel = fmt.Errorf("a customer-specific price is never published to a public channel (%w)", ErrNotForChannel)

// Allowed tells whether a record may go to a channel at all: a public storefront never
// receives a customer's own price.
func Allowed(r Record, public bool) error {
	if public && r.CustomerID != nil {
		return ErrPublicChannel
	}
	return nil
}

// FieldError names the part of a mapping an admin must correct.
type FieldError struct {
	Field   string // "fields", "values"
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate checks a mapping for an object type: every field map entry names a canonical
// field of the object and a channel field name of letters, digits, _ . or -; value maps
// only name canonical text fields and map to something.
func Validate(object string, m Mapping) error {
	domain := DomainOf(object)
	names := make([]string, 0, len(m.Fields))
	for k := range m.Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, ch := range names {
		can := m.Fields[ch]
		if !validChannelField(ch) {
			return &FieldError{"fields", fmt.Sprintf("%q is not a usable channel field name: use letters, digits, _ . or -", ch)}
		}
		if !knownField(object, domain, can) {
			return &FieldError{"fields", fmt.Sprintf("%s takes its value from %q, which is not a %s field", ch, can, object)}
		}
	}
	for can, vm := range m.Values {
		f, ok := rules.FieldOf(domain, can)
		if !ok && !extraField(object, can) {
			return &FieldError{"values", fmt.Sprintf("%q is not a %s field", can, object)}
		}
		if ok && f.Type != rules.Text {
			return &FieldError{"values", fmt.Sprintf("value maps translate text; %s is not text", f.Label)}
		}
		for from, to := range vm {
			if strings.TrimSpace(from) == "" || strings.TrimSpace(to) == "" {
				return &FieldError{"values", fmt.Sprintf("each %s value needs both the Steward value and the channel's", can)}
			}
		}
	}
	return nil
}

func validChannelField(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func knownField(object, domain, name string) bool {
	_, ok := rules.FieldOf(domain, name)
	return ok || extraField(object, name)
}

// extraField lists the fields canonical builders add beyond the domain's own (a price's SKU).
func extraField(object, name string) bool {
	switch object {
	case ObjectPrice, ObjectStock:
		return name == "sku" || name == "currency" || name == "location" || name == "available"
	}
	return false
}
