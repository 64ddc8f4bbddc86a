package rules

import (
	"slices"
	"strings"
	"time"

	"steward/models"
)

// decides says which domains' inbox items each role may decide. Stewards keep products and
// customers, pricing stewards prices; inventory levels come from the warehouse system and
// a disagreement about them is rare and weighty, so only admins settle it. Viewers and
// managers read the inbox; managers approve price proposals elsewhere.
var decides = map[string][]string{
	RoleSteward:        {DomainProduct, DomainCustomer},
	RolePricingSteward: {DomainPrice},
	RoleAdmin:          {DomainProduct, DomainCustomer, DomainPrice, DomainInventory},
}

// MayDecide tells whether a person holding roles may decide (approve, edit, reject,
// assign) an inbox item of domain. Holding "inbox write" lets a person reach the inbox's
// actions at all; this decides item by item.
func MayDecide(roles []string, domain string) bool {
	for _, r := range roles {
		if slices.Contains(decides[r], domain) {
			return true
		}
	}
	return false
}

// DecidableDomains lists the domains roles may decide, in Domains order; empty (not nil)
// when none, so that a filter restricted to it matches nothing.
func DecidableDomains(roles []string) []string {
	out := []string{}
	for _, d := range Domains {
		if MayDecide(roles, d) {
			out = append(out, d)
		}
	}
	return out
}

// CheckDecider refuses a decision on an item of domain that roles may not make.
func CheckDecider(roles []string, domain string) error {
	if MayDecide(roles, domain) {
		return nil
	}
	who := "admins"
	switch domain {
	case DomainProduct, DomainCustomer:
		who = "stewards and admins"
	case DomainPrice:
		who = "pricing stewards and admins"
	}
	return Errorf(Forbidden, "Only %s decide items about %s. Your roles do not allow this; ask an admin if you need it.", who, DomainLabel(domain))
}

// maxNote bounds a rejection's reason: a sentence or two, not a document.
const maxNote = 500

// CheckRejection requires a reason (the form's "note") for a rejection, so the next person (and the source's
// owner) knows why the change was not taken.
func CheckRejection(reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return InvalidFields(map[string]string{"note": "Say why the change is rejected, such as “price is a typo, Odoo has it right”."})
	case len([]rune(reason)) > maxNote:
		return InvalidFields(map[string]string{"note": "Use at most 500 characters."})
	}
	return nil
}

// AlreadyDecided is what the second of two people deciding the same item is told: who
// decided it, how and when; nothing of theirs was applied.
func AlreadyDecided(it models.InboxItem) *Error {
	how := "decided"
	switch it.Status {
	case models.InboxApproved:
		how = "approved"
	case models.InboxRejected:
		how = "rejected"
	}
	if it.Status == models.InboxOpen {
		return Errorf(Conflict, "Someone changed this item while you looked at it. Reload it and decide again; nothing was applied.")
	}
	when := "earlier"
	if it.DecidedAt != nil {
		when = "at " + it.DecidedAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	who := it.DecidedBy
	if who == "" {
		who = "someone else"
	}
	return Errorf(Conflict, "%s already %s this item %s. Nothing was applied a second time.", who, how, when)
}

// BulkInline is the most items a bulk decision works while the person waits; a larger one
// runs as a background job with a progress page.
const BulkInline = 200

// CheckBulk refuses a bulk decision that is not one: an unknown action, a rejection
// without a reason, or nothing to decide.
func CheckBulk(action, reason string, count int64) error {
	switch action {
	case models.BulkApprove:
	case models.BulkReject:
		if err := CheckRejection(reason); err != nil {
			return err
		}
	default:
		return Errorf(Invalid, "Choose approve or reject.")
	}
	if count == 0 {
		return Errorf(Invalid, "No waiting item you may decide is selected. Tick the rows to decide, or choose a filter that has some.")
	}
	return nil
}

// SendBack tells whether a steward's fix of an attribute owned by owner must go back to
// it, when the change came from source: the owner keeps its own copy, and would otherwise
// send the old value again. Steward's own attributes and ownerless ones stay here.
func SendBack(owner, source string) bool {
	return owner != "" && owner != SystemSteward && !strings.EqualFold(owner, source)
}

// StartOfDay is midnight UTC of the day t falls on: "decided today" for the dashboard.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
