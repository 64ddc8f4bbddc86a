package match

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// golden compares got with testdata/name byte for byte, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the explanation given now (go test -update rewrites it after checking):\n%s", path, diff(string(want), got))
	}
}

// diff shows the first lines that differ, which is all a reader needs to start.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var x, y string
		if i < len(w) {
			x = w[i]
		}
		if i < len(g) {
			y = g[i]
		}
		if x != y {
			b.WriteString("- " + x + "\n+ " + y + "\n")
			shown++
		}
	}
	return b.String()
}

func TestExplainCustomers(t *testing.T) {
	m := DefaultModel(Customers)
	var b strings.Builder
	for _, c := range trickyCustomers {
		a, x := PrepareCustomer(c.a), PrepareCustomer(c.b)
		b.WriteString("## " + c.name + "\n" + m.Explain(&a, &x).String() + "\n")
	}
	golden(t, "explain_customers.golden", b.String())
}

func TestExplainProducts(t *testing.T) {
	m := DefaultModel(Products)
	var b strings.Builder
	for _, c := range []struct {
		name string
		a, b Product
	}{
		{"same GTIN, another channel's words and price",
			Product{SKU: "EL-10023", Name: "Bosch GSR 12V-15 Akku-Bohrschrauber", Brand: "Bosch", GTIN: "3165140512343", MPN: "06019H3000", Price: "129,00", UoM: "Stück", Category: "Elektrowerkzeuge"},
			Product{SKU: "BO-77120", Name: "Akku-Bohrschrauber GSR 12V-15 2x2,0Ah", Brand: "Bosch Professional", GTIN: "03165140512343", MPN: "06019H3000", Price: "124.90", UoM: "EA", Category: "Werkzeug"}},
		{"variants of one line",
			Product{Name: "Kabelbinder 200x4,8mm schwarz", Brand: "HellermannTyton", MPN: "T50R-200", GTIN: "5024678123453", Price: "8,90", UoM: "PK"},
			Product{Name: "Kabelbinder 300x4,8mm schwarz", Brand: "HellermannTyton", MPN: "T50R-300", GTIN: "5024678123460", Price: "9,90", UoM: "PK"}},
	} {
		a, x := PrepareProduct(c.a), PrepareProduct(c.b)
		b.WriteString("## " + c.name + "\n" + m.Explain(&a, &x).String() + "\n")
	}
	golden(t, "explain_products.golden", b.String())
}

func TestExplanationParts(t *testing.T) {
	m := DefaultModel(Customers)
	a := PrepareCustomer(Customer{Name: "Baumarkt Keller GmbH", TaxID: "DE811907980", Phone: "030 1234567", Country: "DE"})
	b := PrepareCustomer(Customer{Name: "Baumarkt Keler", TaxID: "DE 811 907 980", Phone: "030 7654321", Country: "DE"})
	e := m.Explain(&a, &b)
	byField := map[string]Reason{}
	bits := 0.0
	for _, r := range e.Reasons {
		byField[r.Field] = r
		bits += r.Weight
	}
	if len(e.Reasons) != len(Fields(Customers)) {
		t.Errorf("%d reasons for %d fields", len(e.Reasons), len(Fields(Customers)))
	}
	if r := byField["tax_id"]; r.Level != "exact" || !r.Agrees() || !strings.HasPrefix(r.Text, "same VAT id DE811907980 (+") {
		t.Errorf("VAT reason %+v", r)
	}
	if r := byField["name"]; r.Level != "close" || r.Similarity < 0.9 || !strings.Contains(r.Text, "names close: 'Baumarkt Keller GmbH' vs 'Baumarkt Keler' (Jaro–Winkler 0.9") {
		t.Errorf("name reason %+v", r)
	}
	if r := byField["phone_address"]; r.Agrees() || !strings.Contains(r.Text, "different phone: +49301234567 vs +49307654321") || !strings.Contains(r.Text, "(−") {
		t.Errorf("phone reason %+v", r)
	}
	if r := byField["email"]; r.Level != "missing" || r.Weight != 0 || r.Similarity != -1 || r.Text != "no email to compare (0.0)" {
		t.Errorf("missing email %+v", r)
	}
	if d := bits - e.Bits; d > 1e-9 || d < -1e-9 {
		t.Errorf("reasons add up to %.3f bits, the explanation says %.3f", bits, e.Bits)
	}
	if e.Score != m.Probability(e.Bits) || e.Score != m.Score(Compare(&a, &b)) {
		t.Errorf("score %.6f, from bits %.6f, from Score %.6f", e.Score, m.Probability(e.Bits), m.Score(Compare(&a, &b)))
	}
	// Strongest evidence first, then against, then what was not compared.
	last := e.Reasons[len(e.Reasons)-1]
	if e.Reasons[0].Weight < e.Reasons[1].Weight || last.Level != "missing" {
		t.Errorf("order %+v", e.Reasons)
	}
	if s := e.Short(); strings.Contains(s, "no email") || !strings.Contains(s, "; ") {
		t.Errorf("short form %q", s)
	}
}

func TestFormatBits(t *testing.T) {
	for w, want := range map[float64]string{9.14: "+9.1", -2.26: "−2.3", 0: "0.0", -0.04: "0.0", 0.04: "0.0"} {
		if got := formatBits(w); got != want {
			t.Errorf("formatBits(%v) = %q, want %q", w, got, want)
		}
	}
}
