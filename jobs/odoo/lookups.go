package odoo

import "context"

var inactiveToo = map[string]any{"active_test": false}

// CountryCodes reads res.country ids and ISO codes (about 250 rows), for MapCustomer and
// MapAddress on databases without res.partner.country_code.
func (c *Client) CountryCodes(ctx context.Context) (map[int64]string, error) {
	recs, err := c.SearchRead(ctx, "res.country", nil, []string{"code"}, Page{}, nil)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(recs))
	for _, r := range recs {
		out[r.ID()] = r.String("code")
	}
	return out, nil
}

// TaxNames reads account.tax names, archived taxes included. A database without accounting
// has no account.tax: that is an empty map, not an error.
func (c *Client) TaxNames(ctx context.Context) (map[int64]string, error) {
	recs, err := c.SearchRead(ctx, "account.tax", nil, []string{"name"}, Page{}, inactiveToo)
	if err != nil {
		var e *Error
		if asError(err, &e) && e.Kind == KindNotFound {
			return map[int64]string{}, nil
		}
		return nil, err
	}
	out := make(map[int64]string, len(recs))
	for _, r := range recs {
		out[r.ID()] = r.String("name")
	}
	return out, nil
}

// DeliveryAddresses finds, for each partner id given, its first active delivery address, so
// that "other" addresses can be placed below it.
func (c *Client) DeliveryAddresses(ctx context.Context, parentIDs []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for start := 0; start < len(parentIDs); start += DefaultPageSize {
		end := min(start+DefaultPageSize, len(parentIDs))
		ids := make([]any, 0, end-start)
		for _, id := range parentIDs[start:end] {
			ids = append(ids, id)
		}
		recs, err := c.SearchRead(ctx, "res.partner", []any{[]any{"parent_id", "in", ids}, []any{"type", "=", "delivery"}},
			[]string{"parent_id"}, Page{Order: "id asc"}, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			p, _ := r.Many2One("parent_id")
			if _, ok := out[p]; !ok {
				out[p] = r.ID()
			}
		}
	}
	return out, nil
}
