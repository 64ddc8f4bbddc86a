package handlers

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// priceDraft is one price change a person asks for, before policy judged it.
type priceDraft struct {
	Kind          string
	ProductID     int64
	PriceListID   *int64
	CustomerID    *int64
	MinQuantity   float64
	NewPrice      models.Money
	Reason        string
	RequestedFrom *time.Time
	Source        string
}

// propose judges a draft by the policy and stores it as a proposal, in tx. Problems come
// back as field errors (product, kind, price_list, new_price, reason) or a conflict.
func propose(tx *gorm.DB, who models.Actor, policy rules.PricingPolicy, d priceDraft, now time.Time) (models.PriceProposal, error) {
	var p models.PriceProposal
	errs := map[string]string{}
	prod, err := models.ProductByID(tx, d.ProductID)
	if errors.Is(err, models.ErrNotFound) {
		errs["product"] = "There is no product with that SKU."
	} else if err != nil {
		return p, err
	}
	if msg := rules.CheckPriceReason(d.Reason); msg != "" {
		errs["reason"] = msg
	}
	change := rules.PriceChange{Kind: d.Kind, HasOld: true, New: d.NewPrice, Cost: prod.Cost, Sell: prod.ListPrice}
	p = models.PriceProposal{Kind: d.Kind, ProductID: d.ProductID, Currency: prod.Currency, NewPrice: d.NewPrice,
		Reason: strings.TrimSpace(d.Reason), RequestedFrom: d.RequestedFrom, Source: d.Source, Cost: prod.Cost, SellPrice: prod.ListPrice}
	switch d.Kind {
	case rules.PriceList:
		change.Old = prod.ListPrice
	case rules.PriceCost:
		change.Old = prod.Cost
	case rules.PriceRule:
		if d.PriceListID == nil {
			errs["price_list"] = "Choose the price list this price belongs to."
			break
		}
		var pl models.PriceList
		if err := tx.Take(&pl, *d.PriceListID).Error; err != nil {
			errs["price_list"] = "There is no such price list."
			break
		}
		p.PriceListID, p.CustomerID, p.MinQuantity, p.Currency = d.PriceListID, d.CustomerID, d.MinQuantity, pl.Currency
		if d.CustomerID != nil {
			if _, err := models.CustomerByID(tx, *d.CustomerID); err != nil {
				errs["customer"] = "There is no customer with that number."
				break
			}
		}
		rule, err := findRule(tx, *d.PriceListID, d.ProductID, d.CustomerID, d.MinQuantity)
		if err != nil {
			return p, err
		}
		change.HasOld = rule.ID != 0
		change.Old = rule.Price
		if rule.ID != 0 {
			p.PriceRuleID = &rule.ID
			p.ValidFrom, p.ValidTo = rule.ValidFrom, rule.ValidTo
		}
	default:
		errs["kind"] = "Choose which price changes: list price, cost or a price-list price."
	}
	if len(errs) > 0 {
		return p, rules.InvalidFields(errs)
	}
	v, err := rules.AssessPriceChange(policy, change)
	if err != nil {
		return p, err
	}
	if change.HasOld && change.Old == d.NewPrice {
		return p, rules.InvalidFields(map[string]string{"new_price": fmt.Sprintf("The price is %s already.", d.NewPrice.Format(p.Currency))})
	}
	p.PriceKey = rules.PriceKey(d.Kind, d.ProductID, deref(d.PriceListID), d.CustomerID, d.MinQuantity)
	open, err := models.OpenProposalIDs(tx, p.PriceKey)
	if err != nil {
		return p, err
	}
	if err := rules.CheckPriceConflict(open); err != nil {
		return p, err
	}
	p.HasOld, p.OldPrice = change.HasOld, change.Old
	p.ApprovalsNeeded = max(v.Approvers, 1)
	p.PolicyNotes = strings.Join(v.Reasons, "\n")
	p.ProposedBy, p.ProposedByName = &who.ID, who.Name
	p.ExpiresAt = rules.ProposalExpiry(policy, now)
	p.Summary = fmt.Sprintf("%s of %s: %s", rules.PriceKindLabel(d.Kind), prod.SKU, d.NewPrice.Format(p.Currency))
	err = models.CreatePriceProposal(tx, who, &p)
	if errors.Is(err, models.ErrOpenProposal) {
		return p, rules.Errorf(rules.Conflict, "Someone proposed a change to this price a moment ago: reload the queue.")
	}
	return p, err
}

// findRule is the rule a draft changes, if the price list has one for that product,
// customer and quantity; zero if the change adds a rule.
func findRule(tx *gorm.DB, listID, productID int64, customerID *int64, minQty float64) (models.PriceRule, error) {
	q := tx.Where("price_list_id = ? AND product_id = ? AND min_quantity = ?", listID, productID, minQty)
	if customerID != nil {
		q = q.Where("customer_id = ?", *customerID)
	} else {
		q = q.Where("customer_id IS NULL")
	}
	var rs []models.PriceRule
	if err := q.Order("id").Limit(1).Find(&rs).Error; err != nil || len(rs) == 0 {
		return models.PriceRule{}, err
	}
	return rs[0], nil
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// pricingPolicy reads the policy admins set, or the default.
func (s *server) pricingPolicy(db *gorm.DB) (rules.PricingPolicy, error) {
	return models.LoadPricingPolicy(db, rules.DefaultPricingPolicy())
}
