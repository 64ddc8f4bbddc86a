package match

import (
	"math"
	"strings"
	"testing"
)

// comparison builds a comparison with the given levels (-1 for missing).
func comparison(d Domain, levels ...int8) Comparison {
	c := Comparison{domain: d}
	for i := range c.outcomes {
		c.outcomes[i] = missing
	}
	for i, l := range levels {
		c.outcomes[i].level = l
	}
	return c
}

func TestTrainEstimatesMAndU(t *testing.T) {
	var pairs []Comparison
	var same []bool
	// Matches agree on the name (level 0) nine times in ten; non-matches one time in ten.
	for i := 0; i < 1000; i++ {
		match := i%2 == 0
		level := int8(7) // different
		if match && i%20 != 0 || !match && i%20 == 1 {
			level = 0
		}
		pairs = append(pairs, comparison(Customers, level))
		same = append(same, match)
	}
	m, err := Train(Customers, pairs, same)
	if err != nil {
		t.Fatal(err)
	}
	name := m.Fields[0]
	if math.Abs(name.M[0]-0.9) > 0.02 || math.Abs(name.U[0]-0.1) > 0.02 {
		t.Errorf("name exact: m %.3f, u %.3f; want about 0.9 and 0.1", name.M[0], name.U[0])
	}
	// Unseen levels are unlikely, not impossible: their weight stays finite.
	if w := m.Weight(0, 3); math.IsInf(w, 0) || math.IsNaN(w) {
		t.Errorf("unseen level weight %v", w)
	}
	// Calibrated: pairs that agree are mostly matches (450 of 500).
	if p := m.Score(comparison(Customers, 0)); math.Abs(p-0.9) > 0.03 {
		t.Errorf("P(match | names agree) = %.3f, want about 0.9", p)
	}
	if p := m.Score(comparison(Customers, 7)); math.Abs(p-0.1) > 0.03 {
		t.Errorf("P(match | names differ) = %.3f, want about 0.1", p)
	}
	if err := m.Check(); err != nil {
		t.Error(err)
	}
}

func TestTrainNeedsBothLabels(t *testing.T) {
	pairs := []Comparison{comparison(Customers, 0), comparison(Customers, 1)}
	if _, err := Train(Customers, pairs, []bool{true, true}); err == nil || !strings.Contains(err.Error(), "non-matching") {
		t.Errorf("only matches: %v", err)
	}
	if _, err := Train(Customers, pairs, []bool{true}); err == nil {
		t.Error("labels of another length were accepted")
	}
}

func TestModelCheck(t *testing.T) {
	for _, d := range []Domain{Customers, Products} {
		m := DefaultModel(d)
		if err := m.Check(); err != nil {
			t.Fatalf("default %s model: %v", d, err)
		}
		if got, want := len(m.Fields), len(Fields(d)); got != want {
			t.Errorf("%s: %d fields, want %d", d, got, want)
		}
		m.Fields[0].M = m.Fields[0].M[:1]
		if err := m.Check(); err == nil {
			t.Errorf("%s: a model with missing levels passed", d)
		}
		if DefaultModel(d).Fields[0].M[0] == 0 || len(DefaultModel(d).Fields[0].M) == 1 {
			t.Errorf("%s: changing a copy changed the default", d)
		}
	}
}
