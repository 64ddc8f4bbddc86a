package jobs

import (
	"fmt"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

// policy is the ownership matrix and the compiled validation gates as they stood when a
// batch began.
type policy struct {
	ownership []rules.OwnershipRule
	gates     rules.GateSet
}

// LoadPolicy reads the current ownership rules and validation gates for the ingestion path.
func LoadPolicy(db *gorm.DB) (ingest.Decider, error) {
	own, err := models.ListOwnershipRules(db)
	if err != nil {
		return nil, fmt.Errorf("load ownership rules: %w", err)
	}
	gates, err := models.ListGates(db, "")
	if err != nil {
		return nil, fmt.Errorf("load validation gates: %w", err)
	}
	set, err := rules.CompileGates(gates)
	if err != nil {
		return nil, fmt.Errorf("compile validation gates: %w", err)
	}
	return policy{ownership: own, gates: set}, nil
}

func (p policy) Ownership(domain, source string, changed []string) ingest.Verdict {
	d := rules.DecideOwnership(p.ownership, domain, source, changed)
	var v ingest.Verdict
	for _, a := range d.Apply {
		v.Apply = append(v.Apply, a.Attribute)
	}
	for _, a := range d.Hold {
		v.Held = append(v.Held, a.Attribute)
		v.Reasons = append(v.Reasons, a.Reason+".")
	}
	for _, a := range d.Reject {
		v.Rejected = append(v.Rejected, a.Attribute)
		v.Reasons = append(v.Reasons, a.Reason+".")
	}
	return v
}

// Validate checks the golden record as it would be against the gates of its domain. Gates
// of one channel (a marketplace's GTIN) decide that channel's publication, not whether
// Steward keeps the record.
func (p policy) Validate(domain string, _ models.Channel, record any) (blocking, warnings []string) {
	var fields map[string]any
	switch r := record.(type) {
	case models.Product:
		fields = rules.ProductFields(r)
	case models.Customer:
		fields = rules.CustomerFields(r)
	default:
		return nil, nil
	}
	for _, f := range rules.Validate(p.gates, domain, "", fields) {
		if f.Severity == rules.SeverityWarn {
			warnings = append(warnings, f.Message)
		} else {
			blocking = append(blocking, f.Message)
		}
	}
	return blocking, warnings
}
