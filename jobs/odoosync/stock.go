package odoosync

import (
	"context"
	"fmt"
	"sort"

	"steward/jobs/ingest"
	"steward/jobs/odoo"
	"steward/models"
)

// stockPage is how many stock levels make one transaction.
const stockPage = 1000

// stock reads every quant at an internal location and adds them up per product and
// location: Odoo keeps one quant per lot (and package), Steward one level per product and
// location. Quants carry no reliable change stamp, so stock is read whole each time and
// ingestion keeps only the levels that moved.
func (s *Source) stock(ctx context.Context, onPage func([]ingest.Change, string) error) error {
	locs, err := s.Client.SearchRead(ctx, "stock.location", []any{[]any{"usage", "=", "internal"}},
		[]string{"id", "complete_name"}, odoo.Page{}, map[string]any{"active_test": false})
	if err != nil {
		return fmt.Errorf("read Odoo's stock locations: %w", err)
	}
	if len(locs) == 0 {
		return onPage(nil, "")
	}
	ids := make([]any, len(locs))
	names := map[int64]string{}
	for i, l := range locs {
		ids[i] = l.ID()
		names[l.ID()] = l.String("complete_name")
	}
	type key struct{ product, location int64 }
	levels := map[key]*models.InventoryLevel{}
	_, err = s.Client.Pull(ctx, "stock.quant", nil, odoo.Cursor{}, odoo.PullOptions{PageSize: s.PageSize, Domain: []any{[]any{"location_id", "in", ids}}},
		func(recs []odoo.Record) error {
			for _, r := range recs {
				q, err := odoo.MapInventory(r)
				if err != nil {
					return err
				}
				k := key{q.ProductID, q.LocationID}
				l := levels[k]
				if l == nil {
					l = &models.InventoryLevel{}
					levels[k] = l
				}
				l.OnHand += q.Level.OnHand
				l.Reserved += q.Level.Reserved
			}
			return nil
		})
	if err != nil {
		return err
	}
	keys := make([]key, 0, len(levels))
	for k := range levels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].product != keys[j].product {
			return keys[i].product < keys[j].product
		}
		return keys[i].location < keys[j].location
	})
	page := make([]ingest.Change, 0, stockPage)
	for _, k := range keys {
		lvl := *levels[k]
		page = append(page, ingest.Change{Object: models.ObjectInventory, ExternalID: fmt.Sprintf("%d@%d", k.product, k.location),
			// The levels themselves are the content: an unchanged level hashes the same.
			ProductRef: ext(k.product), LocationRef: ext(k.location), RefName: names[k.location], Inventory: &lvl})
		if len(page) == stockPage {
			if err := onPage(page, ""); err != nil {
				return err
			}
			page = page[:0:0]
		}
	}
	return onPage(page, "")
}
