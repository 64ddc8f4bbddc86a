// Command syncbench measures the sync engine end to end: it fills the Odoo test server with
// n products and n customers, then pulls them through the real connector, mapping,
// ownership rules, validation gates and ingestion into a fresh Steward database, and
// reports records per second and peak memory.
//
//	go run ./cmd/syncbench -n 100000 -db /tmp/bench.db
//	go run ./cmd/syncbench -n 100000 -db 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/rules"
)

func main() {
	n := flag.Int("n", 10000, "products and customers to pull")
	dsn := flag.String("db", "", "a SQLite file (removed first) or a PostgreSQL URL (its public schema must be empty)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*n, *dsn); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(n int, dsn string) error {
	ctx := context.Background()
	if dsn == "" {
		return fmt.Errorf("-db is required")
	}
	if models.DialectOf(dsn) == models.SQLite {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dsn + suffix)
		}
	}
	srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw", APIKey: "key"})
	defer srv.Close()
	start := time.Now()
	stats := srv.SeedWith(odootest.SeedOptions{Products: n, Customers: n})
	fmt.Printf("Odoo test server: %d products, %d customers, %d contacts, %d addresses in %s\n",
		stats.Products, stats.Customers, stats.Contacts, stats.Addresses, time.Since(start).Round(time.Millisecond))

	db, err := models.Open(dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	if _, err := models.Migrate(ctx, db); err != nil {
		return err
	}
	if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
		return err
	}
	settings, _ := json.Marshal(map[string]string{"protocol": "jsonrpc", "database": "erp", "login": "sync"})
	ch := models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, BaseURL: srv.URL(), Settings: string(settings), Active: true}
	if err := models.CreateChannel(db, &ch); err != nil {
		return err
	}
	client := odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "key"}, nil)
	cfg := jobs.Config{DB: db, Decider: jobs.LoadPolicy, Sources: func(models.Channel) (jobs.Source, error) {
		return &odoosync.Source{Client: client}, nil
	}}
	fmt.Printf("%-10s %-10s %9s %10s %12s %10s\n", "database", "object", "records", "seconds", "records/s", "outcome")
	for _, object := range []string{models.SyncCustomers, models.SyncProducts} {
		run := models.SyncRun{ChannelID: ch.ID, Kind: "pull", Object: object, StartedBy: "syncbench"}
		if err := models.CreateRun(db, &run); err != nil {
			return err
		}
		t0 := time.Now()
		if err := jobs.Pull(ctx, cfg, ch.ID, object, run.ID, nil); err != nil {
			return err
		}
		took := time.Since(t0)
		r, _ := models.RunByID(db, run.ID)
		fmt.Printf("%-10s %-10s %9d %10.1f %12.0f %10s\n", models.DialectOfDB(db), object, r.Read, took.Seconds(), float64(r.Read)/took.Seconds(),
			fmt.Sprintf("%d new", r.Created))
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("peak memory: %s resident (VmHWM, Odoo test server included), Go heap now %d MB, total allocated %d MB\n",
		peakRSS(), ms.HeapAlloc>>20, ms.TotalAlloc>>20)
	return nil
}

// peakRSS reads the process's high-water resident memory from Linux's /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
