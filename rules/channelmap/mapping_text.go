package channelmap

import (
	"fmt"
	"sort"
	"strings"
)

// The mapping editor takes a mapping as lines a person can type:
//
//	field map:  channel_field = canonical_field
//	value maps: canonical_field: Steward value => channel value

// ParseFieldLines reads a field map; errors name the line.
func ParseFieldLines(text string) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ch, can, ok := strings.Cut(line, "=")
		ch, can = strings.TrimSpace(ch), strings.TrimSpace(can)
		if !ok || ch == "" || can == "" {
			return nil, fmt.Errorf("line %d: write channel_field = steward_field", i+1)
		}
		if _, dup := out[ch]; dup {
			return nil, fmt.Errorf("line %d: %s is mapped twice", i+1, ch)
		}
		out[ch] = can
	}
	return out, nil
}

// ParseValueLines reads value maps; errors name the line.
func ParseValueLines(text string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		field, rest, ok := strings.Cut(line, ":")
		from, to, ok2 := strings.Cut(rest, "=>")
		field, from, to = strings.TrimSpace(field), strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || !ok2 || field == "" || from == "" || to == "" {
			return nil, fmt.Errorf("line %d: write steward_field: Steward value => channel value", i+1)
		}
		if out[field] == nil {
			out[field] = map[string]string{}
		}
		if _, dup := out[field][from]; dup {
			return nil, fmt.Errorf("line %d: %s %q is mapped twice", i+1, field, from)
		}
		out[field][from] = to
	}
	return out, nil
}

// FieldLines writes a field map as the editor shows it, sorted.
func FieldLines(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s = %s\n", k, m[k])
	}
	return b.String()
}

// ValueLines writes value maps as the editor shows them, sorted.
func ValueLines(m map[string]map[string]string) string {
	fields := make([]string, 0, len(m))
	for f := range m {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var b strings.Builder
	for _, f := range fields {
		froms := make([]string, 0, len(m[f]))
		for from := range m[f] {
			froms = append(froms, from)
		}
		sort.Strings(froms)
		for _, from := range froms {
			fmt.Fprintf(&b, "%s: %s => %s\n", f, from, m[f][from])
		}
	}
	return b.String()
}
