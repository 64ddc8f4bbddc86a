package rules

import (
	"fmt"
	"slices"
	"strings"
)

// CheckGate tells what is wrong with a gate an admin wants to save, field by field, or nil.
// An expression that does not compile is refused here with the compiler's message in plain
// words, under the "expression" field.
func CheckGate(g Gate) error {
	errs := map[string]string{}
	if !slices.Contains(GateDomains, g.Domain) {
		errs["domain"] = "Choose products or customers."
	}
	if g.Channel != "" && !slices.Contains(ChannelKinds, g.Channel) {
		errs["channel"] = "Choose every record, or one of the channel kinds listed."
	}
	if g.Severity != SeverityBlock && g.Severity != SeverityWarn {
		errs["severity"] = "Choose whether a failure blocks the record or only warns."
	}
	if len(g.Message) > 300 {
		errs["message"] = "Use at most 300 characters."
	}
	if !slices.Contains(GateKinds, g.Kind) {
		errs["kind"] = "Choose what the gate checks."
		return InvalidFields(errs)
	}
	if g.Kind == GateExpression {
		if _, _, err := compileExpression(g.Domain, g.Expression); err != nil && errs["domain"] == "" {
			errs["expression"] = err.Error()
		}
		return fieldsOrNil(errs)
	}
	f, ok := FieldOf(g.Domain, g.Field)
	if !ok {
		if errs["domain"] == "" {
			errs["field"] = fieldProblem(g.Domain, g.Field)
		}
		return fieldsOrNil(errs)
	}
	switch g.Kind {
	case GateFormat:
		if !isFormat(g.Format) {
			errs["format"] = "Choose a format."
		} else if f.Type != Text {
			errs["field"] = f.Label + " is not text; a format applies to text fields."
		}
	case GateAllowed:
		if len(g.Allowed) == 0 {
			errs["allowed"] = "List at least one allowed value, separated by commas."
		}
	case GateRange:
		switch {
		case f.Type != Number && f.Type != Amount:
			errs["field"] = f.Label + " is not a number; a range applies to numbers and amounts."
		case g.Min == nil && g.Max == nil:
			errs["min"] = "Give a minimum, a maximum, or both."
		case g.Min != nil && g.Max != nil && *g.Min > *g.Max:
			errs["max"] = "The maximum is below the minimum."
		}
	}
	return fieldsOrNil(errs)
}

func fieldProblem(domain, field string) string {
	if field == "" {
		return "Choose the field to check."
	}
	return fmt.Sprintf("%s have no field “%s”. Use one of: %s.", capitalize(DomainLabel(domain)), field, fieldNames(domain))
}

func fieldsOrNil(errs map[string]string) error {
	if len(errs) > 0 {
		return InvalidFields(errs)
	}
	return nil
}

// DescribeGate says what a gate checks, for the gate list: "Barcode is a valid GTIN".
func DescribeGate(g Gate) string {
	name := label(g.Domain, g.Field)
	f, _ := FieldOf(g.Domain, g.Field)
	switch g.Kind {
	case GateRequired:
		return name + " is filled in"
	case GateFormat:
		for _, ft := range Formats {
			if ft.Name == g.Format {
				return name + " " + ft.Says
			}
		}
		return name + " has the format " + g.Format
	case GateAllowed:
		return name + " is one of " + strings.Join(g.Allowed, ", ")
	case GateRange:
		switch {
		case g.Min != nil && g.Max != nil:
			return fmt.Sprintf("%s is between %s and %s", name, formatNumber(*g.Min, f.Type), formatNumber(*g.Max, f.Type))
		case g.Min != nil:
			return fmt.Sprintf("%s is at least %s", name, formatNumber(*g.Min, f.Type))
		case g.Max != nil:
			return fmt.Sprintf("%s is at most %s", name, formatNumber(*g.Max, f.Type))
		}
	case GateExpression:
		return g.Expression
	}
	return g.Kind
}

// ParseAllowed reads an allowed-values list as an admin types it: separated by commas or
// new lines, blanks and repeats dropped.
func ParseAllowed(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// TidyGate drops what a gate's kind does not use, so that a gate changed from an
// expression to a format check keeps no stale expression that would confuse the next
// reader of the list or the audit trail.
func TidyGate(g Gate) Gate {
	if g.Kind != GateFormat {
		g.Format = ""
	}
	if g.Kind != GateAllowed {
		g.Allowed = nil
	}
	if g.Kind != GateRange {
		g.Min, g.Max = nil, nil
	}
	if g.Kind == GateExpression {
		g.Field = ""
	} else {
		g.Expression = ""
	}
	return g
}
