// Package wootest is a WooCommerce shop speaking the REST API v3 (/wp-json/wc/v3) for tests
// and the demo: basic auth with a consumer key and secret, products/batch with Woo's
// 100-item limit and per-item errors, products and customers with WordPress's parameter
// checks and error JSON, X-WP-Total / X-WP-TotalPages paging, and faults on demand (429,
// 5xx, 401, hangs).
package wootest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is one shop.
type Server struct {
	Key, Secret string
	RetryAfter  string
	Now         func() time.Time

	mu         sync.Mutex
	faults     []string
	nextID     int
	products   map[int]map[string]any
	customers  map[int]map[string]any
	requests   int
	subs       []subscription
	deliveries int
}

// New makes an empty shop accepting the key and secret.
func New(key, secret string) *Server {
	return &Server{Key: key, Secret: secret, RetryAfter: "2", Now: time.Now, nextID: 100,
		products: map[int]map[string]any{}, customers: map[int]map[string]any{}}
}

// Fail makes the next n requests fail: "429", "500", "502", "503", "401" or "timeout".
func (s *Server) Fail(kind string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, kind)
	}
}

// Requests counts the requests answered.
func (s *Server) Requests() int { s.mu.Lock(); defer s.mu.Unlock(); return s.requests }

// ProductBySKU returns a copy of a stored product.
func (s *Server) ProductBySKU(sku string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.products {
		if p["sku"] == sku {
			return clone(p), true
		}
	}
	return nil, false
}

// Counts are how many products and customers the shop holds.
func (s *Server) Counts() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.products), len(s.customers)
}

func clone(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}

// wpError is WordPress's REST error body.
func wpError(code, message string, status int, extra map[string]any) map[string]any {
	data := map[string]any{"status": status}
	for k, v := range extra {
		data[k] = v
	}
	return map[string]any{"code": code, "message": message, "data": data}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

const prefix = "/wp-json/wc/v3"

var (
	productRE  = regexp.MustCompile(`^/products/(\d+)$`)
	customerRE = regexp.MustCompile(`^/customers/(\d+)$`)
)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	var fault string
	if len(s.faults) > 0 {
		fault, s.faults = s.faults[0], s.faults[1:]
	}
	s.mu.Unlock()
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	switch fault {
	case "":
	case "timeout":
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
		return
	case "429":
		w.Header().Set("Retry-After", s.RetryAfter)
		writeJSON(w, http.StatusTooManyRequests, wpError("woocommerce_rest_too_many_requests", "Too many requests. Please wait and try again.", 429, nil))
		return
	case "401":
		writeJSON(w, http.StatusUnauthorized, wpError("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401, nil))
		return
	default:
		code := 500
		fmt.Sscan(fault, &code)
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(code)
		fmt.Fprintf(w, "<html><body><h1>%d</h1>There has been a critical error on this website.</body></html>", code)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		writeJSON(w, http.StatusNotFound, wpError("rest_no_route", "No route was found matching the URL and request method.", 404, nil))
		return
	}
	if key, secret, ok := r.BasicAuth(); !ok || key != s.Key || secret != s.Secret {
		action := map[string]string{"GET": "woocommerce_rest_cannot_view", "POST": "woocommerce_rest_cannot_create", "PUT": "woocommerce_rest_cannot_edit"}[r.Method]
		msg := map[string]string{"GET": "Sorry, you cannot list resources.", "POST": "Sorry, you are not allowed to create resources.", "PUT": "Sorry, you are not allowed to edit this resource."}[r.Method]
		writeJSON(w, http.StatusUnauthorized, wpError(action, msg, 401, nil))
		return
	}
	var in map[string]any
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		if err := json.Unmarshal(body, &in); err != nil {
			writeJSON(w, http.StatusBadRequest, wpError("rest_invalid_json", "Invalid JSON body passed.", 400, map[string]any{"json_error_code": 4, "json_error_message": "Syntax error"}))
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case path == "/products/batch" && r.Method == http.MethodPost:
		s.batch(w, in)
	case path == "/products" && r.Method == http.MethodGet:
		s.list(w, r, s.products, func(p map[string]any) bool {
			skus := r.URL.Query().Get("sku")
			if skus == "" {
				return true
			}
			for _, sku := range strings.Split(skus, ",") {
				if p["sku"] == strings.TrimSpace(sku) {
					return true
				}
			}
			return false
		})
	case productRE.MatchString(path) && r.Method == http.MethodGet:
		id, _ := strconv.Atoi(productRE.FindStringSubmatch(path)[1])
		if p, ok := s.products[id]; ok {
			writeJSON(w, 200, p)
		} else {
			writeJSON(w, 404, wpError("woocommerce_rest_product_invalid_id", "Invalid ID.", 404, nil))
		}
	case path == "/customers" && r.Method == http.MethodGet:
		email := r.URL.Query().Get("email")
		s.list(w, r, s.customers, func(c map[string]any) bool { return email == "" || strings.EqualFold(c["email"].(string), email) })
	case path == "/customers" && r.Method == http.MethodPost:
		s.saveCustomer(w, 0, in)
	case customerRE.MatchString(path) && (r.Method == http.MethodPut || r.Method == http.MethodPost):
		id, _ := strconv.Atoi(customerRE.FindStringSubmatch(path)[1])
		s.saveCustomer(w, id, in)
	case customerRE.MatchString(path) && r.Method == http.MethodGet:
		id, _ := strconv.Atoi(customerRE.FindStringSubmatch(path)[1])
		if c, ok := s.customers[id]; ok {
			writeJSON(w, 200, c)
		} else {
			writeJSON(w, 404, wpError("woocommerce_rest_invalid_id", "Invalid resource ID.", 404, nil))
		}
	default:
		writeJSON(w, http.StatusNotFound, wpError("rest_no_route", "No route was found matching the URL and request method.", 404, nil))
	}
}

// list pages a collection by id, as Woo does with orderby=id: per_page 1 to 100 (default
// 10), page from 1, totals in headers.
func (s *Server) list(w http.ResponseWriter, r *http.Request, all map[int]map[string]any, keep func(map[string]any) bool) {
	q := r.URL.Query()
	perPage, page := 10, 1
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			writeJSON(w, 400, wpError("rest_invalid_param", "Invalid parameter(s): per_page", 400,
				map[string]any{"params": map[string]any{"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"}}))
			return
		}
		perPage = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeJSON(w, 400, wpError("rest_invalid_param", "Invalid parameter(s): page", 400,
				map[string]any{"params": map[string]any{"page": "page must be greater than or equal to 1"}}))
			return
		}
		page = n
	}
	var ids []int
	for id, o := range all {
		if keep(o) {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	total := len(ids)
	pages := (total + perPage - 1) / perPage
	if page > pages && total > 0 {
		writeJSON(w, 400, wpError("woocommerce_rest_invalid_page_number", "The page number requested is larger than the number of pages available.", 400, nil))
		return
	}
	out := []any{}
	for i := (page - 1) * perPage; i < total && i < page*perPage; i++ {
		out = append(out, all[ids[i]])
	}
	w.Header().Set("X-WP-Total", strconv.Itoa(total))
	w.Header().Set("X-WP-TotalPages", strconv.Itoa(pages))
	writeJSON(w, 200, out)
}
