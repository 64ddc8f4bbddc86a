package shopifytest

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// LocationID is the shop's one location.
const LocationID = "gid://shopify/Location/1"

type product struct {
	id                                                          int64
	title, handle, status, vendor, productType, descriptionHTML string
	tags                                                        []string
	variants                                                    []*variant
	updatedAt                                                   time.Time
}

type variant struct {
	id, productID, itemID          int64
	sku, price, compareAt, barcode string
	taxable, tracked               bool
	hsCode                         string
	available                      int
}

type customer struct {
	id                                      int64
	firstName, lastName, email, phone, note string
	tags                                    []string
	updatedAt                               time.Time
}

type state struct {
	nextID      int64
	products    map[int64]*product
	variants    map[int64]*variant
	items       map[int64]*variant
	customers   map[int64]*customer
	idempotency map[string]any // key → the root field's result the first time
}

func newState() *state {
	return &state{nextID: 1000, products: map[int64]*product{}, variants: map[int64]*variant{}, items: map[int64]*variant{},
		customers: map[int64]*customer{}, idempotency: map[string]any{}}
}

func (st *state) id() int64 { st.nextID++; return st.nextID }

func gid(kind string, id int64) string { return fmt.Sprintf("gid://shopify/%s/%d", kind, id) }

func parseGID(v any, kind string) (int64, bool) {
	s, _ := v.(string)
	rest, ok := strings.CutPrefix(s, "gid://shopify/"+kind+"/")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil
}

func userError(msg, code string, field ...any) map[string]any {
	fs := make([]any, len(field))
	for i, f := range field {
		fs[i] = fmt.Sprint(f)
	}
	return map[string]any{"__typename": "UserError", "field": fs, "message": msg, "code": code}
}

// run executes each root field and projects its result onto the selection.
func (st *state) run(op operation, vars map[string]any, now time.Time) (map[string]any, []gqlError) {
	data := map[string]any{}
	var errs []gqlError
	for _, f := range op.Selection {
		args := map[string]any{}
		for k, v := range f.Args {
			args[k] = resolveVars(v, vars)
		}
		var key string
		for _, d := range f.Directives {
			if d.Name == "idempotent" {
				key, _ = resolveVars(d.Args["key"], vars).(string)
			}
		}
		var res any
		var err *gqlError
		if prior, ok := st.idempotency[f.Name+"/"+key]; ok && key != "" {
			res = prior // a retry with the same key: the first result, nothing applied twice
		} else {
			res, err = st.resolve(f.Name, args, key, now)
			if err == nil && key != "" {
				st.idempotency[f.Name+"/"+key] = res
			}
		}
		if err != nil {
			err.Path = []any{f.key()}
			err.Locations = []pos{f.At}
			errs = append(errs, *err)
			data[f.key()] = nil
			continue
		}
		data[f.key()] = project(f.Selection, res)
	}
	return data, errs
}

func (st *state) resolve(name string, args map[string]any, key string, now time.Time) (any, *gqlError) {
	switch name {
	case "productSet":
		return st.productSet(args, now), nil
	case "productVariantsBulkUpdate":
		return st.variantsBulkUpdate(args, now), nil
	case "inventorySetQuantities":
		if key == "" {
			return nil, &gqlError{Message: "The @idempotent directive is required for this mutation.", Extensions: map[string]any{"code": "IDEMPOTENCY_KEY_REQUIRED"}}
		}
		return st.inventorySet(args, now), nil
	case "customerSet":
		return st.customerSet(args, now), nil
	case "products", "customers", "productVariants":
		return st.page(name, args)
	case "product":
		if id, ok := parseGID(args["id"], "Product"); ok && st.products[id] != nil {
			return st.productObj(st.products[id]), nil
		}
		return nil, nil
	case "customer":
		if id, ok := parseGID(args["id"], "Customer"); ok && st.customers[id] != nil {
			return customerObj(st.customers[id]), nil
		}
		return nil, nil
	case "location":
		return map[string]any{"__typename": "Location", "id": LocationID, "name": "Main warehouse", "isActive": true}, nil
	case "shop":
		return map[string]any{"__typename": "Shop", "id": "gid://shopify/Shop/1", "name": "Steward demo shop", "myshopifyDomain": "steward-demo.myshopify.com", "currencyCode": "EUR"}, nil
	}
	return nil, &gqlError{Message: "Internal error"}
}

func (st *state) productObj(p *product) map[string]any {
	var nodes []any
	for _, v := range p.variants {
		nodes = append(nodes, st.variantObj(v, false))
	}
	return map[string]any{"__typename": "Product", "id": gid("Product", p.id), "title": p.title, "handle": p.handle, "status": p.status,
		"vendor": p.vendor, "productType": p.productType, "descriptionHtml": p.descriptionHTML, "tags": anyList(p.tags),
		"updatedAt": p.updatedAt.Format(time.RFC3339), "createdAt": p.updatedAt.Format(time.RFC3339), "totalInventory": 0,
		"variants": connection(nodes, false)}
}

func (st *state) variantObj(v *variant, withProduct bool) map[string]any {
	o := map[string]any{"__typename": "ProductVariant", "id": gid("ProductVariant", v.id), "title": "Default Title", "sku": v.sku,
		"price": v.price, "compareAtPrice": nullable(v.compareAt), "barcode": nullable(v.barcode), "taxable": v.taxable,
		"inventoryQuantity": v.available,
		"inventoryItem": map[string]any{"__typename": "InventoryItem", "id": gid("InventoryItem", v.itemID), "sku": v.sku, "tracked": v.tracked,
			"harmonizedSystemCode": nullable(v.hsCode)}}
	if withProduct {
		o["product"] = st.productObj(st.products[v.productID])
	}
	return o
}

func customerObj(c *customer) map[string]any {
	return map[string]any{"__typename": "Customer", "id": gid("Customer", c.id), "firstName": nullable(c.firstName), "lastName": nullable(c.lastName),
		"displayName": strings.TrimSpace(c.firstName + " " + c.lastName), "email": nullable(c.email), "phone": nullable(c.phone),
		"note": nullable(c.note), "tags": anyList(c.tags), "updatedAt": c.updatedAt.Format(time.RFC3339), "createdAt": c.updatedAt.Format(time.RFC3339)}
}

func anyList(ss []string) []any {
	out := []any{}
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func connection(nodes []any, more bool) map[string]any {
	var edges []any
	end := any(nil)
	for _, n := range nodes {
		c := cursor(n)
		edges = append(edges, map[string]any{"node": n, "cursor": c})
		end = c
	}
	start := any(nil)
	if len(edges) > 0 {
		start = edges[0].(map[string]any)["cursor"]
	}
	if nodes == nil {
		nodes, edges = []any{}, []any{}
	}
	return map[string]any{"nodes": nodes, "edges": edges,
		"pageInfo": map[string]any{"hasNextPage": more, "hasPreviousPage": false, "startCursor": start, "endCursor": end}}
}

// cursor is opaque to clients, as Shopify's are.
func cursor(node any) string {
	id, _ := node.(map[string]any)["id"].(string)
	return base64.StdEncoding.EncodeToString([]byte(`{"last_id":` + id[strings.LastIndexByte(id, '/')+1:] + `}`))
}

func cursorID(c string) int64 {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return -1
	}
	var id int64
	if _, err := fmt.Sscanf(string(b), `{"last_id":%d}`, &id); err != nil {
		return -1
	}
	return id
}

var filterRE = regexp.MustCompile(`^(\w+):['"]?([^'"]*)['"]?$`)

// page answers a paged list query: first (at most 250), after, and a search query of one
// field:value term (sku, email, handle).
func (st *state) page(name string, args map[string]any) (any, *gqlError) {
	first, ok := args["first"].(float64)
	if !ok {
		return nil, &gqlError{Message: "you must provide one of first or last", Extensions: map[string]any{"code": "BAD_REQUEST"}}
	}
	if first > 250 {
		return nil, &gqlError{Message: "The 'first' argument must be between 0 and 250", Extensions: map[string]any{"code": "BAD_REQUEST"}}
	}
	after := int64(0)
	if a, _ := args["after"].(string); a != "" {
		if after = cursorID(a); after < 0 {
			return nil, &gqlError{Message: "Invalid cursor for current pagination sort.", Extensions: map[string]any{"code": "BAD_REQUEST"}}
		}
	}
	var term, value string
	if q, _ := args["query"].(string); q != "" {
		if m := filterRE.FindStringSubmatch(strings.TrimSpace(q)); m != nil {
			term, value = m[1], m[2]
		}
	}
	var ids []int64
	switch name {
	case "products":
		for id, p := range st.products {
			if term == "" || term == "handle" && p.handle == value || term == "sku" && len(p.variants) > 0 && p.variants[0].sku == value {
				ids = append(ids, id)
			}
		}
	case "customers":
		for id, c := range st.customers {
			if term == "" || term == "email" && strings.EqualFold(c.email, value) {
				ids = append(ids, id)
			}
		}
	case "productVariants":
		for id, v := range st.variants {
			if term == "" || term == "sku" && v.sku == value {
				ids = append(ids, id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var nodes []any
	more := false
	for _, id := range ids {
		if id <= after {
			continue
		}
		if len(nodes) == int(first) {
			more = true
			break
		}
		switch name {
		case "products":
			nodes = append(nodes, st.productObj(st.products[id]))
		case "customers":
			nodes = append(nodes, customerObj(st.customers[id]))
		case "productVariants":
			nodes = append(nodes, st.variantObj(st.variants[id], true))
		}
	}
	return connection(nodes, more), nil
}

// project keeps what the selection asks for, under its aliases.
func project(sel []field, v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = project(sel, e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = project(sel, e)
		}
		return out
	case map[string]any:
		if len(sel) == 0 {
			return x
		}
		out := make(map[string]any, len(sel))
		for _, f := range sel {
			out[f.key()] = project(f.Selection, x[f.Name])
		}
		return out
	}
	return v
}
