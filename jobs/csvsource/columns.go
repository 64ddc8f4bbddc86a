package csvsource

import (
	"fmt"
	"strconv"
	"strings"

	"steward/jobs/ingest"
	"steward/models"
)

var productColumns = []string{
	"id", "sku", "name", "description", "category", "brand", "uom", "barcode",
	"weight_kg", "length_cm", "width_cm", "height_cm", "hs_code", "tax_class",
	"list_price", "cost", "currency", "lifecycle_status", "active",
}

var customerColumns = []string{
	"id", "name", "legal_name", "tax_id", "email", "phone", "website", "payment_terms",
	"credit_limit", "currency", "country", "parent_id", "active",
	"billing_street", "billing_street2", "billing_city", "billing_postcode", "billing_state", "billing_country",
}

func columnsOf(object string) []string {
	if object == models.SyncProducts {
		return productColumns
	}
	return customerColumns
}

// fieldReader collects the problems of one row while reading typed values.
type fieldReader struct {
	row      row
	line     int
	problems []Problem
	provided []string
}

func (f *fieldReader) fail(col, format string, args ...any) {
	f.problems = append(f.problems, Problem{Line: f.line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// str reads a text column; attr is the attribute it provides (empty when none).
func (f *fieldReader) str(col string, dst *string) {
	if f.row.has(col) {
		*dst = f.row.get(col)
		f.provided = append(f.provided, col)
	}
}

func (f *fieldReader) money(col string, dst *models.Money) {
	if !f.row.has(col) {
		return
	}
	f.provided = append(f.provided, col)
	v := f.row.get(col)
	if v == "" {
		*dst = 0
		return
	}
	m, err := models.ParseMoney(v)
	if err != nil {
		f.fail(col, "%q is not an amount (write it like 12.50, with a dot and at most 4 decimals)", v)
		return
	}
	*dst = m
}

func (f *fieldReader) float(col string, dst **float64) {
	if !f.row.has(col) {
		return
	}
	f.provided = append(f.provided, col)
	v := strings.ReplaceAll(f.row.get(col), ",", ".")
	if v == "" {
		*dst = nil
		return
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 {
		f.fail(col, "%q is not a number", f.row.get(col))
		return
	}
	*dst = &x
}

func (f *fieldReader) boolean(col string, dst *bool) {
	if !f.row.has(col) {
		return
	}
	f.provided = append(f.provided, col)
	switch strings.ToLower(f.row.get(col)) {
	case "true", "1", "yes", "y", "active", "":
		*dst = true
	case "false", "0", "no", "n", "archived", "inactive":
		*dst = false
	default:
		f.fail(col, "%q is not true or false", f.row.get(col))
	}
}

func productChange(r row, line int) ([]ingest.Change, []Problem) {
	f := &fieldReader{row: r, line: line}
	p := models.Product{UoM: "EA", Currency: "EUR", LifecycleStatus: models.LifecycleActive, Active: true}
	for _, c := range []struct {
		col string
		dst *string
	}{{"sku", &p.SKU}, {"name", &p.Name}, {"description", &p.Description}, {"category", &p.Category}, {"brand", &p.Brand},
		{"uom", &p.UoM}, {"barcode", &p.Barcode}, {"hs_code", &p.HSCode}, {"tax_class", &p.TaxClass}, {"currency", &p.Currency},
		{"lifecycle_status", &p.LifecycleStatus}} {
		f.str(c.col, c.dst)
	}
	f.float("weight_kg", &p.WeightKg)
	f.float("length_cm", &p.LengthCm)
	f.float("width_cm", &p.WidthCm)
	f.float("height_cm", &p.HeightCm)
	f.money("list_price", &p.ListPrice)
	f.money("cost", &p.Cost)
	f.boolean("active", &p.Active)
	if p.SKU == "" {
		f.fail("sku", "every product needs a SKU")
	}
	if p.Name == "" {
		f.fail("name", "every product needs a name")
	}
	p.Currency = strings.ToUpper(p.Currency)
	if len(p.Currency) != 3 {
		f.fail("currency", "%q is not a currency code such as EUR", p.Currency)
	}
	switch p.LifecycleStatus {
	case models.LifecycleDraft, models.LifecycleActive, models.LifecyclePhaseOut, models.LifecycleDiscontinued:
	default:
		f.fail("lifecycle_status", "%q is not one of draft, active, phase_out, discontinued", p.LifecycleStatus)
	}
	if len(f.problems) > 0 {
		return nil, f.problems
	}
	// The file's own id names the record when it has one; otherwise the SKU does.
	ext := r.get("id")
	if ext == "" {
		ext = p.SKU
	}
	return []ingest.Change{{Object: models.ObjectProduct, ExternalID: ext, Provided: withoutID(f.provided), Product: &p, Source: r.values}}, nil
}

func customerChanges(r row, line int) ([]ingest.Change, []Problem) {
	f := &fieldReader{row: r, line: line}
	c := models.Customer{Currency: "EUR", Active: true}
	for _, col := range []struct {
		col string
		dst *string
	}{{"name", &c.Name}, {"legal_name", &c.LegalName}, {"tax_id", &c.TaxID}, {"email", &c.Email}, {"phone", &c.Phone},
		{"website", &c.Website}, {"payment_terms", &c.PaymentTerms}, {"currency", &c.Currency}, {"country", &c.Country}} {
		f.str(col.col, col.dst)
	}
	f.money("credit_limit", &c.CreditLimit)
	f.boolean("active", &c.Active)
	if r.has("parent_id") {
		f.provided = append(f.provided, "parent_id")
	}
	if c.Name == "" {
		f.fail("name", "every customer account needs a name")
	}
	c.Country, c.Currency = strings.ToUpper(c.Country), strings.ToUpper(c.Currency)
	if c.Country != "" && len(c.Country) != 2 {
		f.fail("country", "%q is not a two-letter country code such as DE", c.Country)
	}
	ext := r.get("id")
	if ext == "" {
		ext = "tax:" + strings.ToUpper(strings.ReplaceAll(c.TaxID, " ", ""))
		if c.TaxID == "" {
			f.fail("id", "a customer needs an id or a tax_id to be recognised when the file is imported again")
		}
	}
	if len(f.problems) > 0 {
		return nil, f.problems
	}
	out := []ingest.Change{{Object: models.ObjectCustomer, ExternalID: ext, ParentRef: r.get("parent_id"),
		Provided: withoutID(f.provided), Customer: &c, Source: r.values}}
	if r.get("billing_street") != "" || r.get("billing_city") != "" {
		a := models.Address{Kind: models.AddressBilling, Street: r.get("billing_street"), Street2: r.get("billing_street2"),
			City: r.get("billing_city"), Postcode: r.get("billing_postcode"), State: r.get("billing_state"),
			Country: strings.ToUpper(r.get("billing_country"))}
		out = append(out, ingest.Change{Object: ingest.ObjectAddress, ExternalID: ext + "/billing", ParentRef: ext, Address: &a})
	}
	return out, nil
}

func withoutID(cols []string) []string {
	out := cols[:0:0]
	for _, c := range cols {
		if c != "id" {
			out = append(out, c)
		}
	}
	return out
}
