package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Statuses of a price proposal.
const (
	ProposalPending  = "pending"  // waits for approvers
	ProposalApproved = "approved" // approved, waits for its effective date (or a retry)
	ProposalApplied  = "applied"  // live: golden price changed, channels told
	ProposalRejected = "rejected"
	ProposalExpired  = "expired" // nobody decided in time
	// ProposalStale: approved, but the price moved before its date (a sync or another
	// proposal changed it), so it was not applied: policy judged it against a price that is
	// no longer live.
	ProposalStale = "stale"
)

// ProposalState is what the approval rules need to know about a proposal.
type ProposalState struct {
	ID         int64
	Status     string
	ProposerID int64   // 0 for a proposal a sync raised
	Approvers  []int64 // who approved it so far
	Needed     int
	ExpiresAt  *time.Time
}

// CheckApproval refuses an approval that four eyes forbid: nobody approves their own
// proposal, whatever their role (admins too), and a proposal needing two approvers needs
// two different people.
func CheckApproval(s ProposalState, approverID int64, now time.Time) error {
	if err := checkOpen(s, now); err != nil {
		return err
	}
	if approverID == 0 {
		return Errorf(Forbidden, "Only a signed-in person can approve a price change.")
	}
	if s.ProposerID != 0 && approverID == s.ProposerID {
		return Errorf(Forbidden, "You proposed this change, so someone else must approve it: nobody approves their own price change.")
	}
	if slices.Contains(s.Approvers, approverID) {
		return Errorf(Forbidden, "You approved this change already; it needs %d different approvers.", max(s.Needed, 1))
	}
	return nil
}

// CheckPriceRejection refuses a rejection without a reason, or of a decided proposal.
func CheckPriceRejection(s ProposalState, reason string, now time.Time) error {
	if err := checkOpen(s, now); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return InvalidFields(map[string]string{"note": "Say why you reject it, so the proposer knows what to change."})
	}
	return nil
}

func checkOpen(s ProposalState, now time.Time) error {
	if s.Status != ProposalPending {
		return Errorf(Conflict, "Proposal #%d is %s already; reload to see who decided it.", s.ID, s.Status)
	}
	if ProposalExpired == ExpiryStatus(s.ExpiresAt, now) {
		return Errorf(Conflict, "Proposal #%d lapsed on %s without a decision; propose the change again.", s.ID, s.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return nil
}

// ApprovalComplete tells whether the approvals given make the proposal approved.
func ApprovalComplete(needed, given int) bool { return given >= max(needed, 1) }

// ExpiryStatus is ProposalExpired once a pending proposal's expiry has come, else "".
func ExpiryStatus(expiresAt *time.Time, now time.Time) string {
	if expiresAt != nil && !now.Before(*expiresAt) {
		return ProposalExpired
	}
	return ""
}

// ProposalExpiry is when a proposal made at created lapses, nil if the policy never lets
// proposals lapse.
func ProposalExpiry(p PricingPolicy, created time.Time) *time.Time {
	if p.ExpiryDays <= 0 {
		return nil
	}
	t := created.Add(time.Duration(p.ExpiryDays) * 24 * time.Hour)
	return &t
}

// EffectiveAt is when an approved change goes live: at the start (UTC) of the first policy
// weekday after the day of approval ("approved today, live next Monday"), or at once; a later
// date the proposer asked for wins.
func EffectiveAt(p PricingPolicy, approvedAt time.Time, requested *time.Time) time.Time {
	at := approvedAt.UTC()
	if p.EffectiveWeekday >= 0 && p.EffectiveWeekday <= 6 {
		day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
		ahead := (p.EffectiveWeekday - int(day.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		at = day.AddDate(0, 0, ahead)
	}
	if requested != nil && requested.After(at) {
		return requested.UTC()
	}
	return at
}

// PriceKey names the one price a proposal changes, so two open proposals on it collide:
// a product's list price or cost, or a rule by list, product, customer and quantity break.
func PriceKey(kind string, productID, priceListID int64, customerID *int64, minQty float64) string {
	if kind != PriceRule {
		return fmt.Sprintf("%s:%d", kind, productID)
	}
	c := int64(0)
	if customerID != nil {
		c = *customerID
	}
	return fmt.Sprintf("rule:%d:%d:%d:%g", priceListID, productID, c, minQty)
}

// CheckPriceConflict refuses a second open proposal on a price that has one.
func CheckPriceConflict(openIDs []int64) error {
	if len(openIDs) == 0 {
		return nil
	}
	return Errorf(Conflict, "Proposal #%d already changes this price and waits for a decision: approve or reject it first, or ask its approvers to.", openIDs[0])
}

// CheckPriceReason refuses a proposal without a reason: approvers decide on it.
func CheckPriceReason(reason string) string {
	if strings.TrimSpace(reason) == "" {
		return "Say why the price changes (supplier increase, promotion, contract…); approvers decide on it."
	}
	if len(reason) > 500 {
		return "Keep the reason under 500 characters."
	}
	return ""
}
