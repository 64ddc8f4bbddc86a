package models_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

// mergeSeed is a small world with duplicates in both domains and something of every kind
// hanging off them.
type mergeSeed struct {
	odoo, shop              models.Channel
	a, b, c, branch         models.Customer
	p, q                    models.Product
	custPair, prodPair      models.DuplicateCandidate
	steward                 models.Actor
	bAddress, bContact      int64
	qStockShared, qStockOwn int64

	// Price proposals: open on b's rule for q, open on q's list price, rejected on b.
	ruleProposal, listProposal, doneProposal int64
}

func seedMerge(t *testing.T, db *gorm.DB) *mergeSeed {
	t.Helper()
	s := &mergeSeed{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	u := models.User{Email: "steward@example.com", Name: "Sam Steward", PasswordHash: "x", Active: true}
	must(models.CreateUser(db, &u))
	s.steward = models.Actor{ID: u.ID, Name: u.Email}
	s.odoo = models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	s.shop = models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
	must(models.CreateChannel(db, &s.odoo))
	must(models.CreateChannel(db, &s.shop))
	for _, c := range []*models.Customer{
		{Name: "Keller Elektro GmbH", TaxID: "DE811907980", Email: "info@keller.example", Currency: "EUR", Country: "DE", Active: true},
		{Name: "Keller Elektro", LegalName: "Keller Elektro GmbH & Co. KG", Phone: "+49 30 1234567", Currency: "EUR", Country: "DE", Active: true},
		{Name: "Keller Elektrik", Currency: "EUR", Country: "DE", Active: true},
	} {
		must(models.CreateCustomer(db, c))
	}
	var cs []models.Customer
	must(db.Order("id").Find(&cs).Error)
	s.a, s.b, s.c = cs[0], cs[1], cs[2]
	s.branch = models.Customer{Name: "Keller Elektro Filiale Nord", Currency: "EUR", ParentID: &s.b.ID, Active: true}
	must(models.CreateCustomer(db, &s.branch))
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	addrA := models.Address{CustomerID: s.a.ID, Kind: models.AddressBilling, Street: "Hauptstr. 1", City: "Berlin", Country: "DE", CreatedAt: now, UpdatedAt: now, Version: 1}
	addrB := models.Address{CustomerID: s.b.ID, Kind: models.AddressDelivery, Street: "Lagerweg 9", City: "Berlin", Country: "DE", CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&addrA).Error)
	must(db.Create(&addrB).Error)
	s.bAddress = addrB.ID
	contact := models.Contact{CustomerID: s.b.ID, Name: "Petra Keller", Email: "petra@keller.example", CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&contact).Error)
	s.bContact = contact.ID
	for _, r := range []models.ExternalRef{
		{ChannelID: s.odoo.ID, ObjectType: models.ObjectCustomer, ExternalID: "res.partner,7", GoldenID: s.a.ID},
		{ChannelID: s.odoo.ID, ObjectType: models.ObjectCustomer, ExternalID: "res.partner,9", GoldenID: s.b.ID},
		{ChannelID: s.shop.ID, ObjectType: models.ObjectCustomer, ExternalID: "gid://Customer/3", GoldenID: s.b.ID},
	} {
		must(models.CreateExternalRef(db, &r))
	}
	pl := models.PriceList{Name: "B2B", Currency: "EUR", Active: true, CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&pl).Error)
	for _, p := range []*models.Product{
		{SKU: "CT-200", Name: "Cable tie 200 mm", Brand: "Hellermann", Barcode: "4012345678901", UoM: "EA", Currency: "EUR", ListPrice: 12500, LifecycleStatus: models.LifecycleActive, Active: true},
		{SKU: "CT200-B", Name: "Cable tie 200mm black", Brand: "Hellermann", UoM: "EA", Currency: "EUR", ListPrice: 11900, LifecycleStatus: models.LifecycleActive, Active: true},
	} {
		must(models.CreateProduct(db, p))
	}
	var ps []models.Product
	must(db.Order("id").Find(&ps).Error)
	s.p, s.q = ps[0], ps[1]
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	bRule := models.PriceRule{PriceListID: pl.ID, ProductID: s.q.ID, CustomerID: &s.b.ID, Price: 9900, MinQuantity: 10, ValidFrom: &from, CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&bRule).Error)
	var ids []int64
	for _, pp := range []*models.PriceProposal{
		{Kind: "price_rule", ProductID: s.q.ID, PriceListID: &pl.ID, CustomerID: &s.b.ID, PriceRuleID: &bRule.ID, MinQuantity: 10, ValidFrom: &from,
			PriceKey: fmt.Sprintf("rule:%d:%d:%d:10", pl.ID, s.q.ID, s.b.ID), Currency: "EUR", HasOld: true, OldPrice: 9900, NewPrice: 9500, Reason: "volume deal"},
		{Kind: "list_price", ProductID: s.q.ID, PriceKey: fmt.Sprintf("list_price:%d", s.q.ID), Currency: "EUR", OldPrice: 11900, NewPrice: 12900, Reason: "supplier increase"},
		{Kind: "price_rule", Status: "rejected", ProductID: s.p.ID, PriceListID: &pl.ID, CustomerID: &s.b.ID, PriceKey: fmt.Sprintf("rule:%d:%d:%d:0", pl.ID, s.p.ID, s.b.ID), Currency: "EUR", NewPrice: 1, Reason: "typo"},
	} {
		must(models.CreatePriceProposal(db, s.steward, pp))
		ids = append(ids, pp.ID)
	}
	s.ruleProposal, s.listProposal, s.doneProposal = ids[0], ids[1], ids[2]
	must(db.Create(&models.PriceRule{PriceListID: pl.ID, ProductID: s.p.ID, Price: 11000, CreatedAt: now, UpdatedAt: now, Version: 1}).Error)
	l1 := models.Location{Code: "WH1", Name: "Main", CreatedAt: now, UpdatedAt: now, Version: 1}
	l2 := models.Location{Code: "WH2", Name: "North", CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&l1).Error)
	must(db.Create(&l2).Error)
	stock := []models.InventoryLevel{
		{ProductID: s.p.ID, LocationID: l1.ID, OnHand: 40, Reserved: 2},
		{ProductID: s.q.ID, LocationID: l1.ID, OnHand: 5.5, Reserved: 1},
		{ProductID: s.q.ID, LocationID: l2.ID, OnHand: 7},
	}
	for i := range stock {
		stock[i].CreatedAt, stock[i].UpdatedAt, stock[i].Version = now, now, 1
		must(db.Create(&stock[i]).Error)
	}
	s.qStockShared, s.qStockOwn = stock[1].ID, stock[2].ID
	must(models.CreateExternalRef(db, &models.ExternalRef{ChannelID: s.shop.ID, ObjectType: models.ObjectProduct, ExternalID: "gid://Product/55", GoldenID: s.q.ID}))
	item := models.InboxItem{Domain: "customer", Reason: models.ReasonOwnership, Status: models.InboxOpen, GoldenID: &s.b.ID, Summary: "Keller Elektro: phone", CreatedAt: now, UpdatedAt: now, Version: 1}
	must(db.Create(&item).Error)
	pairs := []models.FoundPair{
		{LeftID: s.a.ID, RightID: s.b.ID, Score: 0.93, Band: "review", Summary: "same VAT id"},
		{LeftID: s.b.ID, RightID: s.c.ID, Score: 0.71, Band: "review"},
		{LeftID: s.a.ID, RightID: s.c.ID, Score: 0.70, Band: "review"},
	}
	_, _, err := models.SaveCandidates(db, "customer", "scan", pairs, false)
	must(err)
	_, _, err = models.SaveCandidates(db, "product", "scan", []models.FoundPair{{LeftID: s.p.ID, RightID: s.q.ID, Score: 0.88, Band: "review"}}, false)
	must(err)
	must(db.Where("domain = ? AND left_id = ? AND right_id = ?", "customer", s.a.ID, s.b.ID).Take(&s.custPair).Error)
	must(db.Where("domain = ?", "product").Take(&s.prodPair).Error)
	return s
}

// dumpTables reads every row of every table a merge may touch, as the driver returns it.
func dumpTables(t *testing.T, db *gorm.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range []string{"customers", "products", "addresses", "contacts", "external_refs", "price_rules", "price_proposals",
		"inventory_levels", "inbox_items", "inbox_counts", "duplicate_candidates", "locations", "price_lists", "channels"} {
		rows, err := db.Raw("SELECT * FROM " + table + " ORDER BY id").Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, c := range cols {
				v := vals[i]
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%#v ", c, v)
			}
			out[table] = append(out[table], b.String())
		}
		rows.Close()
	}
	return out
}

func compareDumps(t *testing.T, before, after map[string][]string) {
	t.Helper()
	for table, rows := range before {
		if len(after[table]) != len(rows) {
			t.Errorf("%s: %d rows before, %d after", table, len(rows), len(after[table]))
			continue
		}
		for i := range rows {
			if rows[i] != after[table][i] {
				t.Errorf("%s row %d differs:\nbefore %s\nafter  %s", table, i, rows[i], after[table][i])
			}
		}
	}
}

func mergeCustomers(db *gorm.DB, s *mergeSeed) (models.Merge, error) {
	var m models.Merge
	err := db.Transaction(func(tx *gorm.DB) error {
		survivor, err := models.CustomerByID(tx, s.a.ID)
		if err != nil {
			return err
		}
		survivor.Phone, survivor.LegalName = s.b.Phone, s.b.LegalName
		m, err = models.MergeRecords(tx, models.MergeRequest{CandidateID: s.custPair.ID, CandidateVersion: s.custPair.Version,
			DuplicateID: s.b.ID, DuplicateVersion: s.b.Version, Customer: &survivor, Who: s.steward})
		return err
	})
	return m, err
}

func TestMergeUnmergeRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		before := dumpTables(t, db)

		m, err := mergeCustomers(db, s)
		if err != nil {
			t.Fatal(err)
		}
		if merged := dumpTables(t, db); len(merged["customers"]) != len(before["customers"]) || merged["customers"][1] == before["customers"][1] {
			t.Fatal("the dump does not see the merge; the round trip below would prove nothing")
		}
		// The merge did what it says.
		a, _ := models.CustomerByID(db, s.a.ID)
		b, _ := models.CustomerByID(db, s.b.ID)
		if a.Phone != s.b.Phone || a.LegalName != s.b.LegalName || a.Version != s.a.Version+1 || b.Active {
			t.Errorf("after merge: survivor %+v, duplicate active %v", a, b.Active)
		}
		if into, _ := models.MergedInto(db, "customer", s.b.ID); into != s.a.ID {
			t.Errorf("merged_into = %d, want %d", into, s.a.ID)
		}
		var addr models.Address
		db.Take(&addr, s.bAddress)
		var branch models.Customer
		db.Take(&branch, s.branch.ID)
		if addr.CustomerID != s.a.ID || branch.ParentID == nil || *branch.ParentID != s.a.ID {
			t.Errorf("children not moved: address on %d, branch under %v", addr.CustomerID, branch.ParentID)
		}
		var props []models.PriceProposal
		db.Order("id").Find(&props)
		if len(props) != 3 || *props[0].CustomerID != s.a.ID || props[0].PriceKey != fmt.Sprintf("rule:%d:%d:%d:10", *props[0].PriceListID, s.q.ID, s.a.ID) ||
			*props[2].CustomerID != s.b.ID {
			t.Errorf("price proposals after merge: the open one must move to the survivor, the rejected one stay: %+v", props)
		}
		var refs []models.ExternalRef
		db.Where("object_type = ? AND golden_id = ?", "customer", s.a.ID).Order("id").Find(&refs)
		if len(refs) != 2 {
			t.Errorf("survivor refs = %+v, want its Odoo one and the shop's", refs)
		}
		var statuses []string
		db.Model(&models.DuplicateCandidate{}).Where("domain = ?", "customer").Order("id").Pluck("status", &statuses)
		if strings.Join(statuses, ",") != "merged,resolved,open" {
			t.Errorf("candidate statuses = %v", statuses)
		}
		if !strings.Contains(m.Writeback, `"archive_id":"res.partner,9"`) || !strings.Contains(m.Writeback, `"survivor_ref":"res.partner,7"`) {
			t.Errorf("write-back plan = %s", m.Writeback)
		}
		var pubs int64
		db.Model(&models.Publication{}).Where("object_type = ?", "customer").Count(&pubs)
		if pubs != 4 { // survivor and duplicate, to both channels
			t.Errorf("publications queued = %d, want 4", pubs)
		}

		// A second steward merging the same pair is told who merged it and when.
		if _, err := mergeCustomers(db, s); err == nil || !strings.Contains(err.Error(), "Already merged by steward@example.com at ") {
			t.Errorf("second merge: %v", err)
		}

		if err := db.Transaction(func(tx *gorm.DB) error {
			_, err := models.UnmergeRecords(tx, m.ID, m.Version, s.steward, "wrong pair")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		compareDumps(t, before, dumpTables(t, db))
		got, _ := models.MergeByID(db, m.ID)
		if got.Status != models.MergeUndone || got.UnmergedBy != "steward@example.com" {
			t.Errorf("merge after unmerge = %+v", got)
		}
	})
}

func TestMergeUnmergeProductsRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		before := dumpTables(t, db)
		var m models.Merge
		err := db.Transaction(func(tx *gorm.DB) error {
			survivor, _ := models.ProductByID(tx, s.p.ID)
			var err error
			m, err = models.MergeRecords(tx, models.MergeRequest{CandidateID: s.prodPair.ID, CandidateVersion: s.prodPair.Version,
				DuplicateID: s.q.ID, DuplicateVersion: s.q.Version, Product: &survivor, Who: s.steward})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var stock []models.InventoryLevel
		db.Order("id").Find(&stock)
		if len(stock) != 2 || stock[0].OnHand != 45.5 || stock[0].Reserved != 3 || stock[1].ProductID != s.p.ID {
			t.Errorf("stock after merge = %+v", stock)
		}
		var props []models.PriceProposal
		db.Order("id").Find(&props)
		if props[0].ProductID != s.p.ID || props[1].ProductID != s.p.ID || props[1].PriceKey != fmt.Sprintf("list_price:%d", s.p.ID) {
			t.Errorf("open price proposals of the duplicate product not moved: %+v", props[:2])
		}
		if err := db.Transaction(func(tx *gorm.DB) error {
			_, err := models.UnmergeRecords(tx, m.ID, m.Version, s.steward, "")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		compareDumps(t, before, dumpTables(t, db))
	})
}

func TestUnmergeRefusedAfterSurvivorChanged(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		m, err := mergeCustomers(db, s)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := models.CustomerByID(db, s.a.ID)
		a.Email = "orders@keller.example"
		if err := models.UpdateCustomer(db, &a); err != nil {
			t.Fatal(err)
		}
		dump := dumpTables(t, db)
		err = db.Transaction(func(tx *gorm.DB) error {
			_, err := models.UnmergeRecords(tx, m.ID, m.Version, s.steward, "")
			return err
		})
		var refusal *models.MergeRefused
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Reason, `the surviving customer`) ||
			!strings.Contains(refusal.Reason, `email changed from "info@keller.example" to "orders@keller.example"`) {
			t.Fatalf("unmerge after edit: %v", err)
		}
		compareDumps(t, dump, dumpTables(t, db))
	})
}

// TestMergeBranchIntoHeadOffice keeps a branch and merges its head office into it: the
// branch does not become its own parent, and unmerge restores both exactly.
func TestMergeBranchIntoHeadOffice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		if _, _, err := models.SaveCandidates(db, "customer", "scan", []models.FoundPair{{LeftID: s.b.ID, RightID: s.branch.ID, Score: 0.8, Band: "review"}}, false); err != nil {
			t.Fatal(err)
		}
		var pair models.DuplicateCandidate
		db.Where("left_id = ? AND right_id = ?", s.b.ID, s.branch.ID).Take(&pair)
		before := dumpTables(t, db)
		var m models.Merge
		err := db.Transaction(func(tx *gorm.DB) error {
			survivor, _ := models.CustomerByID(tx, s.branch.ID)
			var err error
			m, err = models.MergeRecords(tx, models.MergeRequest{CandidateID: pair.ID, CandidateVersion: pair.Version,
				DuplicateID: s.b.ID, DuplicateVersion: s.b.Version, Customer: &survivor, Who: s.steward})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if branch, _ := models.CustomerByID(db, s.branch.ID); branch.ParentID != nil {
			t.Errorf("the kept branch hangs under %d", *branch.ParentID)
		}
		if err := db.Transaction(func(tx *gorm.DB) error {
			_, err := models.UnmergeRecords(tx, m.ID, m.Version, s.steward, "")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		compareDumps(t, before, dumpTables(t, db))
	})
}

// TestMergeRefusedOnClashingProposals: both products wait on a change of their list price;
// after a merge only one list price is left, so the steward must settle one proposal first.
func TestMergeRefusedOnClashingProposals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := seedMerge(t, db)
		pp := models.PriceProposal{Kind: "list_price", ProductID: s.p.ID, PriceKey: fmt.Sprintf("list_price:%d", s.p.ID), Currency: "EUR", NewPrice: 13000, Reason: "x"}
		if err := models.CreatePriceProposal(db, s.steward, &pp); err != nil {
			t.Fatal(err)
		}
		dump := dumpTables(t, db)
		err := db.Transaction(func(tx *gorm.DB) error {
			survivor, _ := models.ProductByID(tx, s.p.ID)
			_, err := models.MergeRecords(tx, models.MergeRequest{CandidateID: s.prodPair.ID, CandidateVersion: s.prodPair.Version,
				DuplicateID: s.q.ID, DuplicateVersion: s.q.Version, Product: &survivor, Who: s.steward})
			return err
		})
		var refusal *models.MergeRefused
		want := fmt.Sprintf("Price proposal #%d on the duplicate and #%d on the surviving record change the same price", s.listProposal, pp.ID)
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Reason, want) {
			t.Fatalf("merge with clashing proposals: %v", err)
		}
		compareDumps(t, dump, dumpTables(t, db))
	})
}
