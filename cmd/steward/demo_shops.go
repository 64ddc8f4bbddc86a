package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"steward/jobs/edi"
	"steward/jobs/edi/editest"
	"steward/jobs/shopify"
	"steward/jobs/shopify/shopifytest"
	"steward/jobs/woocommerce"
	"steward/jobs/woocommerce/wootest"
	"steward/models"
)

// The demo's storefronts and trading partner (models/demo seeds them) and the names used
// when a demo database lacks them.
var demoShopNames = map[string]string{
	models.ChannelShopify:     "Shopify storefront",
	models.ChannelWooCommerce: "WooCommerce shop",
	models.ChannelEDI:         "EDI: BauMarkt Partner",
}

// demoPartnerEvery is how often the demo trading partner picks up files and answers them.
const demoPartnerEvery = 5 * time.Second

// startDemoShops plays the demo's Shopify, WooCommerce and EDI channels with the test servers
// in this process (a Shopify shop, a WooCommerce site, a trading partner's translator
// working a temp folder), so the real connectors publish to them. The shops live in memory
// and start empty each time, so what Steward knew of their ids (the seeded references to the
// fictional shops, earlier runs' ids) is forgotten: records are found again by SKU. A
// failure is logged, not fatal to the demo. It returns the function that stops them all.
func startDemoShops(ctx context.Context, db *gorm.DB, keyring *models.Keyring, stdout io.Writer) (stop func()) {
	var stops []func()
	stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}

	token := "shpat_demo_" + randomWord()
	shop := httptest.NewServer(shopifytest.New(token))
	stops = append(stops, shop.Close)
	sealed, err := keyring.Seal(token)
	if err == nil {
		settings, _ := json.Marshal(shopify.Settings{AccessToken: sealed, LocationID: shopifytest.LocationID})
		err = connectDemoShop(db, models.ChannelShopify, shop.URL, string(settings))
	}
	if err != nil {
		slog.Warn("demo Shopify shop not connected", "err", err)
	} else {
		fmt.Fprintf(stdout, "Demo Shopify shop (Admin GraphQL API %s) at %s.\n", shopifytest.Version, shop.URL)
	}

	secret := "cs_demo_" + randomWord()
	woo := httptest.NewServer(wootest.New("ck_demo", secret))
	stops = append(stops, woo.Close)
	sealed, err = keyring.Seal(secret)
	if err == nil {
		settings, _ := json.Marshal(woocommerce.Settings{ConsumerKey: "ck_demo", ConsumerSecret: sealed})
		err = connectDemoShop(db, models.ChannelWooCommerce, woo.URL, string(settings))
	}
	if err != nil {
		slog.Warn("demo WooCommerce shop not connected", "err", err)
	} else {
		fmt.Fprintf(stdout, "Demo WooCommerce shop (REST API v3) at %s.\n", woo.URL)
	}

	dir, err := os.MkdirTemp("", "steward-demo-edi-")
	if err != nil {
		slog.Warn("demo EDI partner not started", "err", err)
		return stop
	}
	stops = append(stops, func() { os.RemoveAll(dir) })
	out, in := filepath.Join(dir, "outbound"), filepath.Join(dir, "inbound")
	for _, d := range []string{out, in} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			slog.Warn("demo EDI partner not started", "err", err)
			return stop
		}
	}
	customer, err := demoEDICustomer(db)
	if err == nil {
		cfg := edi.Config{OutboundDir: out, InboundDir: in, PartnerName: "BauMarkt Partner", CustomerID: customer,
			CustomerCode: fmt.Sprintf("BM-%06d", customer), SenderID: "STEWARDDEMO", ReceiverID: "BAUMARKTEDI", Usage: "T", Currency: "EUR"}
		settings, _ := json.Marshal(cfg)
		err = connectDemoShop(db, models.ChannelEDI, "file://"+filepath.ToSlash(out), string(settings))
	}
	if err != nil {
		slog.Warn("demo EDI partner not connected", "err", err)
		return stop
	}
	partner := editest.New(out, in, "BAUMARKTEDI")
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(demoPartnerEvery)
		defer t.Stop()
		for {
			select {
			case <-pctx.Done():
				return
			case <-t.C:
			}
			if _, err := partner.Process(); err != nil {
				slog.Warn("demo EDI partner", "err", err)
			}
		}
	}()
	stops = append(stops, func() { cancel(); <-done })
	fmt.Fprintf(stdout, "Demo EDI partner (X12 004010) works %s: 832/846 files out, 997s back; customer %d's contract prices go there.\n", dir, customer)
	return stop
}

// demoEDICustomer is the customer the demo partner buys as: the one kept when the demo was
// started before, else the customer with the most contract prices.
func demoEDICustomer(db *gorm.DB) (int64, error) {
	if ch, err := demoShopChannel(db, models.ChannelEDI); err == nil {
		if cfg, err := edi.ParseConfig(ch.Settings); err == nil {
			return cfg.CustomerID, nil
		}
	}
	var row struct{ CustomerID int64 }
	err := db.Table("price_rules").Select("customer_id").Where("customer_id IS NOT NULL").
		Group("customer_id").Order("COUNT(*) DESC, customer_id").Limit(1).Scan(&row).Error
	if err == nil && row.CustomerID == 0 {
		err = db.Table("customers").Select("id AS customer_id").Order("id").Limit(1).Scan(&row).Error
	}
	if err == nil && row.CustomerID == 0 {
		err = errors.New("the demo has no customers for the trading partner to buy as")
	}
	return row.CustomerID, err
}

// demoShopChannel is the demo's first channel of the kind.
func demoShopChannel(db *gorm.DB, kind string) (models.Channel, error) {
	var ch models.Channel
	err := db.Where("kind = ?", kind).Order("id").Take(&ch).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ch, models.ErrNotFound
	}
	return ch, err
}

// connectDemoShop points the demo channel of the kind at its test server (creating it when
// the database lacks one) and forgets the channel's ids of records, which the fresh, empty
// server does not know.
func connectDemoShop(db *gorm.DB, kind, url, settings string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		ch, err := demoShopChannel(tx, kind)
		switch {
		case errors.Is(err, models.ErrNotFound):
			ch = models.Channel{Name: demoShopNames[kind], Kind: kind, Direction: models.DirectionDestination, Public: kind != models.ChannelEDI,
				BaseURL: url, Settings: settings, Active: true}
			if err := models.CreateChannel(tx, &ch); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			ch.BaseURL, ch.Settings = url, settings
			if err := models.SaveChannel(tx, &ch); err != nil {
				return err
			}
		}
		if err := tx.Where("channel_id = ?", ch.ID).Delete(&models.ExternalRef{}).Error; err != nil {
			return err
		}
		if kind != models.ChannelEDI {
			if err := refillDemoShop(tx, ch); err != nil {
				return err
			}
		}
		return models.Audit(tx, models.SystemActor("demo"), models.Change{Action: "channel.connect", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
			After: map[string]any{"name": ch.Name, "kind": ch.Kind, "url": url, "note": "played by Steward's test server in this process"}})
	})
}

// refillDemoShop forgets what an earlier start published to the shop (its ids and payload
// hashes, which the fresh shop does not hold) and queues those products again, so a later
// price or stock change finds its variant. The publish sweep sends them within a minute or
// two; only a demo does this.
func refillDemoShop(tx *gorm.DB, ch models.Channel) error {
	if err := tx.Model(&models.Publication{}).Where("channel_id = ? AND (external_id <> '' OR payload_hash <> '')", ch.ID).
		UpdateColumns(map[string]any{"external_id": "", "payload_hash": ""}).Error; err != nil {
		return err
	}
	var products []struct {
		ID      int64
		Version int
		SKU     string
	}
	err := tx.Table("products").Select("id, version, sku").
		Where("id IN (?)", tx.Model(&models.Publication{}).Select("golden_id").
			Where("channel_id = ? AND object_type = ? AND status = ?", ch.ID, models.ObjectProduct, models.PublicationPublished)).
		Order("id").Scan(&products).Error
	if err != nil {
		return err
	}
	for _, p := range products {
		if _, err := models.EnqueuePublications(tx, []models.Channel{ch}, models.ObjectProduct, p.ID, p.Version, p.SKU+" (demo shop refilled)"); err != nil {
			return err
		}
	}
	return nil
}
