package ingest

import "steward/models"

// Verdict is what policy says about one change.
type Verdict struct {
	Apply    []string // attributes the source may change now
	Held     []string // attributes that wait for a steward
	Rejected []string // attributes policy drops
	Reasons  []string // every reason, in words a steward understands
	Blocked  bool     // a blocking gate failed: the whole change waits
	Warnings []string // warn-level gate failures, kept as notes
}

// Decider asks the business rules about a change: who owns the changed attributes, and
// whether the resulting record passes the validation gates. It holds no database handle;
// the caller loads the current rules once per batch.
type Decider interface {
	// Ownership splits the changed attributes of a domain by what the source may do.
	Ownership(domain, sourceKind string, changed []string) Verdict
	// Validate checks the record as it would be after the change.
	Validate(domain string, channel models.Channel, record any) (blocking, warnings []string)
}

// AcceptAll lets every change through: for sources that own everything they send (tests,
// an initial load).
type AcceptAll struct{}

// Ownership accepts every attribute.
func (AcceptAll) Ownership(_, _ string, changed []string) Verdict { return Verdict{Apply: changed} }

// Validate finds nothing wrong.
func (AcceptAll) Validate(string, models.Channel, any) ([]string, []string) { return nil, nil }
