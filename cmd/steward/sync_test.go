package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"steward/jobs/odoo/odootest"
	"steward/models"
)

// runCLI runs a steward command in-process and returns what it printed.
func runCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestOdooChannelEndToEnd(t *testing.T) {
	for _, tt := range []struct{ version, protocol string }{{"16.0", "jsonrpc"}, {"17.0", "jsonrpc"}, {"18.0", "jsonrpc"}, {"19.0", "jsonrpc"}, {"19.0", "json2"}} {
		t.Run(tt.version+"/"+tt.protocol, func(t *testing.T) {
			t.Setenv("STEWARD_SECRET_KEY", "a-long-enough-secret-key-for-tests")
			srv := odootest.New(odootest.Options{Version: tt.version, Database: "erp", Login: "sync@example.com", Password: "pw", APIKey: "key-123"})
			defer srv.Close()
			stats := srv.Seed(120)
			dbPath := filepath.Join(t.TempDir(), "steward.db")

			// A wrong key is refused before anything is stored.
			out, err := runCLI(t, "wrong\n", "channel", "add", "odoo", "--db", dbPath, "--name", "Odoo ERP", "--url", srv.URL(),
				"--database", "erp", "--login", "sync@example.com", "--protocol", tt.protocol)
			if err == nil || !strings.Contains(err.Error(), "could not connect to Odoo") {
				t.Fatalf("wrong key: %v\n%s", err, out)
			}
			out, err = runCLI(t, "key-123\n", "channel", "add", "odoo", "--db", dbPath, "--name", "Odoo ERP", "--url", srv.URL(),
				"--database", "erp", "--login", "sync@example.com", "--protocol", tt.protocol)
			if err != nil {
				t.Fatalf("channel add: %v\n%s", err, out)
			}
			db, err := models.Open(dbPath)
			if err != nil {
				t.Fatal(err)
			}
			defer models.Close(db)
			ch, _ := models.ChannelByName(db, "Odoo ERP")
			if strings.Contains(ch.Settings, "key-123") {
				t.Fatal("the API key is stored in the clear")
			}

			if out, err = runCLI(t, "", "sync", "--db", dbPath, "--channel", "Odoo ERP"); err != nil {
				t.Fatalf("first sync: %v\n%s", err, out)
			}
			var products, customers, contacts, inventory int64
			db.Model(&models.Product{}).Count(&products)
			db.Model(&models.Customer{}).Count(&customers)
			db.Model(&models.Contact{}).Count(&contacts)
			db.Model(&models.InventoryLevel{}).Count(&inventory)
			if products != int64(stats.Products) || customers < int64(stats.Customers) || contacts != int64(stats.Contacts) || inventory == 0 {
				t.Fatalf("after the first sync: %d products (want %d), %d customers (want ≥ %d), %d contacts (want %d), %d stock levels\n%s",
					products, stats.Products, customers, stats.Customers, contacts, stats.Contacts, inventory, out)
			}

			// A change made in Odoo arrives with the next pull, exactly once, audited.
			var ref models.ExternalRef
			db.Where("channel_id = ? AND object_type = ?", ch.ID, models.ObjectProduct).Order("id").Take(&ref)
			id := int64(0)
			for _, c := range ref.ExternalID {
				id = id*10 + int64(c-'0')
			}
			srv.Advance(60e9)
			if err := srv.Write("product.product", []int64{id}, map[string]any{"name": "Renamed in Odoo"}); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 2; i++ {
				if out, err = runCLI(t, "", "sync", "--db", dbPath, "--channel", "Odoo ERP", "--object", "products"); err != nil {
					t.Fatalf("second sync: %v\n%s", err, out)
				}
			}
			p, _ := models.ProductByID(db, ref.GoldenID)
			var updates int64
			db.Model(&models.AuditEvent{}).Where("action = ? AND object_id = ?", "product.update", ref.GoldenID).Count(&updates)
			if p.Name != "Renamed in Odoo" || updates != 1 {
				t.Errorf("after the change: name %q, %d update events (want 1)", p.Name, updates)
			}
		})
	}
}
