package ingest

import (
	"errors"
	"fmt"

	"steward/models"
	"steward/rules"
)

func fieldNames(cs []rules.FieldChange) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Field
	}
	return out
}

// changeMaps splits field changes into before and after maps for the audit trail.
func changeMaps(cs []rules.FieldChange, fields []string) (before, after map[string]any) {
	before, after = map[string]any{}, map[string]any{}
	for _, c := range cs {
		for _, f := range fields {
			if c.Field == f {
				before[c.Field], after[c.Field] = c.Before, c.After
			}
		}
	}
	return before, after
}

func (b *batch) applyProduct(c Change, rec *models.IncomingRecord) (outcome, error) {
	in := c.Product
	goldenID, err := b.golden(models.ObjectProduct, c.ExternalID)
	if err != nil {
		return outcome{}, err
	}
	var golden models.Product
	link := false
	switch {
	case goldenID != 0:
		if golden, err = models.ProductByID(b.tx, goldenID); err != nil {
			return outcome{}, fmt.Errorf("load product %d: %w", goldenID, err)
		}
	case in.SKU != "":
		// A product Steward already has under the same SKU is the same product: link it
		// rather than create a second one, unless this channel already links it elsewhere.
		existing, err := b.productBySKU(in.SKU)
		switch {
		case errors.Is(err, models.ErrNotFound):
		case err != nil:
			return outcome{}, err
		default:
			if other, err := models.ExternalRefsFor(b.tx, models.ObjectProduct, existing.ID); err == nil {
				for _, r := range append(other, b.pendingRefsTo(models.ObjectProduct, existing.ID)...) {
					if r.ChannelID == b.ch.ID && r.ExternalID != c.ExternalID {
						return b.hold(c, rec, existing.ID, models.ReasonDuplicate, []string{fmt.Sprintf(
							"SKU %s already belongs to product %q, which %s knows as %s; this is %s %s.",
							in.SKU, existing.Name, b.ch.Name, r.ExternalID, b.ch.Name, c.ExternalID)}, in.SKU+" "+in.Name)
					}
				}
			}
			golden, goldenID, link = existing, existing.ID, true
		}
	}
	// No reference and no SKU: is it a product Steward has under another SKU (match.go)?
	var found ranked
	var decision matchDecision
	if goldenID == 0 {
		if goldenID, found, decision, err = b.matchNew(c, models.ObjectProduct, 0); err != nil {
			return outcome{}, err
		}
		if goldenID != 0 {
			if golden, err = models.ProductByID(b.tx, goldenID); err != nil {
				return outcome{}, fmt.Errorf("load product %d: %w", goldenID, err)
			}
			if err := b.linkMatched(c, models.ObjectProduct, goldenID, found, decision); err != nil {
				return outcome{}, err
			}
		}
	}
	isNew := goldenID == 0
	if isNew {
		golden = models.Product{Currency: in.Currency, UoM: in.UoM, LifecycleStatus: models.LifecycleActive, Active: true}
	}
	changes := rules.Diff(rules.ProductAttributes, &golden, in, c.Provided)
	if len(changes) == 0 && !isNew {
		if link {
			if err := b.link(models.ObjectProduct, c.ExternalID, goldenID); err != nil {
				return outcome{}, err
			}
		}
		if err := b.revertedProductPrices(c, golden); err != nil {
			return outcome{}, err
		}
		return outcome{status: models.IncomingUnchanged, goldenID: goldenID}, nil
	}
	v := b.decide.Ownership("product", b.ch.Kind, fieldNames(changes))
	merged := golden
	rules.ApplyChanges(rules.ProductAttributes, &merged, in, v.Apply)
	if isNew {
		// A new record takes every attribute the source sent or none: half a product helps
		// nobody.
		rules.ApplyChanges(rules.ProductAttributes, &merged, in, fieldNames(changes))
	}
	blocking, warnings := b.decide.Validate("product", b.ch, merged)
	summary := in.SKU + " " + in.Name
	if len(blocking) > 0 {
		return b.hold(c, rec, goldenID, models.ReasonValidation, append(blocking, v.Reasons...), summary)
	}
	if len(v.Held) > 0 || (isNew && len(v.Rejected) > 0) {
		return b.hold(c, rec, goldenID, models.ReasonOwnership, v.Reasons, summary)
	}
	// Pricing policy judges the list price and cost as it judges price-list rules: a price
	// it wants approved waits as a proposal and the rest applies (product_prices.go).
	var prices productPrices
	if !isNew {
		if prices, err = b.judgeProductPrices(c, golden, merged, v.Apply); err != nil {
			return outcome{}, err
		}
		if prices.conflict != "" {
			return b.hold(c, rec, goldenID, models.ReasonPricing, []string{prices.conflict}, summary)
		}
		v.Apply = prices.keepHeldBack(v.Apply, &merged, golden)
	}
	if len(v.Apply) == 0 {
		if prices.waits() {
			return b.onlyPricesWait(prices, goldenID, v.Reasons)
		}
		return outcome{status: models.IncomingRejected, reasons: v.Reasons, goldenID: goldenID}, nil
	}
	before, after := changeMaps(changes, v.Apply)
	action := "product.update"
	if isNew {
		action = "product.create"
		if err := models.CreateProduct(b.tx, &merged); err != nil {
			if errors.Is(err, models.ErrDuplicate) {
				return outcome{}, bad("SKU %s is already used by another product", in.SKU)
			}
			return outcome{}, err
		}
		goldenID, link = merged.ID, true
		before = nil
		if b.skus != nil {
			b.skus[merged.SKU] = merged.ID
		}
		if err := b.created(found, decision, goldenID, summary); err != nil {
			return outcome{}, err
		}
	} else if err := models.UpdateProduct(b.tx, &merged); err != nil {
		if errors.Is(err, models.ErrDuplicate) {
			return outcome{}, bad("SKU %s is already used by another product", in.SKU)
		}
		return outcome{}, fmt.Errorf("update product %d: %w", goldenID, err)
	} else if err := b.matchFieldsChanged(models.MatchProduct, goldenID, v.Apply); err != nil {
		return outcome{}, err
	}
	if link {
		if err := b.link(models.ObjectProduct, c.ExternalID, goldenID); err != nil {
			return outcome{}, err
		}
	}
	if err := b.audit(action, models.ObjectProduct, goldenID, before, after, c, append(v.Reasons, warnings...)); err != nil {
		return outcome{}, err
	}
	if _, err := models.EnqueuePublications(b.tx, b.dests, models.ObjectProduct, goldenID, merged.Version, summary); err != nil {
		return outcome{}, err
	}
	notes, err := b.storeProductPrices(prices)
	if err != nil {
		return outcome{}, err
	}
	status := models.IncomingApplied
	if prices.waits() {
		status = models.IncomingProposed
	}
	return outcome{status: status, goldenID: goldenID, version: merged.Version, created: isNew, reasons: append(append(v.Reasons, warnings...), notes...)}, nil
}

// audit records a change applied from a source.
func (b *batch) audit(action, objectType string, id int64, before, after any, c Change, notes []string) error {
	reason := fmt.Sprintf("from %s (%s %s)", b.ch.Name, c.Object, c.ExternalID)
	if b.note != "" {
		reason = b.note + "; " + reason
	}
	for _, n := range notes {
		reason += "; " + n
	}
	return b.writeAudit(models.Change{Action: action, ObjectType: objectType, ObjectID: id, Before: before, After: after, Reason: reason})
}
