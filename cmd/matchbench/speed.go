package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"steward/rules/match"
)

// peakMemory samples the Go heap while a phase runs: runtime.MemStats has no peak of its
// own, and the process's maximum RSS (getrusage) covers everything run before.
type peakMemory struct {
	stop chan struct{}
	done sync.WaitGroup
	heap uint64 // highest HeapAlloc seen
	sys  uint64 // highest Sys (memory obtained from the OS) seen
}

func watchMemory() *peakMemory {
	p := &peakMemory{stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			p.sample()
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakMemory) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.heap = max(p.heap, ms.HeapAlloc)
	p.sys = max(p.sys, ms.Sys)
}

func (p *peakMemory) end() {
	close(p.stop)
	p.done.Wait()
	p.sample()
}

// cpuTime is the CPU time the process has used so far, user and system: unlike wall time
// it does not grow when other programs share the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func maxRSS() uint64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return uint64(ru.Maxrss) * 1024 // kilobytes on Linux
}

func mib(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

// measureSpeed times a full duplicate scan of n generated customers: generating and
// normalising them, then blocking and scoring, with the default model and thresholds.
func measureSpeed(cfg config, n int, out io.Writer) error {
	runtime.GC()
	load := loadAverage()
	mem := watchMemory()
	start, cpu0 := time.Now(), cpuTime()
	l, _, _ := generateCustomers(cfg.seed, n)
	prepared, cpu1 := time.Since(start), cpuTime()

	th := match.DefaultThresholds(match.Customers)
	scanStart := time.Now()
	var stats match.Stats
	pairs := match.Dedupe(match.DefaultModel(match.Customers), l.ents, match.Options{Workers: cfg.workers, MinScore: th.Review, Stats: &stats})
	scanned, cpu2 := time.Since(scanStart), cpuTime()
	mem.end()

	var ps []scored
	for _, p := range pairs {
		ps = append(ps, scored{pair: p, same: l.entity[p.A] == l.entity[p.B]})
	}
	truth := l.truePairs()
	link, review := measure(ps, truth, th.Match), measure(ps, truth, th.Review)
	fmt.Fprintf(out, "\n## Speed: full duplicate scan of %d customers (%d cores, seed %d)\n\n", len(l.ents), runtime.GOMAXPROCS(0), cfg.seed)
	r := func(d time.Duration) time.Duration { return d.Round(100 * time.Millisecond) }
	fmt.Fprintln(out, "| phase | wall time | CPU time (user + system) |")
	fmt.Fprintln(out, "|---|---|---|")
	fmt.Fprintf(out, "| generate and normalise | %s | %s |\n", r(prepared), r(cpu1-cpu0))
	fmt.Fprintf(out, "| block, compare and score | %s | %s |\n", r(scanned), r(cpu2-cpu1))
	fmt.Fprintf(out, "| **total** | **%s** | **%s** |\n\n", r(prepared+scanned), r(cpu2-cpu0))
	fmt.Fprintf(out, "Load average when the run started: %s (other programs share the cores; wall time grows with them, CPU time does not).\n", load)
	fmt.Fprintf(out, "Blocking kept %d keys and proposed %d candidate pairs (%.1f per record).\n", stats.Keys, stats.Compared, float64(stats.Compared)/float64(len(l.ents)))
	fmt.Fprintf(out, "Peak Go heap %s, peak memory from the OS %s, process max RSS %s.\n", mib(mem.heap), mib(mem.sys), mib(maxRSS()))
	fmt.Fprintf(out, "Kept %d pairs at p ≥ %.2f; %d true duplicate pairs in the data. ", len(pairs), th.Review, truth)
	fmt.Fprintf(out, "Match band: precision %.4f, recall %.4f, F1 %.4f. Match or review: precision %.4f, recall %.4f, F1 %.4f.\n",
		link.precision, link.recall, link.f1, review.precision, review.recall, review.f1)
	return nil
}
