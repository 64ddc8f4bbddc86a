package edi

import (
	"fmt"
	"strings"
	"time"

	"steward/rules/channelmap"
)

// catalog832 is the body of an 832 price/sales catalog: BCT, effective date, currency, the
// buyer it is for, then per item LIN (vendor item number and GTIN), PID (description), CTP
// (contract or catalog price, from quantity, unit) and validity dates; CTT counts the items.
func catalog832(c Config, lines []channelmap.EDILine, at time.Time, ref string) []Segment {
	segs := []Segment{
		{"BCT", "PC", ref},
		{"DTM", "007", at.Format("20060102")},
	}
	if currency := catalogCurrency(c, lines); currency != "" {
		segs = append(segs, Segment{"CUR", "SE", currency})
	}
	// N1 names the buyer by name, by code, or both; N103 and N104 only go together.
	switch buyer := (Segment{"N1", "BY", clip(c.PartnerName, 60)}); {
	case c.CustomerCode != "":
		segs = append(segs, append(buyer, "91", clip(c.CustomerCode, 80)))
	case c.PartnerName != "":
		segs = append(segs, buyer)
	}
	for i, l := range lines {
		segs = append(segs, lin(i+1, l))
		if l.Description != "" {
			segs = append(segs, Segment{"PID", "F", "", "", "", clip(l.Description, 80)})
		}
		kind := "CAT" // catalog price
		if l.Contract {
			kind = "CON" // contract price: this customer's own
		}
		segs = append(segs, Segment{"CTP", "", kind, l.Price, l.MinQuantity, l.UoM})
		if l.ValidFrom != "" {
			segs = append(segs, Segment{"DTM", "007", strings.ReplaceAll(l.ValidFrom, "-", "")})
		}
		if l.ValidTo != "" {
			segs = append(segs, Segment{"DTM", "036", strings.ReplaceAll(l.ValidTo, "-", "")})
		}
	}
	return append(segs, Segment{"CTT", fmt.Sprint(len(lines))})
}

// catalogCurrency is the one currency of an 832 (its CUR segment applies to every line):
// the channel's, else the first line's.
func catalogCurrency(c Config, lines []channelmap.EDILine) string {
	if c.Currency != "" {
		return c.Currency
	}
	for _, l := range lines {
		if l.Currency != "" {
			return l.Currency
		}
	}
	return ""
}

// advice846 is the body of an 846 inventory advice: BIA (original, distributor inventory
// report), then per item LIN, PID and QTY 33 (quantity available for sale); CTT counts them.
func advice846(lines []channelmap.EDILine, at time.Time, ref string) []Segment {
	segs := []Segment{{"BIA", "00", "DD", ref, at.Format("20060102"), at.Format("1504")}}
	for i, l := range lines {
		segs = append(segs, lin(i+1, l))
		if l.Description != "" {
			segs = append(segs, Segment{"PID", "F", "", "", "", clip(l.Description, 80)})
		}
		segs = append(segs, Segment{"QTY", "33", l.Quantity, l.UoM})
	}
	return append(segs, Segment{"CTT", fmt.Sprint(len(lines))})
}

// lin names an item by the vendor's number and, when known, its GTIN under the qualifier
// its length calls for (UPC-A, EAN-13, GTIN-14).
func lin(n int, l channelmap.EDILine) Segment {
	s := Segment{"LIN", fmt.Sprint(n), "VN", clip(l.SKU, 48)}
	switch len(l.GTIN) {
	case 12:
		s = append(s, "UP", l.GTIN)
	case 13:
		s = append(s, "EN", l.GTIN)
	case 14:
		s = append(s, "UK", l.GTIN)
	}
	return s
}

// clip keeps text within an element's maximum length, on a character boundary.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
