package jobs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"steward/jobs/ingest"
	"steward/models"
)

// WooCommerce webhook topics Steward takes in (X-WC-Webhook-Topic).
var wooTopics = map[string]string{
	"product.created":  models.ObjectProduct,
	"product.updated":  models.ObjectProduct,
	"customer.created": models.ObjectCustomer,
	"customer.updated": models.ObjectCustomer,
}

// wooProduct is the product as WooCommerce's webhooks (and REST API v3) send it.
type wooProduct struct {
	ID              int64           `json:"id"`
	Name            string          `json:"name"`
	SKU             string          `json:"sku"`
	Description     string          `json:"description"`
	Status          string          `json:"status"` // publish, draft, pending, private
	RegularPrice    json.RawMessage `json:"regular_price"`
	TaxClass        *string         `json:"tax_class"`
	Weight          string          `json:"weight"`
	GlobalUniqueID  *string         `json:"global_unique_id"` // GTIN, WooCommerce 9.2+
	DateModifiedGMT string          `json:"date_modified_gmt"`
	Categories      []struct {
		Name string `json:"name"`
	} `json:"categories"`
	Dimensions struct {
		Length string `json:"length"`
		Width  string `json:"width"`
		Height string `json:"height"`
	} `json:"dimensions"`
}

type wooCustomer struct {
	ID              int64  `json:"id"`
	Email           string `json:"email"`
	FirstName       string `json:"first_name"`
	LastName        string `json:"last_name"`
	DateModifiedGMT string `json:"date_modified_gmt"`
	Billing         struct {
		Company string `json:"company"`
		Country string `json:"country"`
		Phone   string `json:"phone"`
	} `json:"billing"`
}

// WooChange maps a WooCommerce webhook body to the canonical model; see ShopifyChange.
// Weights and dimensions are read in kg and cm, the store units Steward publishes in.
func WooChange(topic string, body []byte) (c ingest.Change, ok bool, err error) {
	object, ok := wooTopics[topic]
	if !ok {
		return c, false, nil
	}
	if object == models.ObjectProduct {
		var p wooProduct
		if err := json.Unmarshal(body, &p); err != nil {
			return c, true, fmt.Errorf("a %s body must be a WooCommerce product: %w", topic, err)
		}
		if p.ID == 0 {
			return c, true, fmt.Errorf("the product has no id")
		}
		c, err = wooProductChange(p)
		return c, true, err
	}
	var cu wooCustomer
	if err := json.Unmarshal(body, &cu); err != nil {
		return c, true, fmt.Errorf("a %s body must be a WooCommerce customer: %w", topic, err)
	}
	if cu.ID == 0 {
		return c, true, fmt.Errorf("the customer has no id")
	}
	return wooCustomerChange(cu), true, nil
}

func wooProductChange(p wooProduct) (ingest.Change, error) {
	out := models.Product{Name: p.Name, SKU: p.SKU, Description: p.Description,
		LifecycleStatus: wooLifecycle(p.Status), Active: p.Status == "publish"}
	provided := []string{"name", "sku", "description", "lifecycle_status", "active"}
	if len(p.Categories) > 0 {
		out.Category = p.Categories[0].Name
		provided = append(provided, "category")
	}
	if price, ok, err := jsonAmount(p.RegularPrice); err != nil {
		return ingest.Change{}, fmt.Errorf("regular_price: %w", err)
	} else if ok {
		out.ListPrice = price
		provided = append(provided, "list_price")
	}
	if p.TaxClass != nil {
		out.TaxClass = *p.TaxClass
		provided = append(provided, "tax_class")
	}
	if p.GlobalUniqueID != nil {
		out.Barcode = *p.GlobalUniqueID
		provided = append(provided, "barcode")
	}
	for _, d := range []struct {
		name string
		text string
		dst  **float64
	}{{"weight_kg", p.Weight, &out.WeightKg}, {"length_cm", p.Dimensions.Length, &out.LengthCm},
		{"width_cm", p.Dimensions.Width, &out.WidthCm}, {"height_cm", p.Dimensions.Height, &out.HeightCm}} {
		if strings.TrimSpace(d.text) == "" {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(d.text), 64)
		if err != nil {
			return ingest.Change{}, fmt.Errorf("%s: %q is not a number", d.name, d.text)
		}
		*d.dst = &f
		provided = append(provided, d.name)
	}
	return ingest.Change{Object: models.ObjectProduct, ExternalID: strconv.FormatInt(p.ID, 10), Stamp: p.DateModifiedGMT,
		Provided: provided, Product: &out}, nil
}

func wooCustomerChange(cu wooCustomer) ingest.Change {
	name := strings.TrimSpace(cu.Billing.Company)
	if name == "" {
		name = strings.TrimSpace(cu.FirstName + " " + cu.LastName)
	}
	out := models.Customer{Name: name, Email: cu.Email, Phone: cu.Billing.Phone, Country: strings.ToUpper(cu.Billing.Country), Active: true}
	return ingest.Change{Object: models.ObjectCustomer, ExternalID: strconv.FormatInt(cu.ID, 10), Stamp: cu.DateModifiedGMT,
		Provided: []string{"name", "email", "phone", "country"}, Customer: &out}
}

func wooLifecycle(status string) string {
	if status == "draft" || status == "pending" {
		return models.LifecycleDraft
	}
	return models.LifecycleActive
}

// wooBodyChange reads a product or customer body in the shape the WooCommerce connector
// sends and reads back (channelmap.WooPayload), which carries no id.
func wooBodyChange(object string, body []byte) (ingest.Change, error) {
	if object == models.ObjectCustomer {
		var cu wooCustomer
		if err := json.Unmarshal(body, &cu); err != nil {
			return ingest.Change{}, err
		}
		return wooCustomerChange(cu), nil
	}
	var p wooProduct
	if err := json.Unmarshal(body, &p); err != nil {
		return ingest.Change{}, err
	}
	return wooProductChange(p)
}
