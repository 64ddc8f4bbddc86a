package jobs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"steward/jobs/ingest"
	"steward/models"
)

// Shopify webhook topics Steward takes in (X-Shopify-Topic). Others are answered and
// ignored: a subscription Steward did not ask for should not be retried for hours.
var shopifyTopics = map[string]string{
	"products/create":  models.ObjectProduct,
	"products/update":  models.ObjectProduct,
	"customers/create": models.ObjectCustomer,
	"customers/update": models.ObjectCustomer,
}

// shopifyProduct is the product as Shopify's webhooks send it (the REST resource).
type shopifyProduct struct {
	ID          int64            `json:"id"`
	GID         string           `json:"admin_graphql_api_id"`
	Title       string           `json:"title"`
	BodyHTML    string           `json:"body_html"`
	Vendor      string           `json:"vendor"`
	ProductType string           `json:"product_type"`
	Status      string           `json:"status"` // active, draft, archived
	UpdatedAt   string           `json:"updated_at"`
	Variants    []shopifyVariant `json:"variants"`
}

type shopifyVariant struct {
	SKU        string          `json:"sku"`
	Price      json.RawMessage `json:"price"` // "19.99" in webhooks
	Barcode    string          `json:"barcode"`
	Weight     *float64        `json:"weight"`
	WeightUnit string          `json:"weight_unit"` // g, kg, oz, lb
}

type shopifyCustomer struct {
	ID             int64          `json:"id"`
	GID            string         `json:"admin_graphql_api_id"`
	Email          string         `json:"email"`
	FirstName      string         `json:"first_name"`
	LastName       string         `json:"last_name"`
	Phone          string         `json:"phone"`
	Currency       string         `json:"currency"`
	State          string         `json:"state"` // enabled, disabled, invited, declined
	UpdatedAt      string         `json:"updated_at"`
	DefaultAddress shopifyAddress `json:"default_address"`
}

type shopifyAddress struct {
	Company     string `json:"company"`
	CountryCode string `json:"country_code"`
	Phone       string `json:"phone"`
}

// ShopifyChange maps a Shopify webhook body to the canonical model. ok is false for a
// topic Steward does not take in; err means the body is not what the topic promises.
func ShopifyChange(topic string, body []byte) (c ingest.Change, ok bool, err error) {
	object, ok := shopifyTopics[topic]
	if !ok {
		return c, false, nil
	}
	if object == models.ObjectProduct {
		var p shopifyProduct
		if err := json.Unmarshal(body, &p); err != nil {
			return c, true, fmt.Errorf("a %s body must be a Shopify product: %w", topic, err)
		}
		if p.ID == 0 && p.GID == "" {
			return c, true, fmt.Errorf("the product has no id")
		}
		c, err = shopifyProductChange(p)
		return c, true, err
	}
	var cu shopifyCustomer
	if err := json.Unmarshal(body, &cu); err != nil {
		return c, true, fmt.Errorf("a %s body must be a Shopify customer: %w", topic, err)
	}
	if cu.ID == 0 && cu.GID == "" {
		return c, true, fmt.Errorf("the customer has no id")
	}
	return shopifyCustomerChange(cu), true, nil
}

// shopifyGID is the id Shopify's GraphQL Admin API (and so the publishing connector) uses.
func shopifyGID(gid, kind string, id int64) string {
	if gid != "" {
		return gid
	}
	return "gid://shopify/" + kind + "/" + strconv.FormatInt(id, 10)
}

func shopifyProductChange(p shopifyProduct) (ingest.Change, error) {
	out := models.Product{
		Name: p.Title, Description: p.BodyHTML, Brand: p.Vendor, Category: p.ProductType,
		LifecycleStatus: shopifyLifecycle(p.Status), Active: p.Status == "active",
	}
	provided := []string{"name", "description", "brand", "category", "lifecycle_status", "active"}
	// A storefront product is one SKU here; Steward publishes one variant per product.
	if len(p.Variants) > 0 {
		v := p.Variants[0]
		out.SKU, out.Barcode = v.SKU, v.Barcode
		provided = append(provided, "sku", "barcode")
		if price, ok, err := jsonAmount(v.Price); err != nil {
			return ingest.Change{}, fmt.Errorf("variants[0].price: %w", err)
		} else if ok {
			out.ListPrice = price
			provided = append(provided, "list_price")
		}
		if v.Weight != nil {
			kg := toKg(*v.Weight, v.WeightUnit)
			out.WeightKg = &kg
			provided = append(provided, "weight_kg")
		}
	}
	return ingest.Change{Object: models.ObjectProduct, ExternalID: shopifyGID(p.GID, "Product", p.ID), Stamp: p.UpdatedAt,
		Provided: provided, Product: &out}, nil
}

func shopifyCustomerChange(cu shopifyCustomer) ingest.Change {
	name := strings.TrimSpace(cu.DefaultAddress.Company)
	if name == "" {
		name = strings.TrimSpace(cu.FirstName + " " + cu.LastName)
	}
	phone := cu.Phone
	if phone == "" {
		phone = cu.DefaultAddress.Phone
	}
	out := models.Customer{Name: name, Email: cu.Email, Phone: phone, Currency: cu.Currency,
		Country: strings.ToUpper(cu.DefaultAddress.CountryCode), Active: cu.State != "disabled"}
	provided := []string{"name", "email", "phone", "country"}
	if cu.Currency != "" {
		provided = append(provided, "currency")
	}
	return ingest.Change{Object: models.ObjectCustomer, ExternalID: shopifyGID(cu.GID, "Customer", cu.ID), Stamp: cu.UpdatedAt,
		Provided: provided, Customer: &out}
}

func shopifyLifecycle(status string) string {
	switch status {
	case "draft":
		return models.LifecycleDraft
	case "archived":
		return models.LifecycleDiscontinued
	}
	return models.LifecycleActive
}

// jsonAmount reads an amount sent as a JSON string ("19.99") or number; ok is false when
// it is absent, null or empty.
func jsonAmount(raw json.RawMessage) (models.Money, bool, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" || s == `""` {
		return 0, false, nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false, err
		}
	}
	m, err := models.ParseMoney(s)
	return m, err == nil, err
}

func toKg(w float64, unit string) float64 {
	switch strings.ToLower(unit) {
	case "g":
		return w / 1000
	case "lb":
		return w * 0.45359237
	case "oz":
		return w * 0.028349523125
	}
	return w
}
