package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"steward/models"
)

func TestMayDecide(t *testing.T) {
	// role × domain → may decide; every cell written out, so a change to who decides what
	// is a visible change to this table.
	want := map[string]map[string]bool{
		RoleViewer:         {DomainProduct: false, DomainCustomer: false, DomainPrice: false, DomainInventory: false},
		RoleSteward:        {DomainProduct: true, DomainCustomer: true, DomainPrice: false, DomainInventory: false},
		RolePricingSteward: {DomainProduct: false, DomainCustomer: false, DomainPrice: true, DomainInventory: false},
		RoleManager:        {DomainProduct: false, DomainCustomer: false, DomainPrice: false, DomainInventory: false},
		RoleAdmin:          {DomainProduct: true, DomainCustomer: true, DomainPrice: true, DomainInventory: true},
	}
	for _, role := range Roles {
		for _, domain := range Domains {
			if got := MayDecide([]string{role}, domain); got != want[role][domain] {
				t.Errorf("MayDecide(%s, %s) = %v, want %v", role, domain, got, want[role][domain])
			}
			if err := CheckDecider([]string{role}, domain); (err == nil) != want[role][domain] || err != nil && KindOf(err) != Forbidden {
				t.Errorf("CheckDecider(%s, %s) = %v", role, domain, err)
			}
		}
	}
	for _, tt := range []struct {
		roles  []string
		domain string
		want   bool
	}{
		{nil, DomainProduct, false},
		{[]string{RoleSteward, RolePricingSteward}, DomainPrice, true},
		{[]string{RoleSteward, RolePricingSteward}, DomainCustomer, true},
		{[]string{RoleViewer, RoleManager}, DomainPrice, false},
		{[]string{RoleAdmin}, "duplicate", false}, // not a domain
		{[]string{"no such role"}, DomainProduct, false},
	} {
		if got := MayDecide(tt.roles, tt.domain); got != tt.want {
			t.Errorf("MayDecide(%v, %s) = %v, want %v", tt.roles, tt.domain, got, tt.want)
		}
	}
	if got := DecidableDomains([]string{RoleSteward, RolePricingSteward}); !slices.Equal(got, []string{DomainProduct, DomainCustomer, DomainPrice}) {
		t.Errorf("DecidableDomains = %v", got)
	}
	if got := DecidableDomains([]string{RoleViewer}); got == nil || len(got) != 0 {
		t.Errorf("a viewer's domains = %#v, want an empty, non-nil list", got)
	}
	if err := CheckDecider([]string{RoleSteward}, DomainPrice); !strings.Contains(MessageOf(err), "Only pricing stewards and admins decide items about prices") {
		t.Errorf("refusal says %q", MessageOf(err))
	}
}

func TestCheckRejectionAndBulk(t *testing.T) {
	if err := CheckRejection("  "); err == nil || KindOf(err) != Invalid || fieldErrorOf(err, "note") == "" {
		t.Errorf("an empty reason: %v", err)
	}
	if err := CheckRejection(strings.Repeat("é", 501)); fieldErrorOf(err, "note") != "Use at most 500 characters." {
		t.Errorf("a long reason: %v", err)
	}
	if err := CheckRejection("Odoo has the right price"); err != nil {
		t.Errorf("a good reason: %v", err)
	}
	for _, tt := range []struct {
		action, reason string
		count          int64
		ok             bool
	}{
		{models.BulkApprove, "", 3, true},
		{models.BulkReject, "typo", 3, true},
		{models.BulkReject, "", 3, false},
		{"delete", "", 3, false},
		{models.BulkApprove, "", 0, false},
	} {
		if err := CheckBulk(tt.action, tt.reason, tt.count); (err == nil) != tt.ok {
			t.Errorf("CheckBulk(%q, %q, %d) = %v", tt.action, tt.reason, tt.count, err)
		}
	}
}

func fieldErrorOf(err error, field string) string {
	if e, ok := err.(*Error); ok {
		return e.Fields[field]
	}
	return ""
}

func TestAlreadyDecided(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	err := AlreadyDecided(models.InboxItem{Status: models.InboxApproved, DecidedBy: "sam@example.com", DecidedAt: &at})
	if KindOf(err) != Conflict || err.Message != "sam@example.com already approved this item at 2026-11-27 09:30 UTC. Nothing was applied a second time." {
		t.Errorf("message %q", err.Message)
	}
	if err := AlreadyDecided(models.InboxItem{Status: models.InboxOpen}); !strings.Contains(err.Message, "Reload it") {
		t.Errorf("an open item that moved on: %q", err.Message)
	}
}

func TestSendBack(t *testing.T) {
	for _, tt := range []struct {
		owner, source string
		want          bool
	}{
		{"odoo", "shopify", true},
		{"odoo", "Odoo", false},
		{"", "shopify", false},
		{SystemSteward, "shopify", false},
	} {
		if got := SendBack(tt.owner, tt.source); got != tt.want {
			t.Errorf("SendBack(%q, %q) = %v", tt.owner, tt.source, got)
		}
	}
}
