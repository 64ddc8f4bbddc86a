package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// openProposalStatuses are the price proposals still waiting: the ones a merge moves with
// the duplicate, so that an approval lands on the record that lives on. Decided ones stay
// where they were, as history.
var openProposalStatuses = []string{"pending", "approved"}

// proposalColumn is the price_proposals column that points at a golden record of a domain.
func proposalColumn(domain string) string {
	if domain == ObjectProduct {
		return "product_id"
	}
	return "customer_id"
}

// openProposalsOf lists the duplicate's open price proposals.
func openProposalsOf(tx *gorm.DB, domain string, dupID int64) ([]PriceProposal, error) {
	var out []PriceProposal
	err := tx.Where(proposalColumn(domain)+" = ? AND status IN ?", dupID, openProposalStatuses).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("find price proposals of %s %d: %w", domain, dupID, err)
	}
	return out, nil
}

// proposalKey is rules.PriceKey of a proposal (models cannot import rules): the one price
// it changes, which the open-proposal unique index keys on.
func proposalKey(p PriceProposal) string {
	if p.Kind != "price_rule" {
		return fmt.Sprintf("%s:%d", p.Kind, p.ProductID)
	}
	var list, cust int64
	if p.PriceListID != nil {
		list = *p.PriceListID
	}
	if p.CustomerID != nil {
		cust = *p.CustomerID
	}
	return fmt.Sprintf("rule:%d:%d:%d:%g", list, p.ProductID, cust, p.MinQuantity)
}

// moveProposals re-points the duplicate's open price proposals to the survivor. Where the
// survivor already has an open proposal on the same price, the merge is refused: two
// waiting changes to one price cannot both be approved, and a steward must pick one.
func moveProposals(tx *gorm.DB, domain string, survivorID, dupID int64, now time.Time) error {
	props, err := openProposalsOf(tx, domain, dupID)
	if err != nil {
		return err
	}
	for _, p := range props {
		if domain == ObjectProduct {
			p.ProductID = survivorID
		} else {
			p.CustomerID = &survivorID
		}
		key := proposalKey(p)
		var clash []int64
		if err := tx.Model(&PriceProposal{}).Where("price_key = ? AND status IN ? AND id <> ?", key, openProposalStatuses, p.ID).
			Pluck("id", &clash).Error; err != nil {
			return err
		}
		if len(clash) > 0 {
			return refused("Price proposal #%d on the duplicate and #%d on the surviving record change the same price. Approve or reject one of them before merging.", p.ID, clash[0])
		}
		if err := tx.Model(&PriceProposal{}).Where("id = ?", p.ID).Updates(map[string]any{
			proposalColumn(domain): survivorID, "price_key": key, "updated_at": now, "version": gorm.Expr("version + 1"),
		}).Error; err != nil {
			return fmt.Errorf("move price proposal %d: %w", p.ID, err)
		}
	}
	return nil
}
