package rules

import (
	"testing"

	"steward/models"
)

func TestAssessSyncProductPrices(t *testing.T) {
	p := DefaultPricingPolicy() // floor 10 %, sync 5 %, two approvers over 15 %
	cases := []struct {
		name               string
		c                  ProductPrices
		listHeld, costHeld bool
		listApprovers      int
		costApprovers      int
	}{
		{"nothing changes", ProductPrices{100000, 100000, 50000, 50000}, false, false, 0, 0},
		{"list +5 %", ProductPrices{100000, 105000, 50000, 50000}, false, false, 0, 0},
		{"list +5.01 %", ProductPrices{100000, 105010, 50000, 50000}, true, false, 1, 0},
		{"list to exactly the floor", ProductPrices{101000, 100000, 90000, 90000}, false, false, 0, 0},
		{"list just under the floor", ProductPrices{101000, 99999, 90000, 90000}, true, false, 2, 0},
		{"cost to exactly the floor", ProductPrices{100000, 100000, 89500, 90000}, false, false, 0, 0},
		{"cost just past the floor", ProductPrices{100000, 100000, 89500, 90001}, false, true, 0, 2},
		{"both within policy", ProductPrices{100000, 105000, 90000, 94000}, false, false, 0, 0},
		{"held list drags the cost with it", ProductPrices{100000, 106000, 90000, 94000}, true, true, 1, 2},
		{"held cost drags the list with it", ProductPrices{100000, 96000, 90000, 85000}, true, true, 2, 1},
		{"a held cost alone leaves the list", ProductPrices{100000, 104000, 80000, 85000}, false, true, 0, 1},
		{"zero list price", ProductPrices{100000, 0, 50000, 50000}, true, false, 2, 0},
		{"negative cost", ProductPrices{100000, 100000, 50000, -1}, false, true, 0, 2},
		{"no cost recorded: no floor", ProductPrices{100000, 104000, 0, 0}, false, false, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := AssessSyncProductPrices(p, tc.c)
			if v.ListHeld != tc.listHeld || v.CostHeld != tc.costHeld {
				t.Errorf("held list %v cost %v, want %v %v (%v / %v)", v.ListHeld, v.CostHeld, tc.listHeld, tc.costHeld, v.List.Reasons, v.Cost.Reasons)
			}
			if tc.listHeld && v.List.Approvers != tc.listApprovers || tc.costHeld && v.Cost.Approvers != tc.costApprovers {
				t.Errorf("approvers list %d cost %d, want %d %d", v.List.Approvers, v.Cost.Approvers, tc.listApprovers, tc.costApprovers)
			}
		})
	}
}

func TestCheckPriceNotMoved(t *testing.T) {
	cases := []struct {
		name           string
		hasOld, hasCur bool
		old, cur       models.Money
		wantErr        bool
	}{
		{"unchanged", true, true, 125000, 125000, false},
		{"moved by one ten-thousandth", true, true, 125000, 125001, true},
		{"a new rule has no old price", false, true, 0, 90000, false},
		{"the rule is gone", true, false, 90000, 0, false},
	}
	for _, tc := range cases {
		err := CheckPriceNotMoved(tc.hasOld, tc.old, tc.hasCur, tc.cur, "EUR")
		if (err != nil) != tc.wantErr || (err != nil && KindOf(err) != Conflict) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
