package ingest

import (
	"fmt"
	"strings"

	"steward/models"
	"steward/rules"
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
			// Back to the golden price: a change this source has waiting on it is moot.
			key := rules.PriceKey(rules.PriceRule, in.ProductID, in.PriceListID, in.CustomerID, in.MinQuantity)
			if err := b.withdrawWaitingPrice(key, in.Price, false); err != nil {
				return outcome{}, err
			}
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
	// Pricing policy: a change it wants approved waits as a price proposal, before any
	// channel sees it (a steward's inbox approval settles ownership, not the price).
	held, out, hist, err := b.priceProposal(c, rec, id, cur, in, summary)
	if held || err != nil {
		return out, err
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
	// The price history lists the changes the source made, beside the approved proposals.
	// A rule's first price is not an entry: the rule itself and its audit event show it, and
	// a first load of 100k rules stays at its measured speed.
	if cur.ID != 0 {
		hist.PriceRuleID = &id
		if err := b.tx.Create(hist).Error; err != nil {
			return outcome{}, fmt.Errorf("record price history: %w", err)
		}
	}
	return outcome{status: models.IncomingApplied, goldenID: id, version: in.Version, created: cur.ID == 0}, nil
}

func samePriceRule(a, b models.PriceRule) bool {
	return a.PriceListID == b.PriceListID && a.ProductID == b.ProductID && sameParent(a.CustomerID, b.CustomerID) &&
		a.MinQuantity == b.MinQuantity && a.Price == b.Price && sameDay(a.ValidFrom, b.ValidFrom) && sameDay(a.ValidTo, b.ValidTo)
}

// priceProposal judges a price rule change by the pricing policy and, when it needs
// approval, stores it as a proposal instead of applying it. An older pending proposal from
// this source on the same price is superseded; one a person made waits in the inbox. A
// change within policy comes back as its price history entry, to store once applied.
func (b *batch) priceProposal(c Change, rec *models.IncomingRecord, id int64, cur, in models.PriceRule, summary string) (bool, outcome, *models.PriceProposal, error) {
	policy, prod, err := models.PricingContext(b.tx, rules.DefaultPricingPolicy(), in.ProductID)
	if err != nil {
		return false, outcome{}, nil, err
	}
	v, err := rules.AssessPriceChange(policy, rules.PriceChange{Kind: rules.PriceRule, HasOld: cur.ID != 0, Old: cur.Price, New: in.Price, Cost: prod.Cost, FromSync: true})
	if err != nil {
		// Zero or below: Odoo allows it (free samples), policy wants two people to agree.
		v = rules.PriceVerdict{Approvers: 2, Reasons: []string{"The price is zero or below: two approvers."}}
	}
	key := rules.PriceKey(rules.PriceRule, in.ProductID, in.PriceListID, in.CustomerID, in.MinQuantity)
	now := b.tx.NowFunc()
	p := models.PriceProposal{
		Kind: rules.PriceRule, ProductID: in.ProductID, PriceListID: &in.PriceListID, CustomerID: in.CustomerID,
		MinQuantity: in.MinQuantity, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, PriceKey: key,
		HasOld: cur.ID != 0, OldPrice: cur.Price, NewPrice: in.Price, Cost: prod.Cost, Currency: prod.Currency,
		Reason: fmt.Sprintf("changed in %s", b.ch.Name), PolicyNotes: strings.Join(v.Reasons, "\n"),
		Source: models.ProposalFromSync, SourceChannelID: &b.ch.ID, ExternalID: c.ExternalID,
		ProposedByName: b.ch.Name, ApprovalsNeeded: v.Approvers, Summary: summary,
	}
	if v.Approvers == 0 {
		// A newer change within policy replaces the one this source has waiting.
		if err := b.withdrawWaitingPrice(key, in.Price, true); err != nil {
			return false, outcome{}, nil, err
		}
		p.Status, p.AppliedAt, p.Version = rules.ProposalApplied, &now, 1
		p.Reason = fmt.Sprintf("changed in %s, within policy", b.ch.Name)
		return false, outcome{}, &p, nil
	}
	open, err := models.OpenProposalIDs(b.tx, key)
	if err != nil {
		return false, outcome{}, nil, err
	}
	for _, pid := range open {
		old, err := models.PriceProposalByID(b.tx, pid)
		if err != nil {
			return false, outcome{}, nil, err
		}
		if old.Status != rules.ProposalPending || old.SourceChannelID == nil || *old.SourceChannelID != b.ch.ID {
			out, err := b.hold(c, rec, id, models.ReasonPricing, []string{rules.MessageOf(rules.CheckPriceConflict([]int64{pid}))}, summary)
			return true, out, nil, err
		}
		note := fmt.Sprintf("superseded by a newer change from %s", b.ch.Name)
		if err := models.UpdateProposal(b.tx, old.ID, old.Version, map[string]any{"status": rules.ProposalRejected, "decided_at": now, "decision_note": note}); err != nil {
			return false, outcome{}, nil, err
		}
		if err := models.Audit(b.tx, b.who, models.Change{Action: "price_proposal.reject", ObjectType: "price_proposal", ObjectID: old.ID, Reason: note}); err != nil {
			return false, outcome{}, nil, err
		}
		b.forgetWaiting(key)
	}
	p.ExpiresAt = rules.ProposalExpiry(policy, now)
	if id != 0 {
		p.PriceRuleID = &id
	}
	if err := models.CreatePriceProposal(b.tx, b.who, &p); err != nil {
		return false, outcome{}, nil, err
	}
	b.rememberWaiting(p)
	return true, outcome{status: models.IncomingProposed, reasons: []string{heldNote(p)}, goldenID: id}, nil, nil
}
