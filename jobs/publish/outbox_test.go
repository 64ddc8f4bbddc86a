package publish_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
)

func TestOutboxOnePublicationPerVersionNewestWins(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db, false, publish.Config{})
		p := product("OB-1", "Cable v1")
		e.change(t, p)
		p.Name = "Cable v2"
		e.change(t, p)
		p.Name = "Cable v3"
		e.change(t, p)

		// A change rolled back leaves neither its publication nor its job.
		boom := errors.New("rolled back")
		err := db.Transaction(func(tx *gorm.DB) error {
			models.EnqueuePublications(tx, []models.Channel{e.ch}, models.ObjectProduct, 999, 1, "ghost")
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if got := len(e.publications(t, 999)); got != 0 {
			t.Fatalf("%d publications of a rolled-back change", got)
		}
		if n := e.jobs(t); n != 1 {
			t.Fatalf("%d publish jobs for three versions of one record, want 1 (unique while queued)", n)
		}

		e.start(t)
		e.settle(t, 20*time.Second)
		ps := e.publications(t, p.ID)
		if len(ps) != 3 || ps[2].Status != models.PublicationPublished || ps[0].Status != models.PublicationSkipped || ps[1].Status != models.PublicationSkipped {
			t.Fatalf("publications %+v, want v1 and v2 superseded and v3 published", ps)
		}
		if ps[0].SkipReason != "superseded by version 3" {
			t.Errorf("skip reason %q", ps[0].SkipReason)
		}
		key := fmt.Sprintf("steward-%d-0", ps[2].ID)
		if e.srv.Processed() != 1 || fieldOf(t, e.srv.Body(key), "name") != "Cable v3" {
			t.Fatalf("receiver processed %d, body %s: want the newest version once", e.srv.Processed(), e.srv.Body(key))
		}
		ext, err := models.ExternalIDFor(db, e.ch.ID, models.ObjectProduct, p.ID)
		if err != nil || ext != fmt.Sprintf("portal-product-%d", p.ID) {
			t.Errorf("external reference %q %v, want the portal's id", ext, err)
		}

		// The same payload again is skipped; a real change is sent.
		e.change(t, p)
		e.settle(t, 20*time.Second)
		ps = e.publications(t, p.ID)
		if last := ps[len(ps)-1]; last.Status != models.PublicationSkipped || last.SkipReason != "unchanged since the last publication" {
			t.Errorf("an unchanged version: %+v, want skipped as unchanged", last)
		}
		p.Name = "Cable v5"
		e.change(t, p)
		e.settle(t, 20*time.Second)
		if e.srv.Processed() != 2 || len(e.srv.Duplicates()) != 0 {
			t.Errorf("receiver processed %d (duplicates %v), want 2", e.srv.Processed(), e.srv.Duplicates())
		}
	})
}

func TestWorkerRetriesTransientAndFailsPermanentErrors(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db, false, publish.Config{MaxAttempts: 2})
		e.start(t)
		for _, tt := range []struct {
			name     string
			mode     func()
			status   string
			class    string
			attempts int
		}{
			{"429 then accepted", func() { e.srv.SetRetryAfter(1); e.srv.SetMode(1, 1) }, models.PublicationPublished, "", 2},
			{"500 until the attempts run out", func() { e.srv.SetMode(2, -1) }, models.PublicationFailed, publish.ClassUnavailable, 2},
			{"timeout then accepted", func() { e.srv.SetHang(time.Second); e.srv.SetMode(3, 1) }, models.PublicationPublished, "", 2},
			{"422 fails at once", func() { e.srv.SetMode(4, -1) }, models.PublicationFailed, publish.ClassValidation, 1},
		} {
			t.Run(tt.name, func(t *testing.T) {
				tt.mode()
				p := product("RT-"+tt.name, "Retry "+tt.name)
				e.change(t, p)
				e.settle(t, 30*time.Second)
				e.srv.SetMode(0, 0)
				ps := e.publications(t, p.ID)
				got := ps[len(ps)-1]
				if got.Status != tt.status || got.ErrorClass != tt.class || got.Attempts != tt.attempts {
					t.Fatalf("publication %+v, want %s class %q after %d attempts", got, tt.status, tt.class, tt.attempts)
				}
				if tt.status == models.PublicationFailed && (got.Payload == "" || got.ErrorDetail == "" || got.Error == "") {
					t.Errorf("a failure must keep the payload sent and the channel's words: %+v", got)
				}
			})
		}
	})
}
