package models_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func newProduct(sku, name string) *models.Product {
	return &models.Product{SKU: sku, Name: name, UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true, ListPrice: 125000, Cost: 80000}
}

func TestProductListPagesBothWays(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		// 7 products, two sharing a name, so the keyset must order by (name, id).
		names := []string{"Anchor bolt", "Cable tie", "Cable tie", "Drill bit", "End cap", "Fuse", "Gasket"}
		for i, n := range names {
			if err := models.CreateProduct(db, newProduct(fmt.Sprintf("SKU-%d", i), n)); err != nil {
				t.Fatal(err)
			}
		}
		var seen []string
		req := models.PageRequest{Size: 3}
		var pages []models.Page[models.Product]
		for {
			p, err := models.ListProducts(db, models.ProductFilter{Page: req})
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, p)
			for _, it := range p.Items {
				seen = append(seen, it.SKU)
			}
			if p.Next == "" {
				break
			}
			req = models.PageRequest{Size: 3, After: p.Next}
		}
		want := []string{"SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6"}
		if fmt.Sprint(seen) != fmt.Sprint(want) {
			t.Fatalf("forward pages gave %v, want %v", seen, want)
		}
		if len(pages) != 3 || pages[0].Prev != "" || pages[1].Prev == "" || pages[0].Total != 7 {
			t.Fatalf("page cursors wrong: %d pages, first prev %q, second prev %q, total %d", len(pages), pages[0].Prev, pages[1].Prev, pages[0].Total)
		}
		// Going back from the last page gives the middle page again, in order.
		back, err := models.ListProducts(db, models.ProductFilter{Page: models.PageRequest{Size: 3, Before: pages[2].Prev}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range back.Items {
			got = append(got, it.SKU)
		}
		if fmt.Sprint(got) != "[SKU-3 SKU-4 SKU-5]" || back.Next == "" || back.Prev == "" {
			t.Fatalf("backward page gave %v (next %q prev %q)", got, back.Next, back.Prev)
		}
	})
}

func TestProductSearchAndFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newProduct("EL-100", "Kabelbinder schwarz")
		a.Brand, a.Category, a.Barcode = "Würth", "Fasteners", "4006381333931"
		b := newProduct("EL-200", "Cable tie 100% nylon")
		b.Brand, b.Category, b.Active = "Hellermann", "Fasteners", false
		c := newProduct("OF-300", "Stapler")
		c.Category = "Office"
		for _, p := range []*models.Product{a, b, c} {
			if err := models.CreateProduct(db, p); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name string
			f    models.ProductFilter
			want []string
		}{
			{"accent-insensitive brand", models.ProductFilter{Query: "wurth"}, []string{"EL-100"}},
			{"sku substring", models.ProductFilter{Query: "el-2"}, []string{"EL-200"}},
			{"all words must match", models.ProductFilter{Query: "cable nylon"}, []string{"EL-200"}},
			{"percent is literal", models.ProductFilter{Query: "100%"}, []string{"EL-200"}},
			{"underscore is literal", models.ProductFilter{Query: "_"}, nil},
			{"barcode", models.ProductFilter{Query: "4006381333931"}, []string{"EL-100"}},
			{"category", models.ProductFilter{Category: "Fasteners"}, []string{"EL-200", "EL-100"}},
			{"archived only", models.ProductFilter{Active: "archived"}, []string{"EL-200"}},
			{"active in category", models.ProductFilter{Category: "Fasteners", Active: "active"}, []string{"EL-100"}},
			{"no match", models.ProductFilter{Query: "zzz"}, nil},
		}
		for _, tt := range tests {
			p, err := models.ListProducts(db, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range p.Items {
				got = append(got, it.SKU)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || p.Total != int64(len(tt.want)) {
				t.Errorf("%s: got %v (total %d), want %v", tt.name, got, p.Total, tt.want)
			}
		}
	})
}

func TestUniqueValues(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		if err := models.CreateProduct(db, newProduct("DUP-1", "One")); err != nil {
			t.Fatal(err)
		}
		if err := models.CreateProduct(db, newProduct("DUP-1", "Two")); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("second product with one SKU: %v, want ErrDuplicate", err)
		}
		u := models.User{Email: "Ada@Example.com", PasswordHash: "x", Active: true}
		if err := models.CreateUser(db, &u); err != nil {
			t.Fatal(err)
		}
		if err := models.CreateUser(db, &models.User{Email: "ada@example.COM", PasswordHash: "x"}); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("email differing in case: %v, want ErrDuplicate", err)
		}
		if got, err := models.UserByEmail(db, " ADA@example.com "); err != nil || got.ID != u.ID {
			t.Errorf("UserByEmail ignoring case: %v, %v", got.ID, err)
		}
		ch := models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &ch); err != nil {
			t.Fatal(err)
		}
		p, _ := models.ProductBySKU(db, "DUP-1")
		ref := func(ext string, golden int64) error {
			return models.CreateExternalRef(db, &models.ExternalRef{ChannelID: ch.ID, ObjectType: models.ObjectProduct, ExternalID: ext, GoldenID: golden})
		}
		if err := ref("42", p.ID); err != nil {
			t.Fatal(err)
		}
		if err := ref("42", p.ID+1); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("one external id for two golden records: %v, want ErrDuplicate", err)
		}
		if err := ref("43", p.ID); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("two external ids for one golden record: %v, want ErrDuplicate", err)
		}
		refs, err := models.ExternalRefsFor(db, models.ObjectProduct, p.ID)
		if err != nil || len(refs) != 1 || refs[0].ChannelName != "Odoo" || refs[0].ExternalID != "42" {
			t.Errorf("ExternalRefsFor = %+v, %v", refs, err)
		}
	})
}

func TestOptimisticLocking(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		u := models.User{Email: "lock@example.com", PasswordHash: "x", Active: true}
		if err := models.CreateUser(db, &u); err != nil {
			t.Fatal(err)
		}
		first, second := u, u
		first.Name = "First"
		if err := models.SaveUser(db, &first); err != nil {
			t.Fatal(err)
		}
		second.Name = "Second"
		if err := models.SaveUser(db, &second); !errors.Is(err, models.ErrStale) {
			t.Fatalf("second save from a stale read: %v, want ErrStale", err)
		}
		got, _ := models.UserByID(db, u.ID)
		if got.Name != "First" || got.Version != 2 {
			t.Errorf("stored %q version %d, want First version 2", got.Name, got.Version)
		}
	})
}

func TestAuditIsAppendOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		err := db.Transaction(func(tx *gorm.DB) error {
			return models.Audit(tx, models.Actor{ID: 7, Name: "ada@example.com", RequestID: "r1"}, models.Change{
				Action: "product.update", ObjectType: models.ObjectProduct, ObjectID: int64(5),
				Before: map[string]string{"name": "Old"}, After: map[string]string{"name": "New"}, Reason: "typo",
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		evs, err := models.ListAudit(db, models.AuditFilter{ObjectType: models.ObjectProduct, ObjectID: "5"})
		if err != nil || len(evs) != 1 {
			t.Fatalf("ListAudit = %d events, %v", len(evs), err)
		}
		e := evs[0]
		if e.Actor != "ada@example.com" || *e.ActorID != 7 || e.Before != `{"name":"Old"}` || e.After != `{"name":"New"}` || e.Reason != "typo" || e.RequestID != "r1" {
			t.Errorf("stored event %+v", e)
		}
		if err := db.Exec("UPDATE audit_events SET reason = 'rewritten'").Error; err == nil {
			t.Error("audit event was updated; the trail must be append-only")
		}
		if err := db.Exec("DELETE FROM audit_events").Error; err == nil {
			t.Error("audit event was deleted; the trail must be append-only")
		}
		// A change rolled back takes its audit event with it.
		_ = db.Transaction(func(tx *gorm.DB) error {
			_ = models.Audit(tx, models.SystemActor("test"), models.Change{Action: "product.update", ObjectType: models.ObjectProduct, ObjectID: "5"})
			return errors.New("change failed")
		})
		if evs, _ := models.ListAudit(db, models.AuditFilter{ObjectType: models.ObjectProduct}); len(evs) != 1 {
			t.Errorf("rolled-back audit event kept: %d events", len(evs))
		}
	})
}

func TestSessions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		u := models.User{Email: "s@example.com", PasswordHash: "x", Active: true}
		if err := models.CreateUser(db, &u); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		s := models.Session{ID: "abc", UserID: u.ID, CSRFToken: "tok", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
		if err := models.CreateSession(db, &s); err != nil {
			t.Fatal(err)
		}
		if _, got, err := models.ActiveSession(db, "abc", now.Add(30*time.Minute)); err != nil || got.ID != u.ID {
			t.Fatalf("live session not found: %v", err)
		}
		if _, _, err := models.ActiveSession(db, "abc", now.Add(2*time.Hour)); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("expired session: %v, want ErrNotFound", err)
		}
		u.Active = false
		if err := models.SaveUser(db, &u); err != nil {
			t.Fatal(err)
		}
		if _, _, err := models.ActiveSession(db, "abc", now); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("session of a deactivated user: %v, want ErrNotFound", err)
		}
		if n, err := models.DeleteExpiredSessions(db, now.Add(2*time.Hour)); err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, %v", n, err)
		}
	})
}

func TestAccessPolicyStoredInDatabase(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a, err := models.NewAccess(db, rules.DefaultAccessPolicy())
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Transaction(func(tx *gorm.DB) error { return models.SetRoles(tx, 1, []string{"steward"}) }); err != nil {
			t.Fatal(err)
		}
		if err := a.Reload(); err != nil {
			t.Fatal(err)
		}
		if !a.Allowed(1, ruleRead("inbox")) || a.Allowed(1, ruleRead("admin.users")) {
			t.Error("a steward's default permissions are wrong")
		}
		// A second instance reading the same database sees the same policy, and a change
		// made by one is seen by the other after a reload.
		b, err := models.NewAccess(db, rules.DefaultAccessPolicy())
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Transaction(func(tx *gorm.DB) error { return models.SetGrants(tx, "steward", nil) }); err != nil {
			t.Fatal(err)
		}
		if err := b.Reload(); err != nil {
			t.Fatal(err)
		}
		if b.Allowed(1, ruleRead("inbox")) {
			t.Error("policy change not seen after reload")
		}
		if got := b.RolesOf(1); fmt.Sprint(got) != "[steward]" {
			t.Errorf("RolesOf = %v", got)
		}
	})
}

func TestSearchPagesBothWays(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		for i, n := range []string{"Bolt M8", "Bolt M6", "Nut M8", "Bolt M10", "Bolt M6", "Bolt M4", "Bolt M12", "Bolt M5"} {
			if err := models.CreateProduct(db, newProduct(fmt.Sprintf("B-%d", i), n)); err != nil {
				t.Fatal(err)
			}
		}
		skus := func(p models.Page[models.Product]) string {
			var s []string
			for _, it := range p.Items {
				s = append(s, it.Name+"/"+it.SKU)
			}
			return fmt.Sprint(s)
		}
		f := models.ProductFilter{Query: "bolt", Page: models.PageRequest{Size: 3}}
		p1, err := models.ListProducts(db, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := skus(p1); got != "[Bolt M10/B-3 Bolt M12/B-6 Bolt M4/B-5]" || p1.Total != 7 || p1.Prev != "" || p1.Next == "" {
			t.Fatalf("first page %s total %d prev %q", got, p1.Total, p1.Prev)
		}
		f.Page.After = p1.Next
		p2, _ := models.ListProducts(db, f)
		if got := skus(p2); got != "[Bolt M5/B-7 Bolt M6/B-1 Bolt M6/B-4]" || p2.Prev == "" || p2.Next == "" {
			t.Fatalf("second page %s", got)
		}
		f.Page.After = p2.Next
		p3, _ := models.ListProducts(db, f)
		if got := skus(p3); got != "[Bolt M8/B-0]" || p3.Next != "" {
			t.Fatalf("last page %s next %q", got, p3.Next)
		}
		f.Page = models.PageRequest{Size: 3, Before: p3.Prev}
		back, _ := models.ListProducts(db, f)
		if skus(back) != skus(p2) {
			t.Fatalf("back from the last page gave %s, want %s", skus(back), skus(p2))
		}
		// The FTS index follows updates: a renamed product is found by its new name only.
		p, _ := models.ProductBySKU(db, "B-2")
		p.Name = "Washer M8"
		if err := db.Save(&p).Error; err != nil {
			t.Fatal(err)
		}
		if got, _ := models.ListProducts(db, models.ProductFilter{Query: "washer"}); len(got.Items) != 1 {
			t.Errorf("renamed product not found by its new name: %d", len(got.Items))
		}
		if got, _ := models.ListProducts(db, models.ProductFilter{Query: "nut"}); len(got.Items) != 0 {
			t.Errorf("renamed product still found by its old name")
		}
	})
}

func TestFacets(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		for i, cat := range []string{"Tools", "", "Cable", "Tools", "Adhesives"} {
			p := newProduct(fmt.Sprintf("F-%d", i), "Facet")
			p.Category, p.Brand = cat, []string{"Bosch", "3M"}[i%2]
			if err := models.CreateProduct(db, p); err != nil {
				t.Fatal(err)
			}
		}
		cats, brands, err := models.ProductFacets(db)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(cats) != "[Adhesives Cable Tools]" || fmt.Sprint(brands) != "[3M Bosch]" {
			t.Errorf("facets %v %v", cats, brands)
		}
		for _, c := range []string{"FR", "DE", "FR", ""} {
			if err := models.CreateCustomer(db, &models.Customer{Name: "C", Currency: "EUR", Country: c, Active: true}); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := models.CustomerCountries(db); err != nil || fmt.Sprint(got) != "[DE FR]" {
			t.Errorf("countries %v %v", got, err)
		}
	})
}

func TestSearchWithMoreMatchesThanTheCap(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		testdb.BulkCustomers(t, db, 2100) // every one has an @customerN.example email
		f := models.CustomerFilter{Query: "example"}
		seen := map[int64]bool{}
		var last models.Cursor
		for page := 0; page < 3; page++ {
			p, err := models.ListCustomers(db, f)
			if err != nil {
				t.Fatal(err)
			}
			if !p.TotalCapped || len(p.Items) != models.PageSize || p.Next == "" {
				t.Fatalf("page %d: capped %v, %d items, next %q", page, p.TotalCapped, len(p.Items), p.Next)
			}
			for _, c := range p.Items {
				k := models.Cursor{Name: c.Name, ID: c.ID}
				if seen[c.ID] || (last.ID != 0 && (k.Name < last.Name || k.Name == last.Name && k.ID < last.ID)) {
					t.Fatalf("page %d: %q out of order or repeated after %q", page, c.Name, last.Name)
				}
				seen[c.ID], last = true, k
			}
			f.Page.After = p.Next
		}
	})
}
