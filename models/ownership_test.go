package models_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

func TestOwnershipRulesStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		seeded, err := models.SeedOwnershipRules(db, rules.DefaultOwnership())
		if err != nil || !seeded {
			t.Fatalf("seed an empty table: seeded %v, err %v", seeded, err)
		}
		// A second start, or a second instance, finds rules and leaves them alone.
		if seeded, err := models.SeedOwnershipRules(db, rules.DefaultOwnership()); err != nil || seeded {
			t.Fatalf("seed again: seeded %v, err %v", seeded, err)
		}
		rs, err := models.ListOwnershipRules(db)
		if err != nil || len(rs) != len(rules.DefaultOwnership()) {
			t.Fatalf("list: %d rules, err %v", len(rs), err)
		}
		// Grouped by domain, the domain's "*" first.
		if rs[0].Domain != "customer" || rs[0].Attribute != "*" || rs[1].Attribute != "credit_limit" {
			t.Errorf("order: %+v", rs[:3])
		}
		if evs, _ := models.ListAudit(db, models.AuditFilter{Action: "ownership.seed"}); len(evs) != 1 {
			t.Errorf("seeding audited %d times, want once", len(evs))
		}

		r := models.OwnershipRule{Domain: "product", Attribute: "description", Owner: "shopify", Policy: "hold"}
		if err := models.CreateOwnershipRule(db, &r); err != nil || r.ID == 0 || r.Version != 1 {
			t.Fatalf("create: %v %+v", err, r)
		}
		dup := models.OwnershipRule{Domain: "product", Attribute: "description", Owner: "odoo", Policy: "reject"}
		if err := models.CreateOwnershipRule(db, &dup); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("second rule for product.description: %v, want ErrDuplicate", err)
		}

		stale := r
		r.Policy = "reject"
		if err := models.SaveOwnershipRule(db, &r); err != nil || r.Version != 2 {
			t.Fatalf("save: %v, version %d", err, r.Version)
		}
		stale.Owner = "odoo"
		if err := models.SaveOwnershipRule(db, &stale); !errors.Is(err, models.ErrStale) {
			t.Errorf("save from an old read: %v, want ErrStale", err)
		}
		got, err := models.OwnershipRuleByID(db, r.ID)
		if err != nil || got.Policy != "reject" || got.Owner != "shopify" {
			t.Errorf("after save: %+v %v", got, err)
		}
		// Renaming onto another rule's attribute is a duplicate, not a silent merge.
		r.Attribute = "*"
		if err := models.SaveOwnershipRule(db, &r); !errors.Is(err, models.ErrDuplicate) {
			t.Errorf("save onto product.*: %v, want ErrDuplicate", err)
		}

		if err := models.DeleteOwnershipRule(db, got.ID, 1); !errors.Is(err, models.ErrStale) {
			t.Errorf("delete an old version: %v, want ErrStale", err)
		}
		if err := models.DeleteOwnershipRule(db, got.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := models.OwnershipRuleByID(db, got.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
}
