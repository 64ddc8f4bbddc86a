package woocommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// PageSize is Woo's largest page.
const PageSize = 100

// Read returns one page of products or customers in the renderer's shape
// (channelmap.WooPayload); the cursor is the page number, and the next one is given while
// X-WP-TotalPages says more remain.
func (c *Connector) Read(ctx context.Context, objectType, cursor string) ([]publish.Remote, string, error) {
	page := 1
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 1 {
			return nil, "", fmt.Errorf("WooCommerce page cursor %q is not a page number", cursor)
		}
		page = n
	}
	path := ""
	switch objectType {
	case "product":
		path = fmt.Sprintf("/products?per_page=%d&page=%d&orderby=id&order=asc", PageSize, page)
	case "customer":
		path = fmt.Sprintf("/customers?per_page=%d&page=%d&orderby=id&order=asc&role=all", PageSize, page)
	default:
		return nil, "", fmt.Errorf("reading %ss from WooCommerce is not supported", objectType)
	}
	var raw []json.RawMessage
	h, err := c.Client.do(ctx, "GET", path, nil, &raw)
	if err != nil {
		return nil, "", err
	}
	var out []publish.Remote
	for _, r := range raw {
		var rec struct {
			ID int `json:"id"`
		}
		_ = json.Unmarshal(r, &rec)
		var p channelmap.WooPayload
		if objectType == "product" {
			var pr product
			_ = json.Unmarshal(r, &pr)
			body := map[string]any{"name": pr.Name, "type": "simple", "sku": pr.SKU, "status": pr.Status, "description": pr.Description,
				"regular_price": pr.RegularPrice, "manage_stock": pr.StockQuantity != nil}
			for k, v := range map[string]string{"tax_class": pr.TaxClass, "weight": pr.Weight, "global_unique_id": pr.GlobalID} {
				if v != "" {
					body[k] = v
				}
			}
			p = channelmap.WooPayload{Kind: "product", SKU: pr.SKU, Body: body, StockQuantity: pr.StockQuantity}
		} else {
			var cu struct {
				Email     string         `json:"email"`
				FirstName string         `json:"first_name"`
				LastName  string         `json:"last_name"`
				Billing   map[string]any `json:"billing"`
			}
			_ = json.Unmarshal(r, &cu)
			body := map[string]any{"email": cu.Email, "billing": cu.Billing}
			if cu.FirstName != "" {
				body["first_name"] = cu.FirstName
			}
			if cu.LastName != "" {
				body["last_name"] = cu.LastName
			}
			p = channelmap.WooPayload{Kind: "customer", Body: body}
		}
		payload, _ := json.Marshal(p)
		out = append(out, publish.Remote{ExternalID: strconv.Itoa(rec.ID), Payload: payload})
	}
	pages, _ := strconv.Atoi(h.Get("X-WP-TotalPages"))
	if page >= pages {
		return out, "", nil
	}
	return out, strconv.Itoa(page + 1), nil
}
