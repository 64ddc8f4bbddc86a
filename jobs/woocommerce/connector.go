package woocommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// Connector publishes to one WooCommerce site and reads it back for reconciliation.
type Connector struct {
	Client *Client
}

// New builds a connector; an insecure or incomplete configuration is refused here.
func New(cfg Config) (*Connector, error) {
	c, err := NewClient(cfg)
	if err != nil {
		return nil, err
	}
	return &Connector{Client: c}, nil
}

// MaxBatch is Woo's products/batch limit.
func (c *Connector) MaxBatch() int { return 100 }

type product struct {
	ID            int            `json:"id"`
	Name          string         `json:"name"`
	SKU           string         `json:"sku"`
	Status        string         `json:"status"`
	RegularPrice  string         `json:"regular_price"`
	Description   string         `json:"description"`
	TaxClass      string         `json:"tax_class"`
	Weight        string         `json:"weight"`
	GlobalID      string         `json:"global_unique_id"`
	StockQuantity *int           `json:"stock_quantity"`
	Error         *wooError      `json:"error"`
	Dimensions    map[string]any `json:"dimensions"`
}

// Publish sends products, prices and stock in one products/batch call (products Woo does
// not know yet are created, found by SKU first so a retried create does not duplicate) and
// customers one by one.
func (c *Connector) Publish(ctx context.Context, items []publish.Item) ([]publish.Outcome, error) {
	out := make([]publish.Outcome, len(items))
	payloads := make([]channelmap.WooPayload, len(items))
	var needIDs []string
	for i, it := range items {
		if err := json.Unmarshal(it.Payload, &payloads[i]); err != nil {
			out[i].Err = &publish.Error{Class: publish.ClassValidation, Message: "The WooCommerce payload could not be read; re-render it with the current mapping", Detail: err.Error()}
			continue
		}
		p := payloads[i]
		if p.Kind == "price" || p.Kind == "stock" || p.Kind == "product" && it.ExternalID == "" {
			needIDs = append(needIDs, p.SKU)
		}
	}
	ids, err := c.idsBySKU(ctx, needIDs)
	if err != nil {
		return nil, err
	}
	var batch struct {
		Create []any `json:"create,omitempty"`
		Update []any `json:"update,omitempty"`
	}
	where := map[int][2]int{} // item → (0 create / 1 update, index)
	for i, it := range items {
		if out[i].Err != nil {
			continue
		}
		p := payloads[i]
		switch p.Kind {
		case "product":
			id := ids[p.SKU]
			if it.ExternalID != "" {
				id, _ = strconv.Atoi(it.ExternalID)
			}
			if id == 0 {
				where[i] = [2]int{0, len(batch.Create)}
				batch.Create = append(batch.Create, p.Body)
				continue
			}
			body := map[string]any{"id": id}
			for k, v := range p.Body {
				body[k] = v
			}
			where[i] = [2]int{1, len(batch.Update)}
			batch.Update = append(batch.Update, body)
		case "price", "stock":
			id := ids[p.SKU]
			if id == 0 {
				out[i].Err = &publish.Error{Class: publish.ClassNotFound, Retry: true, RetryAfter: time.Minute, Field: "sku",
					Message: fmt.Sprintf("WooCommerce has no product with SKU %s yet; the product must be published first", p.SKU),
					Detail:  "GET /products?sku=" + p.SKU + " found nothing"}
				continue
			}
			body := map[string]any{"id": id, "regular_price": p.RegularPrice}
			if p.Kind == "stock" {
				body = map[string]any{"id": id, "manage_stock": true, "stock_quantity": *p.StockQuantity}
			}
			where[i] = [2]int{1, len(batch.Update)}
			batch.Update = append(batch.Update, body)
		case "customer":
			id, err := c.customer(ctx, it.ExternalID, p.Body)
			if err != nil && isSiteWide(err) {
				return nil, err
			}
			out[i] = publish.Outcome{ExternalID: id, Err: err}
		default:
			out[i].Err = &publish.Error{Class: publish.ClassValidation, Message: "WooCommerce takes products, customers, prices and stock", Detail: "kind " + p.Kind}
		}
	}
	if len(batch.Create)+len(batch.Update) == 0 {
		return out, nil
	}
	var res struct {
		Create []product `json:"create"`
		Update []product `json:"update"`
	}
	if _, err := c.Client.do(ctx, "POST", "/products/batch", batch, &res); err != nil {
		var we *wooError
		if errors.As(err, &we) {
			return nil, itemError("batch", we)
		}
		return nil, err
	}
	for i, w := range where {
		list := res.Create
		if w[0] == 1 {
			list = res.Update
		}
		if w[1] >= len(list) {
			out[i].Err = &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "WooCommerce's batch answer is missing this item"}
			continue
		}
		r := list[w[1]]
		if r.Error != nil {
			out[i].Err = itemError(payloads[i].Kind, r.Error)
			continue
		}
		out[i].ExternalID = strconv.Itoa(r.ID)
	}
	return out, nil
}

func isSiteWide(err error) bool {
	var sw *siteWide
	return errors.As(err, &sw)
}

// idsBySKU finds the product ids of SKUs with one list call per 100.
func (c *Connector) idsBySKU(ctx context.Context, skus []string) (map[string]int, error) {
	ids := map[string]int{}
	for start := 0; start < len(skus); start += 100 {
		end := min(start+100, len(skus))
		q := url.Values{"sku": {strings.Join(skus[start:end], ",")}, "per_page": {"100"}}
		var found []product
		if _, err := c.Client.do(ctx, "GET", "/products?"+q.Encode(), nil, &found); err != nil {
			var we *wooError
			if errors.As(err, &we) {
				return nil, itemError("product lookup", we)
			}
			return nil, err
		}
		for _, p := range found {
			ids[p.SKU] = p.ID
		}
	}
	return ids, nil
}

// customer creates (POST /customers) or updates (PUT /customers/{id}) one account.
func (c *Connector) customer(ctx context.Context, externalID string, body map[string]any) (string, error) {
	method, path := "POST", "/customers"
	if externalID != "" {
		method, path = "PUT", "/customers/"+url.PathEscape(externalID)
	} else if email, _ := body["email"].(string); email != "" {
		// A retried create finds the account it made instead of tripping on the email.
		var found []struct {
			ID int `json:"id"`
		}
		q := url.Values{"email": {email}, "role": {"all"}}
		if _, err := c.Client.do(ctx, "GET", "/customers?"+q.Encode(), nil, &found); err == nil && len(found) > 0 {
			method, path = "PUT", "/customers/"+strconv.Itoa(found[0].ID)
		}
	}
	var res struct {
		ID int `json:"id"`
	}
	if _, err := c.Client.do(ctx, method, path, body, &res); err != nil {
		var we *wooError
		if errors.As(err, &we) {
			return "", itemError("customer", we)
		}
		return "", err
	}
	return strconv.Itoa(res.ID), nil
}
