package odoo

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"steward/models"
)

const maxMoneyUnits = float64(math.MaxInt64/models.MoneyScale - 1)

// MoneyFromFloat converts an amount Odoo sent as a float to Money without float
// arithmetic: the float is printed with the shortest digits that read back as the same
// float (what Odoo, in Python, printed), rounded half away from zero to four decimals as
// text, then parsed by models.ParseMoney.
func MoneyFromFloat(f float64) (models.Money, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("amount %v is not a number", f)
	}
	// models.ParseMoney checks the whole part only, so an amount just under its limit with
	// a fraction would wrap around; stay a unit below it.
	if math.Abs(f) >= maxMoneyUnits {
		return 0, fmt.Errorf("amount %s is too large", strconv.FormatFloat(f, 'f', -1, 64))
	}
	return models.ParseMoney(roundDecimal(strconv.FormatFloat(f, 'f', -1, 64), 4))
}

// roundDecimal rounds a plain decimal string to at most n decimals.
func roundDecimal(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) <= n {
		if neg {
			return "-" + s
		}
		return s
	}
	up := frac[n] >= '5'
	digits := []byte(whole + frac[:n])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	w, f := string(digits[:len(digits)-n]), string(digits[len(digits)-n:])
	out := w + "." + f
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}
