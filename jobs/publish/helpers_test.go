package publish_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/jobs/webhook"
	"steward/jobs/webhook/webhooktest"
	"steward/models"
)

// env is a database with a webhook channel pointing at a test receiver, and a runner that
// is not started until the test says so.
type env struct {
	db     *gorm.DB
	srv    *webhooktest.Server
	ch     models.Channel
	runner *jobs.Runner
}

func newEnv(t *testing.T, db *gorm.DB, public bool, pcfg publish.Config) *env {
	t.Helper()
	e := &env{db: db, srv: webhooktest.New("test-secret")}
	t.Cleanup(e.srv.Close)
	e.ch = models.Channel{Name: "B2B portal", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, BaseURL: e.srv.URL(), Public: public, Active: true}
	if err := models.CreateChannel(db, &e.ch); err != nil {
		t.Fatal(err)
	}
	if pcfg.Connectors == nil {
		pcfg.Connectors = func(ch models.Channel) (publish.Connector, error) {
			return webhook.New(webhook.Config{URL: ch.BaseURL, Secret: "test-secret", Timeout: 300 * time.Millisecond}, nil), nil
		}
	}
	if pcfg.Backoff.Base == 0 {
		pcfg.Backoff = publish.Backoff{Base: 10 * time.Millisecond, Max: 50 * time.Millisecond}
	}
	r, err := jobs.NewRunner(jobs.Config{DB: db, Publish: pcfg})
	if err != nil {
		t.Fatal(err)
	}
	e.runner = r
	return e
}

func (e *env) start(t *testing.T) {
	t.Helper()
	if err := e.runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		e.runner.Stop(ctx)
	})
}

// change stores a new version of a product and enqueues its publications, in one transaction.
func (e *env) change(t *testing.T, p *models.Product) {
	t.Helper()
	err := e.db.Transaction(func(tx *gorm.DB) error {
		if p.ID == 0 {
			if err := models.CreateProduct(tx, p); err != nil {
				return err
			}
		} else {
			p.Version++
			if err := tx.Save(p).Error; err != nil {
				return err
			}
		}
		_, err := models.EnqueuePublications(tx, []models.Channel{e.ch}, models.ObjectProduct, p.ID, p.Version, p.SKU)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// settle waits until no publication is pending.
func (e *env) settle(t *testing.T, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		var n int64
		e.db.Model(&models.Publication{}).Where("status = ?", models.PublicationPending).Count(&n)
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			var ps []models.Publication
			e.db.Where("status = ?", models.PublicationPending).Limit(5).Find(&ps)
			t.Fatalf("%d publications still pending after %s, e.g. %+v", n, within, ps)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (e *env) publications(t *testing.T, goldenID int64) []models.Publication {
	t.Helper()
	var ps []models.Publication
	if err := e.db.Where("golden_id = ?", goldenID).Order("id").Find(&ps).Error; err != nil {
		t.Fatal(err)
	}
	return ps
}

func (e *env) jobs(t *testing.T) int64 {
	t.Helper()
	var n int64
	if err := e.db.Table("river_job").Where("kind = ?", "publish").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func product(sku, name string) *models.Product {
	return &models.Product{SKU: sku, Name: name, UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true, ListPrice: 125000}
}

func fieldOf(t *testing.T, body []byte, field string) any {
	t.Helper()
	var doc struct {
		Fields map[string]any `json:"fields"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	return doc.Fields[field]
}
