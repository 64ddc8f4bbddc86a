package models

import (
	"time"

	"gorm.io/gorm"
)

// PendingSyncProposals lists, by price key, the waiting proposals a source raised on
// product prices (list price and cost). Ingestion reads them once per page: a newer
// change from the same source replaces them, and there are few.
func PendingSyncProposals(db *gorm.DB, channelID int64) (map[string]PriceProposal, error) {
	var ps []PriceProposal
	err := db.Where("status = ? AND source = ? AND source_channel_id = ? AND kind IN ?", "pending", ProposalFromSync, channelID, []string{"list_price", "cost"}).
		Order("id").Find(&ps).Error
	out := make(map[string]PriceProposal, len(ps))
	for _, p := range ps {
		out[p.PriceKey] = p
	}
	return out, err
}

// SupersedeProposal closes a waiting proposal a newer change from its source replaced,
// audited in tx: it is rejected with note as the reason, by nobody in particular.
func SupersedeProposal(tx *gorm.DB, who Actor, p PriceProposal, note string, now time.Time) error {
	if err := UpdateProposal(tx, p.ID, p.Version, map[string]any{"status": "rejected", "decided_at": now, "decision_note": note}); err != nil {
		return err
	}
	return Audit(tx, who, Change{Action: "price_proposal.reject", ObjectType: "price_proposal", ObjectID: p.ID,
		Before: map[string]any{"status": p.Status, "new_price": p.NewPrice.String()}, After: map[string]any{"status": "rejected"}, Reason: note})
}

// RecordPriceHistory stores prices a source changed within policy as applied entries of
// the price history, beside the approved proposals.
func RecordPriceHistory(tx *gorm.DB, entries []PriceProposal) error {
	for i := range entries {
		entries[i].Status, entries[i].Version = "applied", 1
		if err := tx.Create(&entries[i]).Error; err != nil {
			return err
		}
	}
	return nil
}
