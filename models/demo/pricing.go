package demo

import (
	"math/rand/v2"
	"time"

	"steward/models"
)

func demoPriceLists() []models.PriceList {
	return []models.PriceList{
		{Name: "Standard EUR", Currency: "EUR", Active: true, Version: 1},
		{Name: "Wholesale EUR", Currency: "EUR", Active: true, Version: 1},
		{Name: "Export USD", Currency: "USD", Active: true, Version: 1},
	}
}

func demoLocations() []models.Location {
	return []models.Location{
		{Code: "WH-NORTH", Name: "Hamburg central warehouse", Version: 1},
		{Code: "WH-SOUTH", Name: "Munich warehouse", Version: 1},
	}
}

// eurToUSD is the demo's fixed exchange rate, in percent.
const eurToUSD = 108

// priceRules gives most products a price on the standard and wholesale lists, some on the
// export list, quantity breaks on a share of them, and contract prices for a few hundred
// (customer, product) pairs.
func priceRules(r *rand.Rand, now time.Time, products []models.Product, accounts []*account) []rule {
	var out []rule
	add := func(list, product, customer int, minQty float64, price models.Money) {
		out = append(out, rule{
			m:    models.PriceRule{MinQuantity: minQty, Price: price, Version: 1},
			list: list, product: product, customer: customer,
		})
	}
	floor := func(p models.Product, price models.Money) models.Money {
		return max(price, p.Cost*105/100/100*100) // never below cost plus 5 %
	}
	for i, p := range products {
		if p.LifecycleStatus == models.LifecycleDraft {
			continue
		}
		if chance(r, 80) {
			add(listStandard, i, -1, 0, p.ListPrice)
			if chance(r, 15) {
				add(listStandard, i, -1, 10, floor(p, cents(p.ListPrice*95/100)))
				add(listStandard, i, -1, 100, floor(p, cents(p.ListPrice*88/100)))
			}
		}
		if chance(r, 65) {
			w := floor(p, cents(p.ListPrice*models.Money(82+r.IntN(9))/100))
			add(listWholesale, i, -1, 0, w)
			if chance(r, 10) {
				add(listWholesale, i, -1, 10, floor(p, cents(w*96/100)))
				add(listWholesale, i, -1, 100, floor(p, cents(w*90/100)))
			}
		}
		if p.Active && chance(r, 35) {
			add(listExport, i, -1, 0, export(p.ListPrice*105/100))
		}
	}

	// Contract prices: negotiated per customer, many for a fixed period.
	seen := map[[2]int]bool{}
	for pairs, tries := 0, 0; pairs < 400 && tries < 5000; tries++ {
		ci := r.IntN(len(accounts))
		a := accounts[ci]
		if a.dupOf >= 0 || !a.m.Active {
			continue
		}
		list := a.priceList
		if list < 0 {
			list = listStandard
		}
		for range 1 + r.IntN(6) {
			pi := r.IntN(len(products))
			p := products[pi]
			if seen[[2]int{ci, pi}] || !p.Active || p.LifecycleStatus == models.LifecycleDraft {
				continue
			}
			seen[[2]int{ci, pi}] = true
			pairs++
			price := floor(p, cents(p.ListPrice*models.Money(70+r.IntN(16))/100))
			if list == listExport {
				price = export(price)
			}
			minQty := 0.0
			if chance(r, 15) {
				minQty = 50
			}
			if chance(r, 10) { // the contract before this one, now expired
				add(list, pi, ci, minQty, price*103/100/100*100)
				from, to := dates(r, now, "expired")
				out[len(out)-1].m.ValidFrom, out[len(out)-1].m.ValidTo = from, to
			}
			add(list, pi, ci, minQty, price)
			switch n := r.IntN(100); {
			case n < 25:
				out[len(out)-1].m.ValidFrom, out[len(out)-1].m.ValidTo = dates(r, now, "current")
			case n < 35:
				out[len(out)-1].m.ValidFrom, out[len(out)-1].m.ValidTo = dates(r, now, "expired")
			case n < 45:
				out[len(out)-1].m.ValidFrom, out[len(out)-1].m.ValidTo = dates(r, now, "future")
			}
		}
	}
	for i := range out {
		out[i].m.CreatedAt = between(r, now, 400*day, 5*day)
		out[i].m.UpdatedAt = out[i].m.CreatedAt
	}
	return out
}

// cents rounds a price down to whole cents.
func cents(m models.Money) models.Money { return m / 100 * 100 }

// export converts a EUR price to USD and rounds it to 5 cents, as export lists do.
func export(eur models.Money) models.Money {
	return max(eur*eurToUSD/100/500*500, 500)
}

// dates gives a validity period that has ended, is running, or starts next month.
func dates(r *rand.Rand, now time.Time, when string) (from, to *time.Time) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var f, t time.Time
	switch when {
	case "expired":
		f = today.AddDate(0, 0, -400-r.IntN(100))
		t = today.AddDate(0, 0, -10-r.IntN(50))
	case "current":
		f = today.AddDate(0, 0, -30-r.IntN(270))
		t = today.AddDate(0, 0, 30+r.IntN(335))
	default:
		f = time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		t = f.AddDate(1, 0, -1)
	}
	return &f, &t
}

// inventory stocks most products in the north warehouse and many in the south one.
func inventory(r *rand.Rand, products []models.Product) []stock {
	var out []stock
	for i, p := range products {
		if p.LifecycleStatus == models.LifecycleDraft {
			continue
		}
		for loc, share := range []int{92, 65} {
			if !chance(r, share) {
				continue
			}
			onHand := quantity(r, p)
			reserved := 0.0
			if onHand > 0 && chance(r, 40) {
				reserved = float64(int(onHand * r.Float64() * 0.3))
			}
			out = append(out, stock{
				m:       models.InventoryLevel{OnHand: onHand, Reserved: reserved, Version: 1},
				product: i, location: loc,
			})
		}
	}
	return out
}

// quantity is a stock level in the product's unit: whole pieces, metres in part-used
// drums, kilograms to one decimal. Most items hold little stock, a few hold a lot.
func quantity(r *rand.Rand, p models.Product) float64 {
	f := r.Float64()
	f *= f
	if p.LifecycleStatus == models.LifecycleDiscontinued {
		f /= 25
	}
	switch p.UoM {
	case "M":
		return float64(int(f*5000)) + []float64{0, 0, 0.5}[r.IntN(3)]
	case "KG":
		return round(f*250, 1)
	}
	return float64(int(f * 600))
}
