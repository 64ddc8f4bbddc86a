package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/webhook/webhooktest"
	"steward/models"
	"steward/models/testdb"
)

// seedPublications stores n products and, in the same transactions, their publications to
// ch with their jobs, as ingestion does.
func seedPublications(t testing.TB, db *gorm.DB, ch models.Channel, n int) {
	t.Helper()
	q, err := jobs.NewRunner(jobs.Config{DB: db, InsertOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = q
	for start := 0; start < n; start += 1000 {
		err := db.Transaction(func(tx *gorm.DB) error {
			ps := make([]models.Product, 0, 1000)
			for i := start; i < min(start+1000, n); i++ {
				ps = append(ps, models.Product{SKU: fmt.Sprintf("P-%06d", i), Name: fmt.Sprintf("Product %d", i), UoM: "EA", Currency: "EUR", LifecycleStatus: "active", Active: true, Version: 1})
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
			t.Fatal(err)
		}
	}
}

// webhookChannel stores a webhook channel to url with its secret sealed under key.
func webhookChannel(t testing.TB, db *gorm.DB, key, url, secret string) models.Channel {
	t.Helper()
	kr, err := models.NewKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := kr.Seal(secret)
	if err != nil {
		t.Fatal(err)
	}
	settings, _ := json.Marshal(webhookSettings{Secret: sealed})
	ch := models.Channel{Name: "B2B portal", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, BaseURL: url, Settings: string(settings), Active: true}
	if err := models.CreateChannel(db, &ch); err != nil {
		t.Fatal(err)
	}
	return ch
}

// TestKillDuringPublishLosesAndDuplicatesNothing kills serve with SIGKILL while it drains
// 10,000 publications to a webhook, starts it again, and checks that the receiver processed
// each exactly once (it drops redeliveries by idempotency key, as real receivers do) and
// that every publication ended published.
func TestKillDuringPublishLosesAndDuplicatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dsn := testdb.PostgresDSN(t)
	bin := buildSteward(t)
	const n, key, secret = 10000, "a-long-enough-secret-key-for-tests", "portal-secret"
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	srv := webhooktest.New(secret)
	defer srv.Close()
	ch := webhookChannel(t, db, key, srv.URL(), secret)
	seedPublications(t, db, ch, n)

	env := append(os.Environ(), "STEWARD_SECRET_KEY="+key, "STEWARD_DATABASE_URL="+dsn, "STEWARD_RESCUE_AFTER=5s")
	serve := func() *exec.Cmd {
		c := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
		c.Env = env
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := serve()
	deadline := time.Now().Add(90 * time.Second)
	for srv.Processed() < n/5 {
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatalf("only %d deliveries in 90 s", srv.Processed())
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	killedAt := srv.Processed()
	if killedAt >= n {
		t.Fatalf("killed after all %d deliveries: the test did not interrupt the drain", killedAt)
	}

	second := serve()
	defer func() {
		second.Process.Signal(syscall.SIGTERM)
		second.Wait()
	}()
	deadline = time.Now().Add(3 * time.Minute)
	for {
		pending := countRows(t, db, &models.Publication{}, "status = ?", models.PublicationPending)
		if pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d publications still pending 3 minutes after the restart", pending)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got := countRows(t, db, &models.Publication{}, "status = ?", models.PublicationPublished); got != n {
		t.Errorf("%d publications published, want %d", got, n)
	}
	if got := srv.Processed(); got != n {
		t.Errorf("the receiver processed %d deliveries, want %d", got, n)
	}
	if d := srv.Duplicates(); len(d) != 0 {
		t.Errorf("%d deliveries processed twice, e.g. %s", len(d), d[0])
	}
	if got := countRows(t, db, &models.ExternalRef{}, "channel_id = ?", ch.ID); got != n {
		t.Errorf("%d external references, want %d", got, n)
	}
	t.Logf("killed after %d of %d deliveries; %d requests in all (redeliveries answered from the receiver's idempotency store)", killedAt, n, srv.Requests())
}
