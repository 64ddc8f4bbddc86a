package jobs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/jobs/odoo"
	"steward/models"
)

// odooPrice writes one approved price back to one Odoo database, where Odoo stays the
// system of record for prices: a product's list price (on its template, as Odoo keeps it)
// or cost, or the fixed price of a pricelist item, creating the item on the linked
// pricelist when Odoo has none for it yet. It returns the created item's id, if any, and
// whether Odoo holds the price at all (a product Odoo does not know is not written).
func odooPrice(ctx context.Context, db *gorm.DB, c *odoo.Client, ch models.Channel, p models.PriceProposal) (created string, wrote bool, err error) {
	price, err := strconv.ParseFloat(p.NewPrice.String(), 64)
	if err != nil {
		return "", false, err
	}
	productRef, err := refOn(db, ch.ID, models.ObjectProduct, p.ProductID)
	if err != nil || productRef == 0 {
		return "", false, err
	}
	switch p.Kind {
	case "list_price":
		return "", true, c.Write(ctx, "product.product", []int64{productRef}, map[string]any{"list_price": price})
	case "cost":
		return "", true, c.Write(ctx, "product.product", []int64{productRef}, map[string]any{"standard_price": price})
	}
	item := odooItemOf(p.OdooRef, ch.ID)
	if item == 0 && p.PriceRuleID != nil {
		// A template rule was taken over as one rule per variant ("item/variant"): the item
		// is the template's, so its price moves for every variant, as in Odoo.
		var ext []string
		if err := db.Model(&models.ExternalRef{}).Where("channel_id = ? AND object_type = ? AND golden_id = ?", ch.ID, models.ObjectPriceRule, *p.PriceRuleID).
			Limit(1).Pluck("external_id", &ext).Error; err != nil {
			return "", false, err
		}
		if len(ext) > 0 {
			id, _, _ := strings.Cut(ext[0], "/")
			item, _ = strconv.ParseInt(id, 10, 64)
		}
	}
	if item != 0 {
		return "", true, c.Write(ctx, "product.pricelist.item", []int64{item}, map[string]any{"fixed_price": price})
	}
	listRef, err := refOn(db, ch.ID, ingest.ObjectPriceList, *p.PriceListID)
	if err != nil || listRef == 0 {
		return "", false, err
	}
	vals := map[string]any{
		"pricelist_id": listRef, "applied_on": "0_product_variant", "product_id": productRef,
		"compute_price": "fixed", "fixed_price": price, "min_quantity": p.MinQuantity,
	}
	if p.ValidFrom != nil {
		vals["date_start"] = p.ValidFrom.UTC().Format("2006-01-02 15:04:05")
	}
	if p.ValidTo != nil {
		vals["date_end"] = p.ValidTo.UTC().Format("2006-01-02 15:04:05")
	}
	id, err := c.Create(ctx, "product.pricelist.item", vals)
	if err != nil {
		return "", false, err
	}
	return fmt.Sprintf("%d:%d", ch.ID, id), true, nil
}

// refOn is a golden record's id on a channel, 0 when the channel does not know it.
func refOn(db *gorm.DB, channelID int64, objectType string, goldenID int64) (int64, error) {
	var ext []string
	err := db.Model(&models.ExternalRef{}).Where("channel_id = ? AND object_type = ? AND golden_id = ?", channelID, objectType, goldenID).
		Limit(1).Pluck("external_id", &ext).Error
	if err != nil || len(ext) == 0 {
		return 0, err
	}
	id, _ := strconv.ParseInt(ext[0], 10, 64)
	return id, nil
}

// odooItemOf finds the item an earlier attempt created on a channel ("channel:item,…").
func odooItemOf(refs string, channelID int64) int64 {
	for _, r := range strings.Split(refs, ",") {
		ch, id, ok := strings.Cut(r, ":")
		if ok && ch == strconv.FormatInt(channelID, 10) {
			n, _ := strconv.ParseInt(id, 10, 64)
			return n
		}
	}
	return 0
}

// writeBackMessage is what a steward reads when a write-back failed.
func writeBackMessage(ch models.Channel, err error) string {
	var oe *odoo.Error
	if errors.As(err, &oe) {
		return ch.Name + ": " + oe.StewardMessage()
	}
	return fmt.Sprintf("%s: %v", ch.Name, err)
}
