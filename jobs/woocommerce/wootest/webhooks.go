package wootest

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
)

// Webhooks as WooCommerce sends them: saving a webhook pings its address with the unsigned
// form body webhook_id=N (Woo keeps the webhook only on a 2xx answer); later a merchant's
// edit is POSTed as product.updated or customer.updated with the resource's JSON, signed in
// X-WC-Webhook-Signature (base64 HMAC-SHA256 of the raw body under the webhook's secret).
// Writes through the REST API send nothing here, so tests stay deterministic.

type subscription struct {
	id              int
	address, secret string
}

// Subscribe saves a webhook for address: it is pinged first and refused unless the ping
// gets a 2xx answer, as WooCommerce does.
func (s *Server) Subscribe(address, secret string) error {
	s.mu.Lock()
	s.nextID++
	sub := subscription{s.nextID, address, secret}
	s.mu.Unlock()
	res, err := http.Post(address, "application/x-www-form-urlencoded", strings.NewReader("webhook_id="+strconv.Itoa(sub.id)))
	if err != nil {
		return fmt.Errorf("webhook ping: %w", err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook ping: %s answered %d, so WooCommerce would not save the webhook", address, res.StatusCode)
	}
	s.mu.Lock()
	s.subs = append(s.subs, sub)
	s.mu.Unlock()
	return nil
}

// EditProduct changes a product's name and regular price as a merchant would ("" keeps a
// value) and delivers product.updated.
func (s *Server) EditProduct(sku, name, price string) error {
	s.mu.Lock()
	var p map[string]any
	for _, q := range s.products {
		if q["sku"] == sku {
			p = q
		}
	}
	if p == nil {
		s.mu.Unlock()
		return fmt.Errorf("no product with SKU %s", sku)
	}
	if name != "" {
		p["name"] = name
	}
	if price != "" {
		p["regular_price"], p["price"] = price, price
	}
	stamp(p, s.Now())
	body := clone(p)
	s.mu.Unlock()
	return s.deliver("product", "updated", body)
}

// EditCustomer changes a customer's billing phone as a merchant would and delivers
// customer.updated.
func (s *Server) EditCustomer(email, phone string) error {
	s.mu.Lock()
	var c map[string]any
	for _, q := range s.customers {
		if strings.EqualFold(q["email"].(string), email) {
			c = q
		}
	}
	if c == nil {
		s.mu.Unlock()
		return fmt.Errorf("no customer with email %s", email)
	}
	c["billing"].(map[string]any)["phone"] = phone
	stamp(c, s.Now())
	body := clone(c)
	s.mu.Unlock()
	return s.deliver("customer", "updated", body)
}

func (s *Server) deliver(resource, event string, body map[string]any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	s.mu.Lock()
	subs := append([]subscription(nil), s.subs...)
	s.mu.Unlock()
	var errs []error
	for _, sub := range subs {
		s.mu.Lock()
		s.deliveries++
		delivery := s.deliveries
		s.mu.Unlock()
		mac := hmac.New(sha256.New, []byte(sub.secret))
		mac.Write(raw)
		req, err := http.NewRequest(http.MethodPost, sub.address, bytes.NewReader(raw))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "WooCommerce/9.4.0 Hookshot (WordPress/6.7)")
		req.Header.Set("X-WC-Webhook-Source", "https://shop.example.test/")
		req.Header.Set("X-WC-Webhook-Topic", resource+"."+event)
		req.Header.Set("X-WC-Webhook-Resource", resource)
		req.Header.Set("X-WC-Webhook-Event", event)
		req.Header.Set("X-WC-Webhook-Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
		req.Header.Set("X-WC-Webhook-ID", strconv.Itoa(sub.id))
		req.Header.Set("X-WC-Webhook-Delivery-ID", strconv.Itoa(delivery))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		res.Body.Close()
		if res.StatusCode/100 != 2 {
			errs = append(errs, fmt.Errorf("%s answered %d", sub.address, res.StatusCode))
		}
	}
	return errors.Join(errs...)
}
