package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/odoosync"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// The preview asks Odoo before anything is written; a merge Odoo would refuse (the
// duplicate partner is an Odoo user's login) is refused in Steward too and changes nothing.
func TestMergePrecheckedInOdoo(t *testing.T) {
	db := testdb.SQLite(t)
	srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw"})
	defer srv.Close()
	client := odoo.New(odoo.Config{URL: srv.URL(), Database: "erp", Login: "sync", Secret: "pw"}, nil)
	e := newTestEnvWith(t, db, jobs.Config{DB: db, InsertOnly: true,
		Sources: func(models.Channel) (jobs.Source, error) { return &odoosync.Source{Client: client}, nil }})
	s := seedDuplicates(t, e.db)
	survivor, err := srv.Create("res.partner", map[string]any{"name": "Keller Elektro GmbH", "is_company": true})
	if err != nil {
		t.Fatal(err)
	}
	duplicate, err := srv.Create("res.partner", map[string]any{"name": "Keller Elektro", "is_company": true})
	if err != nil {
		t.Fatal(err)
	}
	ch := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(e.db, &ch); err != nil {
		t.Fatal(err)
	}
	for _, r := range []models.ExternalRef{
		{ChannelID: ch.ID, ObjectType: "customer", ExternalID: fmt.Sprint(survivor), GoldenID: s.a.ID},
		{ChannelID: ch.ID, ObjectType: "customer", ExternalID: fmt.Sprint(duplicate), GoldenID: s.b.ID},
	} {
		if err := models.CreateExternalRef(e.db, &r); err != nil {
			t.Fatal(err)
		}
	}
	c := e.as(rules.RoleSteward)

	_, body := c.post(fmt.Sprintf("/duplicates/%d/preview", s.pair.ID), s.mergeForm())
	if !strings.Contains(body, "Odoo ERP was asked just now: nothing there blocks this merge") {
		t.Errorf("preview does not report a clean pre-check:\n%s", body)
	}

	// Now the duplicate becomes the login of an Odoo user: Odoo would refuse to archive it.
	if _, err := srv.Create("res.users", map[string]any{"name": "Shop", "login": "shop@keller.example", "partner_id": duplicate}); err != nil {
		t.Fatal(err)
	}
	_, body = c.post(fmt.Sprintf("/duplicates/%d/preview", s.pair.ID), s.mergeForm())
	if !strings.Contains(body, "Odoo ERP would refuse this merge") || !strings.Contains(body, "Merge (Odoo would refuse)") || !strings.Contains(body, "login of Odoo user Shop") {
		t.Errorf("preview does not list the Odoo blocker:\n%s", body)
	}
	res, body := c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), s.mergeForm())
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "nothing was merged") {
		t.Fatalf("merge Odoo would refuse: status %d", res.StatusCode)
	}
	var merges int64
	e.db.Model(&models.Merge{}).Count(&merges)
	var into []int64
	e.db.Table("customers").Where("id = ? AND merged_into_id IS NOT NULL", s.b.ID).Pluck("merged_into_id", &into)
	var dup models.Customer
	e.db.First(&dup, s.b.ID)
	if merges != 0 || len(into) != 0 || !dup.Active {
		t.Errorf("a refused merge changed things: %d merges, merged into %v, active %v", merges, into, dup.Active)
	}
}
