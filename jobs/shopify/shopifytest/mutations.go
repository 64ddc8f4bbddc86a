package shopifytest

import (
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func str(m map[string]any, k string) (string, bool) {
	s, ok := m[k].(string)
	return s, ok
}

func payload(typename string, kv ...any) map[string]any {
	o := map[string]any{"__typename": typename, "userErrors": []any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o[kv[i].(string)] = kv[i+1]
	}
	return o
}

func withErrors(o map[string]any, errs []any, nullKeys ...string) map[string]any {
	o["userErrors"] = errs
	for _, k := range nullKeys {
		o[k] = nil
	}
	return o
}

// moneyOK is Shopify's check on a price: a non-negative amount below 10^18.
func moneyOK(v any) bool {
	var f float64
	switch x := v.(type) {
	case string:
		var err error
		if f, err = strconv.ParseFloat(x, 64); err != nil {
			return false
		}
	case float64:
		f = x
	default:
		return false
	}
	return f >= 0 && f < 1e18
}

func moneyText(v any) string {
	switch x := v.(type) {
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return strconv.FormatFloat(f, 'f', 2, 64)
	case float64:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return ""
}

// productSet creates or updates a product synchronously. Variants without an id are matched
// to existing ones by their option values, as Shopify does, so ids stay stable.
func (st *state) productSet(args map[string]any, now time.Time) any {
	in := args["input"].(map[string]any)
	ident, _ := args["identifier"].(map[string]any)
	out := payload("ProductSetPayload", "product", nil, "productSetOperation", nil)
	var p *product
	if ident != nil {
		if raw, ok := ident["id"]; ok {
			id, ok := parseGID(raw, "Product")
			if !ok || st.products[id] == nil {
				return withErrors(out, []any{userError("Product does not exist", "PRODUCT_DOES_NOT_EXIST", "identifier", "id")})
			}
			p = st.products[id]
		} else if h, ok := str(ident, "handle"); ok {
			for _, q := range st.products {
				if q.handle == h {
					p = q
				}
			}
			if p == nil {
				in["handle"] = h
			}
		}
	}
	var errs []any
	title, hasTitle := str(in, "title")
	if (p == nil || hasTitle) && strings.TrimSpace(title) == "" {
		errs = append(errs, userError("Title can't be blank", "BLANK", "input", "title"))
	}
	if len([]rune(title)) > 255 {
		errs = append(errs, userError("Title is too long (maximum is 255 characters)", "INVALID_INPUT", "input", "title"))
	}
	variants, hasVariants := in["variants"].([]any)
	if hasVariants && len(variants) == 0 {
		errs = append(errs, userError("Product must have at least one variant", "INVALID_VARIANT", "input", "variants"))
	}
	options := map[string]bool{}
	if opts, ok := in["productOptions"].([]any); ok {
		for _, o := range opts {
			om := o.(map[string]any)
			name, _ := str(om, "name")
			vals, _ := om["values"].([]any)
			for _, v := range vals {
				vn, _ := str(v.(map[string]any), "name")
				options[name+"/"+vn] = true
			}
		}
	}
	for i, raw := range variants {
		v := raw.(map[string]any)
		if pr, ok := v["price"]; ok && !moneyOK(pr) {
			errs = append(errs, userError("Price must be greater than or equal to 0", "INVALID_VARIANT", "input", "variants", i, "price"))
		}
		for _, ov := range v["optionValues"].([]any) {
			om := ov.(map[string]any)
			on, _ := str(om, "optionName")
			vn, _ := str(om, "name")
			if !options[on+"/"+vn] {
				errs = append(errs, userError(fmt.Sprintf("Option value '%s' does not exist on option '%s'", vn, on), "INVALID_VARIANT", "input", "variants", i, "optionValues"))
			}
		}
	}
	if len(errs) > 0 {
		return withErrors(out, errs)
	}
	if p == nil {
		p = &product{id: st.id(), status: "ACTIVE"}
		st.products[p.id] = p
	}
	if hasTitle {
		p.title = title
	}
	for k, dst := range map[string]*string{"vendor": &p.vendor, "productType": &p.productType, "descriptionHtml": &p.descriptionHTML, "status": &p.status, "handle": &p.handle} {
		if s, ok := str(in, k); ok {
			*dst = s
		}
	}
	if p.handle == "" {
		p.handle = handleOf(p.title, p.id)
	}
	if tags, ok := in["tags"].([]any); ok {
		p.tags = nil
		for _, t := range tags {
			p.tags = append(p.tags, t.(string))
		}
	}
	if hasVariants {
		var keep []*variant
		for i, raw := range variants {
			in := raw.(map[string]any)
			var v *variant
			if id, ok := parseGID(in["id"], "ProductVariant"); ok {
				v = st.variants[id]
			} else if i < len(p.variants) {
				v = p.variants[i] // same option values as before: the same variant
			}
			if v == nil || v.productID != p.id {
				v = &variant{id: st.id(), productID: p.id, itemID: st.id(), price: "0.00", taxable: true}
				st.variants[v.id], st.items[v.itemID] = v, v
			}
			applyVariant(v, in)
			keep = append(keep, v)
		}
		for _, old := range p.variants {
			if !contains(keep, old) {
				delete(st.variants, old.id)
				delete(st.items, old.itemID)
			}
		}
		p.variants = keep
	}
	p.updatedAt = now
	out["product"] = st.productObj(p)
	return out
}

func contains(vs []*variant, v *variant) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func applyVariant(v *variant, in map[string]any) {
	if pr, ok := in["price"]; ok {
		v.price = moneyText(pr)
	}
	if c, ok := in["compareAtPrice"]; ok {
		v.compareAt = moneyText(c)
		if c == nil {
			v.compareAt = ""
		}
	}
	if s, ok := str(in, "sku"); ok {
		v.sku = s
	}
	if b, ok := str(in, "barcode"); ok {
		v.barcode = b
	}
	if t, ok := in["taxable"].(bool); ok {
		v.taxable = t
	}
	if item, ok := in["inventoryItem"].(map[string]any); ok {
		if t, ok := item["tracked"].(bool); ok {
			v.tracked = t
		}
		if s, ok := str(item, "harmonizedSystemCode"); ok {
			v.hsCode = s
		}
	}
}

var nonHandle = regexp.MustCompile(`[^a-z0-9]+`)

func handleOf(title string, id int64) string {
	h := strings.Trim(nonHandle.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if h == "" {
		h = fmt.Sprint("product-", id)
	}
	return h
}

func (st *state) variantsBulkUpdate(args map[string]any, now time.Time) any {
	out := payload("ProductVariantsBulkUpdatePayload", "product", nil, "productVariants", nil)
	pid, ok := parseGID(args["productId"], "Product")
	p := st.products[pid]
	if !ok || p == nil {
		return withErrors(out, []any{userError("Product does not exist", "PRODUCT_DOES_NOT_EXIST", "productId")})
	}
	var errs []any
	var vs []*variant
	for i, raw := range args["variants"].([]any) {
		in := raw.(map[string]any)
		id, ok := parseGID(in["id"], "ProductVariant")
		v := st.variants[id]
		if !ok || v == nil || v.productID != p.id {
			errs = append(errs, userError("Product variant does not exist", "PRODUCT_VARIANT_DOES_NOT_EXIST", "variants", i, "id"))
			continue
		}
		if pr, ok := in["price"]; ok && !moneyOK(pr) {
			errs = append(errs, userError("Price must be greater than or equal to 0", "INVALID_INPUT", "variants", i, "price"))
			continue
		}
		vs = append(vs, v)
	}
	if len(errs) > 0 {
		return withErrors(out, errs)
	}
	var nodes []any
	for i, v := range vs {
		applyVariant(v, args["variants"].([]any)[i].(map[string]any))
		nodes = append(nodes, st.variantObj(v, false))
	}
	p.updatedAt = now
	out["product"], out["productVariants"] = st.productObj(p), nodes
	return out
}

var reasons = map[string]bool{"correction": true, "cycle_count_available": true, "damaged": true, "movement_created": true,
	"movement_updated": true, "movement_received": true, "movement_canceled": true, "other": true, "promotion": true,
	"quality_control": true, "received": true, "reservation_created": true, "reservation_deleted": true, "reservation_updated": true,
	"restock": true, "safety_stock": true, "shrinkage": true}

// inventorySet sets absolute quantities. Since 2026-04 every quantity must say
// changeFromQuantity: the quantity it expects to replace, or null to skip the check.
func (st *state) inventorySet(args map[string]any, now time.Time) any {
	in := args["input"].(map[string]any)
	out := payload("InventorySetQuantitiesPayload", "inventoryAdjustmentGroup", nil)
	name, _ := str(in, "name")
	if name != "available" && name != "on_hand" {
		return withErrors(out, []any{userError("The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME", "input", "name")})
	}
	if r, _ := str(in, "reason"); !reasons[r] {
		return withErrors(out, []any{userError("The specified reason is invalid.", "INVALID_REASON", "input", "reason")})
	}
	var errs []any
	var targets []*variant
	for i, raw := range in["quantities"].([]any) {
		q := raw.(map[string]any)
		id, ok := parseGID(q["inventoryItemId"], "InventoryItem")
		v := st.items[id]
		switch {
		case !ok || v == nil:
			errs = append(errs, userError("The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM", "input", "quantities", i, "inventoryItemId"))
		case q["locationId"] != LocationID:
			errs = append(errs, userError("The specified location could not be found.", "INVALID_LOCATION", "input", "quantities", i, "locationId"))
		case q["quantity"].(float64) > 1e9:
			errs = append(errs, userError("The quantity can't be higher than 1,000,000,000.", "INVALID_QUANTITY_TOO_HIGH", "input", "quantities", i, "quantity"))
		default:
			from, present := q["changeFromQuantity"]
			if !present {
				errs = append(errs, userError("changeFromQuantity must be given: the quantity expected now, or null to skip the check.", "INVALID_INPUT", "input", "quantities", i, "changeFromQuantity"))
			} else if f, isNum := from.(float64); isNum && int(f) != v.available {
				errs = append(errs, userError("The compared quantity is stale.", "CHANGE_FROM_QUANTITY_STALE", "input", "quantities", i, "changeFromQuantity"))
			}
		}
		targets = append(targets, v)
	}
	if len(errs) > 0 {
		return withErrors(out, errs)
	}
	var changes []any
	for i, raw := range in["quantities"].([]any) {
		q := int(raw.(map[string]any)["quantity"].(float64))
		v := targets[i]
		changes = append(changes, map[string]any{"__typename": "InventoryChange", "name": name, "delta": q - v.available, "quantityAfterChange": q})
		v.available = q
	}
	out["inventoryAdjustmentGroup"] = map[string]any{"__typename": "InventoryAdjustmentGroup", "id": gid("InventoryAdjustmentGroup", st.id()),
		"reason": in["reason"], "referenceDocumentUri": in["referenceDocumentUri"], "createdAt": now.Format(time.RFC3339), "changes": changes}
	return out
}

var phoneRE = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)

// customerSet creates a customer, updates one by id, or upserts one by email.
func (st *state) customerSet(args map[string]any, now time.Time) any {
	in := args["input"].(map[string]any)
	ident, _ := args["identifier"].(map[string]any)
	out := payload("CustomerSetPayload", "customer", nil)
	var c *customer
	if ident != nil {
		if raw, ok := ident["id"]; ok {
			id, ok := parseGID(raw, "Customer")
			if !ok || st.customers[id] == nil {
				return withErrors(out, []any{userError("Customer does not exist", "NOT_FOUND", "identifier", "id")})
			}
			c = st.customers[id]
		} else if e, ok := str(ident, "email"); ok {
			c = st.customerByEmail(e)
			if in["email"] != nil && in["email"] != e {
				return withErrors(out, []any{userError("The identifier email must match the input email", "INVALID", "input", "email")})
			}
		}
	}
	var errs []any
	email, hasEmail := str(in, "email")
	if hasEmail && email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.IndexByte(email, '@'):], ".") {
			errs = append(errs, userError("Email is invalid", "INVALID", "input", "email"))
		} else if other := st.customerByEmail(email); other != nil && other != c {
			errs = append(errs, userError("Email has already been taken", "TAKEN", "input", "email"))
		}
	}
	if ph, ok := str(in, "phone"); ok && ph != "" && !phoneRE.MatchString(strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(ph)) {
		errs = append(errs, userError("Phone is invalid", "INVALID", "input", "phone"))
	}
	if c == nil && in["email"] == nil && in["phone"] == nil && in["firstName"] == nil && in["lastName"] == nil {
		errs = append(errs, userError("A name, phone number, or email address must be present", "INVALID", "input"))
	}
	if len(errs) > 0 {
		return withErrors(out, errs)
	}
	if c == nil {
		c = &customer{id: st.id()}
		st.customers[c.id] = c
	}
	for k, dst := range map[string]*string{"firstName": &c.firstName, "lastName": &c.lastName, "email": &c.email, "phone": &c.phone, "note": &c.note} {
		if _, present := in[k]; present {
			s, _ := str(in, k)
			*dst = s
		}
	}
	if tags, ok := in["tags"].([]any); ok {
		c.tags = nil
		for _, t := range tags {
			c.tags = append(c.tags, t.(string))
		}
	}
	c.updatedAt = now
	out["customer"] = customerObj(c)
	return out
}

func (st *state) customerByEmail(e string) *customer {
	for _, c := range st.customers {
		if e != "" && strings.EqualFold(c.email, e) {
			return c
		}
	}
	return nil
}
