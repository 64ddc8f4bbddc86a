package odoosync

import (
	"context"
	"fmt"

	"steward/jobs/ingest"
	"steward/jobs/odoo"
	"steward/models"
)

// prices maps pricelist items to price rules. Odoo prices a variant, a whole product
// template, a category or everything; Steward keeps fixed prices per product, so a template
// rule becomes one rule per variant and category or global rules, and computed prices
// (percentages, formulas), are not taken over: they are reported, not dropped silently.
func (s *Source) prices(ctx context.Context, recs []odoo.Record) ([]ingest.Change, error) {
	var templates []any
	for _, r := range recs {
		if r.String("applied_on") == "1_product" {
			if id, _ := r.Many2One("product_tmpl_id"); id != 0 {
				templates = append(templates, id)
			}
		}
	}
	variants := map[int64][]int64{}
	if len(templates) > 0 {
		vs, err := s.Client.SearchRead(ctx, "product.product", []any{[]any{"product_tmpl_id", "in", templates}},
			[]string{"id", "product_tmpl_id"}, odoo.Page{}, map[string]any{"active_test": false})
		if err != nil {
			return nil, fmt.Errorf("read the variants of priced products: %w", err)
		}
		for _, v := range vs {
			t, _ := v.Many2One("product_tmpl_id")
			variants[t] = append(variants[t], v.ID())
		}
	}
	var out []ingest.Change
	for _, r := range recs {
		pr, err := odoo.MapPriceRule(r)
		if err != nil {
			return nil, err
		}
		_, listName := r.Many2One("pricelist_id")
		base := ingest.Change{Object: models.ObjectPriceRule, ExternalID: pr.ExternalID, Stamp: stamp(pr.WriteDate),
			PriceListRef: ext(pr.PricelistID), RefName: listName, Currency: pr.Currency, Source: r}
		if pr.ComputePrice != "" && pr.ComputePrice != "fixed" {
			continue // computed prices follow their base price; there is nothing fixed to keep
		}
		switch pr.AppliedOn {
		case "0_product_variant":
			c := base
			rule := pr.Rule
			c.ProductRef, c.PriceRule = ext(pr.ProductID), &rule
			out = append(out, c)
		case "1_product":
			for _, v := range variants[pr.TemplateID] {
				c := base
				rule := pr.Rule
				c.ExternalID = fmt.Sprintf("%s/%d", pr.ExternalID, v)
				c.ProductRef, c.PriceRule = ext(v), &rule
				out = append(out, c)
			}
		}
	}
	return out, nil
}
