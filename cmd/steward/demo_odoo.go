package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/odoo/odootest"
	"steward/models"
)

// demoOdooName is the channel that --demo connects to Steward's own Odoo test server, so
// the demo runs the real connector, rules and ingestion, not a shortcut.
const demoOdooName = "Odoo demo server"

// startDemoOdoo starts the Odoo test server in this process, points the demo channel at it
// (its address changes with every start), queues a first pull of everything, and keeps
// changing a price now and then so scheduled pulls have something to bring.
func startDemoOdoo(ctx context.Context, db *gorm.DB, keyring *models.Keyring, runner *jobs.Runner, stdout io.Writer) (stop func(), err error) {
	const apiKey = "demo-api-key"
	srv := odootest.New(odootest.Options{Version: "18.0", Database: "demo", Login: "steward@demo", Password: "not-used-" + randomWord(), APIKey: apiKey})
	stats := srv.SeedWith(odootest.SeedOptions{Products: 400, Customers: 250})
	sealed, err := keyring.Seal(apiKey)
	if err != nil {
		srv.Close()
		return nil, err
	}
	settings, _ := json.Marshal(odooSettings{Protocol: "jsonrpc", Database: "demo", Login: "steward@demo", Secret: sealed})
	err = db.Transaction(func(tx *gorm.DB) error {
		ch, err := models.ChannelByName(tx, demoOdooName)
		switch {
		case errors.Is(err, models.ErrNotFound):
			ch = models.Channel{Name: demoOdooName, Kind: models.ChannelOdoo, Direction: models.DirectionSource, BaseURL: srv.URL(), Settings: string(settings), Active: true}
			if err := models.CreateChannel(tx, &ch); err != nil {
				return err
			}
			for _, o := range models.SyncObjects {
				// Prices and stock name products and customers: pulled two minutes later,
				// they find them (a reference that is still missing is tried again).
				cron := "*/5 * * * *"
				if o == models.SyncPrices || o == models.SyncStock {
					cron = "2-59/5 * * * *"
				}
				s := models.ChannelSchedule{ChannelID: ch.ID, Object: o, Cron: cron, Enabled: true}
				if err := models.SaveSchedule(tx, &s); err != nil {
					return err
				}
			}
		case err != nil:
			return err
		default:
			ch.BaseURL, ch.Settings = srv.URL(), string(settings)
			if err := models.SaveChannel(tx, &ch); err != nil {
				return err
			}
		}
		for _, o := range models.SyncObjects {
			at := time.Time{}
			if o == models.SyncPrices || o == models.SyncStock {
				at = time.Now().Add(20 * time.Second)
			}
			if _, err := runner.EnqueuePullAt(ctx, tx, ch.ID, o, "demo start", at); err != nil && !errors.Is(err, jobs.ErrAlreadyQueued) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("connect the demo Odoo server: %w", err)
	}
	fmt.Fprintf(stdout, "Odoo demo server at %s with %d products and %d customers; channel %q pulls from it every 5 minutes (first pull queued now).\n",
		srv.URL(), stats.Products, stats.Customers, demoOdooName)
	wctx, cancel := context.WithCancel(ctx)
	go keepChangingPrices(wctx, srv, stats.Products)
	return func() { cancel(); srv.Close() }, nil
}

// keepChangingPrices plays a pricing clerk in Odoo: every minute or so a product's price
// moves, and the next scheduled pull brings the change into Steward.
func keepChangingPrices(ctx context.Context, srv *odootest.Server, products int) {
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	t := time.NewTicker(75 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for tries := 0; tries < 20; tries++ {
			id := int64(1 + rnd.IntN(products*4))
			rec, ok := srv.Get("product.product", id)
			if !ok {
				continue
			}
			price, _ := rec["list_price"].(float64)
			if price <= 0 {
				continue
			}
			next := float64(int(price*(0.95+rnd.Float64()*0.1)*100)) / 100
			if err := srv.Write("product.product", []int64{id}, map[string]any{"list_price": next}); err != nil {
				slog.Warn("demo Odoo price change", "err", err)
			}
			break
		}
	}
}

func randomWord() string { return fmt.Sprintf("%x", rand.Uint64()) }
