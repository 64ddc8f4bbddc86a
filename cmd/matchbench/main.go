// Command matchbench measures the matching engine of rules/match on generated, labelled
// data (package synth):
//
//   - quality: m and u are estimated on the training split, precision, recall and F1 are
//     measured on the test split;
//   - speed: time and peak memory of a full duplicate scan of 100k or 1M customers.
//
// Examples (the numbers in rules/match/RESULTS.md come from these):
//
//	go run ./cmd/matchbench                        # quality of both domains, 20k records each
//	go run ./cmd/matchbench -write-models rules/match/model_default.go
//	go build -o /tmp/matchbench ./cmd/matchbench && /usr/bin/time -v /tmp/matchbench -quality=false -scale 1000000
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"

	"steward/rules/match"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "matchbench:", err)
		os.Exit(1)
	}
}

type config struct {
	records     int
	seed        uint64
	domains     []match.Domain
	scale       []int
	quality     bool
	writeModels string
	show        int
	workers     int
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("matchbench", flag.ContinueOnError)
	records := fs.Int("records", 20000, "generated records per domain for the quality run (train and test split together)")
	seed := fs.Uint64("seed", 1, "seed of the generator")
	domain := fs.String("domain", "customer,product", "domains to measure the quality of")
	scale := fs.String("scale", "", "customer counts to time a full scan of, e.g. 100000,1000000")
	quality := fs.Bool("quality", true, "measure precision, recall and F1")
	write := fs.String("write-models", "", "write the models trained on the training split as Go source to this file")
	show := fs.Int("show", 0, "print this many false positives and false negatives of the test split, explained")
	workers := fs.Int("workers", 0, "goroutines comparing pairs (default: all cores)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	csvOut := fs.String("csv", "", "write -records generated records of the first -domain to this CSV file (with a true_entity column) and stop")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cfg := config{records: *records, seed: *seed, quality: *quality, writeModels: *write, show: *show, workers: *workers}
	for _, d := range strings.Split(*domain, ",") {
		switch match.Domain(strings.TrimSpace(d)) {
		case match.Customers:
			cfg.domains = append(cfg.domains, match.Customers)
		case match.Products:
			cfg.domains = append(cfg.domains, match.Products)
		default:
			return fmt.Errorf("unknown domain %q: customer or product", d)
		}
	}
	for _, s := range strings.Split(*scale, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 2 {
			return fmt.Errorf("-scale takes record counts such as 100000,1000000, not %q", s)
		}
		cfg.scale = append(cfg.scale, n)
	}
	if *csvOut != "" {
		return writeCSV(*csvOut, cfg.domains[0], cfg.seed, cfg.records, out)
	}
	var trained []*match.Model
	if cfg.quality || cfg.writeModels != "" {
		for _, d := range cfg.domains {
			m, err := measureQuality(cfg, d, out)
			if err != nil {
				return err
			}
			trained = append(trained, m)
		}
	}
	if cfg.writeModels != "" {
		if err := writeModels(cfg.writeModels, trained, cfg); err != nil {
			return err
		}
		fmt.Fprintf(out, "Wrote the trained models to %s.\n", cfg.writeModels)
	}
	for _, n := range cfg.scale {
		if err := measureSpeed(cfg, n, out); err != nil {
			return err
		}
	}
	return nil
}
