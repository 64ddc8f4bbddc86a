package odoo

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"steward/jobs/publish"
	"steward/rules/channelmap"
)

// ReadPageSize is how many records one reconciliation page asks Odoo for.
const ReadPageSize = 200

// readTargets are the Odoo models and domains reconciliation reads: customers are partners
// as RoleOf treats them (companies, and people without a parent company).
var readTargets = map[string]struct {
	model  string
	domain []any
}{
	channelmap.ObjectProduct:  {model: channelmap.OdooProduct},
	channelmap.ObjectCustomer: {model: channelmap.OdooPartner, domain: []any{"|", []any{"is_company", "=", true}, []any{"parent_id", "=", false}}},
}

// renderedFields are the vals keys RenderOdoo writes for object, found by rendering a bare
// record, so the reader asks Odoo for exactly what a publication sets and can never fall
// out of step with the renderer.
func renderedFields(object string) ([]string, error) {
	raw, err := channelmap.RenderOdoo(channelmap.Record{Object: object, Fields: map[string]any{"name": "-"}}, channelmap.Mapping{})
	if err != nil {
		return nil, err
	}
	var p channelmap.OdooPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(p.Vals))
	for k := range p.Vals {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

// Read returns one page of products or customers in the shape RenderOdoo produces
// (channelmap.OdooPayload), so reconciliation compares like with like. Pages go by id, not
// write_date, because only a full walk shows what was deleted in Odoo; archived records are
// read too (active_test false), so they show as archived rather than missing. cursor is the
// last id read. Other objects are not Odoo's to reconcile: an empty page.
func (p *Publisher) Read(ctx context.Context, objectType, cursor string) ([]publish.Remote, string, error) {
	target, ok := readTargets[objectType]
	if !ok {
		return nil, "", nil
	}
	var after int64
	if cursor != "" {
		n, err := strconv.ParseInt(cursor, 10, 64)
		if err != nil || n < 0 {
			return nil, "", fmt.Errorf("reading Odoo %ss: the page cursor %q is not an id", objectType, cursor)
		}
		after = n
	}
	fields, err := renderedFields(objectType)
	if err != nil {
		return nil, "", err
	}
	ask := append([]string{"id"}, fields...)
	if target.model == channelmap.OdooPartner {
		ask = append(ask, "country_id")
	}
	domain := append([]any{[]any{"id", ">", after}}, target.domain...)
	recs, err := p.Client.SearchRead(ctx, target.model, domain, ask, Page{Limit: ReadPageSize, Order: "id"}, map[string]any{"active_test": false})
	if err != nil {
		return nil, "", err
	}
	codes, err := p.countryCodes(ctx, recs)
	if err != nil {
		return nil, "", err
	}
	page := make([]publish.Remote, 0, len(recs))
	for _, r := range recs {
		pl := channelmap.OdooPayload{Model: target.model, Vals: make(map[string]any, len(fields))}
		for _, f := range fields {
			v := r[f]
			if v == nil || v == "" {
				v = false // Odoo's empty value, as the renderer writes it
			}
			pl.Vals[f] = v
		}
		if target.model == channelmap.OdooPartner {
			id, _ := r.Many2One("country_id")
			pl.CountryCode = codes[id]
		} else if code, ok := r["default_code"].(string); ok {
			pl.SKU = code
		}
		raw, err := json.Marshal(pl)
		if err != nil {
			return nil, "", fmt.Errorf("%s %d: %w", target.model, r.ID(), err)
		}
		page = append(page, publish.Remote{ExternalID: strconv.FormatInt(r.ID(), 10), Payload: raw})
	}
	if len(recs) < ReadPageSize {
		return page, "", nil
	}
	return page, strconv.FormatInt(recs[len(recs)-1].ID(), 10), nil
}

// countryCodes reads the ISO codes of the partners' countries in one call, since a
// partner's country_id names the country, and the renderer keeps its code.
func (p *Publisher) countryCodes(ctx context.Context, recs []Record) (map[int64]string, error) {
	out := map[int64]string{}
	var ids []int64
	for _, r := range recs {
		if id, _ := r.Many2One("country_id"); id != 0 {
			if _, ok := out[id]; !ok {
				out[id] = ""
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := p.Client.Read(ctx, "res.country", ids, []string{"code"})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out[c.ID()] = c.String("code")
	}
	return out, nil
}
