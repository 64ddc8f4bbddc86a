package rules

import "steward/models"

// PriceMoved tells whether the price a proposal changes is no longer the old price it was
// judged on (a sync changed it within policy, or another proposal went live): its change,
// margin and approvers were worked out from a price that is not live any more.
func PriceMoved(hasOld bool, old models.Money, hasCurrent bool, current models.Money) bool {
	return hasOld && hasCurrent && old != current
}

// PriceMovedMessage says how the price moved, in a steward's words.
func PriceMovedMessage(old, current models.Money, currency string) string {
	return "Price changed since proposed: was " + old.Format(currency) + ", now " + current.Format(currency) + "."
}

// CheckPriceNotMoved refuses to approve a proposal whose price moved since it was made:
// its change, margin and approvers were judged against the old price, so approving it
// would let a change through that policy never saw. Rejecting it (and proposing again
// from the current price) stays possible.
func CheckPriceNotMoved(hasOld bool, old models.Money, hasCurrent bool, current models.Money, currency string) error {
	if !PriceMoved(hasOld, old, hasCurrent, current) {
		return nil
	}
	return Errorf(Conflict, "%s Policy judged this proposal against the old price, so it cannot be approved as it stands: reject it, saying so, and propose again from the current price.", PriceMovedMessage(old, current, currency))
}

// PriceMovedAfterApprovalMessage says why an approved change did not go live, in a
// steward's words.
func PriceMovedAfterApprovalMessage(old, current models.Money, currency string) string {
	return "Not applied: the price moved from " + old.Format(currency) + " to " + current.Format(currency) + " after approval, so policy's judgement of this change no longer holds; propose again from the current price."
}
