package ingest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"steward/models"
	"steward/rules"
)

// syncPricing is what judging a page's product prices needs, read once per page: the
// policy and the proposals this source has waiting on product prices.
type syncPricing struct {
	policy  rules.PricingPolicy
	pending map[string]models.PriceProposal
	// complete is false when the source has more waiting proposals than a page keeps in
	// memory (a large bulk of held prices): each price is then looked up on its own.
	complete bool
}

// maxPendingInMemory bounds the waiting proposals kept per page.
const maxPendingInMemory = 500

// waiting is the proposal this source has waiting on a price, if any.
func (b *batch) waiting(sp *syncPricing, key string) (models.PriceProposal, bool, error) {
	if p, ok := sp.pending[key]; ok || sp.complete {
		return p, ok, nil
	}
	return models.PendingSyncProposal(b.tx, b.ch.ID, key)
}

func (b *batch) syncPricing() (*syncPricing, error) {
	if b.pricing != nil {
		return b.pricing, nil
	}
	policy, err := models.LoadPricingPolicy(b.tx, rules.DefaultPricingPolicy())
	if err != nil {
		return nil, err
	}
	pending, complete, err := models.PendingSyncProposals(b.tx, b.ch.ID, maxPendingInMemory)
	if err != nil {
		return nil, fmt.Errorf("load waiting price proposals: %w", err)
	}
	b.pricing = &syncPricing{policy: policy, pending: pending, complete: complete}
	return b.pricing, nil
}

// productPrices is what pricing policy made of the list price and cost a source sent for
// a product Steward has.
type productPrices struct {
	held     []models.PriceProposal // to store as proposals: not applied, no channel sees them
	kept     []models.PriceProposal // waiting already with the same new price: nothing to add
	applied  []models.PriceProposal // within policy: history entries, stored once applied
	replaced []models.PriceProposal // this source's waiting proposals the change replaces
	heldKind []string               // the attributes held back
	conflict string                 // a proposal someone else made waits on the price
}

func (pp productPrices) waits() bool { return len(pp.held)+len(pp.kept) > 0 }

// judgeProductPrices judges the list price and cost in a product change by the pricing
// policy, as for a price-list rule (prices.go). apply is what ownership lets the source
// change; merged is the product with those changes. A provided price the source has gone
// back on replaces its waiting proposal even when the golden price does not move.
func (b *batch) judgeProductPrices(c Change, golden, merged models.Product, apply []string) (productPrices, error) {
	var pp productPrices
	changes := map[string]bool{rules.PriceList: slices.Contains(apply, rules.PriceList), rules.PriceCost: slices.Contains(apply, rules.PriceCost)}
	provided := func(f string) bool { return c.Provided == nil || slices.Contains(c.Provided, f) }
	sp, err := b.syncPricing()
	if err != nil {
		return pp, err
	}
	if !changes[rules.PriceList] && !changes[rules.PriceCost] && sp.complete && len(sp.pending) == 0 {
		return pp, nil
	}
	prices := rules.ProductPrices{OldList: golden.ListPrice, NewList: golden.ListPrice, OldCost: golden.Cost, NewCost: golden.Cost}
	if changes[rules.PriceList] {
		prices.NewList = merged.ListPrice
	}
	if changes[rules.PriceCost] {
		prices.NewCost = merged.Cost
	}
	v := rules.AssessSyncProductPrices(sp.policy, prices)
	for _, kind := range []string{rules.PriceList, rules.PriceCost} {
		key := rules.PriceKey(kind, golden.ID, 0, nil, 0)
		old, new, verdict, held, against := prices.OldList, prices.NewList, v.List, v.ListHeld, v.ListCost
		if kind == rules.PriceCost {
			old, new, verdict, held, against = prices.OldCost, prices.NewCost, v.Cost, v.CostHeld, v.CostSell
		}
		waiting, hasWaiting, err := b.waiting(sp, key)
		if err != nil {
			return pp, err
		}
		if !changes[kind] {
			// Back to the golden price (or not sent at all): the waiting change is moot.
			if hasWaiting && provided(kind) && waiting.NewPrice != new {
				pp.replaced = append(pp.replaced, waiting)
			}
			continue
		}
		p := models.PriceProposal{
			Kind: kind, ProductID: golden.ID, PriceKey: key, Currency: golden.Currency,
			HasOld: true, OldPrice: old, NewPrice: new, Cost: prices.NewCost, SellPrice: prices.NewList,
			Reason: fmt.Sprintf("changed in %s", b.ch.Name), PolicyNotes: strings.Join(verdict.Reasons, "\n"),
			Source: models.ProposalFromSync, SourceChannelID: &b.ch.ID, ExternalID: c.ExternalID, ProposedByName: b.ch.Name,
			ApprovalsNeeded: verdict.Approvers, Summary: fmt.Sprintf("%s of %s: %s", rules.PriceKindLabel(kind), golden.SKU, new.Format(golden.Currency)),
		}
		if kind == rules.PriceList {
			p.Cost = against
		} else {
			p.Cost, p.SellPrice = old, against
		}
		if !held {
			p.Reason += ", within policy"
			pp.applied = append(pp.applied, p)
			if hasWaiting {
				pp.replaced = append(pp.replaced, waiting)
			}
			continue
		}
		pp.heldKind = append(pp.heldKind, kind)
		if hasWaiting && waiting.NewPrice == new {
			pp.kept = append(pp.kept, waiting)
			continue
		}
		open, err := models.OpenProposalIDs(b.tx, key)
		if err != nil {
			return pp, err
		}
		for _, id := range open {
			if !hasWaiting || id != waiting.ID {
				// Someone's proposal (or an approved one) waits on this price: the two must not race.
				pp.conflict = rules.MessageOf(rules.CheckPriceConflict([]int64{id}))
				return pp, nil
			}
		}
		if hasWaiting {
			pp.replaced = append(pp.replaced, waiting)
		}
		p.ExpiresAt = rules.ProposalExpiry(sp.policy, b.tx.NowFunc())
		pp.held = append(pp.held, p)
	}
	return pp, nil
}

// keepHeldBack takes the held prices out of a change: the golden record keeps its price,
// the rest of the change applies.
func (pp productPrices) keepHeldBack(apply []string, merged *models.Product, golden models.Product) []string {
	if len(pp.heldKind) == 0 {
		return apply
	}
	out := make([]string, 0, len(apply))
	for _, f := range apply {
		if !slices.Contains(pp.heldKind, f) {
			out = append(out, f)
		}
	}
	for _, f := range pp.heldKind {
		switch f {
		case rules.PriceList:
			merged.ListPrice = golden.ListPrice
		case rules.PriceCost:
			merged.Cost = golden.Cost
		}
	}
	return out
}

// storeProductPrices writes what judging the prices decided, once the rest of the change
// is applied: replaced proposals closed, held prices stored as proposals, applied ones in
// the price history. It says, for the incoming record, where each held price waits.
func (b *batch) storeProductPrices(pp productPrices) ([]string, error) {
	now := b.tx.NowFunc()
	for _, p := range pp.replaced {
		note := fmt.Sprintf("replaced by a newer change from %s", b.ch.Name)
		if err := models.SupersedeProposal(b.tx, b.who, p, note, now); err != nil {
			return nil, fmt.Errorf("replace price proposal %d: %w", p.ID, err)
		}
		if b.pricing != nil {
			delete(b.pricing.pending, p.PriceKey)
		}
	}
	var notes []string
	for i := range pp.held {
		p := &pp.held[i]
		if err := models.CreatePriceProposal(b.tx, b.who, p); err != nil {
			return nil, fmt.Errorf("propose %s: %w", p.Summary, err)
		}
		if b.pricing != nil {
			b.pricing.pending[p.PriceKey] = *p
		}
		notes = append(notes, heldNote(*p))
	}
	for _, p := range pp.kept {
		notes = append(notes, heldNote(p))
	}
	if len(pp.applied) > 0 {
		for i := range pp.applied {
			pp.applied[i].AppliedAt = &now
		}
		if err := models.RecordPriceHistory(b.tx, pp.applied); err != nil {
			return nil, fmt.Errorf("record price history: %w", err)
		}
	}
	return notes, nil
}

func heldNote(p models.PriceProposal) string {
	from := p.OldPrice.Format(p.Currency) + " → "
	if !p.HasOld {
		from = "(new) "
	}
	s := fmt.Sprintf("The %s %s%s waits for pricing approval as proposal #%d", rules.PriceKindLabel(p.Kind), from, p.NewPrice.Format(p.Currency), p.ID)
	if p.PolicyNotes != "" {
		s += ": " + strings.ReplaceAll(p.PolicyNotes, "\n", " ")
	} else {
		s += "."
	}
	return s
}

// onlyPricesWait settles a change whose only news is a price policy holds: nothing applies,
// the proposals wait on /pricing, and the incoming record says so (no inbox item).
func (b *batch) onlyPricesWait(pp productPrices, goldenID int64, reasons []string) (outcome, error) {
	notes, err := b.storeProductPrices(pp)
	if err != nil {
		return outcome{}, err
	}
	return outcome{status: models.IncomingProposed, goldenID: goldenID, reasons: append(reasons, notes...)}, nil
}

// revertedProductPrices closes the proposals a source has waiting on a product whose
// change now matches the golden record: the source went back on the price it had sent.
func (b *batch) revertedProductPrices(c Change, golden models.Product) error {
	pp, err := b.judgeProductPrices(c, golden, golden, nil)
	if err != nil || len(pp.replaced) == 0 {
		return err
	}
	_, err = b.storeProductPrices(productPrices{replaced: pp.replaced})
	return err
}

// approvedOutcome is what an incoming record a steward approved became: applied, unchanged,
// or (when pricing policy holds its price) proposed, with where the price waits added to
// why it was held, so the inbox and the record's history say it went to pricing approval.
func approvedOutcome(out outcome, heldReasons string) (string, string) {
	switch out.status {
	case models.IncomingUnchanged, models.IncomingProposed:
	default:
		return models.IncomingApplied, heldReasons
	}
	if out.status == models.IncomingUnchanged || len(out.reasons) == 0 {
		return out.status, heldReasons
	}
	var reasons []string
	if heldReasons != "" {
		_ = json.Unmarshal([]byte(heldReasons), &reasons)
	}
	rb, _ := json.Marshal(append(reasons, out.reasons...))
	return out.status, string(rb)
}
