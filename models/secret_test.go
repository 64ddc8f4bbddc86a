package models

import (
	"strings"
	"testing"
)

func TestKeyring(t *testing.T) {
	if _, err := NewKeyring(""); err != ErrNoSecretKey {
		t.Errorf("empty key: %v", err)
	}
	if _, err := NewKeyring("short"); err == nil {
		t.Error("a short key was accepted")
	}
	k, err := NewKeyring("a-long-enough-secret-key-for-tests")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := k.Seal("odoo-api-key-123")
	b, _ := k.Seal("odoo-api-key-123")
	if a == b || strings.Contains(a, "odoo-api-key") {
		t.Errorf("sealed values leak or repeat: %q %q", a, b)
	}
	if got, err := k.Open(a); err != nil || got != "odoo-api-key-123" {
		t.Errorf("open: %q %v", got, err)
	}
	other, _ := NewKeyring("another-long-enough-secret-key!!")
	if _, err := other.Open(a); err == nil || !strings.Contains(err.Error(), "was the key changed") {
		t.Errorf("open with another key: %v", err)
	}
	if _, err := k.Open("v1:not-base64!"); err == nil {
		t.Error("damaged value opened")
	}
}
