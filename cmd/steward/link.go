package main

import (
	"flag"
	"fmt"
	"io"

	"steward/rules/match"
)

// linkCmd finds the records of one file that may be the same customer or product as a
// record of another (a channel's export against Odoo's), never pairing two records of the
// same file.
func linkCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("link", flag.ContinueOnError)
	fs.SetOutput(stderr)
	leftPath := fs.String("left", "", "the first CSV file (- for stdin)")
	rightPath := fs.String("right", "", "the second CSV file (- for stdin)")
	opt := matchFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *leftPath == "" || *rightPath == "" || *opt.out == "" {
		return fmt.Errorf("link needs --left FILE, --right FILE and --out FILE")
	}
	if *leftPath == "-" && *rightPath == "-" {
		return fmt.Errorf("link reads at most one of --left and --right from stdin")
	}
	d, th, err := opt.settings()
	if err != nil {
		return err
	}
	left, err := readMatchFile(*leftPath, d, stdin, stderr)
	if err != nil {
		return err
	}
	right, err := readMatchFile(*rightPath, d, stdin, stderr)
	if err != nil {
		return err
	}
	reportProblems(stderr, left)
	reportProblems(stderr, right)
	m := match.DefaultModel(d)
	o, done := scanOptions(stderr, th, len(left.ents)+len(right.ents))
	pairs := match.Link(m, left.ents, right.ents, o)
	done()
	return writePairs(*opt.out, stdout, stderr, m, th, left.ents, right.ents, pairs, *opt.explain,
		fmt.Sprintf("Compared %d %ss of %s with %d of %s", len(left.ents), d, *leftPath, len(right.ents), *rightPath))
}
