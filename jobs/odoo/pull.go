package odoo

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Cursor is where an incremental pull stopped. Store it with Cursor.String and give it back
// to the next pull.
type Cursor struct {
	// WriteDate is the high-water mark: every record whose write_date (as stored, to the
	// microsecond) is before it had been committed and delivered when the cursor was made,
	// except late commits, which the next pull's overlap window re-reads. Whole seconds, UTC.
	WriteDate time.Time
	// ID is the largest record id the pull delivered. It is informational (for logs and
	// sync-run reports): ids do not follow write_date, so paging never relies on it.
	ID int64
}

// IsZero tells whether this is the empty cursor of a first, full pull.
func (c Cursor) IsZero() bool { return c.WriteDate.IsZero() && c.ID == 0 }

// String serialises the cursor, e.g. "2026-11-27T03:40:06Z#45"; the zero cursor is "".
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	return c.WriteDate.UTC().Format(time.RFC3339) + "#" + strconv.FormatInt(c.ID, 10)
}

// ParseCursor reads what String wrote; "" is the zero cursor.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	ts, id, ok := strings.Cut(s, "#")
	if !ok {
		return Cursor{}, fmt.Errorf("odoo cursor %q: want <RFC 3339 time>#<id>", s)
	}
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return Cursor{}, fmt.Errorf("odoo cursor %q: %w", s, err)
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return Cursor{}, fmt.Errorf("odoo cursor %q: %w", s, err)
	}
	return Cursor{WriteDate: t.UTC(), ID: n}, nil
}

// MarshalText stores the cursor as its string form (JSON, database columns).
func (c Cursor) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the string form.
func (c *Cursor) UnmarshalText(b []byte) error {
	v, err := ParseCursor(string(b))
	*c = v
	return err
}

// Defaults of PullOptions.
const (
	// DefaultPageSize keeps each call well under a second on a real server.
	DefaultPageSize = 1000
	// DefaultOverlap must exceed the longest write transaction on the server: a row's
	// write_date is the start of its transaction, so a transaction that commits late
	// publishes rows stamped up to that long before the cursor.
	DefaultOverlap = 5 * time.Minute
)

// PullOptions tune Pull.
type PullOptions struct {
	// PageSize is the number of records per call (default 1000, which keeps each call well
	// under a second on a real server).
	PageSize int
	// Overlap is how far behind the cursor each pull starts re-reading (default 5 minutes).
	Overlap time.Duration
	// Domain narrows the records pulled (e.g. only companies); it is ANDed with the window.
	Domain []any
	// Context is added to the call context; active_test is always false so that archived
	// records arrive and can be applied as deactivations.
	Context map[string]any
}

func (o PullOptions) normalized() PullOptions {
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Overlap <= 0 {
		o.Overlap = DefaultOverlap
	}
	ctx := make(map[string]any, len(o.Context)+1)
	for k, v := range o.Context {
		ctx[k] = v
	}
	ctx["active_test"] = false
	o.Context = ctx
	return o
}

// Pull delivers, page by page, every record of model written since the cursor (all records
// for the zero cursor), archived ones included, and returns the cursor to store for the
// next pull. fields nil means Client.Fields(model). A failed pull returns the cursor it was
// given, so the next attempt redoes the window; records may then arrive twice, which
// downstream de-duplication (id and content hash) absorbs.
//
// Why not the usual keyset "write_date > W or (write_date = W and id > I)": Odoo returns
// write_date cut to whole seconds but compares the stored microsecond value, so "> W" also
// matches rows from second W itself, every page returns the same rows again and the pull
// never ends; and "write_date = W" matches nothing. Ordering by "write_date, id" does not
// help either, because within a second the order follows the microseconds, not the ids.
//
// So a pull works in whole seconds on a window that does not move while it pages:
//
//  1. lo is the cursor minus Overlap (no lower bound on a first pull). Rows are stamped with
//     their transaction's start, so a transaction that commits after the last pull can carry
//     a stamp below that pull's high-water mark; re-reading the overlap catches it.
//  2. hi is fixed once, before paging: one second past the newest write_date at or after lo
//     (one search_read, limit 1, "write_date desc, id desc"). Since stamps are truncated,
//     every row seen by that query is below hi; rows written during the pull get stamps at
//     or after hi, or are late commits, and both fall in the next pull's window.
//  3. The window lo <= write_date < hi is read in id order, each page asking for id above the
//     last id delivered. Ids are unique, so thousands of rows sharing one second page like
//     any others, each row is delivered once per pull, and every page strictly raises the
//     last id: the pull ends after at most (rows in window)/PageSize + 1 calls.
//  4. The new cursor is hi. A row missed because it changed while the pull ran now has a
//     stamp at or after hi, so the next pull reads it.
//
// Duplicates are bounded: within a pull none; across pulls, the rows written in the Overlap
// before the cursor.
func (c *Client) Pull(ctx context.Context, model string, fields []string, from Cursor, opt PullOptions, onPage func([]Record) error) (Cursor, error) {
	opt = opt.normalized()
	fields, err := c.pullFields(ctx, model, fields)
	if err != nil {
		return from, err
	}
	lo := from.lowerBound(opt.Overlap)
	hi, found, err := c.highWater(ctx, model, opt.Domain, lo, opt.Context)
	if err != nil {
		return from, err
	}
	if !found {
		if lo.IsZero() {
			// Only rows without a write_date (inserted by SQL) can be left.
			last, err := c.pageByID(ctx, model, fields, append(clone(opt.Domain), []any{"write_date", "=", false}), opt, onPage)
			return Cursor{ID: last}, err
		}
		return from, nil
	}
	last, err := c.pageByID(ctx, model, fields, window(opt.Domain, lo, hi), opt, onPage)
	if err != nil {
		return from, err
	}
	return from.advance(hi, last), nil
}

// PullProducts is Pull for product.product that also catches edits made on the product
// template. Editing a product form in Odoo writes product.template (name, prices, category,
// taxes…) and leaves the variants' write_date alone, so a pull of product.product by
// write_date alone would miss those changes. Templates written in the same window are read
// too, and their variants delivered; a variant is delivered at most once per pull.
func (c *Client) PullProducts(ctx context.Context, fields []string, from Cursor, opt PullOptions, onPage func([]Record) error) (Cursor, error) {
	const model, tmpl = "product.product", "product.template"
	opt = opt.normalized()
	fields, err := c.pullFields(ctx, model, fields)
	if err != nil {
		return from, err
	}
	fields = withField(fields, "product_tmpl_id")
	lo := from.lowerBound(opt.Overlap)
	hiP, okP, err := c.highWater(ctx, model, opt.Domain, lo, opt.Context)
	if err != nil {
		return from, err
	}
	hiT, okT, err := c.highWater(ctx, tmpl, nil, lo, opt.Context)
	if err != nil {
		return from, err
	}
	if !okP && !okT {
		if lo.IsZero() {
			last, err := c.pageByID(ctx, model, fields, append(clone(opt.Domain), []any{"write_date", "=", false}), opt, onPage)
			return Cursor{ID: last}, err
		}
		return from, nil
	}
	hi := hiP
	if hiT.After(hi) {
		hi = hiT
	}
	seen := map[int64]bool{}
	deliver := func(recs []Record) error {
		fresh := recs[:0:0]
		for _, r := range recs {
			if !seen[r.ID()] {
				seen[r.ID()] = true
				fresh = append(fresh, r)
			}
		}
		if len(fresh) == 0 {
			return nil
		}
		return onPage(fresh)
	}
	last, err := c.pageByID(ctx, model, fields, window(opt.Domain, lo, hi), opt, deliver)
	if err != nil {
		return from, err
	}
	_, err = c.pageByID(ctx, tmpl, []string{"id"}, window(nil, lo, hi), opt, func(tmpls []Record) error {
		ids := make([]any, len(tmpls))
		for i, t := range tmpls {
			ids[i] = t.ID()
		}
		l, err := c.pageByID(ctx, model, fields, append(clone(opt.Domain), []any{"product_tmpl_id", "in", ids}), opt, deliver)
		last = max(last, l)
		return err
	})
	if err != nil {
		return from, err
	}
	return from.advance(hi, last), nil
}

func (c *Client) pullFields(ctx context.Context, model string, fields []string) ([]string, error) {
	if fields == nil && len(fieldsFor[model]) > 0 {
		var err error
		if fields, err = c.Fields(ctx, model); err != nil {
			return nil, err
		}
	}
	if fields == nil {
		return nil, nil // all fields, write_date included
	}
	return withField(fields, "write_date"), nil
}

func (c Cursor) lowerBound(overlap time.Duration) time.Time {
	if c.WriteDate.IsZero() {
		return time.Time{}
	}
	return c.WriteDate.UTC().Add(-overlap).Truncate(time.Second)
}

// advance never moves the mark backwards: a window can end before the stored mark when
// nothing newer than the overlap was written.
func (c Cursor) advance(hi time.Time, last int64) Cursor {
	next := Cursor{WriteDate: hi, ID: last}
	if next.WriteDate.Before(c.WriteDate) {
		next.WriteDate = c.WriteDate
	}
	if last == 0 {
		next.ID = c.ID
	}
	return next
}

// highWater finds the exclusive upper bound of the window: one second past the newest
// write_date at or after lo.
func (c *Client) highWater(ctx context.Context, model string, domain []any, lo time.Time, callCtx map[string]any) (time.Time, bool, error) {
	d := clone(domain)
	if lo.IsZero() {
		d = append(d, []any{"write_date", "!=", false})
	} else {
		d = append(d, []any{"write_date", ">=", FormatTime(lo)})
	}
	recs, err := c.SearchRead(ctx, model, d, []string{"write_date"}, Page{Limit: 1, Order: "write_date desc, id desc"}, callCtx)
	if err != nil || len(recs) == 0 {
		return time.Time{}, false, err
	}
	w := recs[0].WriteDate()
	if w.IsZero() {
		e := c.newError(model, "search_read")
		e.Kind, e.Message = KindServer, fmt.Sprintf("unreadable write_date %v", recs[0]["write_date"])
		return time.Time{}, false, e
	}
	return w.Truncate(time.Second).Add(time.Second), true, nil
}

func window(domain []any, lo, hi time.Time) []any {
	d := clone(domain)
	if lo.IsZero() {
		// A first pull also takes rows that never got a write_date.
		return append(d, "|", []any{"write_date", "=", false}, []any{"write_date", "<", FormatTime(hi)})
	}
	return append(d, []any{"write_date", ">=", FormatTime(lo)}, []any{"write_date", "<", FormatTime(hi)})
}

// pageByID reads every record matching domain in id order, a page at a time, each page
// asking for ids above the last one seen. It returns the last id delivered.
func (c *Client) pageByID(ctx context.Context, model string, fields []string, domain []any, opt PullOptions, onPage func([]Record) error) (int64, error) {
	var last int64
	for {
		if err := ctx.Err(); err != nil {
			return last, c.networkError(model, "search_read", err)
		}
		d := append(clone(domain), []any{"id", ">", last})
		recs, err := c.SearchRead(ctx, model, d, fields, Page{Limit: opt.PageSize, Order: "id asc"}, opt.Context)
		if err != nil {
			return last, err
		}
		if len(recs) == 0 {
			return last, nil
		}
		top := recs[len(recs)-1].ID()
		if top <= last {
			// A server that ignores the order would otherwise make this loop forever.
			e := c.newError(model, "search_read")
			e.Kind, e.Message = KindServer, fmt.Sprintf("records came back out of id order (id %d after %d)", top, last)
			return last, e
		}
		if err := onPage(recs); err != nil {
			return last, err
		}
		last = top
		if len(recs) < opt.PageSize {
			return last, nil
		}
	}
}

func clone(domain []any) []any {
	return append(make([]any, 0, len(domain)+4), domain...)
}

func withField(fields []string, name string) []string {
	for _, f := range fields {
		if f == name {
			return fields
		}
	}
	return append(append(make([]string, 0, len(fields)+1), fields...), name)
}
