package shopifytest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Webhook subscriptions, and edits as a merchant makes them in the Shopify admin: each edit
// is delivered to the subscribers as products/update or customers/update, in the REST shape
// Shopify's webhooks use, signed with X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw
// body under the app's secret). Writes through the API send nothing here, so tests stay
// deterministic; a real shop would notify about those too.

type subscription struct{ address, secret string }

// Subscribe sends later admin edits to address, signed with secret.
func (s *Server) Subscribe(address, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs = append(s.subs, subscription{address, secret})
}

// EditProduct changes a product as a merchant would (title and price of its variant; ""
// keeps a value) and delivers products/update. It returns the first delivery error.
func (s *Server) EditProduct(sku, title, price string) error {
	s.mu.Lock()
	var p *product
	for _, v := range s.shop.variants {
		if v.sku == sku {
			p = s.shop.products[v.productID]
			if price != "" {
				v.price = price
			}
		}
	}
	if p == nil {
		s.mu.Unlock()
		return fmt.Errorf("no product with SKU %s", sku)
	}
	if title != "" {
		p.title = title
	}
	p.updatedAt = s.Now()
	body := s.restProduct(p)
	s.mu.Unlock()
	return s.deliver("products/update", body)
}

// EditCustomer changes a customer's phone and note as a merchant would and delivers
// customers/update.
func (s *Server) EditCustomer(email, phone, note string) error {
	s.mu.Lock()
	c := s.shop.customerByEmail(email)
	if c == nil {
		s.mu.Unlock()
		return fmt.Errorf("no customer with email %s", email)
	}
	if phone != "" {
		c.phone = phone
	}
	if note != "" {
		c.note = note
	}
	c.updatedAt = s.Now()
	body := map[string]any{"id": c.id, "admin_graphql_api_id": gid("Customer", c.id), "email": c.email, "first_name": c.firstName,
		"last_name": c.lastName, "phone": nullable(c.phone), "note": nullable(c.note), "tags": strings.Join(c.tags, ", "),
		"state": "enabled", "currency": "EUR", "verified_email": true, "updated_at": c.updatedAt.Format(time.RFC3339), "created_at": c.updatedAt.Format(time.RFC3339)}
	s.mu.Unlock()
	return s.deliver("customers/update", body)
}

// restProduct is a product as the REST resource and webhooks show it: numeric ids beside
// admin_graphql_api_id, lower-case status, comma-joined tags.
func (s *Server) restProduct(p *product) map[string]any {
	var variants []any
	for i, v := range p.variants {
		variants = append(variants, map[string]any{"id": v.id, "admin_graphql_api_id": gid("ProductVariant", v.id), "product_id": p.id,
			"title": "Default Title", "sku": v.sku, "price": v.price, "compare_at_price": nullable(v.compareAt), "barcode": nullable(v.barcode),
			"position": i + 1, "taxable": v.taxable, "inventory_item_id": v.itemID, "inventory_quantity": v.available,
			"option1": "Default Title", "updated_at": p.updatedAt.Format(time.RFC3339)})
	}
	return map[string]any{"id": p.id, "admin_graphql_api_id": gid("Product", p.id), "title": p.title, "body_html": p.descriptionHTML,
		"vendor": p.vendor, "product_type": p.productType, "handle": p.handle, "status": strings.ToLower(p.status),
		"tags": strings.Join(p.tags, ", "), "variants": variants, "updated_at": p.updatedAt.Format(time.RFC3339),
		"created_at": p.updatedAt.Format(time.RFC3339), "published_scope": "global"}
}

// deliver POSTs one event to every subscriber, as Shopify does: one event id for the event,
// one webhook id per delivery.
func (s *Server) deliver(topic string, body map[string]any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	s.mu.Lock()
	subs := append([]subscription(nil), s.subs...)
	s.events++
	event := s.events
	s.mu.Unlock()
	var errs []error
	for i, sub := range subs {
		mac := hmac.New(sha256.New, []byte(sub.secret))
		mac.Write(raw)
		req, err := http.NewRequest(http.MethodPost, sub.address, bytes.NewReader(raw))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Shopify-Topic", topic)
		req.Header.Set("X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
		req.Header.Set("X-Shopify-Shop-Domain", "steward-demo.myshopify.com")
		req.Header.Set("X-Shopify-API-Version", Version)
		req.Header.Set("X-Shopify-Webhook-Id", fmt.Sprintf("b54557e4-bdd9-4b37-8a5f-%012d", event*100+int64(i)))
		req.Header.Set("X-Shopify-Event-Id", fmt.Sprintf("98880550-7158-44d4-b7cd-%012d", event))
		req.Header.Set("X-Shopify-Triggered-At", s.Now().UTC().Format(time.RFC3339Nano))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		res.Body.Close()
		if res.StatusCode/100 != 2 {
			errs = append(errs, errors.New(sub.address+" answered "+strconv.Itoa(res.StatusCode)))
		}
	}
	return errors.Join(errs...)
}
