package odoosync

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"steward/jobs/ingest"
	"steward/jobs/odoo"
	"steward/models"
)

// Source reads one Odoo database for one channel.
type Source struct {
	Client   *odoo.Client
	PageSize int
	Overlap  time.Duration

	lookups *odoo.Lookups
}

// models read per kind of record Steward syncs.
var modelOf = map[string]string{
	models.SyncProducts:  "product.product",
	models.SyncCustomers: "res.partner",
	models.SyncPrices:    "product.pricelist.item",
	models.SyncStock:     "stock.quant",
}

func ext(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func stamp(t time.Time) string { return t.UTC().Format(time.DateTime) }

func (s *Source) options() odoo.PullOptions {
	return odoo.PullOptions{PageSize: s.PageSize, Overlap: s.Overlap}
}

// Count estimates the records a pull from cursor reads, for the progress bar.
func (s *Source) Count(ctx context.Context, object, cursor string) (int64, error) {
	model, ok := modelOf[object]
	if !ok {
		return 0, fmt.Errorf("Steward does not pull %q from Odoo", object)
	}
	from, err := odoo.ParseCursor(cursor)
	if err != nil {
		return 0, err
	}
	var domain []any
	if !from.IsZero() && object != models.SyncStock {
		overlap := s.Overlap
		if overlap <= 0 {
			overlap = odoo.DefaultOverlap
		}
		domain = []any{[]any{"write_date", ">=", stamp(from.WriteDate.Add(-overlap))}}
	}
	return s.Client.SearchCount(ctx, model, domain, map[string]any{"active_test": false})
}

// Pull reads the changes of one kind since cursor. Pages are handed on with the cursor the
// pull started from: the connector's window only moves when the whole pull has been read,
// so a crash part-way re-reads the window (ingestion stores nothing twice). The new cursor
// follows with an empty last page.
func (s *Source) Pull(ctx context.Context, object, cursor string, onPage func([]ingest.Change, string) error) error {
	from, err := odoo.ParseCursor(cursor)
	if err != nil {
		return fmt.Errorf("stored cursor %q: %w", cursor, err)
	}
	if err := s.loadLookups(ctx); err != nil {
		return err
	}
	var next odoo.Cursor
	switch object {
	case models.SyncProducts:
		next, err = s.Client.PullProducts(ctx, nil, from, s.options(), func(recs []odoo.Record) error {
			changes, err := s.products(recs)
			if err != nil {
				return err
			}
			return onPage(changes, cursor)
		})
	case models.SyncCustomers:
		next, err = s.Client.Pull(ctx, "res.partner", nil, from, s.options(), func(recs []odoo.Record) error {
			changes, err := s.partners(ctx, recs)
			if err != nil {
				return err
			}
			return onPage(changes, cursor)
		})
	case models.SyncPrices:
		next, err = s.Client.Pull(ctx, "product.pricelist.item", nil, from, s.options(), func(recs []odoo.Record) error {
			changes, err := s.prices(ctx, recs)
			if err != nil {
				return err
			}
			return onPage(changes, cursor)
		})
	case models.SyncStock:
		return s.stock(ctx, onPage)
	default:
		return fmt.Errorf("Steward does not pull %q from Odoo", object)
	}
	if err != nil {
		return err
	}
	return onPage(nil, next.String())
}

// loadLookups reads the reference data the mappers need, once per source.
func (s *Source) loadLookups(ctx context.Context) error {
	if s.lookups != nil {
		return nil
	}
	lk := &odoo.Lookups{}
	var err error
	if lk.CountryCodes, err = s.Client.CountryCodes(ctx); err != nil {
		return fmt.Errorf("read Odoo's countries: %w", err)
	}
	if lk.TaxNames, err = s.Client.TaxNames(ctx); err != nil {
		return fmt.Errorf("read Odoo's taxes: %w", err)
	}
	s.lookups = lk
	return nil
}

// Odoo has no brand, dimensions, lifecycle or legal name: the attributes it does not send
// must not be read as "emptied in Odoo", or a pull would wipe what other sources keep.
var (
	productAttributes  = []string{"sku", "name", "description", "category", "uom", "barcode", "weight_kg", "tax_class", "list_price", "cost", "active"}
	customerAttributes = []string{"name", "tax_id", "email", "phone", "website", "payment_terms", "country", "active"}
)

func productProvides(r odoo.Record, p models.Product) []string {
	out := append([]string(nil), productAttributes...)
	if r.Has("hs_code") {
		out = append(out, "hs_code")
	}
	if p.Currency != "" {
		out = append(out, "currency")
	}
	return out
}

// customerProvides lists the price list only when the partner names one: a partner without
// one must not clear a price list a steward set.
func customerProvides(r odoo.Record, c models.Customer, pricelist int64) []string {
	out := append([]string(nil), customerAttributes...)
	if r.Has("credit_limit") {
		out = append(out, "credit_limit")
	}
	if c.Currency != "" {
		out = append(out, "currency")
	}
	if r.Has("parent_id") {
		out = append(out, "parent_id")
	}
	if pricelist != 0 {
		out = append(out, "price_list")
	}
	return out
}

func (s *Source) products(recs []odoo.Record) ([]ingest.Change, error) {
	out := make([]ingest.Change, 0, len(recs))
	for _, r := range recs {
		p, err := odoo.MapProduct(r, s.lookups)
		if err != nil {
			return nil, err
		}
		prod := p.Product
		out = append(out, ingest.Change{Object: models.ObjectProduct, ExternalID: p.ExternalID, Stamp: stamp(p.WriteDate),
			Provided: productProvides(r, prod), Product: &prod, Source: r})
	}
	return out, nil
}

func (s *Source) partners(ctx context.Context, recs []odoo.Record) ([]ingest.Change, error) {
	batch, err := odoo.MapPartners(recs, s.lookups)
	if err != nil {
		return nil, err
	}
	raw := map[int64]odoo.Record{}
	for _, r := range recs {
		raw[r.ID()] = r
	}
	var out []ingest.Change
	// Accounts first, so that the contacts and addresses of a new account in the same page
	// find it.
	for _, c := range batch.Customers {
		cust := c.Customer
		out = append(out, ingest.Change{Object: models.ObjectCustomer, ExternalID: c.ExternalID, Stamp: stamp(c.WriteDate),
			Provided: customerProvides(raw[c.ID], cust, c.PricelistID), ParentRef: ext(c.ParentID), PriceListRef: ext(c.PricelistID),
			Customer: &cust, Source: raw[c.ID]})
	}
	for _, c := range batch.Contacts {
		ct := c.Contact
		out = append(out, ingest.Change{Object: ingest.ObjectContact, ExternalID: c.ExternalID, Stamp: stamp(c.WriteDate),
			ParentRef: ext(c.CustomerID), Contact: &ct, Source: raw[c.ID]})
	}
	for _, a := range batch.Addresses {
		ad := a.Address
		out = append(out, ingest.Change{Object: ingest.ObjectAddress, ExternalID: a.ExternalID, Stamp: stamp(a.WriteDate),
			ParentRef: ext(a.CustomerID), Address: &ad, Source: raw[a.ID]})
	}
	return out, nil
}
