package main

import (
	"fmt"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/publish"
	"steward/models"
)

// channelReaders builds the reader of a channel for reconciliation: its publishing
// connector, when that connector can also read the channel's records back.
func channelReaders(db *gorm.DB, keyring *models.Keyring) jobs.ReaderFactory {
	connectors := publishConnectors(db, keyring)
	return func(ch models.Channel) (publish.Reader, error) {
		c, err := connectors(ch)
		if err != nil {
			return nil, err
		}
		if r, ok := c.(publish.Reader); ok {
			return r, nil
		}
		return nil, fmt.Errorf("Steward cannot read %s's records back to reconcile them", ch.Name)
	}
}
