package main

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"steward/jobs/odoo"
	"steward/jobs/odoo/odootest"
	"steward/jobs/publish"
	"steward/models"
)

// TestOdooChannelPublishes: an Odoo channel added with the command receives golden changes
// through the real worker: created the first time, written to the same record after.
func TestOdooChannelPublishes(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	dsn := filepath.Join(t.TempDir(), "s.db")
	srv := odootest.New(odootest.Options{Version: "18.0", APIKey: "odoo-e2e-key"})
	defer srv.Close()
	addChannel(t, "odoo-e2e-key", "odoo", "--db", dsn, "--name", "ERP", "--url", srv.URL(), "--database", srv.Database(), "--login", "admin")

	db, cfg := startPublishing(t, dsn)
	importProducts(t, db, cfg, "sku,name,barcode,list_price,currency\nEL-1001,Cable tie 200 mm,4006381333931,12.50,EUR\n")
	ps := settled(t, db, "ERP")
	if len(ps) == 0 || ps[len(ps)-1].Status != models.PublicationPublished || ps[len(ps)-1].ExternalID == "" {
		t.Fatalf("publications %+v: want the product published with Odoo's id", ps)
	}
	id, _ := strconv.ParseInt(ps[len(ps)-1].ExternalID, 10, 64)
	c := odoo.New(odoo.Config{URL: srv.URL(), Database: srv.Database(), Login: "admin", Secret: "odoo-e2e-key"}, nil)
	read := func() odoo.Record {
		t.Helper()
		recs, err := c.Read(context.Background(), "product.product", []int64{id}, []string{"default_code", "name", "barcode", "list_price"})
		if err != nil || len(recs) != 1 {
			t.Fatalf("read product %d: %v %v", id, recs, err)
		}
		return recs[0]
	}
	if r := read(); r.String("default_code") != "EL-1001" || r.String("name") != "Cable tie 200 mm" || r.Float("list_price") != 12.5 {
		t.Errorf("Odoo product = %v", r)
	}

	importProducts(t, db, cfg, "sku,name,barcode,list_price,currency\nEL-1001,Cable tie 200 mm black,4006381333931,13.00,EUR\n")
	ps = settled(t, db, "ERP")
	if last := ps[len(ps)-1]; last.Status != models.PublicationPublished || last.ExternalID != strconv.FormatInt(id, 10) {
		t.Errorf("second publication %s %q %q to %q: want published to the same record", last.Status, last.Error, last.ErrorDetail, last.ExternalID)
	}
	if r := read(); r.String("name") != "Cable tie 200 mm black" || r.Float("list_price") != 13 {
		t.Errorf("Odoo product after the change = %v", r)
	}
	if n := srv.Count("product.product"); n != 1 {
		t.Errorf("%d products in Odoo, want 1", n)
	}
}

// An Odoo channel without credentials (the demo's placeholder ERP) is skipped with the
// reason, not failed on every change.
func TestOdooChannelWithoutCredentialsIsSkipped(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	for _, settings := range []string{"", "{}"} {
		ch := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Settings: settings, Active: true}
		_, err := publishConnectors(nil, mustKeyring(t))(ch)
		if !errors.Is(err, publish.ErrNoConnector) || !strings.Contains(err.Error(), "no Odoo credentials") {
			t.Errorf("settings %q: err = %v, want a skip for missing credentials", settings, err)
		}
	}
	ch := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Settings: `{"secret":"v1:damaged"}`}
	if _, err := publishConnectors(nil, mustKeyring(t))(ch); err == nil || errors.Is(err, publish.ErrNoConnector) {
		t.Errorf("a damaged credential: err = %v, want a failure a steward sees", err)
	}
}

// A record Steward pulled from Odoo and then changed elsewhere is written back to the same
// Odoo record (its external reference), never created a second time.
func TestOdooChannelWritesBackToThePulledRecord(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	dsn := filepath.Join(t.TempDir(), "s.db")
	srv := odootest.New(odootest.Options{Version: "19.0", APIKey: "odoo-e2e-key"})
	defer srv.Close()
	srv.Seed(20)
	before := srv.Count("product.product")
	addChannel(t, "odoo-e2e-key", "odoo", "--db", dsn, "--name", "ERP", "--url", srv.URL(), "--database", srv.Database(), "--login", "admin", "--protocol", "json2")
	if out, err := runCLI(t, "", "sync", "--db", dsn, "--channel", "ERP", "--object", "products"); err != nil {
		t.Fatalf("pull: %v\n%s", err, out)
	}

	db, cfg := startPublishing(t, dsn)
	ch, _ := models.ChannelByName(db, "ERP")
	var ref models.ExternalRef
	if err := db.Where("channel_id = ? AND object_type = ?", ch.ID, models.ObjectProduct).Order("id").Take(&ref).Error; err != nil {
		t.Fatal(err)
	}
	p, err := models.ProductByID(db, ref.GoldenID)
	if err != nil || p.SKU == "" {
		t.Fatalf("pulled product %+v: %v", p, err)
	}
	importProducts(t, db, cfg, "sku,name,currency\n"+p.SKU+",Fixed by a steward,"+p.Currency+"\n")

	var pub models.Publication
	for _, q := range settled(t, db, "ERP") {
		if q.GoldenID == ref.GoldenID && q.ObjectType == models.ObjectProduct {
			pub = q
		}
	}
	if pub.Status != models.PublicationPublished || pub.ExternalID != ref.ExternalID {
		t.Fatalf("publication %+v: want published to Odoo record %s", pub, ref.ExternalID)
	}
	id, _ := strconv.ParseInt(ref.ExternalID, 10, 64)
	rec, _ := srv.Get("product.product", id)
	if rec["name"] != "Fixed by a steward" || rec["list_price"] != float64(p.ListPrice)/models.MoneyScale || rec["default_code"] != p.SKU {
		t.Errorf("Odoo product %d = name %v, price %v, code %v", id, rec["name"], rec["list_price"], rec["default_code"])
	}
	if n := srv.Count("product.product"); n != before {
		t.Errorf("%d products in Odoo, want the %d it had", n, before)
	}

	// The next pull reads the written record back unchanged: no echo, no new version.
	g, _ := models.ProductByID(db, ref.GoldenID)
	srv.Advance(time.Minute)
	if out, err := runCLI(t, "", "sync", "--db", dsn, "--channel", "ERP", "--object", "products"); err != nil {
		t.Fatalf("pull after the write: %v\n%s", err, out)
	}
	if again, _ := models.ProductByID(db, ref.GoldenID); again.Version != g.Version || again.Name != "Fixed by a steward" {
		t.Errorf("after pulling the write back: version %d → %d, name %q", g.Version, again.Version, again.Name)
	}
}
