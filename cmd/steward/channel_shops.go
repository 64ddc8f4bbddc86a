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

	"steward/jobs/shopify"
	"steward/jobs/woocommerce"
	"steward/models"
)

// channelAddShopify adds a Shopify shop: its address, the location stock is set at, and the
// Admin API access token read from stdin and stored sealed.
func channelAddShopify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel add shopify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "the channel's name in Steward, e.g. \"Shopify storefront\"")
	addr := fs.String("url", "", "the shop's address, e.g. https://example.myshopify.com")
	location := fs.String("location", "", "the location whose stock Steward sets, e.g. gid://shopify/Location/1")
	public := fs.Bool("public", true, "anyone can read the shop: customer-specific prices never go there")
	noCheck := fs.Bool("no-check", false, "store the channel without trying the connection first (for a shop that does not exist yet)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkShopFlags(*name, *addr); err != nil {
		return err
	}
	if *location != "" && !strings.HasPrefix(*location, "gid://shopify/Location/") {
		return fmt.Errorf("--location: give the location's id as gid://shopify/Location/<number>")
	}
	keyring, token, err := readSecret(stdin, stderr, "Admin API access token")
	if err != nil {
		return err
	}
	st := shopify.Settings{LocationID: *location}
	if st.AccessToken, err = keyring.Seal(token); err != nil {
		return err
	}
	settings, _ := json.Marshal(st)
	ch := models.Channel{Name: strings.TrimSpace(*name), Kind: models.ChannelShopify, Direction: models.DirectionDestination,
		BaseURL: strings.TrimRight(*addr, "/"), Public: *public, Settings: string(settings), Active: true}
	if !*noCheck {
		// One page of products through the connector's own client: the same address, token
		// and errors publishing will meet.
		conn, err := shopify.FromChannel(ch, keyring.Open)
		if err == nil {
			_, _, err = conn.Read(ctx, "product", "")
		}
		if err != nil {
			return fmt.Errorf("could not connect to Shopify (use --no-check to store the channel anyway): %w", err)
		}
	}
	if err := addDestination(ctx, *dsn, &ch, map[string]any{"location_id": st.LocationID}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Channel %s added (id %d): every golden product, price, stock level and customer change is sent with the Admin GraphQL API %s.\n", ch.Name, ch.ID, "2026-10")
	return nil
}

// channelAddWooCommerce adds a WooCommerce shop: its address, the REST API consumer key, and
// the consumer secret read from stdin and stored sealed.
func channelAddWooCommerce(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel add woocommerce", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "the channel's name in Steward, e.g. \"WooCommerce shop\"")
	addr := fs.String("url", "", "the site's address, e.g. https://shop.example.com")
	key := fs.String("consumer-key", "", "the REST API key's consumer key (ck_…)")
	public := fs.Bool("public", true, "anyone can read the shop: customer-specific prices never go there")
	noCheck := fs.Bool("no-check", false, "store the channel without trying the connection first (for a site that does not exist yet)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkShopFlags(*name, *addr); err != nil {
		return err
	}
	if strings.TrimSpace(*key) == "" {
		return fmt.Errorf("--consumer-key: give the REST API key's consumer key (WooCommerce › Settings › Advanced › REST API)")
	}
	keyring, secret, err := readSecret(stdin, stderr, "REST API consumer secret")
	if err != nil {
		return err
	}
	st := woocommerce.Settings{ConsumerKey: strings.TrimSpace(*key)}
	if st.ConsumerSecret, err = keyring.Seal(secret); err != nil {
		return err
	}
	settings, _ := json.Marshal(st)
	ch := models.Channel{Name: strings.TrimSpace(*name), Kind: models.ChannelWooCommerce, Direction: models.DirectionDestination,
		BaseURL: strings.TrimRight(*addr, "/"), Public: *public, Settings: string(settings), Active: true}
	// Refused here rather than at the first publication: basic auth over plain http.
	conn, err := woocommerce.FromChannel(ch, keyring.Open)
	if err != nil {
		return fmt.Errorf("--url: %w", err)
	}
	if !*noCheck {
		if err := conn.Check(ctx); err != nil {
			return fmt.Errorf("could not connect to WooCommerce (use --no-check to store the channel anyway): %w", err)
		}
	}
	if err := addDestination(ctx, *dsn, &ch, map[string]any{"consumer_key": st.ConsumerKey}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Channel %s added (id %d): every golden product, price, stock level and customer change is sent with the REST API v3.\n", ch.Name, ch.ID)
	return nil
}

func checkShopFlags(name, addr string) error {
	u, err := url.Parse(addr)
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("--name: give the channel a name")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fmt.Errorf("--url: give the shop's address starting with https://")
	}
	return nil
}

// readSecret reads a credential from stdin for sealing; it needs STEWARD_SECRET_KEY.
func readSecret(stdin io.Reader, stderr io.Writer, what string) (*models.Keyring, string, error) {
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return nil, "", err
	}
	if keyring == nil {
		return nil, "", models.ErrNoSecretKey
	}
	fmt.Fprintf(stderr, "%s (read from stdin): ", what)
	secret, err := readPassword(stdin, io.Discard)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, "", err
	}
	if secret = strings.TrimSpace(secret); secret == "" {
		return nil, "", fmt.Errorf("no %s was given on stdin", what)
	}
	return keyring, secret, nil
}

// addDestination stores a destination channel with its audit event; after is what the audit
// shows besides name, kind and address (never a secret).
func addDestination(ctx context.Context, dsn string, ch *models.Channel, after map[string]any) error {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	after["name"], after["kind"], after["url"], after["public"] = ch.Name, ch.Kind, ch.BaseURL, ch.Public
	return db.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateChannel(tx, ch); err != nil {
			return err
		}
		return models.Audit(tx, models.SystemActor("command line"), models.Change{Action: "channel.create", ObjectType: models.ObjectChannel, ObjectID: ch.ID, After: after})
	})
}
