package models

import (
	"errors"

	"gorm.io/gorm"
)

// CurrentPrice is the price a proposal changes as it is now (has is false for a rule that
// does not exist yet), so an approval can tell whether it moved since the proposal.
func CurrentPrice(db *gorm.DB, p PriceProposal) (Money, bool, error) {
	switch p.Kind {
	case "list_price", "cost":
		prod, err := ProductByID(db, p.ProductID)
		if err != nil {
			return 0, false, err
		}
		if p.Kind == "cost" {
			return prod.Cost, true, nil
		}
		return prod.ListPrice, true, nil
	}
	if p.PriceRuleID == nil {
		return 0, false, nil
	}
	var r PriceRule
	err := db.Select("id, price").Take(&r, *p.PriceRuleID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	return r.Price, err == nil, err
}

// Current is the row's price as it is now, as CurrentPrice.
func (r ProposalRow) Current() (Money, bool) {
	switch r.Kind {
	case "list_price":
		return r.CurrentListPrice, true
	case "cost":
		return r.CurrentCost, true
	}
	if r.CurrentRulePrice == nil {
		return 0, false
	}
	return *r.CurrentRulePrice, true
}
