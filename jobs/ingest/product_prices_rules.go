package ingest

import "steward/models"

// withdrawWaitingPrice closes the proposal this source has waiting on a price when a newer
// change from it settles the price another way: applied within policy (always), or back
// at the golden price (when the waiting one asks for a different price). Without it an
// approver could later put live a price the source itself has gone back on.
func (b *batch) withdrawWaitingPrice(key string, sent models.Money, always bool) error {
	sp, err := b.syncPricing()
	if err != nil {
		return err
	}
	if sp.complete && len(sp.pending) == 0 {
		return nil
	}
	w, ok, err := b.waiting(sp, key)
	if err != nil || !ok || (!always && w.NewPrice == sent) {
		return err
	}
	_, err = b.storeProductPrices(productPrices{replaced: []models.PriceProposal{w}})
	return err
}

// rememberWaiting and forgetWaiting keep the page's view of this source's waiting
// proposals in step when prices.go raises or replaces one, so a second change to the same
// price in one page sees it.
func (b *batch) rememberWaiting(p models.PriceProposal) {
	if b.pricing != nil {
		b.pricing.pending[p.PriceKey] = p
	}
}

func (b *batch) forgetWaiting(key string) {
	if b.pricing != nil {
		delete(b.pricing.pending, key)
	}
}
