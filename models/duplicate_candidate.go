package models

import "time"

// Duplicate candidate states.
const (
	CandidateOpen      = "open"
	CandidateMerged    = "merged"
	CandidateDismissed = "dismissed" // a steward said "not a duplicate"
	CandidateResolved  = "resolved"  // one side was merged elsewhere or no longer exists
)

// DuplicateCandidate is a pair of golden records (LeftID < RightID, same domain) that may
// be one entity, with the matching engine's score and explanation.
type DuplicateCandidate struct {
	ID          int64
	Domain      string // customer, product
	LeftID      int64
	RightID     int64
	Score       float64
	Band        string // review, match
	Status      string
	Summary     string
	Explanation string // JSON of match.Explanation
	Source      string // "scan" or the channel an incoming record came from
	ClusterID   int64
	// Fingerprints hash each side's matching fields; a dismissed pair returns only when one
	// of them changes.
	LeftFingerprint  string
	RightFingerprint string
	DecidedByID      *int64
	DecidedAt        *time.Time
	DecisionNote     string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// MatchSettings are an admin's choices for one domain's matching.
type MatchSettings struct {
	Domain          string `gorm:"primaryKey"`
	MatchThreshold  float64
	ReviewThreshold float64
	AutoMerge       bool
	ScanCron        string
	UpdatedBy       string
	UpdatedAt       time.Time
	Version         int
}
