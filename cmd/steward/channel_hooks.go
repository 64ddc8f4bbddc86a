package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"gorm.io/gorm"

	"steward/models"
)

// channelHookSecret stores the secret a Shopify app or WooCommerce webhook signs its
// deliveries with, sealed in the channel's settings (webhook_secret), and prints the
// address to give the shop.
func channelHookSecret(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel hook-secret", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	id := fs.Int64("channel", 0, "the id of the Shopify or WooCommerce channel (steward channel list)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return err
	}
	if keyring == nil {
		return models.ErrNoSecretKey
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	ch, err := models.ChannelByID(db, *id)
	if err != nil {
		return fmt.Errorf("--channel %d: %w", *id, err)
	}
	if ch.Kind != models.ChannelShopify && ch.Kind != models.ChannelWooCommerce {
		return fmt.Errorf("--channel: %s is a %s channel; webhooks are taken from Shopify and WooCommerce channels", ch.Name, ch.Kind)
	}
	fmt.Fprint(stderr, "Webhook secret (Shopify: the app's client secret; WooCommerce: the webhook's secret), read from stdin: ")
	secret, err := readPassword(stdin, io.Discard)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	if len(secret) < 16 {
		return fmt.Errorf("the secret is too short: use the one the shop shows (at least 16 characters)")
	}
	settings := map[string]any{}
	if ch.Settings != "" {
		if err := json.Unmarshal([]byte(ch.Settings), &settings); err != nil {
			return fmt.Errorf("the settings of %s are damaged: %w", ch.Name, err)
		}
	}
	if settings["webhook_secret"], err = keyring.Seal(secret); err != nil {
		return err
	}
	b, _ := json.Marshal(settings)
	ch.Settings = string(b)
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := models.SaveChannel(tx, &ch); err != nil {
			return err
		}
		return models.Audit(tx, models.SystemActor("command line"), models.Change{Action: "channel.hook_secret", ObjectType: models.ObjectChannel,
			ObjectID: ch.ID, Reason: "webhook secret set for " + ch.Name})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Webhook secret stored for %s. Point the shop's webhooks at https://<steward>/hooks/%s/%d\n", ch.Name, ch.Kind, ch.ID)
	return nil
}
