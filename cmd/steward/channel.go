package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// odooSettings are an Odoo channel's connection settings, stored as the channel's JSON
// settings with the password or API key sealed.
type odooSettings struct {
	Protocol string `json:"protocol"` // jsonrpc (Odoo 14–18, also 19) or json2 (19+)
	Database string `json:"database"`
	Login    string `json:"login"`
	Secret   string `json:"secret"` // sealed with the keyring
}

func channelCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("channel needs an action: add or list")
	}
	switch args[0] {
	case "add":
		if len(args) >= 2 && (args[1] == models.ChannelWebhook || args[1] == models.ChannelPortal) {
			return channelAddWebhook(ctx, args[1], args[2:], stdin, stdout, stderr)
		}
		if len(args) >= 2 {
			switch args[1] {
			case models.ChannelShopify:
				return channelAddShopify(ctx, args[2:], stdin, stdout, stderr)
			case models.ChannelWooCommerce:
				return channelAddWooCommerce(ctx, args[2:], stdin, stdout, stderr)
			case models.ChannelEDI:
				return channelAddEDI(ctx, args[2:], stdout, stderr)
			}
		}
		if len(args) < 2 || args[1] != models.ChannelOdoo {
			return fmt.Errorf("channel add takes the kind of channel: odoo, shopify, woocommerce, edi, webhook or portal, e.g. steward channel add odoo --name NAME --url URL --database DB --login LOGIN")
		}
		return channelAddOdoo(ctx, args[2:], stdin, stdout, stderr)
	case "list":
		return channelList(ctx, args[1:], stdout, stderr)
	case "hook-secret":
		return channelHookSecret(ctx, args[1:], stdin, stdout, stderr)
	}
	return fmt.Errorf("unknown channel action %q: use add, list or hook-secret", args[0])
}

func channelAddOdoo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel add odoo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "the channel's name in Steward, e.g. \"Odoo ERP\"")
	url := fs.String("url", "", "Odoo's address, e.g. https://erp.example.com")
	database := fs.String("database", "", "the Odoo database name")
	login := fs.String("login", "", "the Odoo user's login (the API key's owner)")
	protocol := fs.String("protocol", "jsonrpc", "jsonrpc (Odoo 14–19) or json2 (Odoo 19+)")
	schedule := fs.String("schedule", "*/15 * * * *", "when to pull each kind of record (cron)")
	noCheck := fs.Bool("no-check", false, "store the channel without trying the connection first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*name) == "":
		return fmt.Errorf("--name: give the channel a name")
	case !strings.HasPrefix(*url, "http://") && !strings.HasPrefix(*url, "https://"):
		return fmt.Errorf("--url: give Odoo's address starting with https://")
	case *database == "" || *login == "":
		return fmt.Errorf("--database and --login are needed")
	case *protocol != "jsonrpc" && *protocol != "json2":
		return fmt.Errorf("--protocol: jsonrpc or json2")
	}
	if _, err := rules.ParseSchedule(*schedule); err != nil {
		return fmt.Errorf("--schedule: %s", rules.MessageOf(err))
	}
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return err
	}
	if keyring == nil {
		return models.ErrNoSecretKey
	}
	fmt.Fprint(stderr, "Odoo API key or password (read from stdin): ")
	secret, err := readPassword(stdin, io.Discard)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	if secret == "" {
		return fmt.Errorf("no API key or password was given on stdin")
	}
	st := odooSettings{Protocol: *protocol, Database: *database, Login: *login}
	if !*noCheck {
		version, err := checkOdoo(ctx, strings.TrimRight(*url, "/"), st, secret)
		if err != nil {
			return fmt.Errorf("could not connect to Odoo (use --no-check to store the channel anyway): %w", err)
		}
		fmt.Fprintf(stdout, "Connected to Odoo %s as %s.\n", version, *login)
	}
	if st.Secret, err = keyring.Seal(secret); err != nil {
		return err
	}
	settings, _ := json.Marshal(st)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	ch := models.Channel{Name: strings.TrimSpace(*name), Kind: models.ChannelOdoo, Direction: models.DirectionBoth,
		BaseURL: strings.TrimRight(*url, "/"), Settings: string(settings), Active: true}
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateChannel(tx, &ch); err != nil {
			return err
		}
		for _, o := range models.SyncObjects {
			s := models.ChannelSchedule{ChannelID: ch.ID, Object: o, Cron: *schedule, Enabled: true}
			if err := models.SaveSchedule(tx, &s); err != nil {
				return err
			}
		}
		return models.Audit(tx, models.SystemActor("command line"), models.Change{Action: "channel.create", ObjectType: models.ObjectChannel,
			ObjectID: ch.ID, After: map[string]any{"name": ch.Name, "kind": ch.Kind, "url": ch.BaseURL, "database": st.Database, "login": st.Login, "protocol": st.Protocol}})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Channel %s added (id %d); it is pulled on the schedule %q. Run steward sync --channel %q to pull now.\n", ch.Name, ch.ID, *schedule, ch.Name)
	return nil
}

func channelList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	chans, err := models.ListChannels(db)
	if err != nil {
		return err
	}
	scheds, err := models.ListSchedules(db, 0)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKIND\tDIRECTION\tURL\tSTATUS\tSCHEDULES")
	for _, ch := range chans {
		status := "on"
		if !ch.Active {
			status = "off"
		}
		var ss []string
		for _, s := range scheds {
			if s.ChannelID == ch.ID && s.Enabled {
				ss = append(ss, s.Object+" "+s.Cron)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", ch.ID, ch.Name, ch.Kind, ch.Direction, ch.BaseURL, status, strings.Join(ss, "; "))
	}
	return tw.Flush()
}
