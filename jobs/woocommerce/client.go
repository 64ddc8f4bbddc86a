package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"steward/jobs/publish"
)

// Config is what a WooCommerce channel needs: the site's address and a REST API key pair
// (decrypted by the caller from the channel's sealed credentials).
type Config struct {
	BaseURL        string // https://shop.example.com
	ConsumerKey    string
	ConsumerSecret string
	Timeout        time.Duration
}

// String keeps the secret out of logs.
func (c Config) String() string {
	return fmt.Sprintf("woocommerce.Config{BaseURL: %q, ConsumerKey: %q, ConsumerSecret: [redacted]}", c.BaseURL, c.ConsumerKey)
}

// Client calls one site's /wp-json/wc/v3 API.
type Client struct {
	base        string
	key, secret string
	HTTP        *http.Client
}

// NewClient refuses a plain-http address unless it is this machine or a .test/.localhost
// name: basic auth would send the key pair in the clear.
func NewClient(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("the WooCommerce address %q is not a URL", cfg.BaseURL)
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && localHost(u.Hostname())) {
		return nil, fmt.Errorf("the WooCommerce address must use https: basic auth over %s would send the API key in the clear", u.Scheme)
	}
	if cfg.ConsumerKey == "" || cfg.ConsumerSecret == "" {
		return nil, errors.New("a WooCommerce REST API consumer key and secret are needed")
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Client{base: u.String() + "/wp-json/wc/v3", key: cfg.ConsumerKey, secret: cfg.ConsumerSecret, HTTP: &http.Client{Timeout: timeout}}, nil
}

func localHost(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".test") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// wooError is the REST API's error body.
type wooError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Data    struct {
		Status     int            `json:"status"`
		Params     map[string]any `json:"params"`
		ResourceID int            `json:"resource_id"`
	} `json:"data"`
}

// siteWide marks an error of the site as a whole: every item of the call fails with it.
type siteWide struct{ err *publish.Error }

func (e *siteWide) Error() string { return e.err.Error() }
func (e *siteWide) Unwrap() error { return e.err }

// do sends a request; out receives the JSON body and the headers are returned for paging.
// An HTTP error becomes a classified *publish.Error, except a 400 about one record, which
// comes back as *wooError for the caller to attribute.
func (c *Client) do(ctx context.Context, method, path string, body, out any) (http.Header, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.key, c.secret)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return nil, transportError(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 32<<20))
	if err != nil {
		return nil, transportError(err)
	}
	if res.StatusCode >= 300 {
		var we wooError
		_ = json.Unmarshal(raw, &we)
		if (res.StatusCode == 400 || res.StatusCode == 404) && we.Code != "" && we.Code != "rest_no_route" {
			return res.Header, &we
		}
		return res.Header, &siteWide{statusError(res, raw, we)}
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, &siteWide{&publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "WooCommerce answered with something that is not JSON", Detail: clip(string(raw))}}
		}
	}
	return res.Header, nil
}

func (e *wooError) Error() string { return e.Code + ": " + e.Message }

func statusError(res *http.Response, raw []byte, we wooError) *publish.Error {
	detail := fmt.Sprintf("HTTP %d", res.StatusCode)
	if we.Code != "" {
		detail += ": " + we.Code + ": " + we.Message
	} else {
		detail += ": " + clip(string(raw))
	}
	switch code := res.StatusCode; {
	case code == http.StatusTooManyRequests:
		return &publish.Error{Class: publish.ClassThrottled, Retry: true, RetryAfter: retryAfter(res.Header.Get("Retry-After")),
			Message: "WooCommerce asked Steward to slow down", Detail: detail}
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return &publish.Error{Class: publish.ClassAuth, Message: "WooCommerce refused the API key; check it has read/write access in the channel settings", Detail: detail}
	case code == http.StatusNotFound:
		return &publish.Error{Class: publish.ClassNotFound, Message: "No WooCommerce REST API answers at this address; check the channel's base URL and permalinks", Detail: detail}
	case code >= 500:
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, RetryAfter: retryAfter(res.Header.Get("Retry-After")),
			Message: "The WooCommerce site is having trouble; Steward will try again", Detail: detail}
	}
	return &publish.Error{Class: publish.ClassValidation, Message: "WooCommerce refused the request", Detail: detail}
}

// retryAfter reads Retry-After as seconds or an HTTP date.
func retryAfter(h string) time.Duration {
	h = strings.TrimSpace(h)
	if n, err := strconv.ParseFloat(h, 64); err == nil && n >= 0 {
		return time.Duration(n * float64(time.Second))
	}
	if t, err := http.ParseTime(h); err == nil {
		return time.Until(t)
	}
	return 0
}

func transportError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &siteWide{&publish.Error{Class: publish.ClassTimeout, Retry: true, Message: "WooCommerce did not answer in time", Detail: err.Error()}}
	}
	return &siteWide{&publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "WooCommerce could not be reached", Detail: err.Error()}}
}

func clip(s string) string {
	if len(s) > 500 {
		return s[:500] + "…"
	}
	return s
}

// canonicalField names the golden field a Woo parameter comes from.
var canonicalField = map[string]string{
	"name": "name", "sku": "sku", "regular_price": "list_price", "description": "description", "tax_class": "tax_class",
	"weight": "weight_kg", "global_unique_id": "barcode", "stock_quantity": "available", "email": "email", "categories": "category",
}

// itemError turns Woo's error for one record into a publish.Error naming the field.
func itemError(what string, we *wooError) *publish.Error {
	pe := &publish.Error{Class: publish.ClassValidation, Message: fmt.Sprintf("WooCommerce refused the %s: %s", what, stripTags(we.Message)),
		Detail: fmt.Sprintf("%s: %s (HTTP %d)", we.Code, we.Message, we.Data.Status)}
	for k := range we.Data.Params {
		if f, ok := canonicalField[k]; ok {
			pe.Field = f
			if what == "price" && k == "regular_price" {
				pe.Field = "price"
			}
		}
	}
	switch we.Code {
	case "product_invalid_sku":
		pe.Class, pe.Field = publish.ClassConflict, "sku"
		pe.Message = "Another WooCommerce product already has this SKU"
	case "registration-error-email-exists":
		pe.Class, pe.Field = publish.ClassConflict, "email"
		pe.Message = "Another WooCommerce account already has this email address"
	case "product_invalid_global_unique_id":
		pe.Field = "barcode"
	case "woocommerce_rest_product_invalid_id", "woocommerce_rest_invalid_id":
		pe.Class = publish.ClassNotFound
		pe.Message = fmt.Sprintf("The %s no longer exists in WooCommerce", what)
	}
	return pe
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
