package rules

import (
	"strings"
	"testing"
	"time"

	"steward/models"
)

func money(s string) models.Money {
	m, err := models.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func TestAssessPriceChange(t *testing.T) {
	p := DefaultPricingPolicy() // floor 10 %, sync alone ≤ 5 %, two approvers > 15 %
	tests := []struct {
		name          string
		c             PriceChange
		wantApprovers int
		wantBelow     bool
		wantChange    int
		wantMargin    [2]int // before, after
		wantErr       string
	}{
		{"zero price refused", PriceChange{Kind: PriceList, HasOld: true, Old: money("10"), New: 0}, 0, false, 0, [2]int{}, "above zero"},
		{"negative price refused", PriceChange{Kind: PriceRule, New: money("-1")}, 0, false, 0, [2]int{}, "above zero"},
		{"negative cost refused", PriceChange{Kind: PriceCost, HasOld: true, Old: money("5"), New: money("-0.01"), Sell: money("10")}, 0, false, 0, [2]int{}, "negative"},
		{"zero cost allowed", PriceChange{Kind: PriceCost, HasOld: true, Old: money("5"), New: 0, Sell: money("10")}, 2, false, -10000, [2]int{5000, 0}, ""},
		// Size of change: 15 % exactly needs one approver, a hair more needs two.
		{"+15 % exactly: one approver", PriceChange{Kind: PriceList, HasOld: true, Old: money("100"), New: money("115"), Cost: money("50")}, 1, false, 1500, [2]int{5000, 5652}, ""},
		{"+15.0001 %: two approvers", PriceChange{Kind: PriceList, HasOld: true, Old: money("100"), New: money("115.0001"), Cost: money("50")}, 2, false, 1500, [2]int{5000, 5652}, ""},
		{"-15 % exactly: one approver", PriceChange{Kind: PriceList, HasOld: true, Old: money("100"), New: money("85"), Cost: money("50")}, 1, false, -1500, [2]int{5000, 4117}, ""},
		{"-15.0001 %: two approvers", PriceChange{Kind: PriceList, HasOld: true, Old: money("100"), New: money("84.9999"), Cost: money("50")}, 2, false, -1500, [2]int{5000, 4117}, ""},
		// Margin floor: exactly 10 % passes, just under is below.
		{"margin exactly at floor", PriceChange{Kind: PriceRule, HasOld: true, Old: money("10"), New: money("10"), Cost: money("9")}, 1, false, 0, [2]int{1000, 1000}, ""},
		{"margin just under floor", PriceChange{Kind: PriceRule, HasOld: true, Old: money("10"), New: money("9.9999"), Cost: money("9")}, 2, true, 0, [2]int{1000, 999}, ""},
		{"cost change breaks floor", PriceChange{Kind: PriceCost, HasOld: true, Old: money("8"), New: money("9.01"), Sell: money("10")}, 2, true, 1263, [2]int{2000, 990}, ""},
		{"no cost recorded: floor not judged", PriceChange{Kind: PriceList, HasOld: true, Old: money("10"), New: money("10.5")}, 1, false, 500, [2]int{}, ""},
		{"new rule without old price", PriceChange{Kind: PriceRule, New: money("12"), Cost: money("6")}, 1, false, 0, [2]int{5000, 5000}, ""},
		// Sync changes: up to 5 % apply alone, more waits, below floor always waits.
		{"sync +5 % exactly applies", PriceChange{Kind: PriceRule, HasOld: true, Old: money("100"), New: money("105"), Cost: money("50"), FromSync: true}, 0, false, 500, [2]int{5000, 5238}, ""},
		{"sync +5.0001 % waits", PriceChange{Kind: PriceRule, HasOld: true, Old: money("100"), New: money("105.0001"), Cost: money("50"), FromSync: true}, 1, false, 500, [2]int{5000, 5238}, ""},
		{"sync -20 % needs two", PriceChange{Kind: PriceRule, HasOld: true, Old: money("100"), New: money("80"), Cost: money("50"), FromSync: true}, 2, false, -2000, [2]int{5000, 3750}, ""},
		{"sync cut under floor held", PriceChange{Kind: PriceRule, HasOld: true, Old: money("10"), New: money("9.80"), Cost: money("9"), FromSync: true}, 2, true, -200, [2]int{1000, 816}, ""},
		{"sync new rule within floor applies", PriceChange{Kind: PriceRule, New: money("12"), Cost: money("6"), FromSync: true}, 0, false, 0, [2]int{5000, 5000}, ""},
		{"sync new rule under floor held", PriceChange{Kind: PriceRule, New: money("6.5"), Cost: money("6"), FromSync: true}, 2, true, 0, [2]int{769, 769}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := AssessPriceChange(p, tt.c)
			if tt.wantErr != "" {
				if err == nil || KindOf(err) != Invalid || !strings.Contains(err.(*Error).Fields["new_price"], tt.wantErr) {
					t.Fatalf("err = %v, want invalid new_price %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.Approvers != tt.wantApprovers || v.BelowFloor != tt.wantBelow || v.ChangeBP != tt.wantChange {
				t.Errorf("approvers %d below %v change %d, want %d %v %d (%v)", v.Approvers, v.BelowFloor, v.ChangeBP, tt.wantApprovers, tt.wantBelow, tt.wantChange, v.Reasons)
			}
			if v.HasMargin && (v.MarginBeforeBP != tt.wantMargin[0] || v.MarginAfterBP != tt.wantMargin[1]) {
				t.Errorf("margins %d → %d, want %v", v.MarginBeforeBP, v.MarginAfterBP, tt.wantMargin)
			}
			if v.Approvers > 0 && tt.c.FromSync && len(v.Reasons) == 0 {
				t.Error("a held sync change says no reason")
			}
		})
	}
}

func TestCheckPricingPolicy(t *testing.T) {
	ok := DefaultPricingPolicy()
	tests := []struct {
		name  string
		edit  func(*PricingPolicy)
		field string // "" = valid
	}{
		{"default", func(*PricingPolicy) {}, ""},
		{"floor 0", func(p *PricingPolicy) { p.MarginFloorBP = 0 }, ""},
		{"floor 99.99 %", func(p *PricingPolicy) { p.MarginFloorBP = 9999 }, ""},
		{"floor 100 %", func(p *PricingPolicy) { p.MarginFloorBP = 10000 }, "margin_floor"},
		{"floor negative", func(p *PricingPolicy) { p.MarginFloorBP = -1 }, "margin_floor"},
		{"auto equal to two-approver limit", func(p *PricingPolicy) { p.AutoApproveMaxBP = 1500 }, ""},
		{"auto above two-approver limit", func(p *PricingPolicy) { p.AutoApproveMaxBP = 1501 }, "auto_approve_max"},
		{"auto negative", func(p *PricingPolicy) { p.AutoApproveMaxBP = -1 }, "auto_approve_max"},
		{"two approvers negative", func(p *PricingPolicy) { p.TwoApproversAboveBP = -1 }, "two_approvers_above"},
		{"weekday at once", func(p *PricingPolicy) { p.EffectiveWeekday = -1 }, ""},
		{"weekday Saturday", func(p *PricingPolicy) { p.EffectiveWeekday = 6 }, ""},
		{"weekday 7", func(p *PricingPolicy) { p.EffectiveWeekday = 7 }, "effective_weekday"},
		{"weekday -2", func(p *PricingPolicy) { p.EffectiveWeekday = -2 }, "effective_weekday"},
		{"expiry never", func(p *PricingPolicy) { p.ExpiryDays = 0 }, ""},
		{"expiry 365", func(p *PricingPolicy) { p.ExpiryDays = 365 }, ""},
		{"expiry 366", func(p *PricingPolicy) { p.ExpiryDays = 366 }, "expiry_days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			err := CheckPricingPolicy(p)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, isErr := err.(*Error)
			if !isErr || e.Fields[tt.field] == "" {
				t.Fatalf("err = %v, want a message on %s", err, tt.field)
			}
		})
	}
}

func TestEffectiveAt(t *testing.T) {
	monday := DefaultPricingPolicy()
	atOnce := monday
	atOnce.EffectiveWeekday = -1
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			panic(err)
		}
		return v
	}
	later := d("2026-12-20 00:00")
	earlier := d("2026-11-28 00:00")
	tests := []struct {
		name      string
		p         PricingPolicy
		approved  time.Time
		requested *time.Time
		want      time.Time
	}{
		{"Friday → next Monday", monday, d("2026-11-27 09:00"), nil, d("2026-11-30 00:00")},
		{"Sunday 23:59 → Monday", monday, d("2026-11-29 23:59"), nil, d("2026-11-30 00:00")},
		{"Monday 00:00 → a week later", monday, d("2026-11-30 00:00"), nil, d("2026-12-07 00:00")},
		{"at once", atOnce, d("2026-11-27 09:00"), nil, d("2026-11-27 09:00")},
		{"later requested date wins", monday, d("2026-11-27 09:00"), &later, later},
		{"earlier requested date loses", monday, d("2026-11-27 09:00"), &earlier, d("2026-11-30 00:00")},
	}
	for _, tt := range tests {
		if got := EffectiveAt(tt.p, tt.approved, tt.requested); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestProposalExpiry(t *testing.T) {
	p := DefaultPricingPolicy()
	created := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	exp := ProposalExpiry(p, created)
	if exp == nil || !exp.Equal(created.AddDate(0, 0, 14)) {
		t.Fatalf("expiry = %v", exp)
	}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{exp.Add(-time.Nanosecond), ""},
		{*exp, ProposalExpired},
		{exp.Add(time.Hour), ProposalExpired},
	} {
		if got := ExpiryStatus(exp, tt.now); got != tt.want {
			t.Errorf("at %v: %q, want %q", tt.now, got, tt.want)
		}
	}
	p.ExpiryDays = 0
	if ProposalExpiry(p, created) != nil || ExpiryStatus(nil, created.AddDate(5, 0, 0)) != "" {
		t.Error("a policy without expiry let a proposal lapse")
	}
}

func TestCheckApproval(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	past := now.Add(-time.Minute)
	future := now.Add(time.Minute)
	const proposer, manager, other = 1, 2, 3
	tests := []struct {
		name     string
		s        ProposalState
		approver int64
		want     Kind // Internal = allowed
	}{
		{"another person approves", ProposalState{Status: ProposalPending, ProposerID: proposer, Needed: 1}, manager, Internal},
		{"proposer approves own", ProposalState{Status: ProposalPending, ProposerID: proposer, Needed: 1}, proposer, Forbidden},
		{"proposer approves own two-approver change", ProposalState{Status: ProposalPending, ProposerID: proposer, Needed: 2, Approvers: []int64{manager}}, proposer, Forbidden},
		{"same approver twice", ProposalState{Status: ProposalPending, ProposerID: proposer, Needed: 2, Approvers: []int64{manager}}, manager, Forbidden},
		{"second distinct approver", ProposalState{Status: ProposalPending, ProposerID: proposer, Needed: 2, Approvers: []int64{manager}}, other, Internal},
		{"sync proposal, anyone", ProposalState{Status: ProposalPending, Needed: 1}, manager, Internal},
		{"nobody signed in", ProposalState{Status: ProposalPending, Needed: 1}, 0, Forbidden},
		{"already approved", ProposalState{Status: ProposalApproved, ProposerID: proposer}, manager, Conflict},
		{"rejected", ProposalState{Status: ProposalRejected, ProposerID: proposer}, manager, Conflict},
		{"lapsed", ProposalState{Status: ProposalPending, ProposerID: proposer, ExpiresAt: &past}, manager, Conflict},
		{"not yet lapsed", ProposalState{Status: ProposalPending, ProposerID: proposer, ExpiresAt: &future}, manager, Internal},
	}
	for _, tt := range tests {
		err := CheckApproval(tt.s, tt.approver, now)
		if tt.want == Internal {
			if err != nil {
				t.Errorf("%s: refused: %v", tt.name, err)
			}
			continue
		}
		if err == nil || KindOf(err) != tt.want {
			t.Errorf("%s: err = %v, want kind %d", tt.name, err, tt.want)
		}
	}
	for _, tt := range []struct {
		needed, given int
		want          bool
	}{{1, 0, false}, {1, 1, true}, {2, 1, false}, {2, 2, true}, {0, 1, true}, {0, 0, false}} {
		if got := ApprovalComplete(tt.needed, tt.given); got != tt.want {
			t.Errorf("ApprovalComplete(%d, %d) = %v", tt.needed, tt.given, got)
		}
	}
	if err := CheckPriceRejection(ProposalState{Status: ProposalPending}, " ", now); KindOf(err) != Invalid {
		t.Errorf("rejection without reason: %v", err)
	}
	if err := CheckPriceRejection(ProposalState{Status: ProposalPending}, "supplier withdrew", now); err != nil {
		t.Errorf("rejection with reason: %v", err)
	}
}

func TestPriceConflict(t *testing.T) {
	c7 := int64(7)
	if PriceKey(PriceRule, 1, 2, &c7, 10) == PriceKey(PriceRule, 1, 2, nil, 10) {
		t.Error("a customer's rule and the general rule share a key")
	}
	if PriceKey(PriceRule, 1, 2, nil, 10) == PriceKey(PriceRule, 1, 2, nil, 0) {
		t.Error("two quantity breaks share a key")
	}
	if PriceKey(PriceList, 1, 0, nil, 0) == PriceKey(PriceCost, 1, 0, nil, 0) {
		t.Error("list price and cost share a key")
	}
	if err := CheckPriceConflict(nil); err != nil {
		t.Error(err)
	}
	if err := CheckPriceConflict([]int64{12}); KindOf(err) != Conflict || !strings.Contains(err.Error(), "#12") {
		t.Errorf("conflict = %v", err)
	}
}

func TestAdjustPrice(t *testing.T) {
	for _, tt := range []struct {
		price string
		bp    int
		want  string
	}{
		{"100", 300, "103.00"},
		{"12.50", 300, "12.88"},    // 12.875 rounds half up
		{"12.49", 300, "12.86"},    // 12.8647
		{"0.0125", 1000, "0.0138"}, // 0.01375 rounds half up at four decimals under one unit
		{"10", -1000, "9.00"},
		{"19.99", -333, "19.32"}, // 19.3243
		{"10", 0, "10.00"},
	} {
		if got := AdjustPrice(money(tt.price), tt.bp).String(); got != tt.want {
			t.Errorf("%s %+d bp = %s, want %s", tt.price, tt.bp, got, tt.want)
		}
	}
}

func TestParsePercent(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{{"15", 1500, true}, {"12.5", 1250, true}, {"-3", -300, true}, {"+2.25 %", 225, true}, {"2.255", 0, false}, {"abc", 0, false}, {"", 0, false}} {
		got, err := ParsePercent(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePercent(%q) = %d, %v", tt.in, got, err)
		}
	}
	if FormatBP(1500) != "15 %" || FormatBP(-250) != "-2.5 %" || FormatChangeBP(1) != "+0.01 %" || FormatBP(0) != "0 %" {
		t.Errorf("FormatBP: %q %q %q %q", FormatBP(1500), FormatBP(-250), FormatChangeBP(1), FormatBP(0))
	}
}

func TestPriceChannels(t *testing.T) {
	ch := func(id int64, public bool, dir string, active bool) models.Channel {
		return models.Channel{ID: id, Name: "c", Public: public, Direction: dir, Active: active}
	}
	all := []models.Channel{
		ch(1, false, models.DirectionBoth, true),        // Odoo, written back already
		ch(2, true, models.DirectionDestination, true),  // Shopify storefront
		ch(3, false, models.DirectionDestination, true), // B2B portal
		ch(4, false, models.DirectionDestination, true), // EDI partner of another customer
		ch(5, false, models.DirectionSource, true),      // a source only
		ch(6, false, models.DirectionDestination, false),
		ch(7, true, models.DirectionDestination, true), // a storefront that (wrongly) holds the customer
	}
	ids := func(cs []models.Channel) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	skip := map[int64]bool{1: true}
	if got := ids(PriceChannels(all, false, nil, skip)); !equalIDs(got, []int64{2, 3, 4, 7}) {
		t.Errorf("general price went to %v", got)
	}
	carriers := map[int64]bool{3: true, 7: true, 5: true, 6: true}
	if got := ids(PriceChannels(all, true, carriers, skip)); !equalIDs(got, []int64{3}) {
		t.Errorf("customer price went to %v, want only the portal that carries the customer", got)
	}
	if got := PriceChannels(all, true, nil, nil); len(got) != 0 {
		t.Errorf("customer price with no carrier went to %v", ids(got))
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
