package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/handlers"
	"steward/jobs"
	"steward/models"
	"steward/rules"
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("STEWARD_ADDR", ":8080"), "address to listen on (env STEWARD_ADDR)")
	dsn := dbFlag(fs)
	demo := fs.Bool("demo", false, "seed a demo data set and demo users into an empty database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	seeded := false
	if *demo {
		if seeded, err = seedDemo(ctx, db, stdout); err != nil {
			return err
		}
	}
	access, err := models.NewAccess(db, rules.DefaultAccessPolicy())
	if err != nil {
		return err
	}
	// Other instances may change roles; pick their changes up within seconds.
	stopReload := access.AutoReload(10 * time.Second)
	defer stopReload()
	if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
		return err
	}
	if seeded {
		if err := demoSupplierFile(ctx, db, stdout); err != nil {
			return err
		}
		if err := demoDuplicates(ctx, db, stdout); err != nil {
			return err
		}
		if err := demoPricing(ctx, db, stdout); err != nil {
			return err
		}
	}
	keyring, err := keyringFromEnv(*demo)
	if err != nil {
		return err
	}
	if *demo {
		// Before the queue starts, so no publication meets the seeded placeholder settings.
		defer startDemoShops(ctx, db, keyring, stdout)()
	}
	cfg := jobConfig(db, keyring)
	cfg.Log = slog.Default()
	runner, err := jobs.NewRunner(cfg)
	if err != nil {
		return err
	}
	if err := runner.Start(ctx); err != nil {
		return err
	}
	if *demo {
		defer demoPublish(ctx, db, keyring, stdout)()
		stopOdoo, err := startDemoOdoo(ctx, db, keyring, runner, stdout)
		if err != nil {
			return err
		}
		defer stopOdoo()
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := runner.Stop(stopCtx); err != nil {
			slog.Warn("stop background jobs", "err", err)
		}
	}()

	app := handlers.New(handlers.Config{
		DB:             db,
		Access:         access,
		Queue:          runner,
		Log:            slog.Default(),
		SecureCookies:  os.Getenv("STEWARD_SECURE_COOKIES") == "true",
		TrustedProxies: splitList(os.Getenv("STEWARD_TRUSTED_PROXIES")),
		Keyring:        keyring,
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	go sweepSessions(ctx, db)
	slog.Info("steward is serving", "addr", ln.Addr().String(), "database", string(models.DialectOfDB(db)))
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down: finishing requests in flight")
	if err := app.ShutdownWithTimeout(20 * time.Second); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// sweepSessions removes expired sessions hourly so the table does not grow without end.
func sweepSessions(ctx context.Context, db *gorm.DB) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := models.DeleteExpiredSessions(db, time.Now().UTC()); err != nil {
			slog.Warn("sweep sessions", "err", err)
		} else if n > 0 {
			slog.Info("expired sessions removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
