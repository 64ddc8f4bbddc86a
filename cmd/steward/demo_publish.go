package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"gorm.io/gorm"

	"steward/jobs/webhook/webhooktest"
	"steward/models"
)

// demoPortalName is the demo data's B2B portal channel (created here if missing), played by
// Steward's own signed webhook receiver in this process, so /publications shows real
// deliveries.
const demoPortalName = "B2B portal"

// demoPublish starts the demo portal's receiver and points the channel at it (its address
// changes with every start). The portal refuses products without a barcode, as portals
// that need a GTIN do, so that /publications has a failed group to repair. It returns the
// function that stops the receiver; a failure is logged, not fatal to the demo.
func demoPublish(ctx context.Context, db *gorm.DB, keyring *models.Keyring, stdout io.Writer) (stop func()) {
	secret := "demo-portal-" + randomWord()
	srv := webhooktest.New(secret)
	srv.RejectWhen(func(body map[string]any) (string, string, bool) {
		fields, _ := body["fields"].(map[string]any)
		if body["object"] == "product" && fields["barcode"] == "" {
			return "barcode", "the portal lists only products with a GTIN barcode", true
		}
		return "", "", false
	})
	if err := connectDemoPortal(db, keyring, srv.URL(), secret); err != nil {
		slog.Warn("demo portal not connected", "err", err)
		srv.Close()
		return func() {}
	}
	fmt.Fprintf(stdout, "Demo B2B portal (signed webhook) at %s; channel %q receives every golden record change.\n", srv.URL(), demoPortalName)
	return srv.Close
}

func connectDemoPortal(db *gorm.DB, keyring *models.Keyring, url, secret string) error {
	sealed, err := keyring.Seal(secret)
	if err != nil {
		return err
	}
	settings, _ := json.Marshal(webhookSettings{Secret: sealed})
	return db.Transaction(func(tx *gorm.DB) error {
		ch, err := models.ChannelByName(tx, demoPortalName)
		switch {
		case errors.Is(err, models.ErrNotFound):
			ch = models.Channel{Name: demoPortalName, Kind: models.ChannelWebhook, Direction: models.DirectionDestination, BaseURL: url, Settings: string(settings), Active: true}
			if err := models.CreateChannel(tx, &ch); err != nil {
				return err
			}
			return models.Audit(tx, models.SystemActor("demo"), models.Change{Action: "channel.create", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
				After: map[string]any{"name": ch.Name, "kind": ch.Kind, "url": url}})
		case err != nil:
			return err
		}
		if ch.Kind != models.ChannelPortal && ch.Kind != models.ChannelWebhook {
			return fmt.Errorf("channel %q is a %s channel, not a portal", ch.Name, ch.Kind)
		}
		ch.BaseURL, ch.Settings = url, string(settings)
		return models.SaveChannel(tx, &ch)
	})
}
