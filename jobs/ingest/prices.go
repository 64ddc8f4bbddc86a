package ingest

import (
	"fmt"

	"steward/models"
)

// priceList finds or creates the price list a source's price rule belongs to.
func (b *batch) priceList(c Change) (int64, error) {
	id, err := b.golden(ObjectPriceList, c.PriceListRef)
	if err != nil || id != 0 {
		return id, err
	}
	name := c.RefName
	if name == "" {
		name = fmt.Sprintf("%s price list %s", b.ch.Name, c.PriceListRef)
	}
	var pl models.PriceList
	err = b.tx.Where("name = ?", name).Take(&pl).Error
	if err != nil {
		currency := c.Currency
		if currency == "" {
			currency = "EUR"
		}
		pl = models.PriceList{Name: name, Currency: currency, Active: true, Version: 1}
		if err := b.tx.Create(&pl).Error; err != nil {
			return 0, fmt.Errorf("create price list %s: %w", name, err)
		}
	}
	return pl.ID, b.link(ObjectPriceList, c.PriceListRef, pl.ID)
}

// applyPriceRule upserts a price rule. Prices are owned by one system (Odoo by default);
// a change from anyone else waits for a pricing steward.
func (b *batch) applyPriceRule(c Change, rec *models.IncomingRecord) (outcome, error) {
	productID, err := b.golden(models.ObjectProduct, c.ProductRef)
	if err != nil {
		return outcome{}, err
	}
	if productID == 0 {
		return outcome{}, bad("price rule %s is for product %s, which Steward does not have yet", c.ExternalID, c.ProductRef)
	}
	listID, err := b.priceList(c)
	if err != nil {
		return outcome{}, err
	}
	in := *c.PriceRule
	in.ProductID, in.PriceListID, in.CustomerID = productID, listID, nil
	if c.CustomerRef != "" {
		cid, err := b.golden(models.ObjectCustomer, c.CustomerRef)
		if err != nil {
			return outcome{}, err
		}
		if cid == 0 {
			return outcome{}, bad("price rule %s is for customer %s, which Steward does not have yet", c.ExternalID, c.CustomerRef)
		}
		in.CustomerID = &cid
	}
	id, err := b.golden(models.ObjectPriceRule, c.ExternalID)
	if err != nil {
		return outcome{}, err
	}
	var cur models.PriceRule
	if id != 0 {
		if err := b.tx.Take(&cur, id).Error; err != nil {
			return outcome{}, err
		}
		if samePriceRule(cur, in) {
			return outcome{status: models.IncomingUnchanged, goldenID: id}, nil
		}
	}
	v := b.decide.Ownership("price", b.ch.Kind, []string{"price", "min_quantity", "valid_from", "valid_to"})
	summary := fmt.Sprintf("price %s for product %s", in.Price.String(), c.ProductRef)
	if blocking, _ := b.decide.Validate("price", b.ch, in); len(blocking) > 0 {
		return b.hold(c, rec, id, models.ReasonValidation, blocking, summary)
	}
	if len(v.Held) > 0 || len(v.Rejected) > 0 {
		return b.hold(c, rec, id, models.ReasonOwnership, v.Reasons, summary)
	}
	if id == 0 {
		in.Version = 1
		if err := b.tx.Create(&in).Error; err != nil {
			return outcome{}, fmt.Errorf("create price rule: %w", err)
		}
		if err := b.link(models.ObjectPriceRule, c.ExternalID, in.ID); err != nil {
			return outcome{}, err
		}
		id = in.ID
	} else {
		res := b.tx.Model(&models.PriceRule{}).Where("id = ? AND version = ?", id, cur.Version).Updates(map[string]any{
			"price_list_id": in.PriceListID, "product_id": in.ProductID, "customer_id": in.CustomerID,
			"min_quantity": in.MinQuantity, "price": in.Price, "valid_from": in.ValidFrom, "valid_to": in.ValidTo,
			"version": cur.Version + 1, "updated_at": b.tx.NowFunc(),
		})
		if res.Error != nil {
			return outcome{}, res.Error
		}
		in.Version = cur.Version + 1
	}
	var before any
	if cur.ID != 0 {
		before = cur
	}
	if err := b.audit("price_rule.update", models.ObjectPriceRule, id, before, in, c, nil); err != nil {
		return outcome{}, err
	}
	if _, err := models.EnqueuePublications(b.tx, b.dests, models.ObjectPriceRule, id, in.Version, summary); err != nil {
		return outcome{}, err
	}
	return outcome{status: models.IncomingApplied, goldenID: id, version: in.Version, created: cur.ID == 0}, nil
}

func samePriceRule(a, b models.PriceRule) bool {
	return a.PriceListID == b.PriceListID && a.ProductID == b.ProductID && sameParent(a.CustomerID, b.CustomerID) &&
		a.MinQuantity == b.MinQuantity && a.Price == b.Price && sameDay(a.ValidFrom, b.ValidFrom) && sameDay(a.ValidTo, b.ValidTo)
}
