package jobs_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
)

func TestShopifyAndWooMapping(t *testing.T) {
	tests := []struct {
		name, topic, body string
		woo               bool
		wantOK            bool
		wantErr           string
		check             func(t *testing.T, c models.Product, cu models.Customer, ext string, provided []string)
	}{
		{name: "Shopify product", topic: "products/update", wantOK: true,
			body: `{"id":7,"title":"Drill","vendor":"Bosch","product_type":"Tools","status":"archived","variants":[{"sku":"PT-1","price":"19.90","weight":500,"weight_unit":"g"}]}`,
			check: func(t *testing.T, p models.Product, _ models.Customer, ext string, provided []string) {
				if ext != "gid://shopify/Product/7" || p.Name != "Drill" || p.ListPrice.String() != "19.90" || *p.WeightKg != 0.5 ||
					p.LifecycleStatus != models.LifecycleDiscontinued || p.Active || strings.Contains(strings.Join(provided, ","), "cost") {
					t.Errorf("product %+v ext %s provided %v", p, ext, provided)
				}
			}},
		{name: "Shopify customer, company first", topic: "customers/create", wantOK: true,
			body: `{"id":9,"admin_graphql_api_id":"gid://shopify/Customer/9","email":"a@b.example","first_name":"A","last_name":"B","default_address":{"company":"B GmbH","country_code":"de"}}`,
			check: func(t *testing.T, _ models.Product, c models.Customer, ext string, _ []string) {
				if ext != "gid://shopify/Customer/9" || c.Name != "B GmbH" || c.Country != "DE" {
					t.Errorf("customer %+v ext %s", c, ext)
				}
			}},
		{name: "Shopify topic not taken", topic: "orders/create", body: `{}`},
		{name: "Shopify product without id", topic: "products/create", body: `{"title":"x"}`, wantOK: true, wantErr: "no id"},
		{name: "Shopify price not an amount", topic: "products/create", body: `{"id":1,"variants":[{"price":"abc"}]}`, wantOK: true, wantErr: "price"},
		{name: "Woo product", topic: "product.created", woo: true, wantOK: true,
			body: `{"id":5,"name":"Gloves","sku":"SF-1","status":"draft","regular_price":"","weight":"","categories":[]}`,
			check: func(t *testing.T, p models.Product, _ models.Customer, ext string, provided []string) {
				if ext != "5" || p.LifecycleStatus != models.LifecycleDraft || p.Active || strings.Contains(strings.Join(provided, ","), "list_price") {
					t.Errorf("product %+v ext %s provided %v (an empty price must not blank Steward's)", p, ext, provided)
				}
			}},
		{name: "Woo customer", topic: "customer.updated", woo: true, wantOK: true,
			body: `{"id":3,"email":"x@y.example","first_name":"Jo","last_name":"Lee","billing":{"company":"","country":"fr"}}`,
			check: func(t *testing.T, _ models.Product, c models.Customer, ext string, _ []string) {
				if ext != "3" || c.Name != "Jo Lee" || c.Country != "FR" {
					t.Errorf("customer %+v", c)
				}
			}},
		{name: "Woo weight not a number", topic: "product.updated", woo: true, wantOK: true, body: `{"id":5,"weight":"heavy"}`, wantErr: "weight_kg"},
		{name: "Woo order ignored", topic: "order.created", woo: true, body: `{"id":1}`},
	}
	for _, tt := range tests {
		mapBody := jobs.ShopifyChange
		if tt.woo {
			mapBody = jobs.WooChange
		}
		c, ok, err := mapBody(tt.topic, []byte(tt.body))
		if ok != tt.wantOK || (err != nil) != (tt.wantErr != "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: ok %v err %v", tt.name, ok, err)
			continue
		}
		if tt.check != nil && err == nil {
			var p models.Product
			var cu models.Customer
			if c.Product != nil {
				p = *c.Product
			}
			if c.Customer != nil {
				cu = *c.Customer
			}
			tt.check(t, p, cu, c.ExternalID, c.Provided)
		}
	}
}

func TestDecodeIncoming(t *testing.T) {
	changes, errs, err := jobs.DecodeIncoming(models.ObjectProduct, []byte(`{"external_id":"P-1","name":"Cable","list_price":12.5,"weight_kg":null,"active":false}`))
	if err != nil || len(errs) != 0 || len(changes) != 1 {
		t.Fatalf("%v %v", errs, err)
	}
	c := changes[0]
	if !reflect.DeepEqual(c.Provided, []string{"active", "list_price", "name", "weight_kg"}) || c.Product.ListPrice.String() != "12.50" || c.Product.WeightKg != nil {
		t.Errorf("change = %+v %+v", c, c.Product)
	}
	for _, tt := range []struct {
		body, wantField string
		wantErr         error
	}{
		{`nope`, "", jobs.ErrMalformedJSON},
		{``, "", jobs.ErrMalformedJSON},
		{`[{"external_id":"a"},`, "", jobs.ErrMalformedJSON},
		{`[]`, "items", nil},
		{`[1]`, "items[0]", nil},
		{`{"external_id":""}`, "external_id", nil},
		{`{"external_id":"a","sku":["x"]}`, "sku", nil},
		{`{"external_id":"a","currency":"eur"}`, "currency", nil},
		{`{"external_id":"a","lifecycle_status":"gone"}`, "lifecycle_status", nil},
		{`{"external_id":"a","active":"perhaps"}`, "active", nil},
	} {
		_, errs, err := jobs.DecodeIncoming(models.ObjectProduct, []byte(tt.body))
		if err != tt.wantErr || tt.wantField != "" && (len(errs) == 0 || errs[0].Field != tt.wantField) {
			t.Errorf("%s: errs %v err %v, want field %q", tt.body, errs, err, tt.wantField)
		}
	}
}

func TestDecodeRemoteShapes(t *testing.T) {
	shop := publish.Remote{ExternalID: "gid://shopify/Product/1", Payload: []byte(`{"kind":"product","handle":"pt-1","input":{"title":"Drill","vendor":"Bosch","status":"DRAFT","variants":[{"sku":"PT-1","price":"19.90"}]}}`)}
	c, err := jobs.DecodeRemote(models.ChannelShopify, models.ObjectProduct, shop)
	if err != nil || c.ExternalID != shop.ExternalID || c.Product.Name != "Drill" || c.Product.SKU != "PT-1" || c.Product.LifecycleStatus != models.LifecycleDraft || c.Product.ListPrice.String() != "19.90" {
		t.Errorf("Shopify input: %+v %v", c.Product, err)
	}
	woo := publish.Remote{ExternalID: "12", Payload: []byte(`{"kind":"product","sku":"SF-1","body":{"name":"Gloves","sku":"SF-1","status":"publish","regular_price":"4.20","weight":"0.1"},"stock_quantity":5}`)}
	c, err = jobs.DecodeRemote(models.ChannelWooCommerce, models.ObjectProduct, woo)
	if err != nil || c.ExternalID != "12" || c.Product.Name != "Gloves" || c.Product.ListPrice.String() != "4.20" || *c.Product.WeightKg != 0.1 {
		t.Errorf("WooCommerce body: %+v %v", c.Product, err)
	}
	hook := publish.Remote{ExternalID: "p-9", Payload: []byte(`{"object":"product","id":4,"fields":{"sku":"X","name":"Y","colour":"red"}}`)}
	c, err = jobs.DecodeRemote(models.ChannelWebhook, models.ObjectProduct, hook)
	if err != nil || c.Product.SKU != "X" || !reflect.DeepEqual(c.Provided, []string{"name", "sku"}) {
		t.Errorf("webhook fields: %+v %v %v", c.Product, c.Provided, err)
	}
}

// Two deliveries with one id arriving at the same moment store one set of records: the
// unique index decides, and the loser is told it is a duplicate.
func TestReceiveHookRace(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		shop := models.Channel{Name: "Shop", Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
		if err := models.CreateChannel(db, &shop); err != nil {
			t.Fatal(err)
		}
		in := jobs.Inbound{DB: db}
		c, _, err := jobs.ShopifyChange("products/update", []byte(`{"id":1,"title":"Drill","variants":[{"sku":"PT-1","price":"1.00"}]}`))
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 4)
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := in.ReceiveHook(context.Background(), shop, jobs.Delivery{ID: "same", Topic: "products/update"}, []ingest.Change{c}, models.SystemActor("test"))
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		ok, dup := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, jobs.ErrDuplicateDelivery):
				dup++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		var deliveries, records int64
		db.Model(&models.WebhookDelivery{}).Count(&deliveries)
		db.Model(&models.IncomingRecord{}).Count(&records)
		if ok != 1 || dup != 3 || deliveries != 1 || records != 1 {
			t.Errorf("%d accepted, %d duplicates, %d deliveries, %d records; want exactly one of each accepted", ok, dup, deliveries, records)
		}
	})
}
