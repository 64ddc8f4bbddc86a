package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/expr-lang/expr/vm"

	"steward/models"
)

// Gate is a validation rule as stored (models.Gate): a check on one field, or an
// expression over several, for one domain and optionally one channel kind.
type Gate = models.Gate

// The kinds of gate.
const (
	GateRequired   = "required"   // the field has a value
	GateFormat     = "format"     // the value has a shape (Formats)
	GateAllowed    = "allowed"    // the value is one of a list
	GateRange      = "range"      // a number between Min and Max, both inclusive
	GateExpression = "expression" // an expr-lang expression over the record is true
)

// GateKinds lists the kinds in the order the admin form offers them.
var GateKinds = []string{GateRequired, GateFormat, GateAllowed, GateRange, GateExpression}

// Severities: a failed block gate holds the record; a failed warn gate lets it pass with a
// note.
const (
	SeverityBlock = "block"
	SeverityWarn  = "warn"
)

// GateDomains are the domains gates can check: those with a record map (ProductFields,
// CustomerFields).
var GateDomains = []string{DomainProduct, DomainCustomer}

// ChannelKinds are the channel kinds a gate can be scoped to.
var ChannelKinds = []string{
	models.ChannelShopify, models.ChannelWooCommerce, models.ChannelEDI, models.ChannelPortal,
	models.ChannelOdoo, models.ChannelWebhook, models.ChannelCSV,
}

// Failure is one gate a record does not pass.
type Failure struct {
	GateID   int64
	Field    string // the field to show the message next to; for expressions, the first field named
	Severity string
	Message  string // for a steward: "Barcode 4006381333932 has a wrong check digit (expected 1)"
}

// Blocking tells whether any failure holds the record.
func Blocking(fs []Failure) bool {
	return slices.ContainsFunc(fs, func(f Failure) bool { return f.Severity != SeverityWarn })
}

// GateSet is a list of gates ready to check many records: each expression is compiled once.
type GateSet struct {
	gates []compiledGate
}

type compiledGate struct {
	Gate
	program *vm.Program
	names   []string // fields the expression reads
	broken  string   // why the gate cannot run; it then fails every record it applies to
}

// Len is how many gates the set holds.
func (s GateSet) Len() int { return len(s.gates) }

// CompileGates prepares gates for Validate. The set is usable even when err is not nil: a
// gate that does not compile fails every record it applies to, with its own severity and
// the compiler's message, so that a broken gate holds records instead of letting them pass
// unchecked. err lists the broken gates for the log.
func CompileGates(gates []Gate) (GateSet, error) {
	var s GateSet
	var errs []error
	for _, g := range gates {
		cg := compiledGate{Gate: g}
		if g.Kind == GateExpression {
			prog, names, err := compileExpression(g.Domain, g.Expression)
			if err != nil {
				cg.broken = err.Error()
				errs = append(errs, fmt.Errorf("gate %d: %w", g.ID, err))
			}
			cg.program, cg.names = prog, names
		}
		s.gates = append(s.gates, cg)
	}
	return s, errors.Join(errs...)
}

// Validate checks a record of domain against every gate of that domain that applies to
// channel, and returns each failure, in gate order; nil means the record passes.
//
// channel is a channel kind ("shopify", "edi", …): gates scoped to it apply together with
// the gates for every record. Pass "" to check the golden record on its own, with only the
// unscoped gates. record maps canonical field names to values, as ProductFields and
// CustomerFields build them; a missing key counts as empty. Gates other than required do
// not judge empty values, so that "no barcode" is reported once, by a required gate, and
// not again as "not a GTIN".
func Validate(gates GateSet, domain, channel string, record map[string]any) []Failure {
	var out []Failure
	for _, g := range gates.gates {
		if g.Domain != domain || (g.Channel != "" && g.Channel != channel) {
			continue
		}
		field, msg := g.check(record)
		if msg == "" {
			continue
		}
		if g.Message != "" && g.broken == "" {
			msg = g.Message
		}
		if g.Channel != "" {
			msg += " (" + SystemLabel(g.Channel) + " needs this)"
		}
		out = append(out, Failure{GateID: g.ID, Field: field, Severity: g.Severity, Message: msg})
	}
	return out
}

// check returns the field and the message of a failure, or "" when the record passes.
func (g compiledGate) check(record map[string]any) (string, string) {
	if g.broken != "" {
		return "", "This gate cannot be checked until it is fixed: " + g.broken
	}
	if g.Kind == GateExpression {
		return firstOr(g.names), checkExpression(g, record)
	}
	v := record[g.Field]
	name := label(g.Domain, g.Field)
	if g.Kind == GateRequired {
		if isEmpty(v) {
			return g.Field, name + " is missing"
		}
		return g.Field, ""
	}
	if isEmpty(v) {
		return g.Field, ""
	}
	switch g.Kind {
	case GateFormat:
		return g.Field, checkFormat(g.Format, name, fmt.Sprint(v), record)
	case GateAllowed:
		s := strings.TrimSpace(fmt.Sprint(v))
		if !slices.Contains(g.Allowed, s) {
			return g.Field, fmt.Sprintf("%s %s is not one of %s", name, s, strings.Join(g.Allowed, ", "))
		}
	case GateRange:
		return g.Field, checkRange(g, name, v)
	default:
		return g.Field, "This gate has an unknown kind " + g.Kind
	}
	return g.Field, ""
}

func checkRange(g compiledGate, name string, v any) string {
	n, ok := number(v)
	if !ok {
		return fmt.Sprintf("%s %v is not a number", name, v)
	}
	f, _ := FieldOf(g.Domain, g.Field)
	switch {
	case g.Min != nil && n < *g.Min:
		return fmt.Sprintf("%s %s is below the minimum of %s", name, formatNumber(n, f.Type), formatNumber(*g.Min, f.Type))
	case g.Max != nil && n > *g.Max:
		return fmt.Sprintf("%s %s is above the maximum of %s", name, formatNumber(n, f.Type), formatNumber(*g.Max, f.Type))
	}
	return ""
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []string:
		return len(v) == 0
	case *float64:
		return v == nil
	}
	return false
}

func firstOr(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}
