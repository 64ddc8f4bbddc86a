package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"steward/jobs/edi"
	"steward/models"
)

// channelAddEDI adds an X12 trading partner: the folders files are exchanged through, the
// ISA ids of both sides, and the customer account the partner buys as (only that
// customer's own prices reach it).
func channelAddEDI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("channel add edi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "the channel's name in Steward, e.g. \"EDI: BauMarkt\"")
	partner := fs.String("partner", "", "the trading partner's name, as it appears on the files")
	outbound := fs.String("outbound", "", "the folder Steward writes 832 and 846 files to (the partner's pickup)")
	inbound := fs.String("inbound", "", "the folder the partner's 997 acknowledgements arrive in")
	senderID := fs.String("sender-id", "", "Steward's ISA id at this partner (ISA06, up to 15 characters)")
	senderQual := fs.String("sender-qualifier", "ZZ", "the qualifier of --sender-id (ISA05)")
	receiverID := fs.String("receiver-id", "", "the partner's ISA id (ISA08, up to 15 characters)")
	receiverQual := fs.String("receiver-qualifier", "ZZ", "the qualifier of --receiver-id (ISA07)")
	customerID := fs.Int64("customer-id", 0, "the Steward id of the customer account the partner buys as")
	customerCode := fs.String("customer-code", "", "how the partner knows that account (N1*BY), e.g. its account number")
	usage := fs.String("usage", "T", "T (test) or P (production) in ISA15: production must be chosen on purpose")
	currency := fs.String("currency", "", "the catalog's currency when a price names none, e.g. EUR")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return fmt.Errorf("--name: give the channel a name")
	}
	if *usage != "T" && *usage != "P" {
		return fmt.Errorf("--usage: T for test or P for production")
	}
	for flagName, dir := range map[string]*string{"--outbound": outbound, "--inbound": inbound} {
		if *dir == "" {
			continue
		}
		abs, err := filepath.Abs(*dir)
		if err != nil {
			return fmt.Errorf("%s: %w", flagName, err)
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s: %s is not a folder Steward can reach", flagName, abs)
		}
		*dir = abs
	}
	cfg := edi.Config{OutboundDir: *outbound, InboundDir: *inbound, PartnerName: strings.TrimSpace(*partner),
		CustomerID: *customerID, CustomerCode: *customerCode, SenderQualifier: *senderQual, SenderID: *senderID,
		ReceiverQualifier: *receiverQual, ReceiverID: *receiverID, Usage: *usage, Currency: strings.ToUpper(*currency)}
	settings, _ := json.Marshal(cfg)
	// The connector's own check, so the command refuses what publishing would.
	if _, err := edi.ParseConfig(string(settings)); err != nil {
		return fmt.Errorf("%s", flagWords(err.Error()))
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	if _, err := models.CustomerByID(db, *customerID); errors.Is(err, models.ErrNotFound) {
		models.Close(db)
		return fmt.Errorf("--customer-id: there is no customer %d", *customerID)
	} else if err != nil {
		models.Close(db)
		return err
	}
	models.Close(db)
	ch := models.Channel{Name: strings.TrimSpace(*name), Kind: models.ChannelEDI, Direction: models.DirectionDestination,
		BaseURL: "file://" + filepath.ToSlash(*outbound), Settings: string(settings), Active: true}
	err = addDestination(ctx, *dsn, &ch, map[string]any{"partner": cfg.PartnerName, "outbound_dir": cfg.OutboundDir, "inbound_dir": cfg.InboundDir,
		"sender_id": cfg.SenderID, "receiver_id": cfg.ReceiverID, "customer_id": cfg.CustomerID, "usage": cfg.Usage})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Channel %s added (id %d): 832 catalogs (with customer %d's own prices) and 846 stock advice are written to %s", ch.Name, ch.ID, cfg.CustomerID, cfg.OutboundDir)
	if cfg.InboundDir != "" {
		fmt.Fprintf(stdout, "; 997s are read from %s every minute", cfg.InboundDir)
	}
	fmt.Fprintln(stdout, ".")
	return nil
}

// flagWords names the command's flags where the connector's settings check names JSON keys.
func flagWords(msg string) string {
	return strings.NewReplacer("outbound_dir:", "--outbound:", "customer_id:", "--customer-id:",
		"sender qualifier", "--sender-qualifier", "receiver qualifier", "--receiver-qualifier",
		"sender id", "--sender-id", "receiver id", "--receiver-id").Replace(msg)
}
