package shopifytest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func post(t *testing.T, s *Server, path, token, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("X-Shopify-Access-Token", token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func gql(t *testing.T, s *Server, query string, vars map[string]any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	code, out := post(t, s, "/admin/api/2026-10/graphql.json", "tok", string(b))
	if code != 200 {
		t.Fatalf("HTTP %d: %v", code, out)
	}
	return out
}

func firstError(out map[string]any) (string, string) {
	errs, _ := out["errors"].([]any)
	if len(errs) == 0 {
		return "", ""
	}
	e := errs[0].(map[string]any)
	code := ""
	if ext, ok := e["extensions"].(map[string]any); ok {
		code, _ = ext["code"].(string)
	}
	return e["message"].(string), code
}

const setProduct = `mutation p($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id } userErrors { field message code } } }`

func TestServerRefusesWhatShopifyRefuses(t *testing.T) {
	s := New("tok")
	good := map[string]any{"title": "Tie", "productOptions": []any{map[string]any{"name": "Title", "values": []any{map[string]any{"name": "Default Title"}}}},
		"variants": []any{map[string]any{"optionValues": []any{map[string]any{"optionName": "Title", "name": "Default Title"}}, "price": "1.00", "sku": "A"}}}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		wantMsg     string
		wantCode    string
	}{
		{"unknown selected field", `mutation p($input: ProductSetInput!) { productSet(input: $input) { product { id colour } userErrors { field } } }`,
			map[string]any{"input": good}, "Field 'colour' doesn't exist on type 'Product'", "undefinedField"},
		{"unknown root field", `mutation { productCreateX(input: {}) { id } }`, nil, "Field 'productCreateX' doesn't exist on type 'Mutation'", "undefinedField"},
		{"unknown argument", `mutation p($input: ProductSetInput!) { productSet(input: $input, force: true) { product { id } } }`,
			map[string]any{"input": good}, "Field 'productSet' doesn't accept argument 'force'", "argumentNotAccepted"},
		{"unknown input field", setProduct, map[string]any{"input": map[string]any{"title": "Tie", "colour": "red"}},
			"Variable $input of type ProductSetInput! was provided invalid value for colour (Field is not defined on ProductSetInput)", ""},
		{"bad money", setProduct, map[string]any{"input": map[string]any{"title": "Tie", "variants": []any{map[string]any{"optionValues": []any{}, "price": "ten"}}}},
			`Variable $input of type ProductSetInput! was provided invalid value for variants.0.price (Could not coerce value "ten" to Money)`, ""},
		{"missing variable", setProduct, map[string]any{}, "Variable $input of type ProductSetInput! was provided invalid value", ""},
		{"scalar with selection", `query { shop { name { x } } }`, nil, "Selections can't be made on scalars (field 'name' returns String but has selections [x])", "selectionMismatch"},
		{"object without selection", `query { shop }`, nil, "Field must have selections (field 'shop' returns Shop but has no selections. Did you mean 'shop { ... }'?)", "selectionMismatch"},
		{"syntax", `mutation { productSet(`, nil, "Parse error on \"end of file\"", ""},
		{"no idempotency key", `mutation s($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { field } } }`,
			map[string]any{"input": map[string]any{"name": "available", "reason": "correction", "quantities": []any{}}},
			"The @idempotent directive is required for this mutation.", "IDEMPOTENCY_KEY_REQUIRED"},
		{"unused variable", `query q($x: String) { shop { name } }`, nil, "Variable $x is declared by q but not used", "variableNotUsed"},
		{"no page size", `query { products { nodes { id } } }`, nil, "you must provide one of first or last", "BAD_REQUEST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg, code := firstError(gql(t, s, tc.query, tc.vars))
			if !strings.HasPrefix(msg, tc.wantMsg) || code != tc.wantCode {
				t.Errorf("got %q (%s)", msg, code)
			}
		})
	}
	if n, _ := s.Counts(); n != 0 {
		t.Errorf("refused requests stored %d products", n)
	}
}

func TestServerUserErrorsAndAuth(t *testing.T) {
	s := New("tok")
	out := gql(t, s, setProduct, map[string]any{"input": map[string]any{"title": ""}})
	ues := out["data"].(map[string]any)["productSet"].(map[string]any)["userErrors"].([]any)
	if len(ues) != 1 || ues[0].(map[string]any)["code"] != "BLANK" || ues[0].(map[string]any)["message"] != "Title can't be blank" {
		t.Errorf("userErrors = %v", ues)
	}
	cost := out["extensions"].(map[string]any)["cost"].(map[string]any)
	if cost["requestedQueryCost"] != 10.0 || cost["throttleStatus"].(map[string]any)["maximumAvailable"] != 2000.0 {
		t.Errorf("cost = %v", cost)
	}
	if code, body := post(t, s, "/admin/api/2026-10/graphql.json", "wrong", `{"query":"{ shop { name } }"}`); code != 401 || !strings.Contains(body["errors"].(string), "Invalid API key or access token") {
		t.Errorf("wrong token: %d %v", code, body)
	}
	if code, _ := post(t, s, "/admin/api/2019-04/graphql.json", "tok", `{"query":"{ shop { name } }"}`); code != 404 {
		t.Errorf("old version: %d", code)
	}
	if code, body := post(t, s, "/admin/api/2026-10/graphql.json", "tok", `{"variables":{}}`); code != 400 || body["errors"] == nil {
		t.Errorf("no query: %d %v", code, body)
	}
	s.Drain()
	msg, code := firstError(gql(t, s, `{ shop { name } }`, nil))
	if msg != "Throttled" || code != "THROTTLED" {
		t.Errorf("drained bucket: %q %q", msg, code)
	}
}
