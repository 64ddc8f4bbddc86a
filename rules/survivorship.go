package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"steward/models"
)

// Survivorship strategies: how the merged value of one attribute is chosen among the
// records being merged.
const (
	SurviveTrustedSource = "trusted_source" // the record from the most trusted channel
	SurviveMostRecent    = "most_recent"    // the record changed last
	SurviveMostComplete  = "most_complete"  // the record with the most fields filled in
	SurviveLongest       = "longest"        // the longest value
	SurviveFixed         = "fixed"          // a value the admin set
)

// SurvivalStrategies lists the strategies in the order the admin page offers them.
var SurvivalStrategies = []string{SurviveTrustedSource, SurviveMostRecent, SurviveMostComplete, SurviveLongest, SurviveFixed}

// StrategyLabel is a strategy in a steward's words.
func StrategyLabel(s string) string {
	switch s {
	case SurviveTrustedSource:
		return "Most trusted source"
	case SurviveMostRecent:
		return "Most recently changed"
	case SurviveMostComplete:
		return "Most complete record"
	case SurviveLongest:
		return "Longest value"
	case SurviveFixed:
		return "Fixed value"
	}
	return s
}

// SurvivalRecord is one record of a merge as survivorship reads it: its attributes as text
// (FormatValue), when it last changed, and the channels that hold it (by name).
type SurvivalRecord struct {
	ID        int64
	Values    map[string]string
	UpdatedAt time.Time
	Sources   []string
}

// Provenance says where one merged value came from and why.
type Provenance struct {
	Field      string `json:"field"`
	Value      string `json:"value"`
	RecordID   int64  `json:"record_id"` // 0 for a fixed value
	Strategy   string `json:"strategy"`
	Why        string `json:"why"`
	Overridden bool   `json:"overridden"` // the steward chose it
}

// Survived is the merged record: every survivable attribute's value and its provenance in
// field order.
type Survived struct {
	Values     map[string]string
	Provenance []Provenance
}

// SurvivableFields are the attributes a merge chooses values for. A product's SKU and
// every record's active flag are not among them: the survivor keeps its SKU (the merged
// record keeps its own, which stays unique), and the merged record is active.
func SurvivableFields(domain string) []Field {
	var out []Field
	for _, f := range FieldsOf(domain) {
		if f.Name == "active" || f.Name == "sku" || f.Name == "lifecycle_status" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// DefaultSurvivorship is a domain's rules when an admin set none: names and addresses
// from the most complete record, contact details from the most recent, identifiers the
// longest (a full VAT id over a truncated one), money terms from the most trusted source.
func DefaultSurvivorship(domain string) []models.SurvivorshipRule {
	strategy := map[string]string{
		"name": SurviveMostComplete, "legal_name": SurviveLongest, "tax_id": SurviveLongest,
		"email": SurviveMostRecent, "phone": SurviveMostRecent, "website": SurviveMostComplete,
		"description": SurviveLongest, "barcode": SurviveLongest, "hs_code": SurviveLongest,
		"list_price": SurviveTrustedSource, "cost": SurviveTrustedSource, "credit_limit": SurviveTrustedSource,
		"payment_terms": SurviveTrustedSource, "currency": SurviveTrustedSource,
	}
	var out []models.SurvivorshipRule
	for _, f := range SurvivableFields(domain) {
		s := strategy[f.Name]
		if s == "" {
			s = SurviveMostComplete
		}
		out = append(out, models.SurvivorshipRule{Domain: domain, Field: f.Name, Strategy: s})
	}
	return out
}

// SurvivorshipFor completes an admin's rules with the defaults for fields they left out,
// in field order.
func SurvivorshipFor(domain string, saved []models.SurvivorshipRule) []models.SurvivorshipRule {
	out := DefaultSurvivorship(domain)
	for i, r := range out {
		if j := slices.IndexFunc(saved, func(s models.SurvivorshipRule) bool { return s.Field == r.Field }); j >= 0 {
			out[i] = saved[j]
		}
	}
	return out
}

// CheckSurvivorshipRule says what is wrong with an admin's rule, per form field.
func CheckSurvivorshipRule(domain string, r models.SurvivorshipRule) error {
	errs := map[string]string{}
	if !slices.ContainsFunc(SurvivableFields(domain), func(f Field) bool { return f.Name == r.Field }) {
		errs["field"] = fmt.Sprintf("%q is not a field a merge chooses for %s.", r.Field, DomainLabel(domain))
	}
	if !slices.Contains(SurvivalStrategies, r.Strategy) {
		errs["strategy"] = "Choose how the value is chosen."
	}
	if r.Strategy == SurviveTrustedSource && len(r.SourceList()) == 0 {
		errs["sources"] = "List the channels to trust, most trusted first, separated by commas."
	}
	if f, ok := FieldOf(domain, r.Field); ok && r.Strategy == SurviveFixed && f.Type != Text {
		if err := checkTyped(f, r.FixedValue); err != nil {
			errs["fixed_value"] = err.Error()
		}
	}
	if len(errs) > 0 {
		return InvalidFields(errs)
	}
	return nil
}

func checkTyped(f Field, text string) error {
	var err error
	switch f.Type {
	case Amount:
		_, err = parseAs[models.Money](text)
	case Number:
		_, err = parseAs[*float64](text)
	}
	return err
}

// Survive chooses the merged value of every survivable attribute among records (the
// survivor first: it wins ties and is the fallback when no record has a value), by the
// domain's rules, except where the steward picked a record's value (overrides: field →
// record id). It fails when an override names a record that is not being merged.
func Survive(domain string, records []SurvivalRecord, rs []models.SurvivorshipRule, overrides map[string]int64) (Survived, error) {
	out := Survived{Values: map[string]string{}}
	if len(records) == 0 {
		return out, Errorf(Invalid, "There is nothing to merge.")
	}
	byID := map[int64]int{}
	for i, r := range records {
		byID[r.ID] = i
	}
	rs = SurvivorshipFor(domain, rs)
	for _, rule := range rs {
		var p Provenance
		if id, ok := overrides[rule.Field]; ok {
			i, known := byID[id]
			if !known {
				return out, InvalidFields(map[string]string{rule.Field: fmt.Sprintf("Record %d is not one of the records being merged.", id)})
			}
			p = Provenance{Field: rule.Field, Value: records[i].Values[rule.Field], RecordID: id, Strategy: rule.Strategy, Overridden: true,
				Why: "chosen by the steward"}
			if def := pickByRule(rule, records); def.RecordID == id && def.RecordID != 0 {
				p.Overridden, p.Why = false, def.Why
			}
		} else {
			p = pickByRule(rule, records)
		}
		out.Values[rule.Field] = p.Value
		out.Provenance = append(out.Provenance, p)
	}
	return out, nil
}

// pickByRule applies one rule. Records without a value for the field never win unless no
// record has one.
func pickByRule(rule models.SurvivorshipRule, records []SurvivalRecord) Provenance {
	p := Provenance{Field: rule.Field, Strategy: rule.Strategy}
	if rule.Strategy == SurviveFixed {
		p.Value, p.Why = rule.FixedValue, "fixed value set by an admin"
		return p
	}
	best := -1
	var why string
	for i, r := range records {
		v := strings.TrimSpace(r.Values[rule.Field])
		if v == "" {
			continue
		}
		if best < 0 {
			best, why = i, firstWhy(rule, r)
			continue
		}
		if better, w := beats(rule, r, records[best]); better {
			best, why = i, w
		}
	}
	if best < 0 {
		p.RecordID, p.Value, p.Why = records[0].ID, records[0].Values[rule.Field], "no record has a value"
		return p
	}
	p.RecordID, p.Value, p.Why = records[best].ID, records[best].Values[rule.Field], why
	return p
}

// beats says whether a strictly wins over cur under the rule, and why. Ties keep cur, so
// the earlier record (the survivor first) wins them.
func beats(rule models.SurvivorshipRule, a, cur SurvivalRecord) (bool, string) {
	switch rule.Strategy {
	case SurviveTrustedSource:
		ra, rc := trustRank(rule.SourceList(), a.Sources), trustRank(rule.SourceList(), cur.Sources)
		return ra < rc, firstWhy(rule, a)
	case SurviveMostRecent:
		return a.UpdatedAt.After(cur.UpdatedAt), firstWhy(rule, a)
	case SurviveMostComplete:
		return filled(a) > filled(cur), firstWhy(rule, a)
	case SurviveLongest:
		return len([]rune(a.Values[rule.Field])) > len([]rune(cur.Values[rule.Field])), firstWhy(rule, a)
	}
	return false, ""
}

// firstWhy is why a record wins, in words.
func firstWhy(rule models.SurvivorshipRule, r SurvivalRecord) string {
	switch rule.Strategy {
	case SurviveTrustedSource:
		list := rule.SourceList()
		if i := trustRank(list, r.Sources); i < len(list) {
			return "from " + list[i] + ", the most trusted source that has it"
		}
		if len(list) == 0 {
			return "the kept record's value: no trusted channels are set"
		}
		return "no trusted channel holds a record with it; from record " + fmt.Sprint(r.ID)
	case SurviveMostRecent:
		return "most recently changed (" + r.UpdatedAt.UTC().Format("2006-01-02 15:04") + ")"
	case SurviveMostComplete:
		return fmt.Sprintf("most complete record (%d fields filled in)", filled(r))
	case SurviveLongest:
		return "longest value"
	}
	return ""
}

// trustRank is the position of the most trusted of a record's sources in the list;
// len(list) when none is listed.
func trustRank(list, sources []string) int {
	best := len(list)
	for _, s := range sources {
		for i, t := range list {
			if strings.EqualFold(s, t) && i < best {
				best = i
			}
		}
	}
	return best
}

func filled(r SurvivalRecord) int {
	n := 0
	for _, v := range r.Values {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	return n
}
