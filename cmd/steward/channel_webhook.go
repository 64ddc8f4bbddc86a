package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"

	"gorm.io/gorm"

	"steward/models"
)

// channelAddWebhook adds a signed JSON webhook destination (a B2B portal, a 3PL): its URL,
// and the shared HMAC secret read from stdin and stored sealed.
func channelAddWebhook(ctx context.Context, kind string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel add "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "the channel's name in Steward, e.g. \"B2B portal\"")
	addr := fs.String("url", "", "where deliveries are POSTed, e.g. https://portal.example.com/hooks/steward")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*addr)
	switch {
	case strings.TrimSpace(*name) == "":
		return fmt.Errorf("--name: give the channel a name")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fmt.Errorf("--url: give the receiver's address starting with https://")
	}
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return err
	}
	if keyring == nil {
		return models.ErrNoSecretKey
	}
	fmt.Fprint(stderr, "Shared signing secret (read from stdin): ")
	secret, err := readPassword(stdin, io.Discard)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	if len(secret) < 16 {
		return fmt.Errorf("the signing secret must have at least 16 characters")
	}
	sealed, err := keyring.Seal(secret)
	if err != nil {
		return err
	}
	settings, _ := json.Marshal(webhookSettings{Secret: sealed})
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	ch := models.Channel{Name: strings.TrimSpace(*name), Kind: kind, Direction: models.DirectionDestination, BaseURL: *addr, Settings: string(settings), Active: true}
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateChannel(tx, &ch); err != nil {
			return err
		}
		return models.Audit(tx, models.SystemActor("command line"), models.Change{Action: "channel.create", ObjectType: models.ObjectChannel,
			ObjectID: ch.ID, After: map[string]any{"name": ch.Name, "kind": ch.Kind, "url": ch.BaseURL}})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Channel %s added (id %d): every golden record change is POSTed there, signed with X-Steward-Signature.\n", ch.Name, ch.ID)
	return nil
}
