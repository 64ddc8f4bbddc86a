package shopify

import (
	"context"
	"encoding/json"
	"fmt"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// PageSize is how many records one reconciliation page asks for.
const PageSize = 50

// Read returns one page of products or customers in the renderer's shape
// (channelmap.ShopifyPayload, with the fields Shopify reports), so reconciliation compares
// like with like; cursor is Shopify's endCursor.
func (c *Connector) Read(ctx context.Context, objectType, cursor string) ([]publish.Remote, string, error) {
	vars := map[string]any{"first": PageSize}
	if cursor != "" {
		vars["after"] = cursor
	}
	type pageInfo struct {
		HasNextPage bool   `json:"hasNextPage"`
		EndCursor   string `json:"endCursor"`
	}
	var page []publish.Remote
	var info pageInfo
	switch objectType {
	case "product":
		var data struct {
			Products struct {
				Nodes []struct {
					ID              string `json:"id"`
					Title           string `json:"title"`
					Handle          string `json:"handle"`
					Status          string `json:"status"`
					Vendor          string `json:"vendor"`
					ProductType     string `json:"productType"`
					DescriptionHTML string `json:"descriptionHtml"`
					Variants        struct {
						Nodes []struct {
							SKU               string  `json:"sku"`
							Price             string  `json:"price"`
							CompareAtPrice    *string `json:"compareAtPrice"`
							Barcode           *string `json:"barcode"`
							InventoryQuantity int     `json:"inventoryQuantity"`
						} `json:"nodes"`
					} `json:"variants"`
				} `json:"nodes"`
				PageInfo pageInfo `json:"pageInfo"`
			} `json:"products"`
		}
		if err := c.Client.Do(ctx, "products", vars, &data); err != nil {
			return nil, "", err
		}
		for _, n := range data.Products.Nodes {
			in := map[string]any{"title": n.Title, "vendor": n.Vendor, "productType": n.ProductType, "status": n.Status}
			if n.DescriptionHTML != "" {
				in["descriptionHtml"] = n.DescriptionHTML
			}
			if len(n.Variants.Nodes) > 0 {
				v := n.Variants.Nodes[0]
				variant := map[string]any{"sku": v.SKU, "price": v.Price}
				if v.CompareAtPrice != nil {
					variant["compareAtPrice"] = *v.CompareAtPrice
				}
				if v.Barcode != nil {
					variant["barcode"] = *v.Barcode
				}
				in["variants"] = []any{variant}
			}
			raw, _ := json.Marshal(channelmap.ShopifyPayload{Kind: "product", Handle: n.Handle, Input: in})
			page = append(page, publish.Remote{ExternalID: n.ID, Payload: raw})
		}
		info = data.Products.PageInfo
	case "customer":
		var data struct {
			Customers struct {
				Nodes []struct {
					ID        string   `json:"id"`
					FirstName *string  `json:"firstName"`
					LastName  *string  `json:"lastName"`
					Email     *string  `json:"email"`
					Phone     *string  `json:"phone"`
					Note      *string  `json:"note"`
					Tags      []string `json:"tags"`
				} `json:"nodes"`
				PageInfo pageInfo `json:"pageInfo"`
			} `json:"customers"`
		}
		if err := c.Client.Do(ctx, "customers", vars, &data); err != nil {
			return nil, "", err
		}
		for _, n := range data.Customers.Nodes {
			in := map[string]any{}
			for k, v := range map[string]*string{"firstName": n.FirstName, "lastName": n.LastName, "email": n.Email, "phone": n.Phone, "note": n.Note} {
				if v != nil && *v != "" {
					in[k] = *v
				}
			}
			if len(n.Tags) > 0 {
				tags := make([]any, len(n.Tags))
				for i, t := range n.Tags {
					tags[i] = t
				}
				in["tags"] = tags
			}
			email, _ := in["email"].(string)
			raw, _ := json.Marshal(channelmap.ShopifyPayload{Kind: "customer", Email: email, Input: in})
			page = append(page, publish.Remote{ExternalID: n.ID, Payload: raw})
		}
		info = data.Customers.PageInfo
	default:
		return nil, "", fmt.Errorf("reading %ss from Shopify is not supported", objectType)
	}
	if !info.HasNextPage {
		return page, "", nil
	}
	return page, info.EndCursor, nil
}
