package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"steward/jobs/odoo/odootest"
	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// render renders a record as the outbox does for an Odoo channel.
func render(t *testing.T, r channelmap.Record) json.RawMessage {
	t.Helper()
	raw, err := channelmap.Render("odoo", false, r, channelmap.Mapping{})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return raw
}

func publishOne(t *testing.T, p *Publisher, it publish.Item) publish.Outcome {
	t.Helper()
	out, err := p.Publish(context.Background(), []publish.Item{it})
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	if len(out) != 1 {
		t.Fatalf("%d outcomes for one item", len(out))
	}
	return out[0]
}

func wantField(t *testing.T, rec map[string]any, field string, want any) {
	t.Helper()
	got := rec[field]
	if arr, ok := got.([]any); ok && len(arr) == 2 {
		got = arr[0] // many2one as [id, name]
	}
	if n, ok := got.(int64); ok {
		got = float64(n)
	}
	if w, ok := want.(int64); ok {
		want = float64(w)
	}
	if got != want {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

func productRecord(sku, name, barcode string, price, cost float64, weight any, active bool) channelmap.Record {
	return channelmap.Record{Object: channelmap.ObjectProduct, Fields: map[string]any{
		"sku": sku, "name": name, "description": "Zinc plated, DIN 933", "barcode": barcode,
		"list_price": price, "cost": cost, "weight_kg": weight, "active": active, "category": "Fasteners",
	}}
}

func TestPublishWritesAStewardsFixBackToOdoo(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		be := mustCreate(t, s, "res.country", map[string]any{"name": "Belgium", "code": "BE"})
		prod := mustCreate(t, s, "product.product", map[string]any{"name": "Hex bolt", "default_code": "FAS-100", "list_price": 1.0, "standard_price": 0.5})
		partner := mustCreate(t, s, "res.partner", map[string]any{"name": "Acme", "is_company": true, "email": "old@acme.example", "website": "https://acme.example"})
		p := NewPublisher(clientFor(s, protocol))

		got := publishOne(t, p, publish.Item{ObjectType: "product", ExternalID: strconv.FormatInt(prod, 10),
			Payload: render(t, productRecord("FAS-100", "Hex bolt M8", "5400000000013", 12.5, 7.25, 1.25, true))})
		if got.Err != nil || got.ExternalID != strconv.FormatInt(prod, 10) {
			t.Fatalf("outcome %+v, want the same id and no error", got)
		}
		rec, _ := s.Get("product.product", prod)
		for f, v := range map[string]any{"name": "Hex bolt M8", "default_code": "FAS-100", "barcode": "5400000000013", "list_price": 12.5,
			"lst_price": 12.5, "standard_price": 7.25, "weight": 1.25, "description_sale": "Zinc plated, DIN 933", "active": true} {
			wantField(t, rec, f, v)
		}
		if n := s.Count("product.product"); n != 1 {
			t.Errorf("%d products in Odoo, want the one written", n)
		}

		cust := channelmap.Record{Object: channelmap.ObjectCustomer, Fields: map[string]any{"name": "Acme NV", "tax_id": "BE0123456789",
			"email": "buy@acme.example", "phone": "+32 2 555 01 01", "website": "", "country": "BE", "active": true, "credit_limit": 9000.0}}
		got = publishOne(t, p, publish.Item{ObjectType: "customer", ExternalID: strconv.FormatInt(partner, 10), Payload: render(t, cust)})
		if got.Err != nil {
			t.Fatal(got.Err)
		}
		rec, _ = s.Get("res.partner", partner)
		for f, v := range map[string]any{"name": "Acme NV", "vat": "BE0123456789", "email": "buy@acme.example", "phone": "+32 2 555 01 01",
			"website": false, "country_id": be, "country_code": "BE", "active": true, "credit_limit": 0.0} {
			wantField(t, rec, f, v)
		}
	})
}

func TestPublishCreatesWhenOdooHasNoID(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		p := NewPublisher(clientFor(s, protocol))
		got := publishOne(t, p, publish.Item{ObjectType: "product", Payload: render(t, productRecord("NEW-1", "Wing nut", "", 3, 1, nil, true))})
		if got.Err != nil {
			t.Fatal(got.Err)
		}
		id, err := strconv.ParseInt(got.ExternalID, 10, 64)
		if err != nil || id == 0 {
			t.Fatalf("external id %q, want Odoo's new id", got.ExternalID)
		}
		rec, ok := s.Get("product.product", id)
		if !ok {
			t.Fatalf("product %d not in Odoo", id)
		}
		for f, v := range map[string]any{"name": "Wing nut", "default_code": "NEW-1", "barcode": false, "list_price": 3.0, "weight": 0.0} {
			wantField(t, rec, f, v)
		}

		// A retry of a create whose answer was lost updates the product it made.
		again := publishOne(t, p, publish.Item{ObjectType: "product", Payload: render(t, productRecord("NEW-1", "Wing nut M6", "", 3, 1, nil, true))})
		if again.Err != nil || again.ExternalID != got.ExternalID {
			t.Fatalf("retry %+v, want the same id %s", again, got.ExternalID)
		}
		if n := s.Count("product.product"); n != 1 {
			t.Errorf("%d products after a retried create, want 1", n)
		}

		cust := channelmap.Record{Object: channelmap.ObjectCustomer, Fields: map[string]any{"name": "New Buyer", "email": "new@buyer.example", "country": "ZZ", "active": true}}
		got = publishOne(t, p, publish.Item{ObjectType: "customer", Payload: render(t, cust)})
		if got.Err != nil {
			t.Fatal(got.Err)
		}
		id, _ = strconv.ParseInt(got.ExternalID, 10, 64)
		rec, ok = s.Get("res.partner", id)
		if !ok {
			t.Fatalf("partner %s not in Odoo", got.ExternalID)
		}
		wantField(t, rec, "email", "new@buyer.example")
		wantField(t, rec, "country_id", false) // no such country in Odoo: left out
	})
}

func TestPublishUpdatesAnOdooPriceRule(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		prod := mustCreate(t, s, "product.product", map[string]any{"name": "Hex bolt", "default_code": "FAS-100"})
		pl := mustCreate(t, s, "product.pricelist", map[string]any{"name": "Trade"})
		item := mustCreate(t, s, "product.pricelist.item", map[string]any{"pricelist_id": pl, "applied_on": "0_product_variant", "product_id": prod, "fixed_price": 1.0})
		p := NewPublisher(clientFor(s, protocol))
		price := channelmap.Record{Object: channelmap.ObjectPrice, Fields: map[string]any{"price": 9.99, "min_quantity": 10.0, "sku": "FAS-100",
			"valid_from": "2026-12-01", "valid_to": "2026-12-31"}}
		got := publishOne(t, p, publish.Item{ObjectType: "price", ExternalID: strconv.FormatInt(item, 10), Payload: render(t, price)})
		if got.Err != nil {
			t.Fatal(got.Err)
		}
		rec, _ := s.Get("product.pricelist.item", item)
		for f, v := range map[string]any{"fixed_price": 9.99, "min_quantity": 10.0, "date_start": "2026-12-01 00:00:00", "date_end": "2026-12-31 23:59:59", "product_id": prod} {
			wantField(t, rec, f, v)
		}
		// The pull reads the rule back as the same days.
		r, err := MapPriceRule(Record(rec))
		if err != nil {
			t.Fatal(err)
		}
		if r.Rule.ValidFrom.Format("2006-01-02") != "2026-12-01" || r.Rule.ValidTo.Format("2006-01-02") != "2026-12-31" {
			t.Errorf("pulled back as %v – %v", r.Rule.ValidFrom, r.Rule.ValidTo)
		}

		got = publishOne(t, p, publish.Item{ObjectType: "price", Payload: render(t, price)})
		var pe *publish.Error
		if !errors.As(got.Err, &pe) || pe.Retry {
			t.Fatalf("creating a rule Steward did not get from Odoo: %v, want a final error", got.Err)
		}
	})
}

func TestPublishErrorsAreClassified(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, protocol string) {
		s := newServer(t, odootest.Options{})
		mustCreate(t, s, "product.product", map[string]any{"name": "Cable tie", "default_code": "CT-1", "barcode": "5400000000013"})
		bolt := mustCreate(t, s, "product.product", map[string]any{"name": "Hex bolt", "default_code": "FAS-100"})
		p := NewPublisher(clientFor(s, protocol))
		ext := strconv.FormatInt(bolt, 10)

		check := func(t *testing.T, err error, class string, retry bool, detail string) *publish.Error {
			t.Helper()
			var pe *publish.Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *publish.Error", err)
			}
			if pe.Class != class || pe.Retry != retry || !strings.Contains(pe.Detail, detail) {
				t.Errorf("got class %s retry %v detail %q message %q; want %s %v with %q", pe.Class, pe.Retry, pe.Detail, pe.Message, class, retry, detail)
			}
			return pe
		}

		t.Run("validation", func(t *testing.T) {
			got := publishOne(t, p, publish.Item{ExternalID: ext, Payload: render(t, productRecord("FAS-100", "Hex bolt", "5400000000013", 1, 1, nil, true))})
			pe := check(t, got.Err, publish.ClassValidation, false, "Barcode(s) already assigned:\n\n- Barcode \"5400000000013\" already assigned to product(s): [CT-1] Cable tie and [FAS-100] Hex bolt")
			if pe.Field != "barcode" || !strings.Contains(pe.Message, "Odoo rejected the change to products") {
				t.Errorf("field %q message %q", pe.Field, pe.Message)
			}
			rec, _ := s.Get("product.product", bolt)
			wantField(t, rec, "barcode", false)
		})
		t.Run("missing record", func(t *testing.T) {
			got := publishOne(t, p, publish.Item{ExternalID: strconv.FormatInt(bolt+1000, 10), Payload: render(t, productRecord("FAS-100", "Hex bolt", "", 1, 1, nil, true))})
			pe := check(t, got.Err, publish.ClassNotFound, false, "does not exist")
			if !strings.Contains(pe.Message, "no longer exist") {
				t.Errorf("message %q", pe.Message)
			}
		})
		t.Run("wrong key", func(t *testing.T) {
			c := clientFor(s, protocol)
			c.cfg.Secret = "wrong"
			got := publishOne(t, NewPublisher(c), publish.Item{ExternalID: ext, Payload: render(t, productRecord("FAS-100", "Hex bolt", "", 1, 1, nil, true))})
			check(t, got.Err, publish.ClassAuth, false, "")
		})
	})
}

func TestPublishNetworkErrorsAreRetried(t *testing.T) {
	item := publish.Item{ExternalID: "7", Payload: render(t, productRecord("A", "A", "", 1, 1, nil, true))}
	t.Run("unavailable", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close() // nothing listens: connection refused
		c := New(Config{URL: "http://" + addr, Database: "x", Login: "admin", Secret: testKey, Protocol: ProtocolJSON2}, nil)
		got := publishOne(t, NewPublisher(c), item)
		var pe *publish.Error
		if !errors.As(got.Err, &pe) || pe.Class != publish.ClassUnavailable || !pe.Retry {
			t.Fatalf("err = %#v, want unavailable and retried", got.Err)
		}
	})
	t.Run("5xx", func(t *testing.T) {
		srv := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "bad gateway", http.StatusBadGateway) })}
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		go srv.Serve(l)
		defer srv.Close()
		c := New(Config{URL: "http://" + l.Addr().String(), Database: "x", Login: "admin", Secret: testKey, Protocol: ProtocolJSON2}, nil)
		got := publishOne(t, NewPublisher(c), item)
		var pe *publish.Error
		if !errors.As(got.Err, &pe) || pe.Class != publish.ClassUnavailable || !pe.Retry {
			t.Fatalf("err = %#v, want unavailable and retried", got.Err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		release := make(chan struct{})
		srv := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release })}
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		go srv.Serve(l)
		defer srv.Close()
		defer close(release)
		c := New(Config{URL: "http://" + l.Addr().String(), Database: "x", Login: "admin", Secret: testKey, Protocol: ProtocolJSON2, Timeout: 50 * time.Millisecond}, nil)
		got := publishOne(t, NewPublisher(c), item)
		var pe *publish.Error
		if !errors.As(got.Err, &pe) || pe.Class != publish.ClassTimeout || !pe.Retry {
			t.Fatalf("err = %#v, want a timeout and retried", got.Err)
		}
	})
}
