package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// seedDrift gives the portal a product whose name differs and one it lacks.
func (e *inboundEnv) seedDrift() (differs, missing models.DriftItem, p models.Product) {
	e.t.Helper()
	p = *newProduct("EL-1", "Cable 3x1.5")
	if err := models.CreateProduct(e.db, &p); err != nil {
		e.t.Fatal(err)
	}
	if err := models.CreateExternalRef(e.db, &models.ExternalRef{ChannelID: e.portal.ID, ObjectType: models.ObjectProduct, ExternalID: "e1", GoldenID: p.ID}); err != nil {
		e.t.Fatal(err)
	}
	q := *newProduct("EL-2", "Cable 5x2.5")
	if err := models.CreateProduct(e.db, &q); err != nil {
		e.t.Fatal(err)
	}
	record, _ := json.Marshal(ingest.Change{Object: models.ObjectProduct, ExternalID: "e1", Provided: []string{"sku", "name"},
		Product: &models.Product{SKU: "EL-1", Name: "Kabel 3x1,5"}})
	now := time.Now().UTC()
	items := []models.DriftItem{
		{ChannelID: e.portal.ID, ObjectType: models.ObjectProduct, RecordKey: "e1", ExternalID: "e1", GoldenID: &p.ID, Kind: models.DriftDiffers,
			Field: "name", GoldenValue: p.Name, ChannelValue: "Kabel 3x1,5", ChannelRecord: string(record), Summary: "EL-1 Cable 3x1.5", Status: models.DriftOpen, FoundAt: now, SeenAt: now},
		{ChannelID: e.portal.ID, ObjectType: models.ObjectProduct, RecordKey: fmt.Sprintf("golden:%d", q.ID), ExternalID: "e2", GoldenID: &q.ID, Kind: models.DriftMissing,
			Summary: "EL-2 Cable 5x2.5", Status: models.DriftOpen, FoundAt: now, SeenAt: now},
	}
	if err := models.SaveDrift(e.db, items); err != nil {
		e.t.Fatal(err)
	}
	all, _ := models.ListDrift(e.db, models.DriftFilter{})
	return all[0].DriftItem, all[1].DriftItem, p
}

func TestDriftPageAndResolution(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	steward := e.as(rules.RoleSteward)
	if res, body := steward.get("/publications/drift"); res.StatusCode != 200 || !strings.Contains(body, "No drift.") {
		t.Errorf("empty drift page: %d", res.StatusCode)
	}
	differs, missing, p := e.seedDrift()
	res, body := e.as(rules.RoleViewer).get("/publications/drift")
	for _, want := range []string{"B2B portal", "Kabel 3x1,5", "Cable 3x1.5", "published, missing on the channel"} {
		if !strings.Contains(body, want) {
			t.Errorf("drift page lacks %q", want)
		}
	}
	if res.StatusCode != 200 || strings.Contains(body, "Accept the channel") {
		t.Errorf("viewer's drift page: %d, must offer no actions", res.StatusCode)
	}

	// Bulk actions ask first, and asking changes nothing.
	res, body = steward.post("/publications/drift/resolve", url.Values{"action": {"accept"}, "ids": {fmt.Sprint(differs.ID)}})
	if res.StatusCode != 200 || !strings.Contains(body, "Accept the channel&#39;s values for 1 selected item?") {
		t.Fatalf("confirmation: %d", res.StatusCode)
	}
	if open, _ := models.ListDrift(e.db, models.DriftFilter{}); len(open) != 2 {
		t.Fatal("asking to confirm resolved items")
	}
	res, body = steward.post("/publications/drift/resolve", url.Values{"action": {"accept"}, "confirmed": {"1"}, "ids": {fmt.Sprint(differs.ID)}})
	if res.StatusCode != 200 || !strings.Contains(body, "1 item resolved.") {
		t.Errorf("accept: %d", res.StatusCode)
	}
	if got, _ := models.ProductByID(e.db, p.ID); got.Name != "Kabel 3x1,5" {
		t.Errorf("accepted name = %q", got.Name)
	}
	res, body = steward.post("/publications/drift/resolve", url.Values{"action": {"republish"}, "confirmed": {"1"}, "ids": {fmt.Sprint(missing.ID)}})
	if res.StatusCode != 200 || !strings.Contains(body, "1 item resolved.") || !strings.Contains(body, "No drift.") {
		t.Errorf("republish: %d", res.StatusCode)
	}
	var pubs int64
	e.db.Model(&models.Publication{}).Where("channel_id = ? AND golden_id = ?", e.portal.ID, *missing.GoldenID).Count(&pubs)
	if pubs != 1 {
		t.Errorf("%d publications queued, want 1", pubs)
	}
	// Bad input says what to do and changes nothing.
	for _, form := range []url.Values{{"action": {"delete"}}, {"action": {"accept"}}, {"action": {"accept"}, "scope": {"all"}}} {
		if res, _ := steward.post("/publications/drift/resolve", form); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d, want 422", form, res.StatusCode)
		}
	}
}

func TestDriftRunStartsReconciliation(t *testing.T) {
	e := newInboundEnv(t, testdb.SQLite(t))
	c := e.as(rules.RoleSteward)
	res, _ := c.post("/publications/drift/run", url.Values{"channel_id": {fmt.Sprint(e.portal.ID)}, "object": {"product"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/sync/runs/") {
		t.Fatalf("start: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	runs, _ := models.ListRuns(e.db, models.RunFilter{Limit: 10})
	if len(runs) != 1 || runs[0].Kind != "reconcile" || runs[0].Status != models.RunQueued {
		t.Errorf("runs = %+v", runs)
	}
	if res, _ := c.post("/publications/drift/run", url.Values{"channel_id": {fmt.Sprint(e.portal.ID)}, "object": {"product"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("second start while queued: %d, want 409", res.StatusCode)
	}
	if res, _ := c.post("/publications/drift/run", url.Values{"channel_id": {fmt.Sprint(e.portal.ID)}, "object": {"prices"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown object: %d, want 422", res.StatusCode)
	}
}
