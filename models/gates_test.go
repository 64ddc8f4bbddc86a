package models_test

import (
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

func TestGatesStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		max := 30.0
		gs := []models.Gate{
			{Domain: "product", Channel: "edi", Kind: "allowed", Field: "uom", Allowed: []string{"EA", "PCE"}, Severity: "block"},
			{Domain: "product", Kind: "range", Field: "weight_kg", Max: &max, Severity: "warn", Message: "Heavy"},
			{Domain: "customer", Kind: "expression", Expression: `country != "DE" || tax_id != ""`, Severity: "block"},
		}
		for i := range gs {
			if err := models.CreateGate(db, &gs[i]); err != nil {
				t.Fatal(err)
			}
		}
		all, err := models.ListGates(db, "")
		if err != nil || len(all) != 3 || all[0].Domain != "customer" || all[1].Channel != "" || all[2].Channel != "edi" {
			t.Fatalf("list all: %+v %v", all, err)
		}
		products, _ := models.ListGates(db, "product")
		if len(products) != 2 {
			t.Errorf("product gates: %d", len(products))
		}
		g, err := models.GateByID(db, gs[0].ID)
		if err != nil || fmt.Sprint(g.Allowed) != "[EA PCE]" || g.Min != nil {
			t.Fatalf("read back: %+v %v", g, err)
		}
		g2, _ := models.GateByID(db, gs[1].ID)
		if g2.Max == nil || *g2.Max != 30 || g2.Min != nil || g2.Allowed == nil && len(g2.Allowed) != 0 {
			t.Errorf("range gate read back: %+v", g2)
		}

		stale := g
		min := 1.0
		g.Kind, g.Allowed, g.Min, g.Channel, g.Field = "range", nil, &min, "", "list_price"
		if err := models.SaveGate(db, &g); err != nil || g.Version != 2 {
			t.Fatalf("save: %v version %d", err, g.Version)
		}
		got, _ := models.GateByID(db, g.ID)
		if got.Kind != "range" || got.Channel != "" || len(got.Allowed) != 0 || got.Min == nil || *got.Min != 1 || got.Max != nil {
			t.Errorf("after save: %+v", got)
		}
		if err := models.SaveGate(db, &stale); !errors.Is(err, models.ErrStale) {
			t.Errorf("save from an old read: %v, want ErrStale", err)
		}
		// Clearing a bound stores NULL, not a leftover number.
		got.Min = nil
		got.Max = &max
		if err := models.SaveGate(db, &got); err != nil {
			t.Fatal(err)
		}
		if again, _ := models.GateByID(db, got.ID); again.Min != nil || again.Max == nil {
			t.Errorf("cleared minimum came back: %+v", again)
		}

		if err := models.DeleteGate(db, got.ID, 1); !errors.Is(err, models.ErrStale) {
			t.Errorf("delete an old version: %v", err)
		}
		if err := models.DeleteGate(db, got.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := models.GateByID(db, got.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
		bad := models.Gate{Domain: "product", Kind: "unique", Field: "sku", Severity: "block"}
		if err := models.CreateGate(db, &bad); err == nil {
			t.Error("the database accepted a gate kind it does not know")
		}
	})
}

func TestEachBatch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		for i := 0; i < 5; i++ {
			if err := models.CreateProduct(db, newProduct(fmt.Sprintf("B-%d", i), "Batch")); err != nil {
				t.Fatal(err)
			}
			if err := models.CreateCustomer(db, &models.Customer{Name: fmt.Sprint("C", i), Currency: "EUR"}); err != nil {
				t.Fatal(err)
			}
		}
		var sizes []int
		var skus []string
		err := models.EachProductBatch(db, 2, func(ps []models.Product) error {
			sizes = append(sizes, len(ps))
			for _, p := range ps {
				skus = append(skus, p.SKU)
			}
			return nil
		})
		if err != nil || fmt.Sprint(sizes) != "[2 2 1]" || fmt.Sprint(skus) != "[B-0 B-1 B-2 B-3 B-4]" {
			t.Errorf("product batches %v %v, err %v", sizes, skus, err)
		}
		sizes = nil
		_ = models.EachCustomerBatch(db, 5, func(cs []models.Customer) error { sizes = append(sizes, len(cs)); return nil })
		if fmt.Sprint(sizes) != "[5]" {
			t.Errorf("a full last batch asks once more or not at all: %v", sizes)
		}
		stop := errors.New("stop")
		calls := 0
		err = models.EachCustomerBatch(db, 1, func([]models.Customer) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("an error from fn stops the walk: %v after %d calls", err, calls)
		}
	})
}
