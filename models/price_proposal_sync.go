package models

import (
	"time"

	"gorm.io/gorm"
)

// PendingSyncProposals lists, by price key, up to limit waiting proposals a source raised
// (list prices, costs, price-list prices), and whether that is all of them. Ingestion
// reads them once per page: a newer change from the same source replaces them, and there
// are usually few.
func PendingSyncProposals(db *gorm.DB, channelID int64, limit int) (map[string]PriceProposal, bool, error) {
	var ps []PriceProposal
	err := db.Where("status = ? AND source = ? AND source_channel_id = ?", "pending", ProposalFromSync, channelID).
		Order("id").Limit(limit + 1).Find(&ps).Error
	out := make(map[string]PriceProposal, len(ps))
	for _, p := range ps[:min(len(ps), limit)] {
		out[p.PriceKey] = p
	}
	return out, len(ps) <= limit, err
}

// PendingSyncProposal finds the waiting proposal a source raised on one price, probing the
// open-proposal index; ok is false when there is none.
func PendingSyncProposal(db *gorm.DB, channelID int64, priceKey string) (PriceProposal, bool, error) {
	var ps []PriceProposal
	err := db.Where("price_key = ? AND status = ? AND source = ? AND source_channel_id = ?", priceKey, "pending", ProposalFromSync, channelID).
		Limit(1).Find(&ps).Error
	if err != nil || len(ps) == 0 {
		return PriceProposal{}, false, err
	}
	return ps[0], true, nil
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
