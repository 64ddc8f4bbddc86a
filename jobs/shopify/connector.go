package shopify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// Config is what a Shopify channel needs: the shop's address, the Admin API access token
// (decrypted by the caller from the channel's sealed credentials) and the location whose
// stock Steward sets.
type Config struct {
	BaseURL    string
	Token      string
	LocationID string // gid://shopify/Location/…
	Timeout    time.Duration
}

// String keeps the token out of logs.
func (c Config) String() string {
	return fmt.Sprintf("shopify.Config{BaseURL: %q, LocationID: %q, Token: [redacted]}", c.BaseURL, c.LocationID)
}

// Connector publishes to one shop and reads it back for reconciliation.
type Connector struct {
	Client     *Client
	LocationID string
}

// New builds a connector.
func New(cfg Config) *Connector {
	c := NewClient(cfg.BaseURL, cfg.Token)
	if cfg.Timeout > 0 {
		c.HTTP.Timeout = cfg.Timeout
	}
	return &Connector{Client: c, LocationID: cfg.LocationID}
}

// MaxBatch is 1: each record is its own mutation, priced on its own.
func (c *Connector) MaxBatch() int { return 1 }

// Publish sends each item; a failure of the shop as a whole (credentials, throttling, an
// outage) fails the call, a refusal of one record fails that item.
func (c *Connector) Publish(ctx context.Context, items []publish.Item) ([]publish.Outcome, error) {
	out := make([]publish.Outcome, len(items))
	for i, it := range items {
		id, err := c.publishOne(ctx, it)
		if err != nil && channelWide(err) {
			if i == 0 {
				return nil, err
			}
			for j := i; j < len(items); j++ {
				out[j].Err = err
			}
			return out, nil
		}
		out[i] = publish.Outcome{ExternalID: id, Err: err}
	}
	return out, nil
}

func channelWide(err error) bool {
	var sw *shopWide
	if errors.As(err, &sw) {
		return true
	}
	var pe *publish.Error
	if !errors.As(err, &pe) {
		return true
	}
	switch pe.Class {
	case publish.ClassValidation, publish.ClassNotFound, publish.ClassConflict:
		return false
	}
	return true
}

func (c *Connector) publishOne(ctx context.Context, it publish.Item) (string, error) {
	var p channelmap.ShopifyPayload
	if err := json.Unmarshal(it.Payload, &p); err != nil {
		return "", &publish.Error{Class: publish.ClassValidation, Message: "The Shopify payload could not be read; re-render it with the current mapping", Detail: err.Error()}
	}
	switch p.Kind {
	case "product":
		return c.product(ctx, it, p)
	case "customer":
		return c.customer(ctx, it, p)
	case "price":
		return c.price(ctx, p)
	case "stock":
		return c.stock(ctx, it, p)
	}
	return "", &publish.Error{Class: publish.ClassValidation, Message: "Shopify takes products, customers, prices and stock", Detail: "kind " + p.Kind}
}

type userErr struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	Code    string   `json:"code"`
}

func (c *Connector) product(ctx context.Context, it publish.Item, p channelmap.ShopifyPayload) (string, error) {
	ident := map[string]any{"handle": p.Handle}
	if it.ExternalID != "" {
		ident = map[string]any{"id": it.ExternalID}
	}
	var data struct {
		ProductSet struct {
			Product *struct {
				ID string `json:"id"`
			} `json:"product"`
			UserErrors []userErr `json:"userErrors"`
		} `json:"productSet"`
	}
	if err := c.Client.Do(ctx, "productSet", map[string]any{"input": p.Input, "identifier": ident}, &data); err != nil {
		return "", err
	}
	if err := refused("product", data.ProductSet.UserErrors); err != nil {
		return "", err
	}
	if data.ProductSet.Product == nil {
		return "", &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify returned no product"}
	}
	return data.ProductSet.Product.ID, nil
}

func (c *Connector) customer(ctx context.Context, it publish.Item, p channelmap.ShopifyPayload) (string, error) {
	vars := map[string]any{"input": p.Input}
	switch {
	case it.ExternalID != "":
		vars["identifier"] = map[string]any{"id": it.ExternalID}
	case p.Email != "":
		vars["identifier"] = map[string]any{"email": p.Email}
	}
	var data struct {
		CustomerSet struct {
			Customer *struct {
				ID string `json:"id"`
			} `json:"customer"`
			UserErrors []userErr `json:"userErrors"`
		} `json:"customerSet"`
	}
	if err := c.Client.Do(ctx, "customerSet", vars, &data); err != nil {
		return "", err
	}
	if err := refused("customer", data.CustomerSet.UserErrors); err != nil {
		return "", err
	}
	if data.CustomerSet.Customer == nil {
		return "", &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify returned no customer"}
	}
	return data.CustomerSet.Customer.ID, nil
}

type foundVariant struct {
	ID      string
	Product string
	Item    string
}

// variant finds the variant of a SKU; prices and stock follow their product, so a missing
// one is retried later rather than failed at once.
func (c *Connector) variant(ctx context.Context, sku string) (foundVariant, error) {
	var data struct {
		ProductVariants struct {
			Nodes []struct {
				ID      string `json:"id"`
				Product struct {
					ID string `json:"id"`
				} `json:"product"`
				InventoryItem struct {
					ID string `json:"id"`
				} `json:"inventoryItem"`
			} `json:"nodes"`
		} `json:"productVariants"`
	}
	// Shopify's search syntax: a quoted phrase, so SKUs with spaces or colons match whole.
	q := `sku:"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(sku) + `"`
	if err := c.Client.Do(ctx, "variantBySku", map[string]any{"query": q}, &data); err != nil {
		return foundVariant{}, err
	}
	if len(data.ProductVariants.Nodes) == 0 {
		return foundVariant{}, &publish.Error{Class: publish.ClassNotFound, Retry: true, RetryAfter: time.Minute, Field: "sku",
			Message: fmt.Sprintf("Shopify has no variant with SKU %s yet; the product must be published first", sku),
			Detail:  "productVariants(query: " + q + ") found nothing"}
	}
	n := data.ProductVariants.Nodes[0]
	return foundVariant{ID: n.ID, Product: n.Product.ID, Item: n.InventoryItem.ID}, nil
}

func (c *Connector) price(ctx context.Context, p channelmap.ShopifyPayload) (string, error) {
	v, err := c.variant(ctx, p.SKU)
	if err != nil {
		return "", err
	}
	in := map[string]any{"id": v.ID, "price": p.Price}
	if p.CompareAtPrice != "" {
		in["compareAtPrice"] = p.CompareAtPrice
	}
	var data struct {
		ProductVariantsBulkUpdate struct {
			UserErrors []userErr `json:"userErrors"`
		} `json:"productVariantsBulkUpdate"`
	}
	if err := c.Client.Do(ctx, "variantPrice", map[string]any{"productId": v.Product, "variants": []any{in}}, &data); err != nil {
		return "", err
	}
	if err := refused("price", data.ProductVariantsBulkUpdate.UserErrors); err != nil {
		return "", err
	}
	return v.ID, nil
}

func (c *Connector) stock(ctx context.Context, it publish.Item, p channelmap.ShopifyPayload) (string, error) {
	if c.LocationID == "" {
		return "", &publish.Error{Class: publish.ClassAuth, Message: "Name the Shopify location Steward sets stock at in the channel settings"}
	}
	v, err := c.variant(ctx, p.SKU)
	if err != nil {
		return "", err
	}
	key := it.IdempotencyKey
	if key == "" {
		key = fmt.Sprintf("steward-publication-%d-v%d", it.PublicationID, it.GoldenVersion)
	}
	input := map[string]any{
		"name": "available", "reason": "correction",
		"referenceDocumentUri": fmt.Sprintf("steward://publication/%d", it.PublicationID),
		"quantities": []any{map[string]any{"inventoryItemId": v.Item, "locationId": c.LocationID, "quantity": *p.Quantity,
			"changeFromQuantity": nil}},
	}
	var data struct {
		InventorySetQuantities struct {
			UserErrors []userErr `json:"userErrors"`
		} `json:"inventorySetQuantities"`
	}
	if err := c.Client.Do(ctx, "inventorySet", map[string]any{"input": input, "idempotencyKey": key}, &data); err != nil {
		return "", err
	}
	if err := refused("stock level", data.InventorySetQuantities.UserErrors); err != nil {
		return "", err
	}
	return v.Item, nil
}

// canonicalField names the golden field a userError's input path points at, so the
// failed-publications page can offer to fix that field.
var canonicalField = map[string]string{
	"title": "name", "descriptionHtml": "description", "vendor": "brand", "productType": "category",
	"price": "list_price", "compareAtPrice": "compare_at_price", "sku": "sku", "barcode": "barcode",
	"email": "email", "phone": "phone", "lastName": "name", "note": "legal_name", "quantity": "available",
}

// refused turns userErrors into one validation error naming the first field.
func refused(what string, errs []userErr) error {
	if len(errs) == 0 {
		return nil
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Message)
	}
	first := errs[0]
	pe := &publish.Error{Class: publish.ClassValidation, Message: fmt.Sprintf("Shopify refused the %s: %s", what, first.Message),
		Detail: fmt.Sprintf("%s (%s at %s)", strings.Join(msgs, "; "), first.Code, strings.Join(first.Field, "."))}
	switch first.Code {
	case "PRODUCT_DOES_NOT_EXIST", "PRODUCT_VARIANT_DOES_NOT_EXIST", "NOT_FOUND", "INVALID_INVENTORY_ITEM":
		pe.Class = publish.ClassNotFound
		pe.Message = fmt.Sprintf("The %s no longer exists in Shopify", what)
	case "TAKEN", "CHANGE_FROM_QUANTITY_STALE":
		pe.Class = publish.ClassConflict
	}
	for i := len(first.Field) - 1; i >= 0; i-- {
		if f, ok := canonicalField[first.Field[i]]; ok {
			if f == "list_price" && what == "price" {
				f = "price"
			}
			pe.Field = f
			break
		}
	}
	return pe
}
