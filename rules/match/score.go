package match

import (
	"fmt"
	"math"
	"slices"
)

// Comparison is how two entities agree, field by field: the input of a Model's score and
// of its training.
type Comparison struct {
	domain   Domain
	outcomes [maxFields]outcome
}

// Level returns the agreement level of the i-th field (as in Fields), or -1 when a side
// had no value.
func (c Comparison) Level(i int) int { return int(c.outcomes[i].level) }

// Compare measures every field of a and b, which must be of one domain.
func Compare(a, b *Entity) Comparison {
	c := Comparison{domain: a.domain}
	for i, f := range schemaOf(a.domain).fields {
		c.outcomes[i] = f.compare(a, b)
	}
	return c
}

// Model holds the Fellegi–Sunter parameters of one domain: for every field and agreement
// level, how likely that level is between two records of the same entity (M) and between
// records of different entities that blocking put side by side (U). A level's weight is
// Factor × log2(M/U) bits. Factor is fitted on the training pairs (logistic regression on
// the fields' weights): fields that tend to agree together (a branch office shares VAT id,
// mailbox and name with its head office) share their credit instead of counting it twice.
// The weights of a pair add up with Offset, the calibrated prior, to the log2 odds of a
// match.
type Model struct {
	Domain Domain         `json:"domain"`
	Fields []FieldWeights `json:"fields"`
	Offset float64        `json:"offset"`
}

// FieldWeights are the m and u probabilities of one field's levels, best level first, and
// the field's calibration factor.
type FieldWeights struct {
	Field  string    `json:"field"`
	Levels []string  `json:"levels"`
	M      []float64 `json:"m"`
	U      []float64 `json:"u"`
	Factor float64   `json:"factor"`
}

// Check says whether the model fits its domain's fields and levels, as one read from
// storage must before it scores anything.
func (m *Model) Check() error {
	s := schemaOf(m.Domain)
	if s.domain != m.Domain || len(m.Fields) != len(s.fields) {
		return fmt.Errorf("the %s model has %d fields; the engine compares %d", m.Domain, len(m.Fields), len(s.fields))
	}
	for i, f := range s.fields {
		fw := m.Fields[i]
		if fw.Field != f.name || !slices.Equal(fw.Levels, f.levels) || len(fw.M) != len(f.levels) || len(fw.U) != len(f.levels) {
			return fmt.Errorf("the %s model's field %d is %q with levels %q; the engine compares %q with %q", m.Domain, i, fw.Field, fw.Levels, f.name, f.levels)
		}
		for l := range fw.M {
			if !(fw.M[l] > 0 && fw.M[l] <= 1 && fw.U[l] > 0 && fw.U[l] <= 1) {
				return fmt.Errorf("the %s model's field %s has a probability outside (0, 1] at level %q", m.Domain, f.name, f.levels[l])
			}
		}
		if !(fw.Factor >= 0) {
			return fmt.Errorf("the %s model's field %s has a negative factor", m.Domain, f.name)
		}
	}
	return nil
}

// Weight is the evidence, in bits, that level l of field i gives for a match; 0 for a
// missing value.
func (m *Model) Weight(i, l int) float64 {
	if l < 0 {
		return 0
	}
	f := &m.Fields[i]
	return f.Factor * math.Log2(f.M[l]/f.U[l])
}

// weights is a model's weights laid out for the inner loop of a scan.
type weights [maxFields][maxLevels]float64

func (m *Model) weights() *weights {
	var w weights
	for i, f := range m.Fields {
		for l := range f.M {
			w[i][l] = m.Weight(i, l)
		}
	}
	return &w
}

// total adds up the weights of a comparison.
func (w *weights) total(c *Comparison, n int) float64 {
	t := 0.0
	for i := 0; i < n; i++ {
		if l := c.outcomes[i].level; l >= 0 {
			t += w[i][l]
		}
	}
	return t
}

// Probability turns a pair's total weight in bits into its match probability.
func (m *Model) Probability(bits float64) float64 {
	return 1 / (1 + math.Exp2(-(bits + m.Offset)))
}

// Score is the match probability of a compared pair.
func (m *Model) Score(c Comparison) float64 {
	t := 0.0
	for i := range m.Fields {
		t += m.Weight(i, c.Level(i))
	}
	return m.Probability(t)
}
