package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/rules"
)

func TestOwnershipPage(t *testing.T) {
	e := sqliteEnv(t)
	if _, err := models.SeedOwnershipRules(e.db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	res, body := e.as(rules.RoleAdmin).get("/admin/ownership")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("admin: status %d", res.StatusCode)
	}
	for _, want := range []string{
		`id="ownership"`, `aria-current="page">Ownership</a>`,
		"Odoo owns the credit limit of customers; a change from another source is rejected",
		"Odoo owns every attribute of products; a change from another source waits for a steward",
		`<form method="post" action="/admin/ownership" class="form"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the matrix lacks %q", want)
		}
	}
	for _, role := range []string{rules.RoleSteward, rules.RoleManager} {
		if res, body := e.as(role).get("/admin/ownership"); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "Your roles do not allow this") {
			t.Errorf("%s: status %d, want 403", role, res.StatusCode)
		}
	}
}

func TestOwnershipSave(t *testing.T) {
	e := sqliteEnv(t)
	if _, err := models.SeedOwnershipRules(e.db, rules.DefaultOwnership()); err != nil {
		t.Fatal(err)
	}
	admin := e.as(rules.RoleAdmin)
	add := url.Values{"id": {"0"}, "domain": {"product"}, "attribute": {"description"}, "owner": {"shopify"}, "policy": {"hold"}}

	// Refusals come back next to their fields and change nothing.
	for _, tt := range []struct {
		name, key, value, field, want string
	}{
		{"attribute of another domain", "attribute", "credit_limit", "attribute", "Products have no attribute “credit_limit”"},
		{"unknown owner", "owner", "sap", "owner", "Choose one of the systems listed"},
		{"no policy", "policy", "", "policy", "Choose what happens"},
		{"rule that exists", "attribute", "*", "attribute", "There is already a rule for this attribute of products"},
	} {
		form := url.Values{}
		for k, v := range add {
			form[k] = v
		}
		form.Set(tt.key, tt.value)
		res, body := admin.post("/admin/ownership", form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, res.StatusCode)
			continue
		}
		if msg := between(body, `id="err-`+tt.field+`">`, "</p>"); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: the error next to %s is %q, want %q", tt.name, tt.field, msg, tt.want)
		}
	}
	if n := e.auditCount("ownership.create"); n != 0 {
		t.Fatalf("refused rules were audited as created: %d", n)
	}

	res, _ := admin.post("/admin/ownership", add)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/ownership?saved=1") {
		t.Fatalf("add: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	matrix, _ := models.ListOwnershipRules(e.db)
	d := rules.DecideOwnership(matrix, rules.DomainProduct, "odoo", []string{"description"})
	if len(d.Hold) != 1 || !strings.Contains(d.Hold[0].Reason, "Shopify owns the description of products") {
		t.Errorf("the new rule does not decide: %+v", d)
	}
	var rule models.OwnershipRule
	for _, r := range matrix {
		if r.Attribute == "description" {
			rule = r
		}
	}
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "ownership.create"})
	if len(evs) != 1 || evs[0].ObjectID != fmt.Sprint(rule.ID) || !strings.Contains(evs[0].After, `"owner":"shopify"`) || evs[0].Actor != "admin@example.com" {
		t.Errorf("create audit = %+v", evs)
	}

	// Edit: the form is filled from the rule, and the change is audited with before and after.
	if _, body := admin.get(fmt.Sprintf("/admin/ownership?edit=%d", rule.ID)); !strings.Contains(body, "Change a rule") || !strings.Contains(body, `value="description" selected`) {
		t.Errorf("edit form not filled from the rule")
	}
	edit := url.Values{"id": {fmt.Sprint(rule.ID)}, "version": {fmt.Sprint(rule.Version)}, "domain": {"product"}, "attribute": {"description"}, "owner": {"shopify"}, "policy": {"reject"}}
	if res, _ := admin.post("/admin/ownership", edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d", res.StatusCode)
	}
	evs, _ = models.ListAudit(e.db, models.AuditFilter{Action: "ownership.update"})
	if len(evs) != 1 || !strings.Contains(evs[0].Before, `"policy":"hold"`) || !strings.Contains(evs[0].After, `"policy":"reject"`) {
		t.Errorf("update audit = %+v", evs)
	}
	// The same form again is out of date.
	if res, body := admin.post("/admin/ownership", edit); res.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed this rule") {
		t.Errorf("stale edit: status %d", res.StatusCode)
	}

	// A steward may not change the matrix.
	if res, _ := e.as(rules.RoleSteward).post("/admin/ownership", add); res.StatusCode != http.StatusForbidden {
		t.Errorf("steward add: status %d, want 403", res.StatusCode)
	}

	del := url.Values{"id": {fmt.Sprint(rule.ID)}, "version": {fmt.Sprint(rule.Version + 1)}, "delete": {"1"}}
	if res, _ := admin.post("/admin/ownership", del); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", res.StatusCode)
	}
	if _, err := models.OwnershipRuleByID(e.db, rule.ID); err == nil {
		t.Error("deleted rule still stored")
	}
	evs, _ = models.ListAudit(e.db, models.AuditFilter{Action: "ownership.delete"})
	if len(evs) != 1 || !strings.Contains(evs[0].Before, `"attribute":"description"`) || evs[0].After != "" {
		t.Errorf("delete audit = %+v", evs)
	}
	if res, _ := admin.post("/admin/ownership", del); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleting it again: status %d, want 404", res.StatusCode)
	}
}
