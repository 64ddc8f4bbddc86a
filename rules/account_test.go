package rules

import (
	"strings"
	"testing"
	"time"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw, email string
		ok        bool
	}{
		{"", "", false},
		{"short", "", false},
		{"elevenchars", "", false},
		{"twelve chars", "", true},
		{"ümläuts-ok-!", "", true},
		{strings.Repeat("a", 72), "", true},
		{strings.Repeat("a", 73), "", false},
		{"ada@example.com", "ada@example.com", false},
		{"ADA@EXAMPLE.COM", "ada@example.com", false},
	}
	for _, tt := range tests {
		msg := CheckPassword(tt.pw, tt.email)
		if (msg == "") != tt.ok {
			t.Errorf("CheckPassword(%q) = %q, want ok=%v", tt.pw, msg, tt.ok)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	tests := []struct {
		email string
		ok    bool
	}{
		{"ada@example.com", true},
		{"first.last+tag@sub.example.co.uk", true},
		{"", false},
		{"ada", false},
		{"ada@localhost", false},
		{"Ada <ada@example.com>", false},
		{"ada@@example.com", false},
		{"ada@example.com\n", true}, // surrounding space is trimmed
	}
	for _, tt := range tests {
		if got := CheckEmail(tt.email) == ""; got != tt.ok {
			t.Errorf("CheckEmail(%q) ok = %v, want %v", tt.email, got, tt.ok)
		}
	}
}

func TestThrottle(t *testing.T) {
	th := Throttle{Window: 15 * time.Minute, PerAccount: 5, PerAddress: 30}
	tests := []struct {
		account, address int64
		allowed          bool
	}{
		{0, 0, true},
		{4, 29, true},
		{5, 0, false},
		{0, 30, false},
		{6, 31, false},
	}
	for _, tt := range tests {
		err := th.Allow(tt.account, tt.address)
		if (err == nil) != tt.allowed {
			t.Errorf("Allow(%d, %d) = %v, want allowed %v", tt.account, tt.address, err, tt.allowed)
		}
		if err != nil && KindOf(err) != TooMany {
			t.Errorf("Allow(%d, %d) kind = %v, want TooMany", tt.account, tt.address, KindOf(err))
		}
	}
}

func TestMessageOfHidesInternalErrors(t *testing.T) {
	internal := &Error{Kind: Internal, Message: "pq: relation users does not exist"}
	if strings.Contains(MessageOf(internal), "relation") {
		t.Errorf("internal detail leaked: %q", MessageOf(internal))
	}
	safe := Errorf(Conflict, "Someone else changed it.")
	if MessageOf(safe) != "Someone else changed it." {
		t.Errorf("safe message lost: %q", MessageOf(safe))
	}
}
