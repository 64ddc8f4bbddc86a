package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/edi"
	"steward/jobs/odoo"
	"steward/jobs/publish"
	"steward/jobs/shopify"
	"steward/jobs/webhook"
	"steward/jobs/woocommerce"
	"steward/models"
)

// webhookSettings are a webhook channel's settings: the shared HMAC secret, sealed.
type webhookSettings struct {
	Secret string `json:"secret"`
}

// publishHTTP is shared by every webhook connector, so connections are kept alive.
var publishHTTP = &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}}

// publishConnectors builds the connector of a destination channel by its kind. The EDI
// connector numbers its interchanges in db.
func publishConnectors(db *gorm.DB, keyring *models.Keyring) publish.Factory {
	return func(ch models.Channel) (publish.Connector, error) {
		switch ch.Kind {
		case models.ChannelShopify:
			return connector(shopify.FromChannel(ch, keyring.Open))
		case models.ChannelWooCommerce:
			return connector(woocommerce.FromChannel(ch, keyring.Open))
		case models.ChannelEDI:
			return connector(edi.New(db, ch))
		case models.ChannelOdoo:
			var st odooSettings
			if ch.Settings != "" {
				if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
					return nil, fmt.Errorf("the settings of %s are damaged: add the channel again", ch.Name)
				}
			}
			if st.Secret == "" {
				// A placeholder (the demo's ERP): skipped with the reason, as before Steward
				// published to Odoo, rather than failing every change.
				return nil, fmt.Errorf("%s has no Odoo credentials: add the channel with its API key (%w)", ch.Name, publish.ErrNoConnector)
			}
			secret, err := keyring.Open(st.Secret)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", ch.Name, err)
			}
			return odoo.NewPublisher(odooClient(ch.BaseURL, st, secret)), nil
		case models.ChannelWebhook, models.ChannelPortal:
			var st webhookSettings
			if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
				return nil, fmt.Errorf("the settings of %s are damaged: add the channel again", ch.Name)
			}
			secret, err := keyring.Open(st.Secret)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", ch.Name, err)
			}
			return webhook.New(webhook.Config{URL: ch.BaseURL, Secret: secret, Timeout: 30 * time.Second}, publishHTTP), nil
		}
		return nil, fmt.Errorf("Steward does not publish to %s channels (%s): %w", ch.Kind, ch.Name, publish.ErrNoConnector)
	}
}

// connector returns a nil interface with an error, never a typed nil pointer in one.
func connector[C publish.Connector](c C, err error) (publish.Connector, error) {
	if err != nil {
		return nil, err
	}
	return c, nil
}

// publishTuning reads the publish queue's knobs from the environment:
// STEWARD_PUBLISH_WORKERS (publications sent at once, default 4) and STEWARD_RESCUE_AFTER
// (how long a job of a crashed instance waits before another takes it over, default 30m).
func publishTuning(cfg *jobs.Config) {
	if n, err := strconv.Atoi(os.Getenv("STEWARD_PUBLISH_WORKERS")); err == nil && n > 0 {
		cfg.PublishWorkers = n
	}
	if d, err := time.ParseDuration(os.Getenv("STEWARD_RESCUE_AFTER")); err == nil && d > 0 {
		cfg.RescueAfter = d
	}
}
