// Command pubbench measures publishing: it seeds N products with their publications (each
// with its River job, in the same transactions as ingestion writes them), then drains them
// to an in-process signed webhook receiver with the real publish worker and reports
// publications per second.
//
//	go run ./cmd/pubbench -db postgres://postgres@127.0.0.1:5432/test?sslmode=disable -n 100000 -workers 4
//
// On PostgreSQL it works in a schema of its own, dropped afterwards.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/jobs/webhook"
	"steward/jobs/webhook/webhooktest"
	"steward/models"
)

func main() {
	dsn := flag.String("db", os.Getenv("STEWARD_DATABASE_URL"), "postgres:// URL (a schema of its own is made) or a SQLite file")
	n := flag.Int("n", 10000, "publications to drain")
	workers := flag.Int("workers", 4, "publish workers")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the drain to this file")
	flag.Parse()
	cpuProfile = *profile
	if err := run(*dsn, *n, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "pubbench:", err)
		os.Exit(1)
	}
}

func run(dsn string, n, workers int) error {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	ctx := context.Background()
	if strings.HasPrefix(dsn, "postgres") {
		var drop func()
		var err error
		if dsn, drop, err = ownSchema(dsn); err != nil {
			return err
		}
		defer drop()
	}
	db, err := models.Open(dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	if _, err := models.Migrate(ctx, db); err != nil {
		return err
	}
	srv := webhooktest.New("bench-secret")
	defer srv.Close()
	ch := models.Channel{Name: "Bench portal", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, BaseURL: srv.URL(), Active: true}
	if err := models.CreateChannel(db, &ch); err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	runner, err := jobs.NewRunner(jobs.Config{DB: db, PublishWorkers: workers, Publish: publish.Config{
		Connectors: func(ch models.Channel) (publish.Connector, error) {
			return webhook.New(webhook.Config{URL: ch.BaseURL, Secret: "bench-secret"}, client), nil
		},
	}})
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := seed(db, ch, n); err != nil {
		return err
	}
	seeded := time.Since(t0)
	fmt.Printf("seeded %d products with publications and jobs in %s (%.0f/s)\n", n, seeded.Round(time.Millisecond), float64(n)/seeded.Seconds())

	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t1 := time.Now()
	if err := runner.Start(ctx); err != nil {
		return err
	}
	defer runner.Stop(ctx)
	for {
		var pending int64
		if err := db.Model(&models.Publication{}).Where("status = ?", models.PublicationPending).Count(&pending).Error; err != nil {
			return err
		}
		if pending == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	took := time.Since(t1)
	fmt.Printf("drained %d publications with %d workers in %s: %.0f publications/s (receiver processed %d, duplicates %d)\n",
		n, workers, took.Round(time.Millisecond), float64(n)/took.Seconds(), srv.Processed(), len(srv.Duplicates()))
	return nil
}

var cpuProfile string

func seed(db *gorm.DB, ch models.Channel, n int) error {
	for start := 0; start < n; start += 1000 {
		err := db.Transaction(func(tx *gorm.DB) error {
			ps := make([]models.Product, 0, 1000)
			for i := start; i < min(start+1000, n); i++ {
				ps = append(ps, models.Product{SKU: fmt.Sprintf("B-%07d", i), Name: fmt.Sprintf("Bench product %d", i), UoM: "EA", Currency: "EUR", LifecycleStatus: "active", Active: true, Version: 1, ListPrice: models.Money(10000 + i)})
			}
			if err := tx.CreateInBatches(&ps, 500).Error; err != nil {
				return err
			}
			for _, p := range ps {
				if _, err := models.EnqueuePublications(tx, []models.Channel{ch}, models.ObjectProduct, p.ID, 1, p.SKU); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ownSchema makes an empty schema on the server and returns a URL that uses it.
func ownSchema(base string) (string, func(), error) {
	admin, err := models.Open(base)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	schema := "pubbench_" + hex.EncodeToString(b)
	admin.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		return "", nil, err
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String(), func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE"); models.Close(admin) }, nil
}
