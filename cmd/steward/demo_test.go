package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	db, err := openDB(ctx, filepath.Join(t.TempDir(), "steward.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer models.Close(db)
	var out bytes.Buffer
	if _, err := seedDemo(ctx, db, &out); err != nil {
		t.Fatalf("seed: %v", err)
	}
	if !strings.Contains(out.String(), "Demo data: 3,000 products") {
		t.Errorf("no summary in:\n%s", out.String())
	}
	access, err := models.NewAccess(db, rules.DefaultAccessPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range demoUsers {
		m := regexp.MustCompile(regexp.QuoteMeta(u.email) + `\s+` + u.role + `\s+(\S+)`).FindStringSubmatch(out.String())
		if m == nil {
			t.Errorf("%s is not listed with its role and password in:\n%s", u.email, out.String())
			continue
		}
		pw := m[1]
		if len(pw) < 16 {
			t.Errorf("password %q is shorter than 16 characters", pw)
		}
		user, err := models.UserByEmail(db, u.email)
		if err != nil {
			t.Fatalf("%s: %v", u.email, err)
		}
		if bcrypt.CompareHashAndPassword([]byte(user.PasswordHash), []byte(pw)) != nil {
			t.Errorf("%s: the printed password does not sign in", u.email)
		}
		if roles := access.RolesOf(user.ID); !slices.Equal(roles, []string{u.role}) {
			t.Errorf("%s has roles %v, want %s", u.email, roles, u.role)
		}
	}

	out.Reset()
	if _, err := seedDemo(ctx, db, &out); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	if got := out.String(); strings.Contains(got, "PASSWORD") || !strings.Contains(got, "already has users or products") {
		t.Errorf("second seed printed:\n%s", got)
	}
	if a, b := demoPassword(), demoPassword(); a == b || len(a) != 23 {
		t.Errorf("passwords %q and %q", a, b)
	}
}

// A fresh demo has work waiting: the supplier file's price changes are held because Odoo
// owns product prices.
func TestDemoSupplierFileFillsTheInbox(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	var out bytes.Buffer
	if _, err := seedDemo(ctx, db, &out); err != nil {
		t.Fatal(err)
	}
	if _, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	if err := demoSupplierFile(ctx, db, &out); err != nil {
		t.Fatal(err)
	}
	var held int64
	db.Model(&models.InboxItem{}).Where("reason = ? AND status = ?", models.ReasonOwnership, "open").Count(&held)
	if held != 27 || !strings.Contains(out.String(), "27 price changes wait in the inbox") {
		t.Errorf("%d held items; printed %q", held, out.String())
	}
}
