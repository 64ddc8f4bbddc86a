package match

import (
	"fmt"
	"math"
)

// Train estimates a model from labelled candidate pairs: same[i] says whether pairs[i]
// compares two records of one entity. m and u are the shares of each level among matching
// and non-matching pairs (add-one smoothed, so an unseen level is unlikely, not
// impossible); missing values are left out of both. The fields' factors and the offset are
// then fitted to the same pairs by logistic regression on the fields' log2(m/u) weights,
// which calibrates the probability and corrects for fields that are not independent.
func Train(d Domain, pairs []Comparison, same []bool) (*Model, error) {
	if len(pairs) != len(same) {
		return nil, fmt.Errorf("train: %d pairs but %d labels", len(pairs), len(same))
	}
	var matches, others int
	for _, s := range same {
		if s {
			matches++
		} else {
			others++
		}
	}
	if matches == 0 || others == 0 {
		return nil, fmt.Errorf("train: need matching and non-matching pairs, have %d and %d", matches, others)
	}
	s := schemaOf(d)
	m := &Model{Domain: d}
	for i, f := range s.fields {
		mc := make([]float64, len(f.levels))
		uc := make([]float64, len(f.levels))
		for k, c := range pairs {
			if l := c.outcomes[i].level; l >= 0 {
				if same[k] {
					mc[l]++
				} else {
					uc[l]++
				}
			}
		}
		m.Fields = append(m.Fields, FieldWeights{Field: f.name, Levels: f.levels, M: smooth(mc), U: smooth(uc), Factor: 1})
	}
	x := make([][]float64, len(pairs))
	for k, c := range pairs {
		x[k] = make([]float64, len(s.fields))
		for i := range s.fields {
			x[k][i] = m.Weight(i, c.Level(i))
		}
	}
	factors, offset := calibrate(x, same)
	for i := range m.Fields {
		m.Fields[i].Factor = factors[i]
	}
	m.Offset = offset
	return m, m.Check()
}

func smooth(counts []float64) []float64 {
	total := 0.0
	for _, c := range counts {
		total += c + 1
	}
	out := make([]float64, len(counts))
	for i, c := range counts {
		out[i] = (c + 1) / total
	}
	return out
}

// calibrate fits log2 odds = Σ factor_i·x_i + offset to the labels by Newton's method on
// the log loss, with Platt's softened targets (separable data still gives finite
// parameters) and a light ridge penalty pulling factors towards 1, the plain
// Fellegi–Sunter sum. Factors stay at or above zero: a field's agreement never counts
// against a match.
func calibrate(x [][]float64, y []bool) (factors []float64, offset float64) {
	n := len(x[0])
	var pos, neg float64
	for _, v := range y {
		if v {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	const ridge = 1.0
	// theta holds the factors (in natural-log units) and the intercept last.
	theta := make([]float64, n+1)
	for i := 0; i < n; i++ {
		theta[i] = math.Ln2
	}
	theta[n] = math.Log((pos + 1) / (neg + 1))
	loss := func(t []float64) float64 {
		l := 0.0
		for k, xk := range x {
			z := t[n]
			for i, v := range xk {
				z += t[i] * v
			}
			target := lo
			if y[k] {
				target = hi
			}
			l += math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - target*z
		}
		for i := 0; i < n; i++ {
			d := t[i] - math.Ln2
			l += ridge * d * d / 2
		}
		return l
	}
	cur := loss(theta)
	for iter := 0; iter < 50; iter++ {
		g := make([]float64, n+1)
		h := make([][]float64, n+1)
		for i := range h {
			h[i] = make([]float64, n+1)
		}
		for k, xk := range x {
			z := theta[n]
			for i, v := range xk {
				z += theta[i] * v
			}
			p := 1 / (1 + math.Exp(-z))
			target := lo
			if y[k] {
				target = hi
			}
			d, w := p-target, math.Max(p*(1-p), 1e-12)
			for i := 0; i <= n; i++ {
				xi := 1.0
				if i < n {
					xi = xk[i]
				}
				g[i] += d * xi
				for j := 0; j <= i; j++ {
					xj := 1.0
					if j < n {
						xj = xk[j]
					}
					h[i][j] += w * xi * xj
				}
			}
		}
		for i := 0; i < n; i++ {
			g[i] += ridge * (theta[i] - math.Ln2)
			h[i][i] += ridge
		}
		for i := range h {
			for j := 0; j < i; j++ {
				h[j][i] = h[i][j]
			}
		}
		step := solve(h, g)
		if step == nil {
			break
		}
		moved := false
		for size := 1.0; size > 1e-6; size /= 2 {
			next := make([]float64, n+1)
			for i := range next {
				next[i] = theta[i] - size*step[i]
				if i < n && next[i] < 0 {
					next[i] = 0
				}
			}
			if l := loss(next); l < cur {
				theta, cur, moved = next, l, true
				break
			}
		}
		if !moved {
			break
		}
	}
	factors = make([]float64, n)
	for i := range factors {
		factors[i] = theta[i] / math.Ln2
	}
	return factors, theta[n] / math.Ln2
}

// solve returns x with a·x = b by Gaussian elimination with partial pivoting, or nil
// when a is singular.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64{}, a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}
