package models

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AppliedPrice is the golden record an applied proposal changed, for its publications.
type AppliedPrice struct {
	ObjectType string // ObjectProduct or ObjectPriceRule
	GoldenID   int64
	Version    int
	CustomerID *int64 // set for a customer-specific price
	Summary    string
}

// ApplyProposal makes an approved proposal's price the golden price and marks it applied,
// audited, in tx. The caller enqueues the publications in the same transaction.
func ApplyProposal(tx *gorm.DB, who Actor, p PriceProposal, now time.Time) (AppliedPrice, error) {
	var out AppliedPrice
	var err error
	switch p.Kind {
	case "list_price", "cost":
		out, err = applyProductPrice(tx, who, p)
	case "price_rule":
		out, err = applyRulePrice(tx, who, p)
	default:
		err = fmt.Errorf("proposal %d changes an unknown kind of price %q", p.ID, p.Kind)
	}
	if err != nil {
		return out, err
	}
	cols := map[string]any{"status": "applied", "applied_at": now, "apply_error": ""}
	if out.ObjectType == ObjectPriceRule {
		cols["price_rule_id"] = out.GoldenID
	}
	if err := UpdateProposal(tx, p.ID, p.Version, cols); err != nil {
		return out, err
	}
	return out, Audit(tx, who, Change{Action: "price_proposal.apply", ObjectType: "price_proposal", ObjectID: p.ID,
		Before: map[string]any{"status": p.Status}, After: map[string]any{"status": "applied", "object": out.ObjectType, "golden_id": out.GoldenID}})
}

func applyProductPrice(tx *gorm.DB, who Actor, p PriceProposal) (AppliedPrice, error) {
	prod, err := ProductByID(tx, p.ProductID)
	if err != nil {
		return AppliedPrice{}, err
	}
	before := prod
	if p.Kind == "cost" {
		prod.Cost = p.NewPrice
	} else {
		prod.ListPrice = p.NewPrice
	}
	if err := UpdateProduct(tx, &prod); err != nil {
		return AppliedPrice{}, err
	}
	label := strings.ReplaceAll(p.Kind, "_", " ")
	err = Audit(tx, who, Change{Action: "product.price", ObjectType: ObjectProduct, ObjectID: prod.ID,
		Before: map[string]any{"list_price": before.ListPrice.String(), "cost": before.Cost.String(), "version": before.Version},
		After:  map[string]any{"list_price": prod.ListPrice.String(), "cost": prod.Cost.String(), "version": prod.Version},
		Reason: fmt.Sprintf("price proposal #%d: %s", p.ID, p.Reason)})
	return AppliedPrice{ObjectType: ObjectProduct, GoldenID: prod.ID, Version: prod.Version,
		Summary: fmt.Sprintf("%s of %s to %s", label, prod.SKU, p.NewPrice.Format(p.Currency))}, err
}

func applyRulePrice(tx *gorm.DB, who Actor, p PriceProposal) (AppliedPrice, error) {
	if p.PriceListID == nil {
		return AppliedPrice{}, fmt.Errorf("proposal %d changes a price-list price without a price list", p.ID)
	}
	var cur PriceRule
	if p.PriceRuleID != nil {
		if err := tx.Take(&cur, *p.PriceRuleID).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return AppliedPrice{}, err
		}
	}
	rule := PriceRule{PriceListID: *p.PriceListID, ProductID: p.ProductID, CustomerID: p.CustomerID,
		MinQuantity: p.MinQuantity, Price: p.NewPrice, ValidFrom: p.ValidFrom, ValidTo: p.ValidTo}
	if cur.ID == 0 {
		rule.Version = 1
		if err := tx.Create(&rule).Error; err != nil {
			return AppliedPrice{}, fmt.Errorf("create price rule: %w", err)
		}
		if err := linkProposalRefs(tx, p, rule.ID); err != nil {
			return AppliedPrice{}, err
		}
	} else {
		rule.ID, rule.CreatedAt, rule.Version = cur.ID, cur.CreatedAt, cur.Version+1
		if p.ValidFrom == nil && p.ValidTo == nil {
			rule.ValidFrom, rule.ValidTo = cur.ValidFrom, cur.ValidTo
		}
		res := tx.Model(&PriceRule{}).Where("id = ? AND version = ?", cur.ID, cur.Version).Updates(map[string]any{
			"price": rule.Price, "valid_from": rule.ValidFrom, "valid_to": rule.ValidTo,
			"version": rule.Version, "updated_at": tx.NowFunc(),
		})
		if res.Error != nil {
			return AppliedPrice{}, fmt.Errorf("update price rule %d: %w", cur.ID, res.Error)
		}
		if res.RowsAffected == 0 {
			return AppliedPrice{}, ErrStale
		}
	}
	var before any
	if cur.ID != 0 {
		before = cur
	}
	err := Audit(tx, who, Change{Action: "price_rule.update", ObjectType: ObjectPriceRule, ObjectID: rule.ID,
		Before: before, After: rule, Reason: fmt.Sprintf("price proposal #%d: %s", p.ID, p.Reason)})
	return AppliedPrice{ObjectType: ObjectPriceRule, GoldenID: rule.ID, Version: rule.Version, CustomerID: p.CustomerID,
		Summary: p.Summary}, err
}

// linkProposalRefs links a rule a proposal created to the ids its source (a held sync
// change) and the Odoo write-back ("channel:item") gave it.
func linkProposalRefs(tx *gorm.DB, p PriceProposal, ruleID int64) error {
	if p.SourceChannelID != nil && p.ExternalID != "" {
		ref := ExternalRef{ChannelID: *p.SourceChannelID, ObjectType: ObjectPriceRule, ExternalID: p.ExternalID, GoldenID: ruleID}
		if err := linkQuietly(tx, ref); err != nil {
			return err
		}
	}
	for _, r := range strings.Split(p.OdooRef, ",") {
		ch, id, ok := strings.Cut(r, ":")
		chID, err := strconv.ParseInt(ch, 10, 64)
		if !ok || err != nil {
			continue
		}
		ref := ExternalRef{ChannelID: chID, ObjectType: ObjectPriceRule, ExternalID: id, GoldenID: ruleID}
		if err := linkQuietly(tx, ref); err != nil {
			return err
		}
	}
	return nil
}

// linkQuietly stores a reference unless the channel links that id already; ON CONFLICT
// keeps a PostgreSQL transaction usable where a failed insert would abort it.
func linkQuietly(tx *gorm.DB, ref ExternalRef) error {
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&ref).Error
}
