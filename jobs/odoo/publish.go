package odoo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// Publisher is the Odoo channel's publication connector: it writes golden records
// rendered by channelmap.RenderOdoo back to Odoo, so that a steward's fix of a record Odoo
// owns reaches Odoo.
type Publisher struct {
	Client *Client

	mu        sync.Mutex
	countries map[string]int64 // ISO code → res.country id; countries hardly ever change
}

// NewPublisher makes the connector for one Odoo database.
func NewPublisher(c *Client) *Publisher {
	return &Publisher{Client: c, countries: map[string]int64{}}
}

// MaxBatch is 1: Odoo's write takes one set of vals for all its ids, and golden records
// rarely share theirs.
func (p *Publisher) MaxBatch() int { return 1 }

// Publish writes each item: write on the record Odoo already has (Item.ExternalID is its
// id), create otherwise.
func (p *Publisher) Publish(ctx context.Context, items []publish.Item) ([]publish.Outcome, error) {
	out := make([]publish.Outcome, len(items))
	for i, it := range items {
		id, err := p.publishOne(ctx, it)
		if err != nil {
			out[i].Err = publishError(err)
			continue
		}
		out[i].ExternalID = strconv.FormatInt(id, 10)
	}
	return out, nil
}

func (p *Publisher) publishOne(ctx context.Context, it publish.Item) (int64, error) {
	var pl channelmap.OdooPayload
	if err := json.Unmarshal(it.Payload, &pl); err != nil || pl.Model == "" {
		return 0, &publish.Error{Class: publish.ClassValidation, Message: "the stored payload is not an Odoo payload: replay it re-rendered with the current mapping", Detail: fmt.Sprint(err)}
	}
	vals := make(map[string]any, len(pl.Vals)+2)
	for k, v := range pl.Vals {
		vals[k] = v
	}
	if pl.Model == channelmap.OdooPartner {
		country, err := p.country(ctx, pl.CountryCode)
		if err != nil {
			return 0, err
		}
		if country != 0 {
			vals["country_id"] = country
		}
	}
	if it.ExternalID != "" {
		id, err := strconv.ParseInt(it.ExternalID, 10, 64)
		if err != nil || id <= 0 {
			return 0, &publish.Error{Class: publish.ClassNotFound, Message: "the Odoo id Steward keeps for this record is not a number", Detail: it.ExternalID}
		}
		if err := p.Client.Write(ctx, pl.Model, []int64{id}, vals); err != nil {
			return 0, err
		}
		return id, nil
	}
	switch pl.Model {
	case channelmap.OdooPriceRule:
		// A rule belongs to an Odoo pricelist, whose id Steward does not keep for price
		// lists it did not get from Odoo.
		return 0, &publish.Error{Class: publish.ClassNotFound, Message: "Steward only updates Odoo price rules it got from Odoo; create this rule in Odoo's pricelist"}
	case channelmap.OdooProduct:
		if pl.SKU != "" {
			// A retried create whose first answer was lost finds the product it made.
			ids, err := p.Client.Search(ctx, pl.Model, []any{[]any{"default_code", "=", pl.SKU}}, Page{Limit: 2}, map[string]any{"active_test": false})
			if err != nil {
				return 0, err
			}
			if len(ids) == 1 {
				return ids[0], p.Client.Write(ctx, pl.Model, ids, vals)
			}
		}
	}
	return p.Client.Create(ctx, pl.Model, vals)
}

// country finds a res.country by ISO code; 0 when code is empty or Odoo has no such
// country, and then the partner's country is left as it is.
func (p *Publisher) country(ctx context.Context, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	p.mu.Lock()
	id, ok := p.countries[code]
	p.mu.Unlock()
	if ok {
		return id, nil
	}
	ids, err := p.Client.Search(ctx, "res.country", []any{[]any{"code", "=", code}}, Page{Limit: 1}, nil)
	if err != nil {
		return 0, err
	}
	if len(ids) == 1 {
		id = ids[0]
	}
	p.mu.Lock()
	p.countries[code] = id
	p.mu.Unlock()
	return id, nil
}

// publishError turns the client's error into one the outbox acts on: Odoo's classification
// decides retry or not, and its steward message and raw text are kept.
func publishError(err error) error {
	var pe *publish.Error
	if errors.As(err, &pe) {
		return pe
	}
	var e *Error
	if !errors.As(err, &e) {
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Odoo could not be reached", Detail: err.Error()}
	}
	out := &publish.Error{Message: e.StewardMessage(), Detail: strings.TrimSpace(e.Message), Retry: e.Transient()}
	if out.Detail == "" {
		out.Detail = e.Error()
	}
	switch e.Kind {
	case KindAuth, KindAccess:
		out.Class = publish.ClassAuth
	case KindValidation:
		out.Class = publish.ClassValidation
		out.Field = fieldNamed(e.Message)
	case KindNotFound:
		out.Class = publish.ClassNotFound
	case KindTransient:
		out.Class = publish.ClassUnavailable
		var ne net.Error
		if errors.Is(e.Err, context.DeadlineExceeded) || errors.As(e.Err, &ne) && ne.Timeout() {
			out.Class = publish.ClassTimeout
		} else if e.Status == 429 {
			out.Class = publish.ClassThrottled
		}
	case KindBadRequest:
		// The request does not fit this Odoo (a field its modules lack): a mapping or
		// connector problem, not passing.
		out.Class = publish.ClassValidation
		out.Field = canonicalOf[e.Field]
	default:
		// An unexpected error inside Odoo: often passing, so retried up to the limit.
		out.Class, out.Retry = publish.ClassUnavailable, true
	}
	return out
}

// canonicalOf names the canonical field an Odoo field of a payload carries.
var canonicalOf = map[string]string{
	"default_code": "sku", "barcode": "barcode", "list_price": "list_price", "standard_price": "cost",
	"weight": "weight_kg", "description_sale": "description", "vat": "tax_id", "email": "email",
	"phone": "phone", "website": "website", "country_id": "country", "fixed_price": "price",
	"min_quantity": "min_quantity", "date_start": "valid_from", "date_end": "valid_to",
}

// fieldNamed picks the canonical field a validation message is plainly about, where Odoo's
// words name one (its duplicate barcode check does); "" otherwise.
func fieldNamed(msg string) string {
	if strings.HasPrefix(msg, "Barcode(s) already assigned") {
		return "barcode"
	}
	return ""
}
