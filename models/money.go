package models

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in ten-thousandths of a currency unit. Prices never pass through a
// float: four decimals cover distributor unit prices such as 0.0125 per piece.
type Money int64

// MoneyScale is how many Money units make one currency unit.
const MoneyScale = 10000

// ParseMoney reads a decimal amount such as "12", "12.5", "-0.0125" or "1,234.50".
func ParseMoney(s string) (Money, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, fmt.Errorf("amount is empty")
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	if len(frac) > 4 {
		return 0, fmt.Errorf("%q has more than 4 decimals", s)
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("%q is not an amount", s)
			}
		}
	}
	w := int64(0)
	if whole != "" {
		var err error
		if w, err = strconv.ParseInt(whole, 10, 64); err != nil || w > (1<<63-1)/MoneyScale {
			return 0, fmt.Errorf("%q is too large", s)
		}
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 4-len(frac)), 10, 64)
	}
	if w > (1<<63-1-f)/MoneyScale {
		return 0, fmt.Errorf("%q is too large", s)
	}
	v := w*MoneyScale + f
	if neg {
		v = -v
	}
	return Money(v), nil
}

// String prints the amount with at least two and at most four decimals: 12.50, 0.0125.
func (m Money) String() string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	frac := fmt.Sprintf("%04d", v%MoneyScale)
	frac = strings.TrimRight(frac, "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return fmt.Sprintf("%s%d.%s", sign, v/MoneyScale, frac)
}

// Format prints the amount with thousands separators and its currency: "EUR 1,234.50".
func (m Money) Format(currency string) string {
	s := m.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(currency + " " + sign + b.String() + "." + frac)
}
