package match

import (
	"fmt"
	"slices"
	"testing"
)

func TestBlockingKeys(t *testing.T) {
	e := PrepareCustomer(Customer{Name: "Baumarkt Keller GmbH", Email: "Anna@Keller.de", Phone: "030 1234567", TaxID: "DE 811 907 980",
		Street: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "DE"})
	got := BlockingKeys(&e)
	for _, want := range []string{"t:811907980", "e:anna@keller.de", "p:+49301234567", "w:baumarkt", "w:keller", "z:10115/bau", "a:10115/5/haup"} {
		if !slices.Contains(got, want) {
			t.Errorf("keys %q lack %q", got, want)
		}
	}
	// "Mueller" and "Müller" share their word key; the VAT key ignores the prefix a
	// record without a country cannot have.
	a, b := PrepareCustomer(Customer{Name: "Mueller Elektro", TaxID: "811907980"}), PrepareCustomer(Customer{Name: "Müller Elektro", TaxID: "DE811907980", Country: "DE"})
	if ka, kb := BlockingKeys(&a), BlockingKeys(&b); !slices.Contains(ka, "w:muller") || !slices.Contains(kb, "w:muller") || !slices.Contains(ka, "t:811907980") || !slices.Contains(kb, "t:811907980") {
		t.Errorf("keys %q and %q", ka, kb)
	}
	p := PrepareProduct(Product{Name: "Fischer Universaldübel UX 6x35", Brand: "Fischer", MPN: "UX-6-35", GTIN: "4006209123456"})
	pk := BlockingKeys(&p)
	for _, want := range []string{"m:UX635", "w:universaldubel", "b:fischer/univ"} {
		if !slices.Contains(pk, want) {
			t.Errorf("product keys %q lack %q", pk, want)
		}
	}
}

// town makes n unrelated customers and the duplicates given as pairs of indexes.
func town(n int) []Entity {
	var es []Entity
	for i := 0; i < n; i++ {
		es = append(es, PrepareCustomer(Customer{
			ID:       fmt.Sprint(i),
			Name:     fmt.Sprintf("Firma%04d Handel GmbH", i),
			Email:    fmt.Sprintf("info@firma%04d.de", i),
			Phone:    fmt.Sprintf("030 %07d", 1000000+i*37),
			Street:   fmt.Sprintf("Strasse%d %d", i%50, i%90+1),
			Postcode: fmt.Sprintf("1%04d", i%700),
			City:     "Berlin",
			Country:  "DE",
		}))
	}
	return es
}

func TestDedupeFindsDuplicates(t *testing.T) {
	es := town(500)
	dup := func(i int, name string) Entity {
		c := Customer{ID: "dup", Name: name, Email: fmt.Sprintf("INFO@firma%04d.de", i), Phone: fmt.Sprintf("+49 30 %07d", 1000000+i*37), Country: "DE"}
		return PrepareCustomer(c)
	}
	es = append(es, dup(17, "Firma0017 Handel G.m.b.H."), dup(300, "Handel Firma0300"))
	m := DefaultModel(Customers)
	var stats Stats
	pairs := Dedupe(m, es, Options{MinScore: 0.4, Stats: &stats})
	var found []string
	for _, p := range pairs {
		if p.Score >= DefaultThresholds(Customers).Match {
			found = append(found, es[p.A].ID+"="+es[p.B].ID)
		}
	}
	if !slices.Equal(found, []string{"17=dup", "300=dup"}) {
		t.Errorf("matches %q", found)
	}
	if stats.Records != int64(len(es)) || stats.Compared == 0 || stats.Kept != int64(len(pairs)) {
		t.Errorf("stats %+v", stats)
	}
	if !slices.IsSortedFunc(pairs, func(x, y Pair) int {
		if x.A != y.A {
			return int(x.A - y.A)
		}
		return int(x.B - y.B)
	}) {
		t.Error("pairs are not ordered by A, then B")
	}
	// The same pairs whatever the number of workers.
	if one := Dedupe(m, es, Options{MinScore: 0.4, Workers: 1}); !slices.Equal(one, pairs) {
		t.Error("one worker finds other pairs than all cores")
	}
	// Every pair blocking proposes is scored exactly once.
	all := Dedupe(m, es, Options{})
	cands := CandidatePairs(es, Options{})
	if len(all) != len(cands) {
		t.Fatalf("%d scored pairs, %d candidates", len(all), len(cands))
	}
	for i, p := range all {
		if p.A != cands[i][0] || p.B != cands[i][1] || p.A >= p.B {
			t.Fatalf("pair %d: %+v, candidate %v", i, p, cands[i])
		}
	}
}

func TestLinkPairsAcrossSidesOnly(t *testing.T) {
	left := town(200)
	right := []Entity{
		PrepareCustomer(Customer{ID: "r0", Name: "Firma0042 Handel", Email: "info@firma0042.de", Country: "DE"}),
		PrepareCustomer(Customer{ID: "r1", Name: "Firma0042 Handel", Email: "info@firma0042.de", Country: "DE"}),
	}
	pairs := Link(DefaultModel(Customers), left, right, Options{MinScore: 0.9})
	if len(pairs) != 2 {
		t.Fatalf("pairs %+v", pairs)
	}
	for i, p := range pairs {
		if left[p.A].ID != "42" || right[p.B].ID != fmt.Sprintf("r%d", i) {
			t.Errorf("pair %s–%s", left[p.A].ID, right[p.B].ID)
		}
	}
}

// TestHugeBlockStaysLinear gives thousands of records one email address (a marketplace's
// relay address) and one name word: comparisons must grow with the records, not their
// square.
func TestHugeBlockStaysLinear(t *testing.T) {
	const n = 3000
	var es []Entity
	for i := 0; i < n; i++ {
		es = append(es, PrepareCustomer(Customer{Name: fmt.Sprintf("Kunde %d Meier", i), Email: "orders@marketplace.example.org", Postcode: "10115"}))
	}
	var stats Stats
	done := int64(0)
	Dedupe(DefaultModel(Customers), es, Options{Stats: &stats, Progress: func(d, total int64) {
		if total != n || d < done {
			t.Errorf("progress %d of %d after %d", d, total, done)
		}
		done = d
	}})
	if stats.Compared > 40*n {
		t.Errorf("%d comparisons for %d records (all pairs would be %d)", stats.Compared, n, n*(n-1)/2)
	}
	if done != n {
		t.Errorf("progress ended at %d of %d", done, n)
	}
}

func TestRank(t *testing.T) {
	m := DefaultModel(Customers)
	in := PrepareCustomer(Customer{Name: "Baumarkt Keller", TaxID: "DE811907980", Email: "info@keller.de", Phone: "030 1234567", Country: "DE"})
	cands := []Entity{
		PrepareCustomer(Customer{Name: "Norvatek Systems", Country: "DE"}),
		PrepareCustomer(Customer{Name: "Baumarkt Keller GmbH", TaxID: "DE 811907980", Email: "info@keller.de", Phone: "+49 30 1234567", Country: "DE"}),
		PrepareCustomer(Customer{Name: "Baumarkt Keller GmbH", Email: "info@keller.de", Country: "DE"}),
	}
	got := m.Rank(&in, cands, DefaultThresholds(Customers))
	if len(got) == 0 || got[0].Index != 1 || got[0].Band != BandMatch || !got[0].StrongID || len(got[0].Explanation.Reasons) == 0 {
		t.Fatalf("rank %+v", got)
	}
	for _, r := range got {
		if r.Index == 0 {
			t.Error("an unrelated record was ranked")
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Error("not best first")
		}
	}
}
