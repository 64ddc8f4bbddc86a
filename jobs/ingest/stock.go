package ingest

import (
	"fmt"
	"time"

	"steward/models"
)

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.UTC().Format(time.DateOnly) == b.UTC().Format(time.DateOnly)
}

// location finds or creates the stock location of a source's stock level.
func (b *batch) location(c Change) (int64, error) {
	id, err := b.golden(ObjectLocation, c.LocationRef)
	if err != nil || id != 0 {
		return id, err
	}
	code := c.RefName
	if code == "" {
		code = b.ch.Name + "/" + c.LocationRef
	}
	var loc models.Location
	if err := b.tx.Where("code = ?", code).Take(&loc).Error; err != nil {
		loc = models.Location{Code: code, Name: code, Version: 1}
		if err := b.tx.Create(&loc).Error; err != nil {
			return 0, fmt.Errorf("create location %s: %w", code, err)
		}
	}
	return loc.ID, b.link(ObjectLocation, c.LocationRef, loc.ID)
}

// applyInventory sets the stock of a product at a location.
func (b *batch) applyInventory(c Change, rec *models.IncomingRecord) (outcome, error) {
	productID, err := b.golden(models.ObjectProduct, c.ProductRef)
	if err != nil {
		return outcome{}, err
	}
	if productID == 0 {
		return outcome{}, bad("stock %s is for product %s, which Steward does not have yet", c.ExternalID, c.ProductRef)
	}
	locID, err := b.location(c)
	if err != nil {
		return outcome{}, err
	}
	v := b.decide.Ownership("inventory", b.ch.Kind, []string{"on_hand", "reserved"})
	if len(v.Held) > 0 || len(v.Rejected) > 0 {
		return b.hold(c, rec, 0, models.ReasonOwnership, v.Reasons, fmt.Sprintf("stock of product %s", c.ProductRef))
	}
	in := c.Inventory
	var cur models.InventoryLevel
	err = b.tx.Where("product_id = ? AND location_id = ?", productID, locID).Take(&cur).Error
	if err != nil {
		lvl := models.InventoryLevel{ProductID: productID, LocationID: locID, OnHand: in.OnHand, Reserved: in.Reserved, Version: 1}
		if err := b.tx.Create(&lvl).Error; err != nil {
			return outcome{}, fmt.Errorf("create stock level: %w", err)
		}
		after := map[string]any{"product_id": productID, "location_id": locID, "on_hand": in.OnHand, "reserved": in.Reserved}
		return outcome{status: models.IncomingApplied, goldenID: lvl.ID, version: 1, created: true}, b.audit("inventory.create", models.ObjectInventory, lvl.ID, nil, after, c, nil)
	}
	if cur.OnHand == in.OnHand && cur.Reserved == in.Reserved {
		return outcome{status: models.IncomingUnchanged, goldenID: cur.ID}, nil
	}
	res := b.tx.Model(&models.InventoryLevel{}).Where("id = ?", cur.ID).Updates(map[string]any{
		"on_hand": in.OnHand, "reserved": in.Reserved, "version": cur.Version + 1, "updated_at": b.tx.NowFunc(),
	})
	if res.Error != nil {
		return outcome{}, res.Error
	}
	before := map[string]any{"on_hand": cur.OnHand, "reserved": cur.Reserved}
	after := map[string]any{"on_hand": in.OnHand, "reserved": in.Reserved}
	if err := b.audit("inventory.update", models.ObjectInventory, cur.ID, before, after, c, nil); err != nil {
		return outcome{}, err
	}
	if _, err := models.EnqueuePublications(b.tx, b.dests, models.ObjectInventory, cur.ID, cur.Version+1, fmt.Sprintf("stock of product %d", productID)); err != nil {
		return outcome{}, err
	}
	return outcome{status: models.IncomingApplied, goldenID: cur.ID, version: cur.Version + 1}, nil
}
