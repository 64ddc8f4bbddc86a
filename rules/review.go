package rules

import "strings"

// What ownership policy does with a source's change to one attribute.
const (
	DecisionApply  = "apply"
	DecisionHold   = "hold"
	DecisionReject = "reject"
)

// FieldReview is one attribute of a held change as a steward reviews it: the golden value
// now, what the source sent, who owns the attribute and what policy made of the change.
type FieldReview struct {
	Field    string
	Label    string
	Current  string // the golden record's value now, as text; "" when unknown or the record is new
	Proposed string // what the change would make it, as text
	Changed  bool
	Owner    string   // the owning system ("" for nobody)
	Decision string   // DecisionApply, DecisionHold or DecisionReject, for changed fields
	Reason   string   // why, in plain words, for changed fields
	Failures []string // validation failures of the record as it would be, about this field
}

// Review lists every attribute of a record with the golden value, the proposed value and
// what ownership policy says about a change to it from source. golden is the record now
// (the zero record when the change would create it); proposed is the record as the source
// sent it; provided names the attributes the source sent (nil: all), the others keep the
// golden value.
func Review[T any](attrs []Attribute[T], domain, source string, matrix []OwnershipRule, golden, proposed *T, provided []string) []FieldReview {
	names := make([]string, len(attrs))
	for i, a := range attrs {
		names[i] = a.Name
	}
	decided := map[string]AttributeDecision{}
	kind := map[string]string{}
	d := DecideOwnership(matrix, domain, source, names)
	for _, list := range []struct {
		ds   []AttributeDecision
		kind string
	}{{d.Apply, DecisionApply}, {d.Hold, DecisionHold}, {d.Reject, DecisionReject}} {
		for _, ad := range list.ds {
			decided[ad.Attribute], kind[ad.Attribute] = ad, list.kind
		}
	}
	out := make([]FieldReview, 0, len(attrs))
	for _, a := range attrs {
		cur, next := a.Get(golden), a.Get(proposed)
		if provided != nil && !contains(provided, a.Name) {
			next = cur
		}
		r := FieldReview{
			Field: a.Name, Label: label(domain, a.Name), Owner: decided[a.Name].Owner,
			Current: FormatValue(cur), Proposed: FormatValue(next), Changed: !sameValue(cur, next),
		}
		if r.Changed {
			r.Decision, r.Reason = kind[a.Name], decided[a.Name].Reason+"."
		}
		out = append(out, r)
	}
	return out
}

// AttachFailures puts each validation failure next to the attribute it is about, and
// returns those about no single attribute (an expression over several).
func AttachFailures(rows []FieldReview, fs []Failure) (general []string) {
	for _, f := range fs {
		placed := false
		for i := range rows {
			if f.Field != "" && rows[i].Field == f.Field {
				rows[i].Failures = append(rows[i].Failures, f.Message)
				placed = true
				break
			}
		}
		if !placed {
			general = append(general, f.Message)
		}
	}
	return general
}

// ApplyEdits writes a steward's values, as typed, onto the proposed record. It returns the
// attributes whose value the steward changed from the source's, and for each value that
// cannot be read, a message to show next to its field. Attributes not named in edits keep
// the source's value.
func ApplyEdits[T any](attrs []Attribute[T], proposed *T, edits map[string]string) (changed []string, errs map[string]string) {
	errs = map[string]string{}
	for _, a := range attrs {
		text, ok := edits[a.Name]
		if !ok {
			continue
		}
		before := FormatValue(a.Get(proposed))
		if strings.TrimSpace(text) == before {
			continue
		}
		if err := a.Set(proposed, text); err != nil {
			errs[a.Name] = err.Error()
			continue
		}
		if FormatValue(a.Get(proposed)) != before {
			changed = append(changed, a.Name)
		}
	}
	return changed, errs
}

// OwnerOf names the system that owns an attribute of a domain, "" for nobody.
func OwnerOf(matrix []OwnershipRule, domain, attribute string) string {
	r, _ := ruleFor(matrix, domain, attribute)
	return r.Owner
}
