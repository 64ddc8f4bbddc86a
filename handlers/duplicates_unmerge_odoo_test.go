package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// Both records are partners in one Odoo: the merge queues its write-back there, and the
// unmerge queues taking it back, each in its own transaction.
func TestDuplicateUnmergeQueuesOdooWriteBack(t *testing.T) {
	e := newTestEnv(t, testdb.SQLite(t))
	s := seedDuplicates(t, e.db)
	odoo := models.Channel{Name: "Odoo", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(e.db, &odoo); err != nil {
		t.Fatal(err)
	}
	for ext, id := range map[string]int64{"7": s.a.ID, "9": s.b.ID} {
		if err := models.CreateExternalRef(e.db, &models.ExternalRef{ChannelID: odoo.ID, ObjectType: models.ObjectCustomer, ExternalID: ext, GoldenID: id}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.as(rules.RoleSteward)
	res, _ := c.post(fmt.Sprintf("/duplicates/%d/merge", s.pair.ID), s.mergeForm())
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/merges/") {
		t.Fatalf("merge: %d %s", res.StatusCode, loc)
	}
	jobsOf := func(kind string) []string {
		var args []string
		e.db.Table("river_job").Where("kind = ?", kind).Pluck("json(args)", &args) // SQLite keeps args as JSONB
		return args
	}
	if got := jobsOf("odoo.merge"); len(got) != 1 || !strings.Contains(got[0], `"duplicate_external_id":"9"`) {
		t.Fatalf("merge jobs %v", got)
	}
	var m models.Merge
	e.db.Last(&m)
	if res, _ = c.post(loc[:strings.Index(loc, "?")]+"/unmerge", url.Values{"version": {fmt.Sprint(m.Version)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unmerge: %d", res.StatusCode)
	}
	if _, body := c.get(loc[:strings.Index(loc, "?")] + "?done=unmerged"); !strings.Contains(body, "Odoo is asked to restore the archived partner") {
		t.Errorf("the unmerge does not say Odoo is asked to restore the partner")
	}
	if got := jobsOf("odoo.unmerge"); len(got) != 1 || !strings.Contains(got[0], `"survivor_external_id":"7"`) || !strings.Contains(got[0], fmt.Sprintf(`"merge_id":%d`, m.ID)) {
		t.Fatalf("unmerge jobs %v", got)
	}
}
