package wootest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func call(t *testing.T, s *Server, method, path, user, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.SetBasicAuth(user, "cs")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, rec.Header(), out
}

func TestServerSpeaksWooErrors(t *testing.T) {
	s := New("ck", "cs")
	var items []string
	for i := range 101 {
		items = append(items, fmt.Sprintf(`{"name":"P%d","sku":"S%d"}`, i, i))
	}
	for _, tc := range []struct {
		name, method, path, user, body string
		status                         int
		code                           string
	}{
		{"over the batch limit", "POST", "/wp-json/wc/v3/products/batch", "ck", `{"create":[` + strings.Join(items, ",") + `]}`, 413, "woocommerce_rest_request_entity_too_large"},
		{"bad key", "GET", "/wp-json/wc/v3/products", "nope", "", 401, "woocommerce_rest_cannot_view"},
		{"bad JSON", "POST", "/wp-json/wc/v3/products/batch", "ck", `{"create":`, 400, "rest_invalid_json"},
		{"page too big", "GET", "/wp-json/wc/v3/products?per_page=101", "ck", "", 400, "rest_invalid_param"},
		{"no route", "GET", "/wp-json/wc/v2/nothing", "ck", "", 404, "rest_no_route"},
		{"customer without email", "POST", "/wp-json/wc/v3/customers", "ck", `{"first_name":"A"}`, 400, "rest_missing_callback_param"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, out := call(t, s, tc.method, tc.path, tc.user, tc.body)
			if status != tc.status || out["code"] != tc.code || out["data"].(map[string]any)["status"] != float64(tc.status) {
				t.Errorf("got %d %v", status, out)
			}
		})
	}
	// Per-item errors inside a successful batch answer.
	status, _, out := call(t, s, "POST", "/wp-json/wc/v3/products/batch", "ck",
		`{"create":[{"name":"A","sku":"X"},{"name":"B","sku":"X"},{"name":"C","regular_price":4.5}],"update":[{"id":12345,"name":"D"}]}`)
	if status != 200 {
		t.Fatalf("batch: %d", status)
	}
	created := out["create"].([]any)
	if created[0].(map[string]any)["error"] != nil {
		t.Errorf("first create failed: %v", created[0])
	}
	if e := created[1].(map[string]any)["error"].(map[string]any); e["code"] != "product_invalid_sku" || created[1].(map[string]any)["id"] != 0.0 {
		t.Errorf("duplicate SKU: %v", created[1])
	}
	// Batch items skip the schema checks, as in Woo: a number is taken as the price text.
	if c := created[2].(map[string]any); c["error"] != nil || c["regular_price"] != "4.5" {
		t.Errorf("numeric price: %v", created[2])
	}
	if e := out["update"].([]any)[0].(map[string]any)["error"].(map[string]any); e["code"] != "woocommerce_rest_product_invalid_id" {
		t.Errorf("unknown id: %v", e)
	}
	_, h, _ := call(t, s, "GET", "/wp-json/wc/v3/products?per_page=1", "ck", "")
	if h.Get("X-WP-Total") != "2" || h.Get("X-WP-TotalPages") != "2" {
		t.Errorf("paging headers %v", h)
	}
}
