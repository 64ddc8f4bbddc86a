package shopifytest

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// The part of the Admin GraphQL API 2026-10 schema the server answers: output types with
// their fields (type names without list or null markers), input objects with their fields
// (as declared, ! for required), enums, and the arguments of the root fields.

var scalars = map[string]bool{"ID": true, "String": true, "Boolean": true, "Int": true, "Float": true,
	"Money": true, "Decimal": true, "DateTime": true, "URL": true, "HTML": true, "FormattedString": true}

var enums = map[string][]string{
	"ProductStatus":                 {"ACTIVE", "ARCHIVED", "DRAFT", "UNLISTED"},
	"WeightUnit":                    {"GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"},
	"ProductVariantInventoryPolicy": {"CONTINUE", "DENY"},
	"ProductSortKeys":               {"ID", "TITLE", "UPDATED_AT", "CREATED_AT", "VENDOR", "PRODUCT_TYPE"},
	"CustomerSortKeys":              {"ID", "NAME", "UPDATED_AT", "CREATED_AT"},
}

var objects = map[string]map[string]string{
	"QueryRoot": {"products": "ProductConnection", "customers": "CustomerConnection", "productVariants": "ProductVariantConnection",
		"product": "Product", "customer": "Customer", "location": "Location", "shop": "Shop"},
	"Mutation": {"productSet": "ProductSetPayload", "productVariantsBulkUpdate": "ProductVariantsBulkUpdatePayload",
		"inventorySetQuantities": "InventorySetQuantitiesPayload", "customerSet": "CustomerSetPayload"},
	"Shop":     {"id": "ID", "name": "String", "myshopifyDomain": "String", "currencyCode": "String"},
	"Location": {"id": "ID", "name": "String", "isActive": "Boolean"},
	"Product": {"id": "ID", "title": "String", "handle": "String", "status": "ProductStatus", "vendor": "String",
		"productType": "String", "descriptionHtml": "HTML", "tags": "String", "createdAt": "DateTime", "updatedAt": "DateTime",
		"variants": "ProductVariantConnection", "totalInventory": "Int"},
	"ProductVariant": {"id": "ID", "title": "String", "sku": "String", "price": "Money", "compareAtPrice": "Money",
		"barcode": "String", "taxable": "Boolean", "inventoryQuantity": "Int", "inventoryItem": "InventoryItem",
		"product": "Product", "updatedAt": "DateTime"},
	"InventoryItem":                    {"id": "ID", "sku": "String", "tracked": "Boolean", "harmonizedSystemCode": "String"},
	"Customer":                         {"id": "ID", "firstName": "String", "lastName": "String", "displayName": "String", "email": "String", "phone": "String", "note": "String", "tags": "String", "createdAt": "DateTime", "updatedAt": "DateTime"},
	"PageInfo":                         {"hasNextPage": "Boolean", "hasPreviousPage": "Boolean", "startCursor": "String", "endCursor": "String"},
	"ProductSetPayload":                {"product": "Product", "productSetOperation": "ProductSetOperation", "userErrors": "ProductSetUserError"},
	"ProductSetOperation":              {"id": "ID", "status": "String"},
	"ProductVariantsBulkUpdatePayload": {"product": "Product", "productVariants": "ProductVariant", "userErrors": "ProductVariantsBulkUpdateUserError"},
	"InventorySetQuantitiesPayload":    {"inventoryAdjustmentGroup": "InventoryAdjustmentGroup", "userErrors": "InventorySetQuantitiesUserError"},
	"InventoryAdjustmentGroup":         {"id": "ID", "reason": "String", "referenceDocumentUri": "String", "createdAt": "DateTime", "changes": "InventoryChange"},
	"InventoryChange":                  {"name": "String", "delta": "Int", "quantityAfterChange": "Int", "item": "InventoryItem", "location": "Location"},
	"CustomerSetPayload":               {"customer": "Customer", "userErrors": "CustomerSetUserError"},
}

func init() {
	for _, node := range []string{"Product", "ProductVariant", "Customer"} {
		objects[node+"Connection"] = map[string]string{"nodes": node, "edges": node + "Edge", "pageInfo": "PageInfo"}
		objects[node+"Edge"] = map[string]string{"node": node, "cursor": "String"}
	}
	for _, e := range []string{"ProductSetUserError", "ProductVariantsBulkUpdateUserError", "InventorySetQuantitiesUserError", "CustomerSetUserError"} {
		objects[e] = map[string]string{"field": "String", "message": "String", "code": "String"}
	}
}

var inputs = map[string]map[string]string{
	"ProductSetInput": {"title": "String", "descriptionHtml": "String", "handle": "String", "vendor": "String", "productType": "String",
		"status": "ProductStatus", "tags": "[String!]", "productOptions": "[OptionSetInput!]", "variants": "[ProductVariantSetInput!]",
		"seo": "SEOInput", "giftCard": "Boolean", "requiresSellingPlan": "Boolean", "templateSuffix": "String", "id": "ID"},
	"ProductSetIdentifiers": {"id": "ID", "handle": "String", "customId": "UniqueMetafieldValueInput"},
	"SEOInput":              {"title": "String", "description": "String"},
	"OptionSetInput":        {"id": "ID", "name": "String", "position": "Int", "values": "[OptionValueSetInput!]"},
	"OptionValueSetInput":   {"id": "ID", "name": "String"},
	"ProductVariantSetInput": {"id": "ID", "optionValues": "[VariantOptionValueInput!]!", "price": "Money", "compareAtPrice": "Money",
		"sku": "String", "barcode": "String", "taxable": "Boolean", "taxCode": "String", "position": "Int",
		"inventoryPolicy": "ProductVariantInventoryPolicy", "inventoryItem": "InventoryItemInput", "requiresComponents": "Boolean", "showUnitPrice": "Boolean"},
	"VariantOptionValueInput": {"id": "ID", "name": "String", "optionId": "ID", "optionName": "String"},
	"InventoryItemInput": {"tracked": "Boolean", "cost": "Decimal", "harmonizedSystemCode": "String",
		"countryCodeOfOrigin": "String", "requiresShipping": "Boolean", "measurement": "InventoryItemMeasurementInput"},
	"InventoryItemMeasurementInput": {"weight": "WeightInput"},
	"WeightInput":                   {"unit": "WeightUnit!", "value": "Float!"},
	"ProductVariantsBulkInput": {"id": "ID", "price": "Money", "compareAtPrice": "Money", "barcode": "String", "taxable": "Boolean",
		"inventoryItem": "InventoryItemInput", "inventoryPolicy": "ProductVariantInventoryPolicy", "optionValues": "[VariantOptionValueInput!]"},
	"InventorySetQuantitiesInput": {"name": "String!", "reason": "String!", "referenceDocumentUri": "String",
		"quantities": "[InventoryQuantityInput!]!", "ignoreCompareQuantity": "Boolean"},
	"InventoryQuantityInput": {"inventoryItemId": "ID!", "locationId": "ID!", "quantity": "Int!", "compareQuantity": "Int", "changeFromQuantity": "Int"},
	"CustomerSetInput": {"email": "String", "firstName": "String", "lastName": "String", "phone": "String", "note": "String",
		"tags": "[String!]", "locale": "String", "taxExempt": "Boolean", "addresses": "[MailingAddressInput!]", "id": "ID"},
	"CustomerSetIdentifiers": {"id": "ID", "email": "String", "phone": "String", "customId": "UniqueMetafieldValueInput"},
	"MailingAddressInput": {"address1": "String", "address2": "String", "city": "String", "company": "String", "countryCode": "String",
		"firstName": "String", "lastName": "String", "phone": "String", "provinceCode": "String", "zip": "String"},
	"UniqueMetafieldValueInput": {"namespace": "String", "key": "String!", "value": "String!"},
}

// rootArgs are the arguments each root field takes.
var rootArgs = map[string]map[string]string{
	"productSet":                {"input": "ProductSetInput!", "synchronous": "Boolean", "identifier": "ProductSetIdentifiers"},
	"productVariantsBulkUpdate": {"productId": "ID!", "variants": "[ProductVariantsBulkInput!]!", "allowPartialUpdates": "Boolean"},
	"inventorySetQuantities":    {"input": "InventorySetQuantitiesInput!"},
	"customerSet":               {"input": "CustomerSetInput!", "identifier": "CustomerSetIdentifiers"},
	"products":                  {"first": "Int", "last": "Int", "after": "String", "before": "String", "query": "String", "sortKey": "ProductSortKeys", "reverse": "Boolean"},
	"customers":                 {"first": "Int", "last": "Int", "after": "String", "before": "String", "query": "String", "sortKey": "CustomerSortKeys", "reverse": "Boolean"},
	"productVariants":           {"first": "Int", "last": "Int", "after": "String", "before": "String", "query": "String", "reverse": "Boolean"},
	"product":                   {"id": "ID!"},
	"customer":                  {"id": "ID!"},
	"location":                  {"id": "ID"},
	"shop":                      {},
}

func baseType(t string) string { return strings.Trim(t, "[]!") }

var moneyRE = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// problem is one reason a variable's value was refused, as Shopify lists them.
type problem struct {
	Path        []any  `json:"path"`
	Explanation string `json:"explanation"`
}

// coerce checks a value against a declared input type and lists what is wrong with it.
func coerce(v any, typ string, path []any) []problem {
	if strings.HasSuffix(typ, "!") {
		if v == nil {
			return []problem{{copyPath(path), "Expected value to not be null"}}
		}
		typ = strings.TrimSuffix(typ, "!")
	}
	if v == nil {
		return nil
	}
	if strings.HasPrefix(typ, "[") {
		inner := typ[1 : len(typ)-1]
		list, ok := v.([]any)
		if !ok {
			return coerce(v, inner, path) // GraphQL input coercion wraps a single value
		}
		var ps []problem
		for i, e := range list {
			ps = append(ps, coerce(e, inner, append(path, i))...)
		}
		return ps
	}
	bad := func(why string) []problem { return []problem{{copyPath(path), why}} }
	switch typ {
	case "String", "ID", "HTML", "URL", "DateTime":
		if _, ok := v.(string); !ok {
			return bad(fmt.Sprintf("Could not coerce value %s to %s", jsonish(v), typ))
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return bad(fmt.Sprintf("Could not coerce value %s to Boolean", jsonish(v)))
		}
	case "Int":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
			return bad(fmt.Sprintf("Could not coerce value %s to Int", jsonish(v)))
		}
	case "Float":
		if _, ok := v.(float64); !ok {
			return bad(fmt.Sprintf("Could not coerce value %s to Float", jsonish(v)))
		}
	case "Money", "Decimal":
		switch x := v.(type) {
		case float64:
		case string:
			if !moneyRE.MatchString(x) {
				return bad(fmt.Sprintf("Could not coerce value %s to %s", jsonish(v), typ))
			}
		default:
			return bad(fmt.Sprintf("Could not coerce value %s to %s", jsonish(v), typ))
		}
	default:
		if vals, ok := enums[typ]; ok {
			s, _ := v.(string)
			for _, e := range vals {
				if s == e {
					return nil
				}
			}
			return bad(fmt.Sprintf("Expected %s to be one of: %s", jsonish(v), strings.Join(vals, ", ")))
		}
		fields, ok := inputs[typ]
		if !ok {
			return bad("Unknown type " + typ)
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return bad(fmt.Sprintf("Expected %s to be a key-value object.", jsonish(v)))
		}
		var ps []problem
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				ps = append(ps, problem{copyPath(append(path, k)), "Field is not defined on " + typ})
				continue
			}
			ps = append(ps, coerce(obj[k], ft, append(path, k))...)
		}
		for k, ft := range fields {
			if _, present := obj[k]; !present && strings.HasSuffix(ft, "!") {
				ps = append(ps, problem{copyPath(append(path, k)), "Expected value to not be null"})
			}
		}
		return ps
	}
	return nil
}

func copyPath(p []any) []any { return append([]any{}, p...) }

func jsonish(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
