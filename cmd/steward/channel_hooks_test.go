package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"steward/models"
)

func TestChannelHookSecret(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", "a-long-enough-secret-key-for-tests")
	dbPath := filepath.Join(t.TempDir(), "steward.db")
	db, err := openDB(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionDestination, Settings: `{"token":"kept"}`, Active: true}
	odoo := models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	for _, ch := range []*models.Channel{&shop, &odoo} {
		if err := models.CreateChannel(db, ch); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "shpss_0123456789abcdef"
	if _, err := runCLI(t, secret+"\n", "channel", "hook-secret", "--db", dbPath, "--channel", fmt.Sprint(odoo.ID)); err == nil {
		t.Error("an Odoo channel took a webhook secret")
	}
	if _, err := runCLI(t, "short\n", "channel", "hook-secret", "--db", dbPath, "--channel", fmt.Sprint(shop.ID)); err == nil {
		t.Error("a short secret was taken")
	}
	out, err := runCLI(t, secret+"\n", "channel", "hook-secret", "--db", dbPath, "--channel", fmt.Sprint(shop.ID))
	if err != nil || !strings.Contains(out, fmt.Sprintf("/hooks/shopify/%d", shop.ID)) {
		t.Fatalf("hook-secret: %v\n%s", err, out)
	}
	ch, _ := models.ChannelByID(db, shop.ID)
	var st map[string]string
	if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil || st["token"] != "kept" || strings.Contains(ch.Settings, secret) {
		t.Fatalf("settings = %s", ch.Settings)
	}
	kr, _ := keyringFromEnv(false)
	if got, err := kr.Open(st["webhook_secret"]); err != nil || got != secret {
		t.Errorf("sealed secret opens to %q, %v", got, err)
	}
}
