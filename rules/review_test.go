package rules

import (
	"slices"
	"testing"
	"time"

	"steward/models"
)

func TestReview(t *testing.T) {
	kg := 1.5
	golden := models.Product{SKU: "EL-1", Name: "Cable tie", ListPrice: 125000, Barcode: "4006381333931", Active: true}
	proposed := golden
	proposed.Name, proposed.ListPrice, proposed.WeightKg = "Cable tie (shop)", 99000, &kg
	rows := Review(ProductAttributes, DomainProduct, "shopify", DefaultOwnership(), &golden, &proposed, []string{"name", "list_price", "sku"})
	if len(rows) != len(ProductAttributes) {
		t.Fatalf("%d rows, want one per attribute", len(rows))
	}
	byField := map[string]FieldReview{}
	for _, r := range rows {
		byField[r.Field] = r
	}
	price := byField["list_price"]
	if !price.Changed || price.Current != "12.50" || price.Proposed != "9.90" || price.Owner != "odoo" || price.Decision != DecisionHold ||
		price.Reason != "Odoo owns the list price of products; a change from Shopify waits for a steward." || price.Label != "List price" {
		t.Errorf("list price row %+v", price)
	}
	// The source did not send the weight: it keeps the golden value and is not a change.
	if w := byField["weight_kg"]; w.Changed || w.Proposed != "" || w.Decision != "" {
		t.Errorf("weight row %+v", w)
	}
	if sku := byField["sku"]; sku.Changed || sku.Owner != "odoo" || sku.Reason != "" {
		t.Errorf("unchanged SKU row %+v", sku)
	}
	general := AttachFailures(rows, []Failure{{Field: "name", Message: "Name is too long"}, {Message: "List price is below cost"}})
	if rows[1].Field != "name" || !slices.Equal(rows[1].Failures, []string{"Name is too long"}) || !slices.Equal(general, []string{"List price is below cost"}) {
		t.Errorf("failures: %v / %v", rows[1].Failures, general)
	}
	// A new record is reviewed against the zero record.
	rows = Review(CustomerAttributes, DomainCustomer, "portal", DefaultOwnership(), &models.Customer{}, &models.Customer{Name: "Hansa", CreditLimit: 10000 * models.MoneyScale}, nil)
	for _, r := range rows {
		if r.Field == "credit_limit" && (r.Decision != DecisionReject || r.Current != "0.00" || r.Proposed != "10000.00") {
			t.Errorf("credit limit from the portal %+v", r)
		}
		if r.Field == "email" && r.Changed {
			t.Errorf("an empty email is no change: %+v", r)
		}
	}
}

func TestApplyEdits(t *testing.T) {
	p := models.Product{Name: "Cable tie", ListPrice: 99000, Cost: 99000, Barcode: "4006381333932", Active: true}
	changed, errs := ApplyEdits(ProductAttributes, &p, map[string]string{
		"name":       "Cable tie", // as sent: not an edit
		"list_price": "12.5",
		"barcode":    " 4006381333931 ",
		"weight_kg":  "heavy",
		"active":     "maybe",
		"cost":       "9.90", // the same amount the source sent is not an edit
	})
	if !slices.Equal(changed, []string{"barcode", "list_price"}) {
		t.Errorf("changed %v", changed)
	}
	if p.ListPrice != 125000 || p.Barcode != "4006381333931" || p.WeightKg != nil {
		t.Errorf("record after edits %+v", p)
	}
	if errs["weight_kg"] != "Enter a number such as 2.5, or leave it empty when it is not known." || errs["active"] != "Choose yes or no." || len(errs) != 2 {
		t.Errorf("errors %v", errs)
	}
	if changed, _ := ApplyEdits(ProductAttributes, &p, map[string]string{"cost": "9.9000"}); len(changed) != 0 {
		t.Errorf("the same amount written differently counted as an edit: %v", changed)
	}

	r := models.PriceRule{Price: 50000}
	changed, errs = ApplyEdits(PriceRuleAttributes, &r, map[string]string{"valid_from": "2026-12-01", "valid_to": "01/12/2026", "min_quantity": "10"})
	if !slices.Equal(changed, []string{"min_quantity", "valid_from"}) || r.ValidFrom == nil || !r.ValidFrom.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) || r.MinQuantity != 10 {
		t.Errorf("price rule edits %v → %+v", changed, r)
	}
	if errs["valid_to"] == "" {
		t.Errorf("a date in another format was taken: %v", errs)
	}
}

func TestFormatValueRoundTrips(t *testing.T) {
	kg := 0.25
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	p := models.Product{ListPrice: 1234500, WeightKg: &kg, Active: false}
	pr := models.PriceRule{ValidTo: &day, MinQuantity: 2.5}
	for _, tt := range []struct {
		v    any
		want string
	}{
		{p.ListPrice, "123.45"}, {p.WeightKg, "0.25"}, {p.Active, "no"}, {(*float64)(nil), ""},
		{pr.ValidTo, "2026-11-27"}, {pr.MinQuantity, "2.5"}, {(*time.Time)(nil), ""}, {"x", "x"},
	} {
		if got := FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	var q models.Product
	for _, a := range ProductAttributes {
		if err := a.Set(&q, FormatValue(a.Get(&p))); err != nil {
			t.Errorf("%s does not read back what FormatValue wrote: %v", a.Name, err)
		}
	}
	if q.ListPrice != p.ListPrice || *q.WeightKg != kg {
		t.Errorf("round trip %+v", q)
	}
}
