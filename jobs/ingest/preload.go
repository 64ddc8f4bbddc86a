package ingest

import (
	"steward/models"
)

// refKey names a record by the source's id for it.
type refKey struct{ object, external string }

// preload reads, in a few queries per page instead of a few per change, what the changes
// of a page will ask for: the golden ids their external ids are linked to, and the latest
// incoming record of each. Lookups of keys not preloaded still go to the database.
func (b *batch) preload(changes []Change) error {
	wanted := map[string][]string{} // object type → external ids
	add := func(object, ext string) {
		if ext != "" {
			wanted[object] = append(wanted[object], ext)
		}
	}
	for _, c := range changes {
		add(c.Object, c.ExternalID)
		switch c.Object {
		case models.ObjectCustomer, ObjectContact, ObjectAddress:
			add(models.ObjectCustomer, c.ParentRef)
			add(ObjectPriceList, c.PriceListRef)
		case models.ObjectPriceRule:
			add(models.ObjectProduct, c.ProductRef)
			add(models.ObjectCustomer, c.CustomerRef)
			add(ObjectPriceList, c.PriceListRef)
		case models.ObjectInventory:
			add(models.ObjectProduct, c.ProductRef)
			add(ObjectLocation, c.LocationRef)
		}
	}
	b.refs, b.latest = map[refKey]int64{}, map[refKey]models.IncomingRecord{}
	if err := b.preloadSKUs(changes); err != nil {
		return err
	}
	for object, exts := range wanted {
		for _, chunk := range chunks(exts, 500) {
			var refs []models.ExternalRef
			if err := b.tx.Select("external_id, golden_id").Where("channel_id = ? AND object_type = ? AND external_id IN ?", b.ch.ID, object, chunk).
				Find(&refs).Error; err != nil {
				return err
			}
			for _, e := range chunk {
				b.refs[refKey{object, e}] = 0 // known to be unlinked unless found
			}
			for _, r := range refs {
				b.refs[refKey{object, r.ExternalID}] = r.GoldenID
			}
			var latest []models.IncomingRecord
			sub := b.tx.Model(&models.IncomingRecord{}).Select("MAX(id)").
				Where("channel_id = ? AND object_type = ? AND external_id IN ?", b.ch.ID, object, chunk).Group("external_id")
			if err := b.tx.Select("id, external_id, content_hash, status").Where("id IN (?)", sub).Find(&latest).Error; err != nil {
				return err
			}
			for _, e := range chunk {
				b.latest[refKey{object, e}] = models.IncomingRecord{}
			}
			for _, r := range latest {
				b.latest[refKey{object, r.ExternalID}] = r
			}
		}
	}
	if err := b.followMergedRefs(); err != nil { // merged.go
		return err
	}
	return b.preloadMatches(changes)
}

func chunks(s []string, n int) [][]string {
	var out [][]string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

// preloadSKUs learns which SKUs of a page's new products Steward already has, so that a
// page of new products does not ask once per product.
func (b *batch) preloadSKUs(changes []Change) error {
	var skus []string
	for _, c := range changes {
		if c.Object == models.ObjectProduct && c.Product != nil && c.Product.SKU != "" {
			skus = append(skus, c.Product.SKU)
		}
	}
	b.skus = map[string]int64{}
	for _, chunk := range chunks(skus, 500) {
		var found []models.Product
		if err := b.tx.Select("id, sku").Where("sku IN ?", chunk).Find(&found).Error; err != nil {
			return err
		}
		for _, s := range chunk {
			b.skus[s] = 0
		}
		for _, p := range found {
			b.skus[p.SKU] = p.ID
		}
	}
	return nil
}

// productBySKU finds a product by SKU, answering from the page's preload when it can.
func (b *batch) productBySKU(sku string) (models.Product, error) {
	if id, known := b.skus[sku]; known {
		if id == 0 {
			return models.Product{}, models.ErrNotFound
		}
		return models.ProductByID(b.tx, id)
	}
	return models.ProductBySKU(b.tx, sku)
}
