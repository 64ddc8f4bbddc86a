package publish_test

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/jobs/webhook/webhooktest"
	"steward/models"
	"steward/models/testdb"
)

func TestPausedChannelWaitsAndReplaySendsTheOriginalPayload(t *testing.T) {
	db := testdb.SQLite(t)
	e := newEnv(t, db, false, publish.Config{PausedCheck: 50 * time.Millisecond})
	who := models.SystemActor("test")
	if err := db.Transaction(func(tx *gorm.DB) error {
		return models.SavePublicationSettings(tx, who, models.PublicationSettings{ChannelID: e.ch.ID, Paused: true})
	}); err != nil {
		t.Fatal(err)
	}
	e.start(t)
	p := product("PA-1", "Paused drum")
	e.srv.SetMode(webhooktest.Invalid, -1)
	e.change(t, p)
	time.Sleep(1500 * time.Millisecond)
	if ps := e.publications(t, p.ID); ps[0].Status != models.PublicationPending || e.srv.Requests() != 0 {
		t.Fatalf("a paused channel was sent to: %+v, %d requests", ps[0], e.srv.Requests())
	}
	db.Transaction(func(tx *gorm.DB) error {
		return models.SavePublicationSettings(tx, who, models.PublicationSettings{ChannelID: e.ch.ID})
	})
	e.settle(t, 10*time.Second)
	failed := e.publications(t, p.ID)[0]
	if failed.Status != models.PublicationFailed || failed.ErrorField != "sku" {
		t.Fatalf("after resuming: %+v, want refused", failed)
	}

	// The record changes; a replay of the original still sends what was sent, under a new
	// idempotency key (the receiver must not answer it from its store).
	p.Name = "Renamed drum"
	if err := db.Save(p).Error; err != nil {
		t.Fatal(err)
	}
	e.srv.SetMode(webhooktest.Accept, 0)
	if _, err := retry(db, failed.ID, true); err != nil {
		t.Fatal(err)
	}
	e.settle(t, 10*time.Second)
	got := e.publications(t, p.ID)[0]
	body := e.srv.Body(fmt.Sprintf("steward-%d-1", failed.ID))
	if got.Status != models.PublicationPublished || fieldOf(t, body, "name") != "Paused drum" {
		t.Fatalf("replay: %+v sent %s, want the original name", got, body)
	}
}

func retry(db *gorm.DB, id int64, original bool) (int, error) {
	var n int
	err := db.Transaction(func(tx *gorm.DB) error {
		var err error
		n, err = models.RetryPublications(tx, models.SystemActor("test"), []int64{id}, original, "")
		return err
	})
	return n, err
}

func TestCustomerPriceIsSkippedForAPublicChannel(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db, true, publish.Config{})
		p := product("CP-1", "Contract drum")
		if err := models.CreateProduct(db, p); err != nil {
			t.Fatal(err)
		}
		pl := models.PriceList{Name: "Trade", Currency: "EUR", Active: true, Version: 1}
		cust := models.Customer{Name: "Hansa GmbH", Currency: "EUR", Active: true}
		if err := db.Create(&pl).Error; err != nil {
			t.Fatal(err)
		}
		if err := models.CreateCustomer(db, &cust); err != nil {
			t.Fatal(err)
		}
		own := models.PriceRule{PriceListID: pl.ID, ProductID: p.ID, CustomerID: &cust.ID, Price: 99000, Version: 1}
		list := models.PriceRule{PriceListID: pl.ID, ProductID: p.ID, Price: 125000, Version: 1}
		for _, r := range []*models.PriceRule{&own, &list} {
			if err := db.Transaction(func(tx *gorm.DB) error {
				if err := tx.Create(r).Error; err != nil {
					return err
				}
				_, err := models.EnqueuePublications(tx, []models.Channel{e.ch}, models.ObjectPriceRule, r.ID, 1, "price")
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		e.start(t)
		e.settle(t, 20*time.Second)
		if got := e.publications(t, own.ID); got[0].Status != models.PublicationSkipped || got[0].SkipReason == "" || got[0].Payload != "" {
			t.Errorf("customer price to a public channel: %+v, want skipped unsent", got[0])
		}
		if got := e.publications(t, list.ID); got[len(got)-1].Status != models.PublicationPublished {
			t.Errorf("list price: %+v, want published", got)
		}
		if e.srv.Processed() != 1 {
			t.Errorf("the public channel received %d deliveries, want only the list price", e.srv.Processed())
		}
	})
}

func TestPublishedFixResolvesEarlierFailures(t *testing.T) {
	db := testdb.SQLite(t)
	e := newEnv(t, db, false, publish.Config{})
	e.srv.RejectWhen(func(body map[string]any) (string, string, bool) {
		f, _ := body["fields"].(map[string]any)
		return "barcode", "a GTIN is required", f["barcode"] == ""
	})
	e.start(t)
	p := product("FX-1", "Fixable drum")
	e.change(t, p)
	e.settle(t, 10*time.Second)
	if ps := e.publications(t, p.ID); ps[0].Status != models.PublicationFailed || ps[0].ErrorField != "barcode" {
		t.Fatalf("without a barcode: %+v", ps[0])
	}
	p.Barcode = "4006381333931"
	e.change(t, p)
	e.settle(t, 10*time.Second)
	ps := e.publications(t, p.ID)
	if ps[0].Status != models.PublicationSkipped || ps[0].SkipReason != "resolved: version 2 was published" || ps[1].Status != models.PublicationPublished {
		t.Errorf("after the fix: %+v / %+v", ps[0], ps[1])
	}
}
