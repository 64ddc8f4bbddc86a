package csvsource_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"steward/jobs/csvsource"
	"steward/jobs/ingest"
	"steward/models"
)

func readAll(t *testing.T, file, object string) ([]ingest.Change, []csvsource.Problem) {
	t.Helper()
	r, err := csvsource.NewReader(strings.NewReader(file), object)
	if err != nil {
		t.Fatal(err)
	}
	var all []ingest.Change
	if err := r.Pull(context.Background(), func(c []ingest.Change, _ string) error { all = append(all, c...); return nil }); err != nil {
		t.Fatal(err)
	}
	return all, r.Problems
}

func TestProductsFile(t *testing.T) {
	file := "\xef\xbb\xbfsku,name,list_price,weight_kg,active,lifecycle_status,unknown\n" +
		"EL-1,\"Cable tie, black\",12.50,0.2,true,active,x\n" +
		"EL-2,Fuse,12.5.0,,true,active,x\n" + // bad price
		"\n" +
		"EL-3,Zange \xfcbergro\xdf,3,abc,maybe,active,x\n" + // Latin-1, bad weight and active
		",No SKU,1,,true,active,x\n" +
		"EL-4,Sensor,\"1,234.50\",,false,retired,x\n"
	changes, problems := readAll(t, file, models.SyncProducts)
	if len(changes) != 1 || changes[0].Product.Name != "Cable tie, black" || changes[0].Product.ListPrice != 125000 || *changes[0].Product.WeightKg != 0.2 {
		t.Fatalf("changes %+v", changes)
	}
	if fmt.Sprint(changes[0].Provided) != "[sku name weight_kg list_price active lifecycle_status]" && len(changes[0].Provided) != 6 {
		t.Errorf("provided %v", changes[0].Provided)
	}
	want := []string{
		`line 3, column list_price: "12.5.0" is not an amount`,
		`line 5, column weight_kg: "abc" is not a number`,
		`line 5, column active: "maybe" is not true or false`,
		`line 6, column sku: every product needs a SKU`,
		`line 7, column lifecycle_status: "retired" is not one of`,
	}
	if len(problems) != len(want) {
		t.Fatalf("problems %v", problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i].String(), w) {
			t.Errorf("problem %d = %q, want prefix %q", i, problems[i], w)
		}
	}
}

func TestLatin1Text(t *testing.T) {
	changes, problems := readAll(t, "sku,name\nEL-3,Zange \xfcbergro\xdf\n", models.SyncProducts)
	if len(problems) != 0 || changes[0].Product.Name != "Zange übergroß" {
		t.Fatalf("latin-1 name %q, problems %v", changes[0].Product.Name, problems)
	}
}

func TestCustomersFile(t *testing.T) {
	file := "id,name,tax_id,country,credit_limit,parent_id,billing_street,billing_city\n" +
		"C1,Hansa Elektro GmbH,DE123456789,de,5000,,Kai 1,Kiel\n" +
		"C2,Hansa Kiel,,DE,,C1,,\n" +
		"C3,,,DEU,,,,\n"
	changes, problems := readAll(t, file, models.SyncCustomers)
	if len(changes) != 3 || changes[0].Customer.Country != "DE" || changes[0].Customer.CreditLimit != 50000000 || changes[1].Object != ingest.ObjectAddress || changes[2].ParentRef != "C1" {
		t.Fatalf("changes %+v", changes)
	}
	if len(problems) != 2 || problems[0].Column != "name" || problems[1].Column != "country" || problems[0].Line != 4 {
		t.Errorf("problems %v", problems)
	}
}

func TestHeaderErrors(t *testing.T) {
	for _, tt := range []struct{ file, object, want string }{
		{"", models.SyncProducts, "the file is empty"},
		{"name,price\nx,1\n", models.SyncProducts, "lacks the column sku"},
		{"name\nx\n", models.SyncCustomers, "lacks the column id (or tax_id)"},
		{"sku,name\n", "orders", "not \"orders\""},
	} {
		_, err := csvsource.NewReader(strings.NewReader(tt.file), tt.object)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q as %s: %v, want %q", tt.file, tt.object, err, tt.want)
		}
	}
}
