package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"steward/models"
)

func TestChannelAddWebhookSealsTheSecret(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", "a-long-enough-secret-key-for-tests")
	dsn := filepath.Join(t.TempDir(), "s.db")
	var out, errb bytes.Buffer
	err := channelCmd(context.Background(), []string{"add", "webhook", "--db", dsn, "--name", "3PL", "--url", "https://3pl.example/hooks"}, strings.NewReader("a-shared-secret-of-32-characters\n"), &out, &errb)
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	db, err := models.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	ch, err := models.ChannelByName(db, "3PL")
	if err != nil || ch.Kind != models.ChannelWebhook || strings.Contains(ch.Settings, "a-shared-secret") || !strings.Contains(ch.Settings, `"secret":"v1:`) {
		t.Fatalf("channel %+v %v: want the secret sealed", ch, err)
	}
	conn, err := publishConnectors(db, mustKeyring(t))(ch)
	if err != nil || conn.MaxBatch() != 1 {
		t.Fatalf("connector: %v", err)
	}
	if err := channelCmd(context.Background(), []string{"add", "webhook", "--db", dsn, "--name", "x", "--url", "ftp://x"}, strings.NewReader("a-shared-secret-of-32-characters\n"), &out, &errb); err == nil {
		t.Error("an ftp:// address was accepted")
	}
}

func mustKeyring(t *testing.T) *models.Keyring {
	k, err := keyringFromEnv(false)
	if err != nil || k == nil {
		t.Fatal(err)
	}
	return k
}
