package jobs

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/jobs/publish"
	"steward/models"
	"steward/rules"
	"steward/rules/channelmap"
)

// reconciler compares one channel's records of one object with golden data.
type reconciler struct {
	db     *gorm.DB
	ch     models.Channel
	object string
	runID  int64
	now    time.Time
	seen   map[string]bool // external ids the channel holds
	// problems are the first records that could not be read, shown on the run's page.
	problems []string
	// mapping is set when the channel has a renderer (rules/channelmap): golden records
	// are then compared in the channel's representation, rendered as a publication would be.
	mapping *channelmap.Mapping
}

// useRenderer loads the channel's mapping once per run, if its kind has a renderer.
func (rc *reconciler) useRenderer() error {
	if _, ok := channelmap.RendererFor(rc.ch.Kind); !ok {
		return nil
	}
	maps, err := models.ChannelMappingsFor(rc.db, rc.ch.ID)
	if err != nil {
		return fmt.Errorf("read the mapping of %s: %w", rc.ch.Name, err)
	}
	m, err := channelmap.ParseMapping(maps[channelmap.ObjectOf(rc.object)].Mapping)
	if err != nil {
		return Permanent(fmt.Errorf("%s: %w", rc.ch.Name, err))
	}
	rc.mapping = &m
	return nil
}

func (rc *reconciler) problem(msg string) {
	if len(rc.problems) < 20 {
		rc.problems = append(rc.problems, msg)
	}
}

// DecodeRemote reads a channel's record in the canonical model, with the fields the
// channel holds: Shopify and WooCommerce records as their webhooks and REST APIs send
// them, records in a connector's rendered shape (Shopify's productSet input, a webhook's
// fields), and otherwise the canonical model with canonical field names, as the JSON API
// takes them.
func DecodeRemote(kind, object string, r publish.Remote) (ingest.Change, error) {
	var shape struct {
		Input  map[string]json.RawMessage `json:"input"`
		Fields map[string]json.RawMessage `json:"fields"`
		Body   json.RawMessage            `json:"body"`
	}
	_ = json.Unmarshal(r.Payload, &shape)
	var c ingest.Change
	var err error
	switch {
	case kind == models.ChannelShopify && shape.Input != nil:
		c, err = shopifyInputChange(object, r.Payload)
	case kind == models.ChannelShopify:
		c, _, err = ShopifyChange(map[string]string{models.ObjectProduct: "products/update", models.ObjectCustomer: "customers/update"}[object], r.Payload)
	case kind == models.ChannelWooCommerce && shape.Body != nil:
		c, err = wooBodyChange(object, shape.Body)
	case kind == models.ChannelWooCommerce:
		c, _, err = WooChange(map[string]string{models.ObjectProduct: "product.updated", models.ObjectCustomer: "customer.updated"}[object], r.Payload)
	default:
		fields := shape.Fields
		if fields == nil {
			if err = json.Unmarshal(r.Payload, &fields); err != nil {
				break
			}
		}
		// Only the canonical fields a channel echoes are read; the rest is its own.
		known := map[string]json.RawMessage{}
		for k, v := range fields {
			if inList(apiFields[object], k) {
				known[k] = v
			}
		}
		known["external_id"], _ = json.Marshal(r.ExternalID)
		var errs []FieldError
		if c, errs = decodeRecord(object, "", known); len(errs) > 0 {
			err = fmt.Errorf("%s: %s", errs[0].Field, errs[0].Message)
		}
	}
	if err != nil {
		return c, fmt.Errorf("%s %s: %w", object, r.ExternalID, err)
	}
	c.ExternalID = r.ExternalID
	return c, nil
}

// shopifyInputChange reads a record in the shape the Shopify connector sends and reads
// back (channelmap.ShopifyPayload: productSet or customerSet input).
func shopifyInputChange(object string, payload []byte) (ingest.Change, error) {
	var p struct {
		Input struct {
			Title       string `json:"title"`
			Vendor      string `json:"vendor"`
			ProductType string `json:"productType"`
			Status      string `json:"status"`
			Variants    []struct {
				SKU     string          `json:"sku"`
				Price   json.RawMessage `json:"price"`
				Barcode string          `json:"barcode"`
			} `json:"variants"`
			FirstName string `json:"firstName"`
			LastName  string `json:"lastName"`
			Email     string `json:"email"`
			Phone     string `json:"phone"`
		} `json:"input"`
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		return ingest.Change{}, err
	}
	in := p.Input
	if object == models.ObjectCustomer {
		name := strings.TrimSpace(in.FirstName + " " + in.LastName)
		return ingest.Change{Object: object, Provided: []string{"name", "email", "phone"},
			Customer: &models.Customer{Name: name, Email: in.Email, Phone: in.Phone, Active: true}}, nil
	}
	out := models.Product{Name: in.Title, Brand: in.Vendor, Category: in.ProductType,
		LifecycleStatus: shopifyLifecycle(strings.ToLower(in.Status)), Active: strings.EqualFold(in.Status, "active")}
	provided := []string{"name", "brand", "category", "lifecycle_status", "active"}
	if len(in.Variants) > 0 {
		v := in.Variants[0]
		out.SKU, out.Barcode = v.SKU, v.Barcode
		provided = append(provided, "sku", "barcode")
		if m, ok, err := jsonAmount(v.Price); err != nil {
			return ingest.Change{}, fmt.Errorf("variants[0].price: %w", err)
		} else if ok {
			out.ListPrice = m
			provided = append(provided, "list_price")
		}
	}
	return ingest.Change{Object: object, Provided: provided, Product: &out}, nil
}

// page compares one page of the channel's records and stores what differs.
func (rc *reconciler) page(remotes []publish.Remote) error {
	var counts models.Counts
	changes := make([]ingest.Change, len(remotes))
	for i, r := range remotes {
		rc.seen[r.ExternalID] = true
		c, err := DecodeRemote(rc.ch.Kind, rc.object, r)
		if err != nil && rc.mapping == nil {
			// Compared in the canonical model, a record that cannot be read cannot be compared.
			rc.problem(err.Error())
		}
		changes[i] = c
		changes[i].ExternalID = r.ExternalID
	}
	golden, err := rc.goldenFor(changes)
	if err != nil {
		return err
	}
	var items []models.DriftItem
	for i, r := range remotes {
		counts.Read++
		c := changes[i]
		if rc.mapping == nil && c.Product == nil && c.Customer == nil {
			counts.Failed++
			continue
		}
		found, err := rc.compare(r, c, golden[r.ExternalID])
		if err != nil {
			counts.Failed++
			rc.problem(err.Error())
			continue
		}
		if len(found) == 0 {
			counts.Unchanged++
		} else {
			counts.Held++
		}
		items = append(items, found...)
	}
	return rc.db.Transaction(func(tx *gorm.DB) error {
		if err := models.SaveDrift(tx, items); err != nil {
			return fmt.Errorf("store drift: %w", err)
		}
		return models.AddRunCounts(tx, rc.runID, counts)
	})
}

// goldenRecord is a golden product or customer with the words that name it.
type goldenRecord struct {
	id       int64
	product  *models.Product
	customer *models.Customer
	summary  string
}

// goldenFor loads the golden records the changes' external ids are linked to, in two
// queries per page.
func (rc *reconciler) goldenFor(changes []ingest.Change) (map[string]goldenRecord, error) {
	ext := make([]string, len(changes))
	for i, c := range changes {
		ext[i] = c.ExternalID
	}
	var refs []models.ExternalRef
	if len(ext) > 0 {
		if err := rc.db.Where("channel_id = ? AND object_type = ? AND external_id IN ?", rc.ch.ID, rc.object, ext).Find(&refs).Error; err != nil {
			return nil, fmt.Errorf("read external references: %w", err)
		}
	}
	byGolden := map[int64]string{}
	ids := make([]int64, 0, len(refs))
	for _, r := range refs {
		byGolden[r.GoldenID] = r.ExternalID
		ids = append(ids, r.GoldenID)
	}
	recs, err := rc.loadGolden(ids)
	if err != nil {
		return nil, err
	}
	out := map[string]goldenRecord{}
	for id, g := range recs {
		out[byGolden[id]] = g
	}
	return out, nil
}

func (rc *reconciler) loadGolden(ids []int64) (map[int64]goldenRecord, error) {
	out := map[int64]goldenRecord{}
	if len(ids) == 0 {
		return out, nil
	}
	if rc.object == models.ObjectProduct {
		var ps []models.Product
		if err := rc.db.Where("id IN ?", ids).Find(&ps).Error; err != nil {
			return nil, fmt.Errorf("read golden products: %w", err)
		}
		for i := range ps {
			out[ps[i].ID] = goldenRecord{id: ps[i].ID, product: &ps[i], summary: ps[i].SKU + " " + ps[i].Name}
		}
		return out, nil
	}
	var cs []models.Customer
	if err := rc.db.Where("id IN ?", ids).Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("read golden customers: %w", err)
	}
	for i := range cs {
		out[cs[i].ID] = goldenRecord{id: cs[i].ID, customer: &cs[i], summary: cs[i].Name}
	}
	return out, nil
}

// compare turns one channel record into its drift: one item per differing field, or one
// for a record Steward does not know.
func (rc *reconciler) compare(r publish.Remote, c ingest.Change, g goldenRecord) ([]models.DriftItem, error) {
	record := ""
	if c.Product != nil || c.Customer != nil {
		b, _ := json.Marshal(c)
		record = string(b) // what accepting a record Steward does not know would create
	}
	base := models.DriftItem{ChannelID: rc.ch.ID, ObjectType: rc.object, RecordKey: r.ExternalID, ExternalID: r.ExternalID,
		ChannelRecord: record, Status: models.DriftOpen, RunID: &rc.runID, FoundAt: rc.now, SeenAt: rc.now}
	if g.id == 0 {
		base.Kind, base.Summary = models.DriftUnknown, remoteSummary(c)
		return []models.DriftItem{base}, nil
	}
	base.ChannelRecord = ""
	var diffs []rules.DriftField
	switch {
	case rc.mapping != nil:
		var rec channelmap.Record
		if g.product != nil {
			rec = channelmap.ProductRecord(*g.product)
		} else {
			rec = channelmap.CustomerRecord(*g.customer)
		}
		rendered, err := channelmap.Render(rc.ch.Kind, rc.ch.Public, rec, *rc.mapping)
		if err != nil {
			return nil, fmt.Errorf("%s: Steward cannot render it for %s: %w", g.summary, rc.ch.Name, err)
		}
		if diffs, err = rules.CompareRendered(rendered, r.Payload); err != nil {
			return nil, fmt.Errorf("%s %s: %w", rc.object, r.ExternalID, err)
		}
	case g.product != nil:
		diffs = rules.CompareProduct(*g.product, *c.Product, c.Provided)
	default:
		diffs = rules.CompareCustomer(*g.customer, *c.Customer, c.Provided)
	}
	out := make([]models.DriftItem, 0, len(diffs))
	for _, d := range diffs {
		it := base
		it.GoldenID = &g.id
		it.Kind, it.Field, it.GoldenValue, it.ChannelValue, it.Summary = models.DriftDiffers, d.Field, d.Golden, d.Channel, g.summary
		out = append(out, it)
	}
	return out, nil
}

func remoteSummary(c ingest.Change) string {
	if c.Product != nil {
		return c.Product.SKU + " " + c.Product.Name
	}
	if c.Customer != nil {
		return c.Customer.Name
	}
	return c.ExternalID
}

// missing raises the golden records linked to the channel that the channel did not hold,
// walking the links in keyset pages.
func (rc *reconciler) missing() error {
	var after int64
	for {
		var refs []models.ExternalRef
		err := rc.db.Where("channel_id = ? AND object_type = ? AND id > ?", rc.ch.ID, rc.object, after).Order("id").Limit(1000).Find(&refs).Error
		if err != nil {
			return fmt.Errorf("read external references: %w", err)
		}
		if len(refs) == 0 {
			return nil
		}
		after = refs[len(refs)-1].ID
		var gone []models.ExternalRef
		ids := []int64{}
		for _, r := range refs {
			if !rc.seen[r.ExternalID] {
				gone = append(gone, r)
				ids = append(ids, r.GoldenID)
			}
		}
		golden, err := rc.loadGolden(ids)
		if err != nil {
			return err
		}
		items := make([]models.DriftItem, 0, len(gone))
		for _, r := range gone {
			g, ok := golden[r.GoldenID]
			if !ok {
				continue // the golden record was merged away; its link is stale, not drift
			}
			id := r.GoldenID
			items = append(items, models.DriftItem{ChannelID: rc.ch.ID, ObjectType: rc.object, RecordKey: fmt.Sprintf("golden:%d", id),
				ExternalID: r.ExternalID, GoldenID: &id, Kind: models.DriftMissing, Summary: g.summary, Status: models.DriftOpen,
				RunID: &rc.runID, FoundAt: rc.now, SeenAt: rc.now})
		}
		if err := rc.db.Transaction(func(tx *gorm.DB) error {
			if err := models.SaveDrift(tx, items); err != nil {
				return err
			}
			return models.AddRunCounts(tx, rc.runID, models.Counts{Held: int64(len(items))})
		}); err != nil {
			return fmt.Errorf("store missing records: %w", err)
		}
	}
}
