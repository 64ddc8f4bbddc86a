// Command steward is the one Steward binary: the web server with its background workers,
// and the command-line tools that share its database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"gorm.io/gorm"

	"steward/models"
)

const usage = `Steward keeps a distributor's master data consistent between Odoo and every channel.

Usage:
  steward serve [--addr :8080] [--db URL|PATH] [--demo]
  steward migrate up|status [--db URL|PATH]
  steward user add --email E --role R[,R…] [--name N]   (password read from stdin)
  steward user list
  steward export products|customers --out F.csv
  steward import products|customers --in F.csv --source NAME
  steward dedupe --domain customer|product --in F.csv --out pairs.csv [--match P] [--review P] [--explain]
  steward link --domain customer|product --left A.csv --right B.csv --out pairs.csv [--match P] [--review P] [--explain]
  steward channel add odoo --name NAME --url URL --database DB --login LOGIN   (API key on stdin)
  steward channel add shopify --name NAME --url URL [--location GID]          (access token on stdin)
  steward channel add woocommerce --name NAME --url URL --consumer-key CK      (consumer secret on stdin)
  steward channel add edi --name NAME --outbound DIR [--inbound DIR] --sender-id ID --receiver-id ID --customer-id N
  steward channel add webhook|portal --name NAME --url URL                    (signing secret on stdin)
  steward channel list
  steward sync --channel NAME [--object products|customers|prices|stock]

Commands that use the database take --db (or STEWARD_DATABASE_URL): a postgres:// URL or a SQLite file path
(default steward.db in the working directory).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "steward:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout, stderr)
	case "migrate":
		return migrateCmd(ctx, rest, stdout, stderr)
	case "user":
		return userCmd(ctx, rest, stdin, stdout, stderr)
	case "export":
		return exportCmd(ctx, rest, stdout, stderr)
	case "import":
		return importCmd(ctx, rest, stdout, stderr)
	case "dedupe":
		return dedupeCmd(rest, stdin, stdout, stderr)
	case "link":
		return linkCmd(rest, stdin, stdout, stderr)
	case "channel":
		return channelCmd(ctx, rest, stdin, stdout, stderr)
	case "sync":
		return syncCmd(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// splitAction takes a leading action word ("up", "products") off the arguments, so that it
// may come before or after the flags.
func splitAction(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// dbFlag adds the shared --db flag to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("STEWARD_DATABASE_URL")
	if def == "" {
		def = "steward.db"
	}
	return fs.String("db", def, "database: a postgres:// URL or a SQLite file path (env STEWARD_DATABASE_URL)")
}

// openDB opens and migrates the database, so every command sees the current schema.
func openDB(ctx context.Context, dsn string) (*gorm.DB, error) {
	db, err := models.Open(dsn)
	if err != nil {
		return nil, err
	}
	applied, err := models.Migrate(ctx, db)
	for _, f := range applied {
		slog.Info("migration applied", "file", f)
	}
	if err != nil {
		models.Close(db)
		return nil, err
	}
	return db, nil
}
