package rules

import "steward/models"

// ProductPrices is a product's list price and cost before and after a source's change; a
// price the source did not change has New equal to Old.
type ProductPrices struct {
	OldList, NewList models.Money
	OldCost, NewCost models.Money
}

// ProductPriceVerdicts is what policy says of each price a sync changed: held ones wait as
// proposals, the others apply with the rest of the change.
type ProductPriceVerdicts struct {
	List, Cost         PriceVerdict
	ListHeld, CostHeld bool
	// ListCost is the cost the list price was judged on, CostSell the list price the cost
	// was judged on: what holds if the verdicts are followed.
	ListCost, CostSell models.Money
}

// AssessSyncProductPrices judges a sync's change to a product's list price and cost. Each
// is judged against the other as it will be once the verdicts are followed: when both
// change and one is held, the other is judged again against the held one's current value,
// so a cost rise is not let through on the strength of a list price rise that waits
// (and the other way round). A list price of zero or below, or a negative cost, always
// needs two approvers: Odoo allows them, policy wants two people to agree.
func AssessSyncProductPrices(p PricingPolicy, c ProductPrices) ProductPriceVerdicts {
	listChanged, costChanged := c.NewList != c.OldList, c.NewCost != c.OldCost
	var v ProductPriceVerdicts
	judgeList := func(cost models.Money) {
		v.ListCost = cost
		v.List, v.ListHeld = assessSync(p, PriceChange{Kind: PriceList, HasOld: true, Old: c.OldList, New: c.NewList, Cost: cost, FromSync: true})
	}
	judgeCost := func(sell models.Money) {
		v.CostSell = sell
		v.Cost, v.CostHeld = assessSync(p, PriceChange{Kind: PriceCost, HasOld: true, Old: c.OldCost, New: c.NewCost, Sell: sell, FromSync: true})
	}
	if listChanged {
		judgeList(c.NewCost)
	}
	if costChanged {
		judgeCost(c.NewList)
	}
	switch {
	case listChanged && costChanged && v.ListHeld && !v.CostHeld:
		judgeCost(c.OldList)
	case listChanged && costChanged && v.CostHeld && !v.ListHeld:
		judgeList(c.OldCost)
	}
	return v
}

func assessSync(p PricingPolicy, c PriceChange) (PriceVerdict, bool) {
	v, err := AssessPriceChange(p, c)
	if err != nil {
		what := "The price is zero or below"
		if c.Kind == PriceCost {
			what = "The cost is below zero"
		}
		return PriceVerdict{Approvers: 2, Reasons: []string{what + ": two approvers."}}, true
	}
	return v, v.Approvers > 0
}
