package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

const (
	wantProductHeader  = "id,sku,name,description,category,brand,uom,barcode,weight_kg,length_cm,width_cm,height_cm,hs_code,tax_class,list_price,cost,currency,lifecycle_status,active"
	wantCustomerHeader = "id,name,legal_name,tax_id,email,phone,website,payment_terms,credit_limit,currency,country,price_list,parent_id,active,billing_street,billing_street2,billing_city,billing_postcode,billing_state,billing_country"
)

// awkwardName needs quoting in CSV (a comma and a quote) and is not ASCII.
const awkwardName = `Kabelbinder "Profi", 200x4.8 mm, für Außen – café`

func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "steward.db")
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"migrate", "up", "--db", dbPath}, nil, &out, &errOut); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut.String())
	}
	db, err := models.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	seedExportRows(t, db)
	models.Close(db)

	csvPath := filepath.Join(dir, "products.csv")
	out.Reset()
	if err := run(ctx, []string{"export", "products", "--db", dbPath, "--out", csvPath}, nil, &out, &errOut); err != nil {
		t.Fatalf("export products: %v\n%s", err, errOut.String())
	}
	if got := out.String(); got != "Exported 2 products to "+csvPath+"\n" {
		t.Errorf("report %q", got)
	}
	raw, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(raw), "\n"); first != wantProductHeader {
		t.Errorf("header %q\nwant   %q", first, wantProductHeader)
	}
	if !strings.Contains(string(raw), `"Kabelbinder ""Profi"", 200x4.8 mm, für Außen – café"`) {
		t.Errorf("the awkward name is not quoted as CSV wants:\n%s", raw)
	}
	rows := readCSV(t, bytes.NewReader(raw))
	want := []string{"1", "EL-10023", awkwardName, "Polyamid, UV-beständig", "Cable Management", "Fixline", "PK", "4006381333931",
		"0.25", "20", "", "", "392690", "standard", "12.50", "7.0125", "EUR", "active", "true"}
	if !slices.Equal(rows[1], want) {
		t.Errorf("row\n%q\nwant\n%q", rows[1], want)
	}
	if rows[2][8] != "" || rows[2][18] != "false" {
		t.Errorf("second product: weight %q, active %q", rows[2][8], rows[2][18])
	}

	// The action may follow the flags, and "-" writes to standard output.
	out.Reset()
	errOut.Reset()
	if err := run(ctx, []string{"export", "--db", dbPath, "--out", "-", "customers"}, nil, &out, &errOut); err != nil {
		t.Fatalf("export customers: %v", err)
	}
	if got := errOut.String(); got != "Exported 2 customers to -\n" {
		t.Errorf("report %q", got)
	}
	rows = readCSV(t, &out)
	if strings.Join(rows[0], ",") != wantCustomerHeader {
		t.Errorf("header %q", strings.Join(rows[0], ","))
	}
	wantHead := []string{"1", "Müller & Söhne, Elektro GmbH", `Müller & Söhne "Elektro" GmbH`, "DE143454214", "einkauf@mueller.example", "+4940123456",
		"", "Net 30", "25000.00", "EUR", "DE", "Wholesale EUR", "", "true", "Hafenstraße 1", "Halle 2", "Hamburg", "20457", "", "DE"}
	if !slices.Equal(rows[1], wantHead) {
		t.Errorf("customer row\n%q\nwant\n%q", rows[1], wantHead)
	}
	if rows[2][11] != "" || rows[2][12] != "1" || rows[2][14] != "" {
		t.Errorf("branch: price list %q, parent %q, billing street %q", rows[2][11], rows[2][12], rows[2][14])
	}
}

func TestExportCommandErrors(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "steward.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--db", dbPath, "--out", "x.csv"}, "products or customers"},
		{[]string{"export", "orders", "--db", dbPath, "--out", "x.csv"}, `unknown export "orders"`},
		{[]string{"export", "products", "--db", dbPath}, "--out is required"},
		{[]string{"export", "products", "--db", dbPath, "--out", "x.csv", "extra"}, `unexpected argument "extra"`},
	} {
		err := run(context.Background(), tc.args, nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one mentioning %q", tc.args, err, tc.want)
		}
	}
}

func TestWriteFileAtomicallyLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("previous export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("database went away")
	err := writeFileAtomically(path, func(w io.Writer) error {
		fmt.Fprintln(w, "id,sku")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "previous export\n" {
		t.Errorf("the previous file was changed: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestExportTables runs the exporters on both dialects, across several batches.
func TestExportTables(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		seedExportRows(t, db)
		const extra = 2*exportBatch + 7
		ps := make([]models.Product, extra)
		for i := range ps {
			ps[i] = models.Product{SKU: fmt.Sprintf("FA-%05d", i), Name: fmt.Sprintf("Washer %d", i), UoM: "PK", Currency: "EUR", Active: true, Version: 1}
		}
		if err := db.CreateInBatches(&ps, 100).Error; err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		n, err := exportProducts(db, w)
		w.Flush()
		if err != nil || n != extra+2 {
			t.Fatalf("exported %d products (err %v), want %d", n, err, extra+2)
		}
		rows := readCSV(t, &buf)
		if len(rows) != n+1 || rows[1][2] != awkwardName || rows[len(rows)-1][1] != fmt.Sprintf("FA-%05d", extra-1) {
			t.Errorf("%d rows; first name %q, last SKU %q", len(rows), rows[1][2], rows[len(rows)-1][1])
		}
		seen := map[string]bool{}
		for _, r := range rows[1:] {
			if seen[r[0]] {
				t.Fatalf("id %s exported twice", r[0])
			}
			seen[r[0]] = true
		}

		buf.Reset()
		n, err = exportCustomers(db, w)
		w.Flush()
		if err != nil || n != 2 {
			t.Fatalf("exported %d customers (err %v)", n, err)
		}
		rows = readCSV(t, &buf)
		if rows[1][11] != "Wholesale EUR" || rows[1][16] != "Hamburg" || rows[2][12] != rows[1][0] {
			t.Errorf("customers: %q", rows)
		}
	})
}

// seedExportRows stores two products and two customers: a head office with a billing and
// a delivery address, and a branch without addresses or price list.
func seedExportRows(t *testing.T, db *gorm.DB) {
	t.Helper()
	weight, length := 0.25, 20.0
	p := models.Product{
		SKU: "EL-10023", Name: awkwardName, Description: "Polyamid, UV-beständig", Category: "Cable Management", Brand: "Fixline",
		UoM: "PK", Barcode: "4006381333931", WeightKg: &weight, LengthCm: &length, HSCode: "392690", TaxClass: "standard",
		ListPrice: 125000, Cost: 70125, Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true,
	}
	if err := models.CreateProduct(db, &p); err != nil {
		t.Fatal(err)
	}
	q := models.Product{SKU: "EL-10024", Name: "Café table lamp", UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleDiscontinued}
	if err := models.CreateProduct(db, &q); err != nil {
		t.Fatal(err)
	}
	pl := models.PriceList{Name: "Wholesale EUR", Currency: "EUR", Active: true, Version: 1}
	if err := db.Create(&pl).Error; err != nil {
		t.Fatal(err)
	}
	head := models.Customer{
		Name: "Müller & Söhne, Elektro GmbH", LegalName: `Müller & Söhne "Elektro" GmbH`, TaxID: "DE143454214",
		Email: "einkauf@mueller.example", Phone: "+4940123456", PaymentTerms: "Net 30", CreditLimit: 25000 * models.MoneyScale,
		Currency: "EUR", Country: "DE", PriceListID: &pl.ID, Active: true,
	}
	if err := models.CreateCustomer(db, &head); err != nil {
		t.Fatal(err)
	}
	branch := models.Customer{Name: "Müller & Söhne, Niederlassung Köln", Currency: "EUR", Country: "DE", ParentID: &head.ID, Active: true}
	if err := models.CreateCustomer(db, &branch); err != nil {
		t.Fatal(err)
	}
	addrs := []models.Address{
		{CustomerID: head.ID, Kind: models.AddressDelivery, Street: "Lagerweg 9", City: "Hamburg", Country: "DE", Version: 1},
		{CustomerID: head.ID, Kind: models.AddressBilling, Street: "Hafenstraße 1", Street2: "Halle 2", City: "Hamburg", Postcode: "20457", Country: "DE", Version: 1},
		{CustomerID: head.ID, Kind: models.AddressBilling, Street: "Postfach 12", City: "Hamburg", Country: "DE", Version: 1},
	}
	if err := db.Create(&addrs).Error; err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, r io.Reader) [][]string {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	return rows
}
