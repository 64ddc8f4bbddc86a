package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/models/testdb"
)

// seedCustomers stores accounts with a billing address each: name, tax id, email, street,
// postcode, city, country.
func seedCustomers(t *testing.T, db *gorm.DB, rows [][7]string) []int64 {
	t.Helper()
	var ids []int64
	for _, r := range rows {
		c := models.Customer{Name: r[0], TaxID: r[1], Email: r[2], Country: r[6], Currency: "EUR", Active: true}
		if err := models.CreateCustomer(db, &c); err != nil {
			t.Fatal(err)
		}
		a := models.Address{CustomerID: c.ID, Kind: models.AddressBilling, Street: r[3], Postcode: r[4], City: r[5], Country: r[6], Version: 1}
		if err := db.Create(&a).Error; err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

var scanCustomers = [][7]string{
	{"Baumarkt Keller GmbH", "DE811907980", "einkauf@keller-bau.de", "Hauptstraße 5", "80331", "München", "DE"},
	{"Baumarkt Keller", "DE 811 907 980", "einkauf@keller-bau.de", "Hauptstr. 5", "80331", "Muenchen", "DE"},
	{"Elektro Brandt OHG", "", "info@brandt-elektro.de", "Lindenweg 12", "20095", "Hamburg", "DE"},
	{"Elektro Brand", "", "info@brandt-elektro.de", "Lindenweg 12", "20095", "Hamburg", "DE"},
	{"Papeterie Martin SARL", "FR40303265045", "contact@papeterie-martin.fr", "12 rue de la Paix", "75002", "Paris", "FR"},
	{"Nordic Tools AB", "SE556677889901", "orders@nordictools.se", "Storgatan 1", "11122", "Stockholm", "SE"},
}

func TestScanStoresCandidatesAndRemembersDismissals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ids := seedCustomers(t, db, scanCustomers)
		scan := func() models.SyncRun {
			t.Helper()
			ch, err := models.ScanChannel(db)
			if err != nil {
				t.Fatal(err)
			}
			run := models.SyncRun{ChannelID: ch.ID, Kind: models.ScanRunKind, Object: "customer", StartedBy: "test"}
			if err := models.CreateRun(db, &run); err != nil {
				t.Fatal(err)
			}
			var calls int
			if err := jobs.Scan(context.Background(), jobs.Config{DB: db}, "customer", run.ID, func(done, total int64) { calls++ }); err != nil {
				t.Fatal(err)
			}
			if calls == 0 {
				t.Error("no progress reported")
			}
			got, _ := models.RunByID(db, run.ID)
			return got
		}
		run := scan()
		if run.Status != models.RunSucceeded || run.Total != 6 || run.Read != 6 || run.Created != 2 {
			t.Fatalf("first scan run: %+v", run)
		}
		var cs []models.DuplicateCandidate
		db.Order("left_id").Find(&cs)
		if len(cs) != 2 || cs[0].LeftID != ids[0] || cs[0].RightID != ids[1] || cs[1].LeftID != ids[2] || cs[1].RightID != ids[3] {
			t.Fatalf("candidates: %+v", cs)
		}
		for _, c := range cs {
			if c.ClusterID != c.ID || c.Source != "scan" || c.Explanation == "" || c.LeftFingerprint == "" || c.Summary == "" {
				t.Fatalf("candidate %+v", c)
			}
		}
		// The same VAT id and mailbox: nearly certain, so in the match band.
		var inMatch int64
		for _, c := range cs {
			if c.Band == "match" {
				inMatch++
			}
		}
		if cs[0].Band != "match" || run.Held != inMatch {
			t.Errorf("Keller pair band %s (score %.3f), run held %d, %d in the match band", cs[0].Band, cs[0].Score, run.Held, inMatch)
		}
		var keys int64
		db.Model(&models.MatchKey{}).Where("domain = ?", "customer").Count(&keys)
		if keys == 0 {
			t.Error("no blocking keys filed")
		}
		// "Not a duplicate" on the Brandt pair holds across scans, even with a cosmetic edit…
		db.Model(&models.DuplicateCandidate{}).Where("id = ?", cs[1].ID).Update("status", models.CandidateDismissed)
		db.Model(&models.Customer{}).Where("id = ?", ids[3]).Update("name", "ELEKTRO BRAND")
		run = scan()
		if run.Created != 0 || run.Unchanged != 2 {
			t.Fatalf("second scan run: %+v", run)
		}
		// …and ends when a matching field changes materially.
		db.Model(&models.Customer{}).Where("id = ?", ids[3]).Update("email", "verkauf@brandt-elektro.de")
		scan()
		var again models.DuplicateCandidate
		db.Take(&again, cs[1].ID)
		if again.Status != models.CandidateOpen {
			t.Fatalf("changed pair still %s", again.Status)
		}
		// A pair that no longer scores, or whose side is archived, leaves the queue.
		db.Model(&models.Customer{}).Where("id = ?", ids[3]).Updates(map[string]any{"name": "Nordlicht Versand KG", "email": "post@nordlicht.de"})
		db.Model(&models.Customer{}).Where("id = ?", ids[1]).Update("active", false)
		scan()
		var gone []models.DuplicateCandidate
		db.Where("status = ?", models.CandidateResolved).Order("id").Find(&gone)
		if len(gone) != 2 || !strings.Contains(gone[0].DecisionNote, "no longer a possible duplicate") {
			t.Errorf("resolved after the edits: %+v", gone)
		}
		if n := len(auditOf(t, db, "matching.scan")); n != 4 {
			t.Errorf("%d scan audit events, want 4", n)
		}
	})
}

func auditOf(t *testing.T, db *gorm.DB, action string) []models.AuditEvent {
	t.Helper()
	evs, err := models.ListAudit(db, models.AuditFilter{Action: action, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestQueuedScanRuns(t *testing.T) {
	db := testdb.SQLite(t)
	seedCustomers(t, db, scanCustomers)
	r := newRunner(t, db, &memorySource{})
	var runID int64
	err := db.Transaction(func(tx *gorm.DB) error {
		var err error
		runID, err = r.EnqueueScan(context.Background(), tx, "customer", "ada@example.com")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	run := waitRun(t, db, runID)
	if run.Status != models.RunSucceeded || run.Created != 2 || run.StartedBy != "ada@example.com" {
		t.Fatalf("run %+v", run)
	}
	view, err := models.RunViewByID(db, runID)
	if err != nil || view.ChannelName != models.ScanChannelName || view.Kind != "scan" {
		t.Fatalf("as /sync shows it: %+v %v", view, err)
	}
}

// A scan schedule saved under /admin/matching becomes a periodic job on a running instance
// without a restart, and its runs are recorded as started by the schedule.
func TestScheduledScan(t *testing.T) {
	db := testdb.SQLite(t)
	seedCustomers(t, db, scanCustomers)
	newRunner(t, db, &memorySource{})
	s := models.MatchSettings{Domain: "customer", MatchThreshold: 0.95, ReviewThreshold: 0.4, ScanCron: "@every 1s"}
	if err := models.SaveMatchSettings(db, models.SystemActor("admin@example.com"), &s, models.MatchSettings{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "a scheduled scan to finish", func() bool {
		return countOf(db, &models.SyncRun{}, "kind = ? AND status = ? AND started_by = ?", "scan", models.RunSucceeded, "schedule") > 0
	})
	if n := countOf(db, &models.DuplicateCandidate{}, "source = ?", "scan"); n != 2 {
		t.Errorf("%d candidates after the scheduled scan, want 2", n)
	}
}
