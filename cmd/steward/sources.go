package main

import (
	"fmt"
	"os"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
)

// keyringFromEnv reads STEWARD_SECRET_KEY. In --demo, without one, a fixed demo key lets
// the demo's own test credentials work; real credentials need a real key.
func keyringFromEnv(demo bool) (*models.Keyring, error) {
	secret := os.Getenv("STEWARD_SECRET_KEY")
	if secret == "" && demo {
		secret = "steward-demo-key-not-for-real-credentials"
	}
	if secret == "" {
		return nil, nil // credentials can be neither stored nor read; said when needed
	}
	return models.NewKeyring(secret)
}

// sourceFactory builds the pull source of a channel.
func sourceFactory(keyring *models.Keyring) jobs.SourceFactory {
	return func(ch models.Channel) (jobs.Source, error) {
		switch ch.Kind {
		case models.ChannelOdoo:
			return odooSource(ch, keyring)
		}
		return nil, fmt.Errorf("Steward pulls from Odoo channels; %s is a %s channel", ch.Name, ch.Kind)
	}
}

// jobConfig is the background work configuration the command line shares with serve.
func jobConfig(db *gorm.DB, keyring *models.Keyring) jobs.Config {
	cfg := jobs.Config{DB: db, Decider: jobs.LoadPolicy, Sources: sourceFactory(keyring)}
	cfg.Publish.Connectors = publishConnectors(db, keyring)
	cfg.Readers = channelReaders(db, keyring)
	publishTuning(&cfg)
	return cfg
}
