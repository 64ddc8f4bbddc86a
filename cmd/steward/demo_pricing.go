package main

import (
	"context"
	"fmt"
	"io"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// demoPricing leaves three price changes waiting at /pricing, proposed by the demo pricing
// steward: a supplier increase, a clearance cut under the margin floor (two approvers) and
// a customer's contract price, so a manager has four-eyes decisions from the first minute.
func demoPricing(ctx context.Context, db *gorm.DB, stdout io.Writer) error {
	db = db.WithContext(ctx)
	var who models.User
	if err := db.Where("email = ?", "pricing@steward.demo").Take(&who).Error; err != nil {
		return fmt.Errorf("find the demo pricing steward: %w", err)
	}
	var ps []models.Product
	if err := db.Where("active = ? AND cost > 0 AND list_price > cost", true).Order("id").Limit(3).Find(&ps).Error; err != nil {
		return err
	}
	var cust models.Customer
	if len(ps) < 3 || db.Where("price_list_id IS NOT NULL").Order("id").Take(&cust).Error != nil {
		return nil // a data set without priced products or price lists: nothing to propose
	}
	policy := rules.DefaultPricingPolicy()
	actor := models.Actor{ID: who.ID, Name: who.Email}
	drafts := []models.PriceProposal{
		{Kind: rules.PriceList, ProductID: ps[0].ID, NewPrice: rules.AdjustPrice(ps[0].ListPrice, 600), Reason: "Supplier price list 2027: +6 %"},
		{Kind: rules.PriceList, ProductID: ps[1].ID, NewPrice: max(ps[1].Cost+ps[1].Cost/20, 1), Reason: "Clearance of the old packaging"},
		{Kind: rules.PriceRule, ProductID: ps[2].ID, PriceListID: cust.PriceListID, CustomerID: &cust.ID, MinQuantity: 10,
			NewPrice: rules.AdjustPrice(ps[2].ListPrice, -500), Reason: "Framework contract " + cust.Name},
	}
	err := db.Transaction(func(tx *gorm.DB) error {
		for i, d := range drafts {
			p := ps[i]
			old := p.ListPrice
			d.HasOld = d.Kind == rules.PriceList
			if !d.HasOld {
				old = 0
			}
			v, err := rules.AssessPriceChange(policy, rules.PriceChange{Kind: d.Kind, HasOld: d.HasOld, Old: old, New: d.NewPrice, Cost: p.Cost})
			if err != nil {
				return err
			}
			d.OldPrice, d.Cost, d.SellPrice, d.Currency = old, p.Cost, p.ListPrice, p.Currency
			d.ApprovalsNeeded, d.ProposedBy, d.ProposedByName, d.Source = max(v.Approvers, 1), &who.ID, who.Email, models.ProposalFromUI
			d.PriceKey = rules.PriceKey(d.Kind, p.ID, derefID(d.PriceListID), d.CustomerID, d.MinQuantity)
			d.Summary = fmt.Sprintf("%s of %s: %s", rules.PriceKindLabel(d.Kind), p.SKU, d.NewPrice.Format(p.Currency))
			d.ExpiresAt = rules.ProposalExpiry(policy, tx.NowFunc())
			for _, r := range v.Reasons {
				d.PolicyNotes += r + "\n"
			}
			if err := models.CreatePriceProposal(tx, actor, &d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("propose the demo price changes: %w", err)
	}
	fmt.Fprintln(stdout, "Three price changes wait for a manager's approval at /pricing.")
	return nil
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
