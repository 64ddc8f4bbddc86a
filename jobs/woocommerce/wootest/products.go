package wootest

import (
	"fmt"
	"net/http"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// BatchLimit is Woo's default limit on create + update + delete items in one batch call.
const BatchLimit = 100

// productSchema lists the product fields the server stores, with their JSON type; like
// WordPress, it ignores fields it does not know.
var productSchema = map[string]string{
	"name": "string", "type": "string", "status": "string", "sku": "string", "regular_price": "string", "sale_price": "string",
	"description": "string", "short_description": "string", "manage_stock": "boolean", "stock_quantity": "integer",
	"tax_class": "string", "weight": "string", "dimensions": "object", "categories": "array", "global_unique_id": "string", "id": "integer",
}

var productEnums = map[string][]string{
	"type":   {"simple", "grouped", "external", "variable"},
	"status": {"draft", "pending", "private", "publish", "future"},
}

var gtinRE = regexp.MustCompile(`^[0-9-]+$`)

// coerce turns values the way Woo's setters do: prices and weights become text.
func coerce(in map[string]any) {
	for _, k := range []string{"regular_price", "sale_price", "weight"} {
		if f, ok := in[k].(float64); ok {
			in[k] = strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
}

func contains(vs []string, s string) bool {
	for _, v := range vs {
		if v == s {
			return true
		}
	}
	return false
}

func (s *Server) batch(w http.ResponseWriter, in map[string]any) {
	creates, _ := in["create"].([]any)
	updates, _ := in["update"].([]any)
	deletes, _ := in["delete"].([]any)
	if len(creates)+len(updates)+len(deletes) > BatchLimit {
		writeJSON(w, http.StatusRequestEntityTooLarge, wpError("woocommerce_rest_request_entity_too_large",
			fmt.Sprintf("Unable to accept more than %d items for this request.", BatchLimit), 413, nil))
		return
	}
	out := map[string]any{}
	if in["create"] != nil {
		var res []any
		for _, raw := range creates {
			res = append(res, s.saveProduct(0, raw))
		}
		out["create"] = res
	}
	if in["update"] != nil {
		var res []any
		for _, raw := range updates {
			m, _ := raw.(map[string]any)
			id := 0
			if f, ok := m["id"].(float64); ok {
				id = int(f)
			}
			if id == 0 || s.products[id] == nil {
				res = append(res, map[string]any{"id": id, "error": wpError("woocommerce_rest_product_invalid_id", "Invalid ID.", 400, nil)})
				continue
			}
			res = append(res, s.saveProduct(id, raw))
		}
		out["update"] = res
	}
	if in["delete"] != nil {
		var res []any
		for _, raw := range deletes {
			f, _ := raw.(float64)
			id := int(f)
			if p := s.products[id]; p != nil {
				delete(s.products, id)
				res = append(res, p)
			} else {
				res = append(res, map[string]any{"id": id, "error": wpError("woocommerce_rest_product_invalid_id", "Invalid ID.", 400, nil)})
			}
		}
		out["delete"] = res
	}
	writeJSON(w, http.StatusOK, out)
}

// saveProduct creates (id 0) or updates a product, or returns Woo's per-item error.
func (s *Server) saveProduct(id int, raw any) map[string]any {
	in, ok := raw.(map[string]any)
	if !ok {
		return map[string]any{"id": 0, "error": wpError("rest_invalid_param", "Invalid parameter(s): create", 400, nil)}
	}
	// Woo's batch calls create_item/update_item directly, without the endpoint's schema
	// checks: a wrong type is coerced, not refused. What the product itself refuses (a
	// duplicated SKU, an invalid GTIN, an unknown status) comes back per item.
	coerce(in)
	if st, ok := in["status"].(string); ok && !contains(productEnums["status"], st) {
		return map[string]any{"id": id, "error": wpError("woocommerce_rest_invalid_product_status", "Invalid product status.", 400, nil)}
	}
	if sku, _ := in["sku"].(string); sku != "" {
		for oid, p := range s.products {
			if oid != id && p["sku"] == sku {
				return map[string]any{"id": id, "error": wpError("product_invalid_sku", "Invalid or duplicated SKU.", 400,
					map[string]any{"resource_id": oid, "unique_sku": sku})}
			}
		}
	}
	if g, _ := in["global_unique_id"].(string); g != "" && !gtinRE.MatchString(g) {
		return map[string]any{"id": id, "error": wpError("product_invalid_global_unique_id", "Invalid or duplicated GTIN, UPC, EAN or ISBN.", 400, nil)}
	}
	p := s.products[id]
	if p == nil {
		s.nextID++
		id = s.nextID
		p = map[string]any{"id": id, "name": "Product", "slug": "", "type": "simple", "status": "publish", "sku": "", "price": "",
			"regular_price": "", "sale_price": "", "description": "", "short_description": "", "manage_stock": false,
			"stock_quantity": nil, "stock_status": "instock", "tax_class": "", "weight": "", "global_unique_id": "",
			"dimensions": map[string]any{"length": "", "width": "", "height": ""}, "categories": []any{}, "meta_data": []any{},
			"date_created": s.Now().Format("2006-01-02T15:04:05"), "date_created_gmt": s.Now().UTC().Format("2006-01-02T15:04:05")}
		s.products[id] = p
	}
	for k, v := range in {
		if _, known := productSchema[k]; known && k != "id" {
			p[k] = v
		}
	}
	p["price"] = p["regular_price"]
	if q, ok := p["stock_quantity"].(float64); ok && p["manage_stock"] == true {
		p["stock_status"] = map[bool]string{true: "instock", false: "outofstock"}[q > 0]
	}
	p["slug"] = strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(fmt.Sprint(p["name"])), "-"), "-")
	stamp(p, s.Now())
	return clone(p)
}

// stamp sets the modification dates, local and GMT, as Woo's resources carry both.
func stamp(m map[string]any, now time.Time) {
	m["date_modified"] = now.Format("2006-01-02T15:04:05")
	m["date_modified_gmt"] = now.UTC().Format("2006-01-02T15:04:05")
}

// saveCustomer creates (id 0) or updates a customer.
func (s *Server) saveCustomer(w http.ResponseWriter, id int, in map[string]any) {
	c := s.customers[id]
	if id != 0 && c == nil {
		writeJSON(w, 400, wpError("woocommerce_rest_invalid_id", "Invalid resource ID.", 400, nil))
		return
	}
	email, hasEmail := in["email"].(string)
	if id == 0 && !hasEmail {
		writeJSON(w, 400, wpError("rest_missing_callback_param", "Missing parameter(s): email", 400, map[string]any{"params": []any{"email"}}))
		return
	}
	if hasEmail {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			writeJSON(w, 400, wpError("rest_invalid_param", "Invalid parameter(s): email", 400,
				map[string]any{"params": map[string]any{"email": "Invalid email address."}}))
			return
		}
		for oid, o := range s.customers {
			if oid != id && strings.EqualFold(o["email"].(string), email) {
				writeJSON(w, 400, wpError("registration-error-email-exists",
					`An account is already registered with your email address. <a href="#" class="showlogin">Please log in.</a>`, 400, nil))
				return
			}
		}
	}
	status := http.StatusOK
	if c == nil {
		s.nextID++
		id = s.nextID
		c = map[string]any{"id": id, "email": "", "first_name": "", "last_name": "", "role": "customer", "username": "",
			"billing": map[string]any{}, "shipping": map[string]any{}, "meta_data": []any{},
			"date_created": s.Now().Format("2006-01-02T15:04:05"), "date_created_gmt": s.Now().UTC().Format("2006-01-02T15:04:05")}
		s.customers[id] = c
		status = http.StatusCreated
		if hasEmail {
			c["username"] = strings.SplitN(email, "@", 2)[0]
		}
	}
	for _, k := range []string{"email", "first_name", "last_name"} {
		if v, ok := in[k].(string); ok {
			c[k] = v
		}
	}
	if b, ok := in["billing"].(map[string]any); ok {
		billing := c["billing"].(map[string]any)
		for k, v := range b {
			billing[k] = v
		}
	}
	stamp(c, s.Now())
	writeJSON(w, status, clone(c))
}
