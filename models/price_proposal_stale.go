package models

import (
	"time"

	"gorm.io/gorm"
)

// MarkProposalStale closes an approved proposal that will not go live because its price
// moved after approval, audited in tx; note says why, for /pricing. It leaves the open
// proposals, so the price can be proposed again at once.
func MarkProposalStale(tx *gorm.DB, who Actor, p PriceProposal, current Money, note string, now time.Time) error {
	if err := UpdateProposal(tx, p.ID, p.Version, map[string]any{"status": "stale", "decided_at": now, "decision_note": note}); err != nil {
		return err
	}
	return Audit(tx, who, Change{Action: "price_proposal.stale", ObjectType: "price_proposal", ObjectID: p.ID,
		Before: map[string]any{"status": p.Status, "old_price": p.OldPrice.String(), "new_price": p.NewPrice.String()},
		After:  map[string]any{"status": "stale", "current_price": current.String()}, Reason: note})
}
