package odoo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"steward/jobs/odoo/odootest"
	"steward/jobs/publish"
	"steward/rules"
	"steward/rules/channelmap"
)

func readRemotes(t *testing.T, p *Publisher, object string) ([]publish.Remote, int) {
	t.Helper()
	var out []publish.Remote
	cursor, pages := "", 0
	for {
		page, next, err := p.Read(bg, object, cursor)
		if err != nil {
			t.Fatalf("read %s after %q: %v", object, cursor, err)
		}
		pages++
		out = append(out, page...)
		if next == "" {
			return out, pages
		}
		cursor = next
	}
}

// Products read back page by page in the renderer's shape: what was published compares
// equal, archived products are read as archived, and a deleted one is simply absent.
func TestReaderPagesProductsInTheRenderersShape(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		p := NewPublisher(clientFor(s, protocol))
		rendered := map[string]json.RawMessage{}
		for i := 0; i < ReadPageSize+5; i++ {
			raw := render(t, productRecord(fmt.Sprintf("FAS-%03d", i), fmt.Sprintf("Hex bolt M%d", i), "", 1.5+float64(i), 0.75, 0.1, true))
			out := publishOne(t, p, publish.Item{ObjectType: "product", Payload: raw})
			if out.Err != nil {
				t.Fatalf("publish %d: %v", i, out.Err)
			}
			rendered[out.ExternalID] = raw
		}
		var ids []int64
		for ext := range rendered {
			id, _ := strconv.ParseInt(ext, 10, 64)
			ids = append(ids, id)
		}
		gone, archived := ids[0], ids[1]
		if err := s.Unlink("product.product", gone); err != nil {
			t.Fatal(err)
		}
		if err := s.Archive("product.product", archived); err != nil {
			t.Fatal(err)
		}

		got, pages := readRemotes(t, p, "product")
		if pages != 2 || len(got) != ReadPageSize+4 {
			t.Fatalf("%d records in %d pages, want %d in 2", len(got), pages, ReadPageSize+4)
		}
		for _, r := range got {
			want, ok := rendered[r.ExternalID]
			if !ok || r.ExternalID == strconv.FormatInt(gone, 10) {
				t.Fatalf("read %s, which was not published or was deleted", r.ExternalID)
			}
			diffs, err := rules.CompareRendered(want, r.Payload)
			if err != nil {
				t.Fatal(err)
			}
			if r.ExternalID == strconv.FormatInt(archived, 10) {
				if len(diffs) != 1 || diffs[0].Field != "vals.active" || diffs[0].Channel != "false" {
					t.Errorf("archived product: diffs %+v, want only vals.active false", diffs)
				}
			} else if len(diffs) != 0 {
				t.Errorf("product %s: diffs %+v\npublished %s\nread %s", r.ExternalID, diffs, want, r.Payload)
			}
		}
		if page, next, err := p.Read(bg, "stock", ""); err != nil || len(page) != 0 || next != "" {
			t.Errorf("stock: %v %q %v, want an empty last page", page, next, err)
		}
	})
}

// Customers are companies and people without a parent, with the country as its ISO code;
// a company's contact is not a customer.
func TestReaderReadsCustomersAsTheRendererWritesThem(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		mustCreate(t, s, "res.country", map[string]any{"name": "Belgium", "code": "BE"})
		p := NewPublisher(clientFor(s, protocol))
		rec := channelmap.Record{Object: channelmap.ObjectCustomer, Fields: map[string]any{
			"name": "Acme NV", "tax_id": "BE0123456789", "email": "orders@acme.example", "phone": "", "website": "https://acme.example", "country": "be", "active": true}}
		raw := render(t, rec)
		out := publishOne(t, p, publish.Item{ObjectType: "customer", Payload: raw})
		if out.Err != nil {
			t.Fatal(out.Err)
		}
		company, _ := strconv.ParseInt(out.ExternalID, 10, 64)
		mustCreate(t, s, "res.partner", map[string]any{"name": "Jan Peeters", "parent_id": company})
		person := mustCreate(t, s, "res.partner", map[string]any{"name": "Walk-in buyer"})

		got, _ := readRemotes(t, p, "customer")
		ids := map[string]publish.Remote{}
		for _, r := range got {
			ids[r.ExternalID] = r
		}
		if len(ids) != 2 || ids[strconv.FormatInt(person, 10)].Payload == nil {
			t.Fatalf("read %v, want the company and the person without a parent", ids)
		}
		diffs, err := rules.CompareRendered(raw, ids[out.ExternalID].Payload)
		if err != nil || len(diffs) != 0 {
			t.Errorf("company: diffs %+v %v\npublished %s\nread %s", diffs, err, raw, ids[out.ExternalID].Payload)
		}
	})
}
