package rules_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"steward/models"
	"steward/rules"
)

func TestSurvive(t *testing.T) {
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	recent := old.AddDate(0, 6, 0)
	survivor := rules.SurvivalRecord{ID: 1, UpdatedAt: old, Sources: []string{"Shop"},
		Values: map[string]string{"name": "Keller", "email": "a@keller.example", "phone": "", "tax_id": "DE81190798", "website": "", "credit_limit": "100.00"}}
	dup := rules.SurvivalRecord{ID: 2, UpdatedAt: recent, Sources: []string{"Odoo"},
		Values: map[string]string{"name": "Keller Elektro GmbH", "email": "b@keller.example", "phone": "+49 30 1", "tax_id": "DE811907980", "website": "keller.example", "credit_limit": "5000.00"}}
	rule := func(field, strategy string, extra ...string) models.SurvivorshipRule {
		r := models.SurvivorshipRule{Field: field, Strategy: strategy}
		if len(extra) > 0 {
			r.Sources = extra[0]
		}
		if len(extra) > 1 {
			r.FixedValue = extra[1]
		}
		return r
	}
	for _, tt := range []struct {
		name      string
		rule      models.SurvivorshipRule
		records   []rules.SurvivalRecord
		overrides map[string]int64
		want      string
		wantFrom  int64
		why       string
	}{
		{"trusted source wins over the survivor", rule("credit_limit", rules.SurviveTrustedSource, "Odoo, Shop"), []rules.SurvivalRecord{survivor, dup}, nil, "5000.00", 2, "from Odoo"},
		{"trusted source order matters", rule("credit_limit", rules.SurviveTrustedSource, "Shop,Odoo"), []rules.SurvivalRecord{survivor, dup}, nil, "100.00", 1, "from Shop"},
		{"untrusted sources: survivor keeps it", rule("credit_limit", rules.SurviveTrustedSource, "EDI"), []rules.SurvivalRecord{survivor, dup}, nil, "100.00", 1, "no trusted channel"},
		{"most recent", rule("email", rules.SurviveMostRecent), []rules.SurvivalRecord{survivor, dup}, nil, "b@keller.example", 2, "most recently changed"},
		{"most recent skips empty values", rule("phone", rules.SurviveMostRecent), []rules.SurvivalRecord{dup, survivor}, nil, "+49 30 1", 2, "most recently changed"},
		{"most complete record", rule("name", rules.SurviveMostComplete), []rules.SurvivalRecord{survivor, dup}, nil, "Keller Elektro GmbH", 2, "6 fields filled in"},
		{"longest", rule("tax_id", rules.SurviveLongest), []rules.SurvivalRecord{survivor, dup}, nil, "DE811907980", 2, "longest"},
		{"longest tie keeps the survivor", rule("tax_id", rules.SurviveLongest), []rules.SurvivalRecord{survivor, {ID: 3, Values: map[string]string{"tax_id": "DE81190798"}}}, nil, "DE81190798", 1, "longest"},
		{"fixed value", rule("website", rules.SurviveFixed, "", "keller.de"), []rules.SurvivalRecord{survivor, dup}, nil, "keller.de", 0, "fixed value"},
		{"nobody has a value", rule("website", rules.SurviveLongest), []rules.SurvivalRecord{survivor, {ID: 3, Values: map[string]string{}}}, nil, "", 1, "no record has a value"},
		{"steward override", rule("email", rules.SurviveMostRecent), []rules.SurvivalRecord{survivor, dup}, map[string]int64{"email": 1}, "a@keller.example", 1, "chosen by the steward"},
		{"override equal to the rule is the rule", rule("email", rules.SurviveMostRecent), []rules.SurvivalRecord{survivor, dup}, map[string]int64{"email": 2}, "b@keller.example", 2, "most recently changed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rules.Survive(rules.DomainCustomer, tt.records, []models.SurvivorshipRule{tt.rule}, tt.overrides)
			if err != nil {
				t.Fatal(err)
			}
			var p rules.Provenance
			for _, x := range got.Provenance {
				if x.Field == tt.rule.Field {
					p = x
				}
			}
			if got.Values[tt.rule.Field] != tt.want || p.RecordID != tt.wantFrom || !contains(p.Why, tt.why) {
				t.Errorf("%s = %q from %d (%s), want %q from %d (%s)", tt.rule.Field, got.Values[tt.rule.Field], p.RecordID, p.Why, tt.want, tt.wantFrom, tt.why)
			}
			if p.Overridden != (tt.why == "chosen by the steward") {
				t.Errorf("overridden = %v", p.Overridden)
			}
		})
	}
}

func TestSurviveRefusesStrangers(t *testing.T) {
	_, err := rules.Survive(rules.DomainCustomer, []rules.SurvivalRecord{{ID: 1}, {ID: 2}}, nil, map[string]int64{"email": 9})
	if rules.KindOf(err) != rules.Invalid {
		t.Errorf("override from record 9: %v, want invalid", err)
	}
}

func TestSurvivorshipDefaultsAndChecks(t *testing.T) {
	for _, d := range []string{rules.DomainCustomer, rules.DomainProduct} {
		for _, r := range rules.DefaultSurvivorship(d) {
			if r.Strategy == rules.SurviveTrustedSource {
				continue // defaults trust nobody until an admin names channels: the survivor keeps its value
			}
			if err := rules.CheckSurvivorshipRule(d, r); err != nil {
				t.Errorf("default %s %s: %v", d, r.Field, err)
			}
		}
	}
	for _, tt := range []struct {
		rule  models.SurvivorshipRule
		field string
	}{
		{models.SurvivorshipRule{Field: "sku", Strategy: rules.SurviveLongest}, "field"},
		{models.SurvivorshipRule{Field: "name", Strategy: "coin_toss"}, "strategy"},
		{models.SurvivorshipRule{Field: "email", Strategy: rules.SurviveTrustedSource, Sources: " , "}, "sources"},
		{models.SurvivorshipRule{Field: "list_price", Strategy: rules.SurviveFixed, FixedValue: "cheap"}, "fixed_value"},
	} {
		err := rules.CheckSurvivorshipRule(rules.DomainProduct, tt.rule)
		var e *rules.Error
		if !asError(err, &e) || e.Fields[tt.field] == "" {
			t.Errorf("%+v: %v, want a message at %s", tt.rule, err, tt.field)
		}
	}
	// Applying copies the winner's value exactly and types a fixed one.
	survivor := models.Product{ID: 1, Name: "Tie", ListPrice: 100}
	other := models.Product{ID: 2, Name: "Cable tie 200 mm", ListPrice: 12345}
	s := rules.Survived{Provenance: []rules.Provenance{{Field: "name", RecordID: 2}, {Field: "list_price", Value: "9.99"}}}
	if err := rules.ApplyProductSurvival(&survivor, map[int64]*models.Product{1: &survivor, 2: &other}, s); err != nil || survivor.Name != other.Name || survivor.ListPrice != 99900 {
		t.Errorf("applied = %+v, %v", survivor, err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func asError(err error, target **rules.Error) bool { return errors.As(err, target) }

func TestMergeCustomers(t *testing.T) {
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := models.Customer{ID: 1, Name: "Keller", TaxID: "DE811907980", Email: "a@keller.example", CreditLimit: 10000, UpdatedAt: old}
	b := models.Customer{ID: 2, Name: "Keller Elektro GmbH", Email: "b@keller.example", Phone: "+49 30 1", CreditLimit: 500000, UpdatedAt: old.AddDate(0, 1, 0)}
	saved := []models.SurvivorshipRule{{Field: "credit_limit", Strategy: rules.SurviveTrustedSource, Sources: "Odoo"}}
	merged, s, err := rules.MergeCustomers(a, b, []string{"Shop"}, []string{"Odoo"}, saved, map[string]int64{"email": 1})
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != 1 || merged.TaxID != a.TaxID || merged.Phone != b.Phone || merged.Email != a.Email || merged.CreditLimit != 500000 || len(s.Provenance) == 0 {
		t.Errorf("merged = %+v", merged)
	}
}
