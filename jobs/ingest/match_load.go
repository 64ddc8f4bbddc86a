package ingest

import (
	"encoding/json"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
)

// MatchSet is a set of golden records prepared for matching, with what a person reads of
// each (for a candidate's summary).
type MatchSet struct {
	Entities []match.Entity
	Labels   []string
}

// GoldenID is the golden record id of the i-th entity.
func (s *MatchSet) GoldenID(i int) int64 {
	id, _ := strconv.ParseInt(s.Entities[i].ID, 10, 64)
	return id
}

// LoadMatchSet prepares the active golden records of a domain with ids (all of them when
// ids is nil) for matching.
func LoadMatchSet(db *gorm.DB, domain string, ids []int64) (MatchSet, error) {
	var s MatchSet
	switch domain {
	case models.MatchCustomer:
		cs, addrs, err := models.MatchCustomers(db, ids)
		if err != nil {
			return s, err
		}
		s.Entities, s.Labels = rules.CustomerEntities(cs, addrs), make([]string, len(cs))
		for i, c := range cs {
			s.Labels[i] = customerLabel(c)
		}
	case models.MatchProduct:
		ps, err := models.MatchProducts(db, ids)
		if err != nil {
			return s, err
		}
		s.Entities, s.Labels = rules.ProductEntities(ps), make([]string, len(ps))
		for i, p := range ps {
			s.Labels[i] = productLabel(p)
		}
	default:
		return s, fmt.Errorf("no matching for %q records", domain)
	}
	return s, nil
}

func customerLabel(c models.Customer) string {
	if c.Name != "" {
		return c.Name
	}
	return c.LegalName
}

func productLabel(p models.Product) string {
	if p.SKU != "" {
		return p.SKU + " " + p.Name
	}
	return p.Name
}

// MatchSettings returns a domain's matching settings, the engine's defaults where an admin
// saved none.
func MatchSettings(db *gorm.DB, domain string) (models.MatchSettings, error) {
	t := match.DefaultThresholds(match.Domain(domain))
	return models.LoadMatchSettings(db, domain, models.MatchSettings{MatchThreshold: t.Match, ReviewThreshold: t.Review})
}

// Thresholds are the settings' bands as the engine takes them.
func Thresholds(s models.MatchSettings) match.Thresholds {
	return match.Thresholds{Match: s.MatchThreshold, Review: s.ReviewThreshold}
}

// FoundPair is the candidate row for two golden records the engine scored, explained.
func FoundPair(m *match.Model, s *MatchSet, a, b int, band match.Band) (models.FoundPair, error) {
	ex := m.Explain(&s.Entities[a], &s.Entities[b])
	return NewFoundPair(&s.Entities[a], &s.Entities[b], s.Labels[a], s.Labels[b], ex, band)
}

// NewFoundPair builds a candidate row from two prepared golden records and their
// explanation.
func NewFoundPair(a, b *match.Entity, labelA, labelB string, ex match.Explanation, band match.Band) (models.FoundPair, error) {
	js, err := json.Marshal(ex)
	if err != nil {
		return models.FoundPair{}, fmt.Errorf("explanation: %w", err)
	}
	left, _ := strconv.ParseInt(a.ID, 10, 64)
	right, _ := strconv.ParseInt(b.ID, 10, 64)
	return models.FoundPair{
		LeftID: left, RightID: right, Score: ex.Score, Band: string(band),
		Summary: labelA + " ↔ " + labelB, Explanation: string(js),
		LeftFingerprint: rules.MatchFingerprint(a), RightFingerprint: rules.MatchFingerprint(b),
	}, nil
}
