package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"steward/rules/match"
)

// dedupeCmd finds the records of one file that may be the same customer or product, in
// the spirit of csvdedupe: no database, a CSV in, the pairs out.
func dedupeCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dedupe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "the CSV file to search for duplicates (- for stdin)")
	opt := matchFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *opt.out == "" {
		return fmt.Errorf("dedupe needs --in FILE and --out FILE")
	}
	d, th, err := opt.settings()
	if err != nil {
		return err
	}
	f, err := readMatchFile(*in, d, stdin, stderr)
	if err != nil {
		return err
	}
	reportProblems(stderr, f)
	m := match.DefaultModel(d)
	o, done := scanOptions(stderr, th, len(f.ents))
	pairs := match.Dedupe(m, f.ents, o)
	done()
	return writePairs(*opt.out, stdout, stderr, m, th, f.ents, f.ents, pairs, *opt.explain,
		fmt.Sprintf("Compared %d %ss of %s", len(f.ents), d, *in))
}

// matchOptions are the flags dedupe and link share.
type matchOptions struct {
	domain   *string
	out      *string
	matchAt  *float64
	reviewAt *float64
	explain  *bool
}

func matchFlags(fs *flag.FlagSet) *matchOptions {
	return &matchOptions{
		domain:   fs.String("domain", "", "what the files hold: customer or product"),
		out:      fs.String("out", "", "where to write the pairs as CSV (- for stdout)"),
		matchAt:  fs.Float64("match", -1, "match probability from which a pair is a match (default per domain)"),
		reviewAt: fs.Float64("review", -1, "match probability from which a pair goes to review (default per domain)"),
		explain:  fs.Bool("explain", false, "add an explanation column saying which fields agreed and which did not"),
	}
}

// settings checks the domain and thresholds the flags name.
func (o *matchOptions) settings() (match.Domain, match.Thresholds, error) {
	d := match.Domain(*o.domain)
	if d != match.Customers && d != match.Products {
		return "", match.Thresholds{}, fmt.Errorf("--domain must be customer or product, not %q", *o.domain)
	}
	th := match.DefaultThresholds(d)
	if *o.matchAt >= 0 {
		th.Match = *o.matchAt
	}
	if *o.reviewAt >= 0 {
		th.Review = *o.reviewAt
	}
	if err := th.Check(); err != nil {
		return "", th, err
	}
	return d, th, nil
}

// scanOptions keeps the pairs worth a look and draws a bar for large files.
func scanOptions(stderr io.Writer, th match.Thresholds, n int) (match.Options, func()) {
	o := match.Options{MinScore: th.Review}
	if n < largeFile {
		return o, func() {}
	}
	update, done := progressBar(stderr, "comparing", int64(n))
	o.Progress = update
	return o, done
}

// reportProblems lists the rows and values that could not be read, a screenful at most.
func reportProblems(w io.Writer, f *matchFile) {
	const shown = 20
	for i, p := range f.problems {
		if i == shown {
			fmt.Fprintf(w, "%s: … and %d more problems\n", f.path, len(f.problems)-shown)
			break
		}
		fmt.Fprintf(w, "%s: %s\n", f.path, p)
	}
}

// writePairs writes left_id,right_id,score,decision for each pair in the match or review
// band, in the order of the input rows, and says what it did.
func writePairs(path string, stdout, stderr io.Writer, m *match.Model, th match.Thresholds,
	left, right []match.Entity, pairs []match.Pair, explain bool, what string) (err error) {
	w, report := stdout, stdout
	if path == "-" {
		report = stderr
	} else {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("create %s: %w", path, err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("write %s: %w", path, cerr)
			}
		}()
		w = f
	}
	cw := csv.NewWriter(w)
	header := []string{"left_id", "right_id", "score", "decision"}
	if explain {
		header = append(header, "explanation")
	}
	cw.Write(header)
	var matches, reviews int
	for _, p := range pairs {
		band := th.Band(p.Score)
		switch band {
		case match.BandMatch:
			matches++
		case match.BandReview:
			reviews++
		default:
			continue
		}
		a, b := &left[p.A], &right[p.B]
		rec := []string{a.ID, b.ID, strconv.FormatFloat(p.Score, 'f', 4, 64), string(band)}
		if explain {
			rec = append(rec, m.Explain(a, b).Short())
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(report, "%s: %s, %s to review (thresholds %.2f and %.2f). Wrote them to %s.\n",
		what, countPairs(matches, "matches", "match"), countPairs(reviews, "", ""), th.Match, th.Review, path)
	return nil
}

// countPairs counts pairs in words: "1 pair matches", "3 pairs match".
func countPairs(n int, one, many string) string {
	s := fmt.Sprintf("%d pairs", n)
	if n == 1 {
		s, many = "1 pair", one
	}
	if many == "" {
		return s
	}
	return s + " " + many
}
