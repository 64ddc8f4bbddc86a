package rules

import (
	"math/big"

	"steward/models"
)

// AdjustPrice moves a price by bp basis points ("+3 % for this brand"), rounded half away
// from zero to the cent, or to the ten-thousandth for prices under one unit, where a cent
// would be a large part of the price.
func AdjustPrice(m models.Money, bp int) models.Money {
	unit := int64(100)
	if m < models.MoneyScale && m > -models.MoneyScale {
		unit = 1
	}
	num := new(big.Int).Mul(big.NewInt(int64(m)), big.NewInt(int64(10000+bp)))
	den := big.NewInt(10000 * unit)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	// Round half away from zero: |2r| ≥ den moves q one step away from zero.
	twice := new(big.Int).Abs(new(big.Int).Mul(r, big.NewInt(2)))
	if twice.Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return models.Money(q.Int64() * unit)
}
