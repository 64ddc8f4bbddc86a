package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/jobs/webhook"
	"steward/models"
)

// webhookSettings are a webhook channel's settings: the shared HMAC secret, sealed.
type webhookSettings struct {
	Secret string `json:"secret"`
}

// publishHTTP is shared by every webhook connector, so connections are kept alive.
var publishHTTP = &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}}

// publishConnectors builds the connector of a destination channel by its kind.
func publishConnectors(keyring *models.Keyring) publish.Factory {
	return func(ch models.Channel) (publish.Connector, error) {
		switch ch.Kind {
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
