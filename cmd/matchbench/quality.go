package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"steward/rules/match"
)

// scores are the pairs a scan kept, with whether each is a true duplicate.
type scored struct {
	pair match.Pair
	same bool
}

// metrics are pairwise precision, recall and F1 at one threshold.
type metrics struct {
	threshold             float64
	tp, fp, fn            int64
	precision, recall, f1 float64
}

func measure(pairs []scored, truth int64, t float64) metrics {
	m := metrics{threshold: t}
	for _, p := range pairs {
		if p.pair.Score < t {
			continue
		}
		if p.same {
			m.tp++
		} else {
			m.fp++
		}
	}
	m.fn = truth - m.tp
	if m.tp+m.fp > 0 {
		m.precision = float64(m.tp) / float64(m.tp+m.fp)
	}
	if truth > 0 {
		m.recall = float64(m.tp) / float64(truth)
	}
	if m.precision+m.recall > 0 {
		m.f1 = 2 * m.precision * m.recall / (m.precision + m.recall)
	}
	return m
}

// bestThreshold is the score threshold with the highest F1 on the pairs given: chosen on
// the training split, then applied unchanged to the test split.
func bestThreshold(pairs []scored, truth int64) float64 {
	best, at := -1.0, 0.5
	for t := 0.05; t < 0.995; t += 0.01 {
		if m := measure(pairs, truth, t); m.f1 > best {
			best, at = m.f1, t
		}
	}
	return at
}

func scoreAll(m *match.Model, l labelled, o match.Options) []scored {
	var out []scored
	for _, p := range match.Dedupe(m, l.ents, o) {
		out = append(out, scored{pair: p, same: l.entity[p.A] == l.entity[p.B]})
	}
	return out
}

// measureQuality trains a model on the training split and measures it on the test split.
func measureQuality(cfg config, d match.Domain, out io.Writer) (*match.Model, error) {
	start := time.Now()
	train, test := splits(d, cfg.seed, cfg.records)
	opt := match.Options{Workers: cfg.workers}

	cands := match.CandidatePairs(train.ents, opt)
	cmps := make([]match.Comparison, len(cands))
	same := make([]bool, len(cands))
	for i, c := range cands {
		cmps[i] = match.Compare(&train.ents[c[0]], &train.ents[c[1]])
		same[i] = train.entity[c[0]] == train.entity[c[1]]
	}
	model, err := match.Train(d, cmps, same)
	if err != nil {
		return nil, err
	}
	opt.MinScore = 0.01
	chosen := bestThreshold(scoreAll(model, train, opt), train.truePairs())

	truth := test.truePairs()
	var proposed int64
	testCands := match.CandidatePairs(test.ents, match.Options{})
	for _, c := range testCands {
		if test.entity[c[0]] == test.entity[c[1]] {
			proposed++
		}
	}
	pairs := scoreAll(model, test, opt)
	shipped := scoreAll(match.DefaultModel(d), test, opt)
	th := match.DefaultThresholds(d)

	fmt.Fprintf(out, "\n## Quality: %s (seed %d, %d records: %d train, %d test)\n\n", d, cfg.seed, len(train.ents)+len(test.ents), len(train.ents), len(test.ents))
	fmt.Fprintf(out, "Test split: %d true duplicate pairs; blocking proposed %d candidate pairs holding %d of them (blocking recall %.4f).\n\n",
		truth, len(testCands), proposed, float64(proposed)/float64(max(truth, 1)))
	fmt.Fprintln(out, "| model | decision | threshold | precision | recall | F1 | false pos. | false neg. |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|")
	row := func(model, what string, ps []scored, t float64) {
		m := measure(ps, truth, t)
		fmt.Fprintf(out, "| %s | %s | %.2f | %.4f | %.4f | **%.4f** | %d | %d |\n", model, what, t, m.precision, m.recall, m.f1, m.fp, m.fn)
	}
	row("trained on train split", "best F1 on the train split", pairs, chosen)
	row("trained on train split", "p ≥ 0.5", pairs, 0.5)
	row("trained on train split", "match band (auto-link)", pairs, th.Match)
	row("trained on train split", "match or review band", pairs, th.Review)
	row("shipped DefaultModel", "match or review band", shipped, th.Review)
	row("shipped DefaultModel", "p ≥ 0.5", shipped, 0.5)
	fmt.Fprintf(out, "\n(%s; trained on %d candidate pairs of the train split)\n", time.Since(start).Round(time.Millisecond), len(cands))
	errorsByKind(out, test, pairs, 0.5)
	if cfg.show > 0 {
		showErrors(out, model, test, pairs, testCands, cfg.show, 0.5)
	}
	return model, nil
}

// showErrors prints false positives and false negatives with their explanations, the
// starting point of every improvement.
func showErrors(out io.Writer, m *match.Model, l labelled, pairs []scored, cands [][2]int32, n int, t float64) {
	fmt.Fprintf(out, "\n### False positives at %.2f\n", t)
	k := 0
	found := map[[2]int32]bool{}
	for _, p := range pairs {
		if p.pair.Score >= t {
			found[[2]int32{p.pair.A, p.pair.B}] = true
		}
		if p.pair.Score >= t && !p.same && k < n {
			k++
			a, b := &l.ents[p.pair.A], &l.ents[p.pair.B]
			fmt.Fprintf(out, "\n%s (%s) vs %s (%s)\n%s", a.ID, l.kind[p.pair.A], b.ID, l.kind[p.pair.B], m.Explain(a, b))
		}
	}
	fmt.Fprintf(out, "\n### False negatives at %.2f (blocked but scored low)\n", t)
	k = 0
	for _, c := range cands {
		if l.entity[c[0]] == l.entity[c[1]] && !found[c] && k < n {
			k++
			a, b := &l.ents[c[0]], &l.ents[c[1]]
			fmt.Fprintf(out, "\n%s vs %s (%s)\n%s", a.ID, b.ID, l.kind[c[0]], m.Explain(a, b))
		}
	}
	// pairs blocking never proposed
	proposed := map[[2]int32]bool{}
	for _, c := range cands {
		proposed[c] = true
	}
	byEntity := map[int32][]int32{}
	for i, e := range l.entity {
		byEntity[e] = append(byEntity[e], int32(i))
	}
	fmt.Fprintln(out, "\n### True pairs blocking missed")
	k = 0
	ids := make([]int32, 0, len(byEntity))
	for e := range byEntity {
		ids = append(ids, e)
	}
	slices.Sort(ids)
	for _, e := range ids {
		rs := byEntity[e]
		for x := 0; x < len(rs); x++ {
			for y := x + 1; y < len(rs); y++ {
				if !proposed[[2]int32{rs[x], rs[y]}] && k < n {
					k++
					a, b := &l.ents[rs[x]], &l.ents[rs[y]]
					fmt.Fprintf(out, "\n%s vs %s (%s)\n%s", a.ID, b.ID, l.kind[rs[x]], m.Explain(a, b))
				}
			}
		}
	}
}

// errorsByKind counts false positives by the kinds of the two records, which says which
// look-alikes fool the model.
func errorsByKind(out io.Writer, l labelled, pairs []scored, t float64) {
	counts := map[string]int{}
	for _, p := range pairs {
		if p.pair.Score >= t && !p.same {
			ka, kb := l.kind[p.pair.A], l.kind[p.pair.B]
			if ka > kb {
				ka, kb = kb, ka
			}
			counts[ka+" / "+kb]++
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Fprintf(out, "\nFalse positives at p ≥ %.2f by the kinds of the two records:", t)
	for _, k := range keys {
		fmt.Fprintf(out, " %s %d;", k, counts[k])
	}
	fmt.Fprintln(out)
}
