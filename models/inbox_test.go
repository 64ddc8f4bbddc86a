package models_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// inboxFixture is seven waiting items from two channels, of every kind the filters tell
// apart, and a user to assign them to.
type inboxFixture struct {
	shop, portal models.Channel
	user         models.User
	items        []models.InboxItem
	now          time.Time
}

func newInboxFixture(t *testing.T, db *gorm.DB) inboxFixture {
	t.Helper()
	f := inboxFixture{now: time.Now().UTC()}
	f.shop = models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	f.portal = models.Channel{Name: "Portal", Kind: models.ChannelPortal, Direction: models.DirectionSource, Active: true}
	for _, ch := range []*models.Channel{&f.shop, &f.portal} {
		if err := models.CreateChannel(db, ch); err != nil {
			t.Fatal(err)
		}
	}
	f.user = models.User{Email: "sam@example.com", PasswordHash: "x", Active: true}
	if err := models.CreateUser(db, &f.user); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	specs := []struct {
		domain, reason, summary, ext string
		ch                           int64
		age                          time.Duration
		assigned                     bool
	}{
		{"product", models.ReasonOwnership, "EL-1 Cable tie 200 mm", "gid://shop/1", f.shop.ID, 40 * day, false},
		{"product", models.ReasonValidation, "EL-2 Fuse 10 A", "gid://shop/2", f.shop.ID, 10 * day, true},
		{"customer", models.ReasonValidation, "Müller Elektro GmbH", "acct-77", f.portal.ID, 3 * day, false},
		{"price", models.ReasonOwnership, "price 9.90 for product gid://shop/1", "gid://shop/pl/1", f.shop.ID, 2 * day, true},
		{"inventory", models.ReasonOwnership, "stock of product gid://shop/2", "gid://shop/inv/2", f.shop.ID, 5 * time.Hour, false},
		{"product", models.ReasonDuplicate, "EL-1 Cable tie (again)", "gid://shop/9", f.shop.ID, 2 * time.Hour, false},
		{"customer", models.ReasonOwnership, "Hansa Kabel AG", "acct-78", f.portal.ID, time.Hour, false},
	}
	for _, s := range specs {
		ch := s.ch
		it := models.InboxItem{Domain: s.domain, Reason: s.reason, ChannelID: &ch, ExternalID: s.ext, Summary: s.summary}
		if s.assigned {
			it.AssigneeID = &f.user.ID
		}
		if err := models.CreateInboxItem(db, &it); err != nil {
			t.Fatal(err)
		}
		db.Model(&models.InboxItem{}).Where("id = ?", it.ID).Update("created_at", f.now.Add(-s.age))
		f.items = append(f.items, it)
	}
	return f
}

func summaries(rows []models.InboxRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Summary)
	}
	return out
}

func TestListInboxFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		me := f.user.ID
		tests := []struct {
			name   string
			filter models.InboxFilter
			want   []string
		}{
			{"everything, oldest first", models.InboxFilter{}, []string{"EL-1 Cable tie 200 mm", "EL-2 Fuse 10 A", "Müller Elektro GmbH", "price 9.90 for product gid://shop/1", "stock of product gid://shop/2", "EL-1 Cable tie (again)", "Hansa Kabel AG"}},
			{"newest first", models.InboxFilter{Newest: true, Domain: "customer"}, []string{"Hansa Kabel AG", "Müller Elektro GmbH"}},
			{"a domain", models.InboxFilter{Domain: "product"}, []string{"EL-1 Cable tie 200 mm", "EL-2 Fuse 10 A", "EL-1 Cable tie (again)"}},
			{"a reason", models.InboxFilter{Reason: models.ReasonValidation}, []string{"EL-2 Fuse 10 A", "Müller Elektro GmbH"}},
			{"a channel", models.InboxFilter{ChannelID: f.portal.ID}, []string{"Müller Elektro GmbH", "Hansa Kabel AG"}},
			{"assigned to me", models.InboxFilter{Assignee: models.AssigneeMe, Me: me}, []string{"EL-2 Fuse 10 A", "price 9.90 for product gid://shop/1"}},
			{"assigned to a person", models.InboxFilter{Assignee: fmt.Sprint(me)}, []string{"EL-2 Fuse 10 A", "price 9.90 for product gid://shop/1"}},
			{"assigned to nobody", models.InboxFilter{Assignee: models.AssigneeNobody, Domain: "product"}, []string{"EL-1 Cable tie 200 mm", "EL-1 Cable tie (again)"}},
			{"waiting less than a day", models.InboxFilter{Age: models.AgeDay}, []string{"stock of product gid://shop/2", "EL-1 Cable tie (again)", "Hansa Kabel AG"}},
			{"waiting one to seven days", models.InboxFilter{Age: models.AgeWeek}, []string{"Müller Elektro GmbH", "price 9.90 for product gid://shop/1"}},
			{"waiting one to four weeks", models.InboxFilter{Age: models.AgeMonth}, []string{"EL-2 Fuse 10 A"}},
			{"waiting longer", models.InboxFilter{Age: models.AgeOlder}, []string{"EL-1 Cable tie 200 mm"}},
			{"search a word", models.InboxFilter{Query: "cable"}, []string{"EL-1 Cable tie 200 mm", "EL-1 Cable tie (again)"}},
			{"search folds accents and case", models.InboxFilter{Query: "MULLER"}, []string{"Müller Elektro GmbH"}},
			{"search two words", models.InboxFilter{Query: "tie again"}, []string{"EL-1 Cable tie (again)"}},
			{"search a short word", models.InboxFilter{Query: "ag"}, []string{"EL-1 Cable tie (again)", "Hansa Kabel AG"}},
			{"search an external id", models.InboxFilter{Query: "acct-78"}, []string{"Hansa Kabel AG"}},
			{"search with LIKE's wildcards", models.InboxFilter{Query: "10%"}, nil},
			{"only the domains a person decides", models.InboxFilter{Domains: []string{"price", "inventory"}}, []string{"price 9.90 for product gid://shop/1", "stock of product gid://shop/2"}},
			{"no domain to decide", models.InboxFilter{Domains: []string{}}, nil},
			{"up to an id", models.InboxFilter{MaxID: f.items[1].ID}, []string{"EL-1 Cable tie 200 mm", "EL-2 Fuse 10 A"}},
			{"search and filters together", models.InboxFilter{Query: "cable", Reason: models.ReasonDuplicate}, []string{"EL-1 Cable tie (again)"}},
		}
		for _, tt := range tests {
			tt.filter.Now = f.now
			page, err := models.ListInbox(db, tt.filter)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got := summaries(page.Items); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
			}
			if n, _ := models.CountInbox(db, tt.filter); n != int64(len(tt.want)) {
				t.Errorf("%s: CountInbox %d, want %d", tt.name, n, len(tt.want))
			}
		}
		// Rows carry the names a person reads.
		page, _ := models.ListInbox(db, models.InboxFilter{Assignee: models.AssigneeMe, Me: me, Now: f.now})
		if page.Items[0].ChannelName != "Shop" || page.Items[0].AssigneeName != "sam@example.com" {
			t.Errorf("row names %+v", page.Items[0])
		}
		// A decided item leaves the list.
		it := f.items[0]
		if err := models.DecideInboxItem(db, &it, models.Actor{Name: "sam"}, models.InboxDecision{Status: models.InboxRejected, Note: "no"}); err != nil {
			t.Fatal(err)
		}
		if n, _ := models.CountInbox(db, models.InboxFilter{Now: f.now}); n != 6 {
			t.Errorf("%d waiting after a decision, want 6", n)
		}
	})
}

func TestInboxCountsPerReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		// The counts ignore the filter's own reason: each tab shows what it would hold.
		c, err := models.CountInboxByReason(db, models.InboxFilter{Reason: models.ReasonValidation, Domain: "product", Now: f.now})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{models.ReasonOwnership: 1, models.ReasonValidation: 1, models.ReasonDuplicate: 1}
		if c.All != 3 || c.Capped || len(c.By) != len(want) {
			t.Errorf("counts %+v", c)
		}
		for r, n := range want {
			if c.By[r] != n {
				t.Errorf("%s: %d, want %d", r, c.By[r], n)
			}
		}
		if c, _ := models.CountInboxByReason(db, models.InboxFilter{Query: "cable", Now: f.now}); c.All != 2 || c.By[models.ReasonDuplicate] != 1 {
			t.Errorf("counts of a search %+v", c)
		}
	})
}

func TestListInboxPagesBothWays(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		for _, newest := range []bool{false, true} {
			// "gid" matches five items through the trigram index; "e" six, by LIKE alone.
			for _, query := range []string{"", "gid", "e"} {
				filter := models.InboxFilter{Newest: newest, Query: query, Now: f.now}
				all, _ := models.ListInbox(db, filter)
				var seen []string
				var pages []models.InboxPage
				req := models.PageRequest{Size: 3}
				for {
					filter.Page = req
					p, err := models.ListInbox(db, filter)
					if err != nil {
						t.Fatal(err)
					}
					pages = append(pages, p)
					seen = append(seen, summaries(p.Items)...)
					if p.Next == "" {
						break
					}
					req = models.PageRequest{Size: 3, After: p.Next}
				}
				if !slices.Equal(seen, summaries(all.Items)) || len(pages) != (len(all.Items)+2)/3 || pages[0].Prev != "" {
					t.Errorf("newest=%v q=%q: forward pages %q, want %q", newest, query, seen, summaries(all.Items))
				}
				// Back from the last page to the first.
				last := pages[len(pages)-1]
				filter.Page = models.PageRequest{Size: 3, Before: last.Prev}
				back, err := models.ListInbox(db, filter)
				want := pages[len(pages)-2]
				if err != nil || !slices.Equal(summaries(back.Items), summaries(want.Items)) || back.Next == "" || (back.Prev != "") != (len(pages) > 2) {
					t.Errorf("newest=%v q=%q: back %q (prev %q), want %q", newest, query, summaries(back.Items), back.Prev, summaries(want.Items))
				}
			}
		}
		next, err := models.NextInboxItem(db, models.InboxFilter{Now: f.now}, f.items[2].ID)
		if err != nil || next != f.items[3].ID {
			t.Errorf("next item after %d: %d %v", f.items[2].ID, next, err)
		}
		if after, _ := models.InboxItemsAfter(db, models.InboxFilter{Domain: "product", Now: f.now}, f.items[0].ID, 10); len(after) != 2 {
			t.Errorf("items after the first: %d", len(after))
		}
	})
}

func TestInboxDecisionsAndAssignment(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		it := f.items[2]
		if err := models.AssignInboxItem(db, it.ID, &f.user.ID); err != nil {
			t.Fatal(err)
		}
		seen := it // as a second person read it
		who := models.Actor{ID: f.user.ID, Name: "sam@example.com"}
		edits := []models.FieldEdit{{Field: "tax_id", Source: "DE1", Steward: "DE136695976", Owner: "odoo", SendBack: true}}
		if err := models.DecideInboxItem(db, &it, who, models.InboxDecision{Status: models.InboxApproved, Edits: edits}); err != nil {
			t.Fatal(err)
		}
		if err := models.DecideInboxItem(db, &seen, models.Actor{Name: "kim"}, models.InboxDecision{Status: models.InboxRejected, Note: "no"}); !errors.Is(err, models.ErrStale) {
			t.Errorf("a second decision: %v, want ErrStale", err)
		}
		got, _ := models.InboxItemByID(db, it.ID)
		if got.Status != models.InboxApproved || got.Version != 2 || got.DecidedBy != "sam@example.com" || got.DecidedByID == nil || got.DecidedAt == nil ||
			!slices.Equal(got.EditList(), edits) || got.AssigneeID == nil {
			t.Errorf("decided item %+v", got)
		}
		if err := models.AssignInboxItem(db, it.ID, nil); !errors.Is(err, models.ErrStale) {
			t.Errorf("assigning a decided item: %v", err)
		}
		sum, err := models.SummarizeInbox(db, f.now.Add(-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if sum.DecidedSince != 1 || len(sum.Reasons) != len(models.Reasons) {
			t.Fatalf("summary %+v", sum)
		}
		byReason := map[string]models.ReasonSummary{}
		for _, r := range sum.Reasons {
			byReason[r.Reason] = r
		}
		if v := byReason[models.ReasonValidation]; v.Count != 1 || v.Oldest == nil || v.Oldest.Summary != "EL-2 Fuse 10 A" || v.Oldest.Kind != "product" {
			t.Errorf("validation %+v", v)
		}
		if o := byReason[models.ReasonOwnership]; o.Count != 4 || o.Oldest.Summary != "EL-1 Cable tie 200 mm" || time.Since(o.Oldest.CreatedAt) < 39*24*time.Hour {
			t.Errorf("ownership %+v", o)
		}
		if d := byReason[models.ReasonDrift]; d.Count != 0 || d.Oldest != nil {
			t.Errorf("drift %+v", d)
		}
	})
}

func TestBulkRunProgress(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newInboxFixture(t, db)
		filter := models.InboxFilter{Domain: "product", Domains: []string{"product"}, MaxID: f.items[5].ID, Now: f.now}
		run := models.BulkRun{Action: models.BulkReject, Reason: "shop test data", StartedBy: "sam@example.com", StartedByID: &f.user.ID, Total: 3}
		if err := models.CreateBulkRun(db, &run, filter); err != nil {
			t.Fatal(err)
		}
		if err := models.StartBulkRun(db, run.ID); err != nil {
			t.Fatal(err)
		}
		var problems []string
		for i := 0; i < 60; i++ {
			problems = append(problems, fmt.Sprintf("item %d failed", i))
		}
		if err := models.AdvanceBulkRun(db, run.ID, f.items[1].ID, models.BulkTally{Decided: 1, Skipped: 1, Problems: problems[:30]}); err != nil {
			t.Fatal(err)
		}
		if err := models.AdvanceBulkRun(db, run.ID, f.items[5].ID, models.BulkTally{Failed: 1, Problems: problems[30:]}); err != nil {
			t.Fatal(err)
		}
		got, _ := models.BulkRunByID(db, run.ID)
		if got.Status != models.RunRunning || got.Done() != 3 || got.LastItemID != f.items[5].ID || len(got.ProblemList()) != 50 || got.Progress() != 100 {
			t.Errorf("run %+v", got)
		}
		back, err := got.InboxFilter()
		if err != nil || back.Domain != "product" || back.MaxID != f.items[5].ID || !slices.Equal(back.Domains, []string{"product"}) {
			t.Errorf("stored filter %+v %v", back, err)
		}
		if err := models.FinishBulkRun(db, run.ID, errors.New("database went away")); err != nil {
			t.Fatal(err)
		}
		if got, _ := models.BulkRunByID(db, run.ID); got.Status != models.RunFailed || !strings.Contains(got.Error, "went away") || got.FinishedAt == nil {
			t.Errorf("finished run %+v", got)
		}
	})
}

func TestRolesOfUser(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		u := models.User{Email: "kim@example.com", PasswordHash: "x", Active: true}
		if err := models.CreateUser(db, &u); err != nil {
			t.Fatal(err)
		}
		if err := models.SetRoles(db, u.ID, []string{rules.RolePricingSteward, rules.RoleSteward}); err != nil {
			t.Fatal(err)
		}
		if roles, err := models.RolesOfUser(db, u.ID); err != nil || !slices.Equal(roles, []string{rules.RolePricingSteward, rules.RoleSteward}) {
			t.Errorf("roles %v %v", roles, err)
		}
	})
}
