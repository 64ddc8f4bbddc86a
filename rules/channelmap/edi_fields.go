package channelmap

// Field lookups shared by the EDI, Shopify and WooCommerce renderers.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// connectorField is the value a channel field takes: the canonical field the mapping names
// for it (or def when the mapping names none), passed through the mapping's value map for
// that canonical field. ok is false when the record has no such field or it is nil.
func connectorField(r Record, m Mapping, channelField, def string) (any, bool) {
	canonical := def
	if c, ok := m.Fields[channelField]; ok && c != "" {
		canonical = c
	}
	v, ok := r.Fields[canonical]
	if !ok || v == nil {
		return nil, false
	}
	if vm, ok := m.Values[canonical]; ok {
		if s, isStr := v.(string); isStr {
			if mapped, hit := vm[s]; hit {
				return mapped, true
			}
		} else if mapped, hit := vm[fmt.Sprint(v)]; hit {
			return mapped, true
		}
	}
	return v, true
}

// connectorString is connectorField as trimmed text ("" when absent).
func connectorString(r Record, m Mapping, channelField, def string) string {
	v, ok := connectorField(r, m, channelField, def)
	if !ok {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return decimalText(x)
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

// connectorNumber is connectorField as a number; text that is a number counts (value maps
// yield text). ok is false when absent; err when present but not a number.
func connectorNumber(r Record, m Mapping, channelField, def string) (float64, bool, error) {
	v, ok := connectorField(r, m, channelField, def)
	if !ok {
		return 0, false, nil
	}
	switch x := v.(type) {
	case float64:
		return x, true, nil
	case float32:
		return float64(x), true, nil
	case int:
		return float64(x), true, nil
	case int64:
		return float64(x), true, nil
	case string:
		if strings.TrimSpace(x) == "" {
			return 0, false, nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, true, fmt.Errorf("%s: %q is not a number", channelField, x)
		}
		return f, true, nil
	}
	return 0, true, fmt.Errorf("%s: %v is not a number", channelField, v)
}

// connectorBool is connectorField as a yes/no; absent is def.
func connectorBool(r Record, m Mapping, channelField, canonical string, def bool) bool {
	v, ok := connectorField(r, m, channelField, canonical)
	if !ok {
		return def
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		b, err := strconv.ParseBool(x)
		if err != nil {
			return def
		}
		return b
	}
	return def
}

// decimalText writes money and quantities as channels want them: no exponent, no trailing
// zeros past the point, rounded to four places so float noise (19.990000001) never shows.
func decimalText(f float64) string {
	f = math.Round(f*10000) / 10000
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// moneyText writes an amount with exactly two decimals, as storefront APIs take prices.
func moneyText(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64)
}
