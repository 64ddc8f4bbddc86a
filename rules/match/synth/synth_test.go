package synth

import (
	"slices"
	"testing"
)

func TestCustomersAreDeterministicAndLabelled(t *testing.T) {
	var a, b []Customer
	for c := range Customers(42, 3000) {
		a = append(a, c)
	}
	for c := range Customers(42, 3000) {
		b = append(b, c)
	}
	if len(a) != 3000 || !slices.Equal(a, b) {
		t.Fatalf("%d records; the same seed gave other records", len(a))
	}
	for c := range Customers(43, 10) {
		if c == a[0] {
			t.Error("another seed gave the same first record")
		}
	}
	kinds := map[string]int{}
	perEntity := map[int32]int{}
	groupOf := map[int32]int32{}
	for _, c := range a {
		kinds[c.Kind]++
		perEntity[c.Entity]++
		if g, ok := groupOf[c.Entity]; ok && g != c.Group {
			t.Errorf("entity %d in groups %d and %d", c.Entity, g, c.Group)
		}
		groupOf[c.Entity] = c.Group
		if c.Name == "" || c.ID == "" {
			t.Errorf("record without name or id: %+v", c)
		}
	}
	for _, k := range []string{KindCompany, KindBranch, KindNamesake, KindPerson, KindFamily} {
		if kinds[k] == 0 {
			t.Errorf("no %s records in %v", k, kinds)
		}
	}
	dups := 0
	for _, n := range perEntity {
		if n > 1 {
			dups++
		}
	}
	if r := float64(len(a)) / float64(len(perEntity)); r < 1.4 || r > 2.2 || dups < len(perEntity)/3 {
		t.Errorf("%.2f records per entity, %d of %d entities duplicated", r, dups, len(perEntity))
	}
}

func TestSplitKeepsGroupsTogether(t *testing.T) {
	train, test := 0, 0
	for g := int32(0); g < 10000; g++ {
		if InTrain(g) {
			train++
		} else {
			test++
		}
	}
	if train < 4800 || test < 4800 {
		t.Errorf("split %d / %d", train, test)
	}
}

func TestProducts(t *testing.T) {
	var a []Product
	for p := range Products(42, 2000) {
		a = append(a, p)
	}
	var b []Product
	for p := range Products(42, 2000) {
		b = append(b, p)
	}
	if len(a) != 2000 || !slices.Equal(a, b) {
		t.Fatalf("%d records; the same seed gave other records", len(a))
	}
	variants := 0
	for _, p := range a {
		if p.Kind == KindVariant {
			variants++
		}
		if p.Name == "" || p.Brand == "" {
			t.Errorf("product without name or brand: %+v", p)
		}
	}
	if variants == 0 {
		t.Error("no variants: nothing that looks alike and is not")
	}
}

func TestNoise(t *testing.T) {
	r := newRNG(1)
	for i := 0; i < 100; i++ {
		s := "Baumarkt Keller"
		if got := typo(r, s); got == s || len([]rune(got)) < len(s)-1 || len([]rune(got)) > len(s)+1 {
			t.Errorf("typo(%q) = %q", s, got)
		}
	}
	if got := transliterate(newRNG(3), "Müller Straße"); got != "Mueller Strasse" && got != "Muller Strasse" {
		t.Errorf("transliterate: %q", got)
	}
	if got := gtin13("4006381", 33393); got != "4006381333931" {
		t.Errorf("gtin13 = %s", got)
	}
	if got := mailPart("St. Gallen"); got != "stgallen" {
		t.Errorf("mailPart = %q", got)
	}
}
