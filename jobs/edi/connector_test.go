package edi_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/edi"
	"steward/jobs/edi/editest"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
	"steward/rules/channelmap"
)

type rig struct {
	db      *gorm.DB
	ch      models.Channel
	conn    *edi.Connector
	partner *editest.Partner
	out, in string
}

func newRig(t testing.TB, db *gorm.DB) *rig {
	t.Helper()
	out, in := t.TempDir(), t.TempDir()
	ch := models.Channel{Name: "hansa-edi", Kind: models.ChannelEDI, Direction: models.DirectionDestination, Active: true,
		Settings: fmt.Sprintf(`{"outbound_dir":%q,"inbound_dir":%q,"partner_name":"Hansa","customer_id":42,"customer_code":"HANSA-0042","sender_id":"STEWARD","receiver_id":"HANSAEDI"}`, out, in)}
	if err := models.CreateChannel(db, &ch); err != nil {
		t.Fatal(err)
	}
	conn, err := edi.New(db, ch)
	if err != nil {
		t.Fatal(err)
	}
	return &rig{db: db, ch: ch, conn: conn, partner: editest.New(out, in, "HANSAEDI"), out: out, in: in}
}

func item(t testing.TB, pub int64, r channelmap.Record) publish.Item {
	t.Helper()
	m := channelmap.Mapping{Values: map[string]map[string]string{"uom": {"Units": "EA"}}}
	raw, err := channelmap.RenderEDI(r, m)
	if err != nil {
		t.Fatal(err)
	}
	return publish.Item{PublicationID: pub, ObjectType: r.Object, GoldenID: r.ID, GoldenVersion: 1, Payload: raw}
}

func priceItem(t testing.TB, pub int64, sku, uom string, price float64, customer int64) publish.Item {
	r := channelmap.Record{Object: "price", ID: pub, Fields: map[string]any{"sku": sku, "name": "Item " + sku, "uom": uom, "price": price, "currency": "EUR"}}
	if customer != 0 {
		r.CustomerID = &customer
	}
	return item(t, pub, r)
}

func stockItem(t *testing.T, pub int64, sku string, qty float64) publish.Item {
	return item(t, pub, channelmap.Record{Object: "stock", ID: pub, Fields: map[string]any{"sku": sku, "uom": "Units", "available": qty}})
}

func x12Files(t *testing.T, dir string) []string {
	t.Helper()
	fs, _ := filepath.Glob(filepath.Join(dir, "*.x12"))
	sort.Strings(fs)
	return fs
}

// TestPublishWritesFilesAckedByPartner is the round trip: prices and stock become one
// interchange, the partner takes it and answers with a 997 that settles the publications.
func TestPublishWritesFilesAckedByPartner(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		ctx := context.Background()
		items := []publish.Item{priceItem(t, 1, "EL-1001", "Units", 3.95, 42), priceItem(t, 2, "EL-1002", "Units", 12, 0), stockItem(t, 3, "EL-1001", 1250)}
		outs, err := r.conn.Publish(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range outs {
			if o.Err != nil {
				t.Fatalf("item %d: %v", i, o.Err)
			}
		}
		if outs[0].ExternalID != "EL-1001" {
			t.Errorf("external id = %q", outs[0].ExternalID)
		}
		files := x12Files(t, r.out)
		if len(files) != 1 || filepath.Base(files[0]) != "HANSAEDI_000000001.x12" {
			t.Fatalf("outbound holds %v", files)
		}
		if left, _ := filepath.Glob(filepath.Join(r.out, ".*")); len(left) != 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
		edi.StrictCheck(t, files[0], func(sent edi.StrictResult) {
			if sent.Error != "" || len(sent.Groups) != 2 {
				t.Fatalf("node-x12 read the file as %+v", sent)
			}
		})
		if _, err := r.partner.Process(); err != nil {
			t.Fatal(err)
		}
		if got := r.partner.Price("EL-1001"); got != "3.95" {
			t.Errorf("partner price = %q", got)
		}
		if got := r.partner.Stock("EL-1001"); got != "1250" {
			t.Errorf("partner stock = %q", got)
		}
		acks := x12Files(t, r.in)
		if len(acks) != 1 {
			t.Fatalf("inbound holds %v", acks)
		}
		edi.StrictCheck(t, acks[0], func(res edi.StrictResult) {
			if res.Error != "" || res.Groups[0].Sets[0].Code != "997" {
				t.Fatalf("node-x12 read the 997 as %+v", res)
			}
		})
		// Another partner's 997 in the same folder is left alone.
		other := strings.Replace(string(mustRead(t, acks[0])), "HANSAEDI       ", "OTHERPARTNER   ", 1)
		if err := os.WriteFile(filepath.Join(r.in, "997_other.x12"), []byte(other), 0o644); err != nil {
			t.Fatal(err)
		}
		results, err := r.conn.ReadAcks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if left := x12Files(t, r.in); len(left) != 1 || filepath.Base(left[0]) != "997_other.x12" {
			t.Errorf("inbound after reading: %v", left)
		}
		os.Remove(filepath.Join(r.in, "997_other.x12"))
		if len(results) != 2 {
			t.Fatalf("acks = %+v", results)
		}
		for _, a := range results {
			if a.Status != models.EDIAccepted || a.Err() != nil {
				t.Errorf("%s: %s %q", a.SetCode, a.Status, a.Note)
			}
		}
		if got := fmt.Sprint(results[0].PublicationIDs, results[1].PublicationIDs); got != "[1 2] [3]" {
			t.Errorf("publications per set = %s", got)
		}
		if left := x12Files(t, r.in); len(left) != 0 {
			t.Errorf("997 not moved to processed: %v", left)
		}
		// Reading again finds nothing new.
		if again, _ := r.conn.ReadAcks(ctx); len(again) != 0 {
			t.Errorf("second read = %+v", again)
		}
	})
}

// TestPartnerRejectionBecomesPlainWords: a unit code the partner does not know comes back
// in a 997 as AK3/AK4/AK5 R, and the publication fails with that in words.
func TestPartnerRejectionBecomesPlainWords(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		ctx := context.Background()
		pub := models.Publication{ChannelID: r.ch.ID, ObjectType: "price_rule", GoldenID: 1, GoldenVersion: 1, Status: models.PublicationPublished,
			Payload: "{}", Version: 1}
		if err := db.Create(&pub).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := r.conn.Publish(ctx, []publish.Item{priceItem(t, pub.ID, "EL-1001", "Stück", 3.95, 0)}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.partner.Process(); err != nil {
			t.Fatal(err)
		}
		results, err := r.conn.Settle(ctx)
		if err != nil || len(results) != 1 {
			t.Fatalf("acks = %+v, %v", results, err)
		}
		a := results[0]
		var pe *publish.Error
		if a.Status != models.EDIRejected || !errors.As(a.Err(), &pe) || pe.Class != publish.ClassValidation || pe.Retry {
			t.Fatalf("ack = %+v, err %v", a, a.Err())
		}
		for _, want := range []string{"segment CTP", "element 5: the code is not one the partner accepts", `"Stuck"`, "one or more segments have errors"} {
			if !strings.Contains(a.Note, want) {
				t.Errorf("note %q lacks %q", a.Note, want)
			}
		}
		if !strings.Contains(pe.Message, "rejected the 832 price catalog") {
			t.Errorf("message = %q", pe.Message)
		}
		got, _ := models.PublicationByID(db, pub.ID)
		if got.Status != models.PublicationFailed || got.ErrorClass != publish.ClassValidation || got.Error != pe.Message || got.ErrorDetail != a.Note {
			t.Errorf("publication after the 997: %+v", got)
		}
		var row models.EDITransaction
		if err := db.First(&row, a.TransactionID).Error; err != nil || row.Status != models.EDIRejected || row.AckNote != a.Note {
			t.Errorf("row = %+v, %v", row, err)
		}
	})
}

// TestControlNumbersNeverRepeat: numbers keep rising across a restart (a new connector on
// the same database) and under concurrent publishers.
func TestControlNumbersNeverRepeat(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		ctx := context.Background()
		if _, err := r.conn.Publish(ctx, []publish.Item{stockItem(t, 1, "A", 1)}); err != nil {
			t.Fatal(err)
		}
		restarted, err := edi.New(db, r.ch)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := restarted.Publish(ctx, []publish.Item{stockItem(t, int64(10+i), "A", 1), priceItem(t, int64(20+i), "A", "Units", 1, 0)})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		files := x12Files(t, r.out)
		if len(files) != 9 {
			t.Fatalf("%d files, want 9", len(files))
		}
		seen := map[string]bool{}
		for _, f := range files {
			p, err := edi.Parse(mustRead(t, f))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range p.Segments {
				var key string
				switch s[0] {
				case "ISA":
					key = "ISA" + s[13]
				case "GS":
					key = "GS" + s[6]
				case "ST":
					key = "ST" + s[2]
				}
				if key != "" && seen[key] {
					t.Errorf("%s used twice", key)
				}
				seen[key] = true
			}
		}
		if !seen["ISA000000009"] || !seen["GS17"] || !seen["ST0017"] {
			t.Errorf("numbers are not consecutive: %v", seen)
		}
	})
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPublishErrors(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		// Another customer's contract price fails alone; the rest is written.
		outs, err := r.conn.Publish(context.Background(), []publish.Item{priceItem(t, 1, "A", "Units", 1, 99), stockItem(t, 2, "A", 5)})
		if err != nil {
			t.Fatal(err)
		}
		var pe *publish.Error
		if !errors.As(outs[0].Err, &pe) || pe.Class != publish.ClassValidation || pe.Field != "customer_id" || outs[1].Err != nil {
			t.Errorf("outcomes = %+v", outs)
		}
		if data := string(mustRead(t, x12Files(t, r.out)[0])); strings.Contains(data, "CTP") {
			t.Errorf("another customer's price was written: %s", data)
		}
		for _, f := range x12Files(t, r.out) {
			os.Remove(f)
		}

		// A price in another currency than the partner's catalog fails alone.
		usd := item(t, 6, channelmap.Record{Object: "price", Fields: map[string]any{"sku": "A", "price": 2.0, "currency": "USD"}})
		outs, err = r.conn.Publish(context.Background(), []publish.Item{priceItem(t, 7, "A", "Units", 1, 0), usd})
		if err != nil || outs[0].Err != nil || !errors.As(outs[1].Err, &pe) || pe.Field != "currency" {
			t.Errorf("mixed currencies: %v %+v", err, outs)
		}
		for _, f := range x12Files(t, r.out) {
			os.Remove(f)
		}

		// A deadline that passed is a timeout to retry, and writes nothing.
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err = r.conn.Publish(ctx, []publish.Item{stockItem(t, 3, "A", 5)})
		if !errors.As(err, &pe) || pe.Class != publish.ClassTimeout || !pe.Retry {
			t.Errorf("expired deadline: %v", err)
		}

		// An outbound folder that is gone is a retryable outage; the sets are recorded as not
		// sent and their numbers stay used.
		r.conn.Config.OutboundDir = filepath.Join(r.out, "missing")
		_, err = r.conn.Publish(context.Background(), []publish.Item{stockItem(t, 4, "A", 5)})
		if !errors.As(err, &pe) || pe.Class != publish.ClassUnavailable || !pe.Retry {
			t.Errorf("missing folder: %v", err)
		}
		var sent, notSent int64
		db.Model(&models.EDITransaction{}).Where("channel_id = ? AND status = ?", r.ch.ID, models.EDISent).Count(&sent)
		db.Model(&models.EDITransaction{}).Where("channel_id = ? AND status = ?", r.ch.ID, models.EDINotSent).Count(&notSent)
		if sent != 2 || notSent != 1 {
			t.Errorf("%d sets sent and %d not sent, want 2 and 1", sent, notSent)
		}
		// The numbers of the failed file are not handed out again.
		r.conn.Config.OutboundDir = r.out
		if _, err := r.conn.Publish(context.Background(), []publish.Item{stockItem(t, 5, "A", 5)}); err != nil {
			t.Fatal(err)
		}
		if files := x12Files(t, r.out); len(files) != 1 || filepath.Base(files[0]) != "HANSAEDI_000000004.x12" {
			t.Errorf("files after the failure: %v", files)
		}

		// Customers are not EDI catalog data.
		if _, err := channelmap.RenderEDI(channelmap.Record{Object: "customer", Fields: map[string]any{"sku": "x"}}, channelmap.Mapping{}); err == nil {
			t.Error("customer rendered for EDI")
		}
	})
}

// TestPartnerRefusesARepeatedControlNumber: the test partner, like a real translator,
// rejects a set whose control numbers it has seen before, and the 997 says so.
func TestPartnerRefusesARepeatedControlNumber(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		ctx := context.Background()
		if _, err := r.conn.Publish(ctx, []publish.Item{stockItem(t, 1, "A", 5)}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.partner.Process(); err != nil {
			t.Fatal(err)
		}
		if _, err := r.conn.ReadAcks(ctx); err != nil {
			t.Fatal(err)
		}
		picked := mustRead(t, filepath.Join(r.out, "picked", "HANSAEDI_000000001.x12"))
		if err := os.WriteFile(filepath.Join(r.out, "resent.x12"), picked, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := r.partner.Process(); err != nil {
			t.Fatal(err)
		}
		acks, err := r.conn.ReadAcks(ctx)
		if err != nil || len(acks) != 1 || acks[0].Status != models.EDIRejected || !strings.Contains(acks[0].Note, "the set control number was used before") {
			t.Errorf("acks = %+v, %v", acks, err)
		}
	})
}
