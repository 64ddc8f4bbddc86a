package rules

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// MinPasswordLength follows NIST SP 800-63B: length, not composition rules.
const MinPasswordLength = 12

// CheckPassword tells what is wrong with a new password, or "" if it will do.
func CheckPassword(pw, email string) string {
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return fmt.Sprintf("Use at least %d characters.", MinPasswordLength)
	case len(pw) > 72:
		return "Use at most 72 bytes; longer passwords are cut short by the hash."
	case email != "" && strings.EqualFold(strings.TrimSpace(pw), strings.TrimSpace(email)):
		return "Do not use your email address as your password."
	}
	return ""
}

// CheckEmail tells what is wrong with an email address, or "" if it will do.
func CheckEmail(email string) string {
	email = strings.TrimSpace(email)
	if email == "" {
		return "Enter an email address."
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "Enter an email address such as name@example.com."
	}
	return ""
}

// Throttle limits failed sign-ins, per account and per network address, within a window.
type Throttle struct {
	Window     time.Duration
	PerAccount int64
	PerAddress int64
}

// DefaultThrottle allows 5 failures per account and 30 per address in 15 minutes: enough for
// typos, far too few to guess a 12-character password.
var DefaultThrottle = Throttle{Window: 15 * time.Minute, PerAccount: 5, PerAddress: 30}

// Allow decides whether one more sign-in attempt may be tried, given the recent failures.
func (t Throttle) Allow(failuresForAccount, failuresFromAddress int64) error {
	if failuresForAccount >= t.PerAccount || failuresFromAddress >= t.PerAddress {
		return Errorf(TooMany, "Too many failed sign-in attempts. Wait %d minutes and try again, or ask an admin to reset your password.", int(t.Window.Minutes()))
	}
	return nil
}
