package rules

import (
	"fmt"
	"math"
	"math/big"

	"steward/models"
)

// Kinds of price a proposal changes.
const (
	PriceList = "list_price" // a product's list price
	PriceCost = "cost"       // a product's cost
	PriceRule = "price_rule" // a price-list rule, general or for one customer
)

// PriceKindLabel names a kind of price in a steward's words.
func PriceKindLabel(kind string) string {
	switch kind {
	case PriceList:
		return "list price"
	case PriceCost:
		return "cost"
	case PriceRule:
		return "price-list price"
	}
	return kind
}

// PricingPolicy is the guard rail every price change passes (fields in models, where it is
// stored; the decisions are here).
type PricingPolicy = models.PricingPolicy

// DefaultPricingPolicy is the policy of a new installation: a 10 % margin floor, syncs may
// move prices by up to 5 %, over 15 % needs two approvers, changes go live on the next
// Monday, proposals lapse after 14 days.
func DefaultPricingPolicy() PricingPolicy {
	return PricingPolicy{MarginFloorBP: 1000, AutoApproveMaxBP: 500, TwoApproversAboveBP: 1500, EffectiveWeekday: 1, ExpiryDays: 14}
}

// CheckPricingPolicy refuses a policy that cannot work, with the message next to its field.
func CheckPricingPolicy(p PricingPolicy) error {
	errs := map[string]string{}
	if p.MarginFloorBP < 0 || p.MarginFloorBP >= 10000 {
		errs["margin_floor"] = "Enter a margin floor from 0 up to, but not including, 100 %."
	}
	if p.AutoApproveMaxBP < 0 || p.AutoApproveMaxBP > 10000 {
		errs["auto_approve_max"] = "Enter a change from 0 % to 100 %."
	}
	if p.TwoApproversAboveBP < 0 || p.TwoApproversAboveBP > 100000 {
		errs["two_approvers_above"] = "Enter a change from 0 % to 1000 %."
	} else if p.AutoApproveMaxBP > p.TwoApproversAboveBP && errs["auto_approve_max"] == "" {
		errs["auto_approve_max"] = fmt.Sprintf("A sync may not apply more than what needs two approvers (%s): lower this or raise that.", FormatBP(p.TwoApproversAboveBP))
	}
	if p.EffectiveWeekday < -1 || p.EffectiveWeekday > 6 {
		errs["effective_weekday"] = "Choose a weekday, or “as soon as approved”."
	}
	if p.ExpiryDays < 0 || p.ExpiryDays > 365 {
		errs["expiry_days"] = "Enter from 0 (never) to 365 days."
	}
	if len(errs) > 0 {
		return InvalidFields(errs)
	}
	return nil
}

// PriceChange is one price change as policy judges it. For a cost change, Old and New are
// costs and Sell is the list price the margin is measured on; otherwise Old and New are
// prices and Cost is the product's cost. A zero cost means none is recorded: the margin
// floor cannot be judged and is not applied.
type PriceChange struct {
	Kind   string
	HasOld bool // false for a new price-list rule
	Old    models.Money
	New    models.Money
	Cost   models.Money
	Sell   models.Money
	// FromSync is set for a change a source sent: only those may skip approval.
	FromSync bool
}

// PriceVerdict is what policy says about a change.
type PriceVerdict struct {
	ChangeBP       int // signed; 0 without an old price
	HasChange      bool
	MarginBeforeBP int
	MarginAfterBP  int
	HasMargin      bool // a cost is known, so the margins mean something
	BelowFloor     bool
	// Approvers is how many distinct people must approve: 0 only for a sync change within
	// policy, which applies at once.
	Approvers int
	Reasons   []string // why it needs approval, in a steward's words
}

// AssessPriceChange applies the policy to a change. A price must be above zero and a cost
// zero or more.
func AssessPriceChange(p PricingPolicy, c PriceChange) (PriceVerdict, error) {
	if c.Kind == PriceCost {
		if c.New < 0 {
			return PriceVerdict{}, InvalidFields(map[string]string{"new_price": "A cost cannot be negative."})
		}
	} else if c.New <= 0 {
		return PriceVerdict{}, InvalidFields(map[string]string{"new_price": "Enter a price above zero."})
	}
	var v PriceVerdict
	if c.HasOld && c.Old > 0 {
		v.HasChange = true
		v.ChangeBP = changeBP(c.Old, c.New)
	}
	priceBefore, priceAfter, costBefore, costAfter := c.Old, c.New, c.Cost, c.Cost
	if c.Kind == PriceCost {
		priceBefore, priceAfter, costBefore, costAfter = c.Sell, c.Sell, c.Old, c.New
	}
	if costAfter > 0 && priceAfter > 0 {
		v.HasMargin = true
		v.MarginAfterBP = marginBP(priceAfter, costAfter)
		if c.HasOld && priceBefore > 0 {
			v.MarginBeforeBP = marginBP(priceBefore, costBefore)
		} else {
			v.MarginBeforeBP = v.MarginAfterBP
		}
		// (price − cost) / price < floor, compared exactly: price·floor > (price − cost)·10000.
		v.BelowFloor = cmpProducts(int64(priceAfter), int64(p.MarginFloorBP), int64(priceAfter-costAfter), 10000) > 0
	}
	over := func(limitBP int) bool {
		// |new − old| / old > limit, exactly: |new − old|·10000 > limit·old.
		d := int64(c.New - c.Old)
		if d < 0 {
			d = -d
		}
		return v.HasChange && cmpProducts(d, 10000, int64(limitBP), int64(c.Old)) > 0
	}
	v.Approvers = 1
	if over(p.TwoApproversAboveBP) {
		v.Approvers = 2
		v.Reasons = append(v.Reasons, fmt.Sprintf("The change of %s is more than %s: two approvers.", FormatBP(v.ChangeBP), FormatBP(p.TwoApproversAboveBP)))
	}
	if v.BelowFloor {
		v.Approvers = 2
		v.Reasons = append(v.Reasons, fmt.Sprintf("The margin of %s is below the floor of %s: two approvers.", FormatBP(v.MarginAfterBP), FormatBP(p.MarginFloorBP)))
	}
	if c.FromSync && v.Approvers == 1 {
		if over(p.AutoApproveMaxBP) {
			v.Reasons = append(v.Reasons, fmt.Sprintf("The change of %s is more than a sync may make alone (%s).", FormatBP(v.ChangeBP), FormatBP(p.AutoApproveMaxBP)))
		} else {
			v.Approvers = 0
		}
	}
	return v, nil
}

// changeBP is (new − old) / old in basis points, rounded half away from zero.
func changeBP(old, new models.Money) int {
	return int(math.Round(float64(new-old) / float64(old) * 10000))
}

// marginBP is (price − cost) / price in basis points, rounded down, so that a margin just
// under the floor never reads as the floor itself.
func marginBP(price, cost models.Money) int {
	num := new(big.Int).Mul(big.NewInt(int64(price-cost)), big.NewInt(10000))
	// Div rounds toward −∞ for a positive divisor (Euclidean), exactly.
	return int(num.Div(num, big.NewInt(int64(price))).Int64())
}

// cmpProducts compares a·b with c·d without overflow.
func cmpProducts(a, b, c, d int64) int {
	l := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	r := new(big.Int).Mul(big.NewInt(c), big.NewInt(d))
	return l.Cmp(r)
}

// FormatBP prints basis points as a percentage: 1500 → "15 %", -250 → "-2.5 %".
func FormatBP(bp int) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	s := fmt.Sprintf("%d.%02d", bp/100, bp%100)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return sign + s + " %"
}

// FormatChangeBP prints a signed change: "+15 %", "-2.5 %", "0 %".
func FormatChangeBP(bp int) string {
	if bp > 0 {
		return "+" + FormatBP(bp)
	}
	return FormatBP(bp)
}

// ParsePercent reads a percentage such as "15", "12.5", "-3", "+2.25 %" as basis points.
func ParsePercent(s string) (int, error) {
	m, err := models.ParseMoney(trimPercent(s))
	if err != nil {
		return 0, Errorf(Invalid, "Enter a percentage such as 15 or 2.5.")
	}
	// Money has four decimals; a percentage keeps two (basis points).
	if m%100 != 0 {
		return 0, Errorf(Invalid, "Use at most two decimals, such as 2.25.")
	}
	bp := int64(m) / 100
	if bp > 1_000_000 || bp < -1_000_000 {
		return 0, Errorf(Invalid, "That percentage is too large.")
	}
	return int(bp), nil
}

func trimPercent(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '%' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}
