package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/models/demo"
	"steward/rules"
)

// demoUsers are the accounts a demo starts with: one for each kind of person who works in
// Steward.
var demoUsers = []struct{ email, name, role string }{
	{"admin@steward.demo", "Demo Admin", rules.RoleAdmin},
	{"steward@steward.demo", "Demo Steward", rules.RoleSteward},
	{"manager@steward.demo", "Demo Manager", rules.RoleManager},
	{"pricing@steward.demo", "Demo Pricing Steward", rules.RolePricingSteward},
}

// seedDemo fills an empty database with the demo data set and the demo users, all in one
// transaction, and prints the users' passwords: the only time anyone sees them. A
// database that already holds users or products is left alone.
func seedDemo(ctx context.Context, db *gorm.DB, stdout io.Writer) (seeded bool, err error) {
	passwords := make([]string, len(demoUsers))
	for i := range passwords {
		passwords[i] = demoPassword()
	}
	var sum demo.Summary
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if sum, err = demo.Seed(ctx, tx, demo.Options{}); err != nil {
			return err
		}
		for i, u := range demoUsers {
			if _, err := createUser(tx, u.email, u.name, passwords[i], []string{u.role}, bcrypt.DefaultCost); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintln(stdout, "Demo data not added: the database already has users or products.")
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("seed demo data: %w", err)
	}
	fmt.Fprintln(stdout, sum)
	rule := strings.Repeat("=", 72)
	fmt.Fprintf(stdout, "%s\nDemo users. Note the passwords now: they are shown only this once.\n\n", rule)
	fmt.Fprintf(stdout, "  %-24s %-15s %s\n", "EMAIL", "ROLE", "PASSWORD")
	for i, u := range demoUsers {
		fmt.Fprintf(stdout, "  %-24s %-15s %s\n", u.email, u.role, passwords[i])
	}
	fmt.Fprintf(stdout, "%s\n", rule)
	return true, nil
}

// passwordAlphabet leaves out l, o, 0 and 1, which read alike; 32 symbols make every
// random byte's low five bits a uniform pick.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// demoPassword is 20 random symbols (100 bits) in groups of five: abcde-fghij-kmnpq-rstuv.
func demoPassword() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it crashes the program instead
	var s strings.Builder
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(passwordAlphabet[c&31])
	}
	return s.String()
}
