package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/models"
)

// Ingester applies batches of changes from one source.
type Ingester struct {
	DB     *gorm.DB
	Decide Decider
	Now    func() time.Time
}

// batch is the state shared by the changes of one transaction.
type batch struct {
	tx     *gorm.DB
	ch     models.Channel
	runID  int64
	decide Decider
	dests  []models.Channel
	who    models.Actor
	counts models.Counts
	// approving is set when a steward applies a held change: nothing may be held again,
	// and note says in the audit trail who decided it and why.
	approving bool
	note      string
	// refs and latest are preloaded per page (preload.go) and kept current as the page
	// links records and stores changes.
	refs   map[refKey]int64
	latest map[refKey]models.IncomingRecord
	skus   map[string]int64 // product ids by SKU (0: no such product), preloaded per page
	// merged marks the references of merged records that were followed to their
	// survivor (merged.go).
	merged map[refKey]bool
	// deferred holds the external references and audit events of a page, written in a few
	// statements when the page is done (still in its transaction); nil writes at once.
	deferred *deferredWrites
	// match finds the golden records a new customer or product may repeat (match.go).
	match *matcher
	// pricing is the policy and the waiting proposals product prices are judged by, read
	// once per page (product_prices.go).
	pricing *syncPricing
}

// Apply stores and applies a batch of changes from one channel in one transaction, in the
// order given (the source's order). then, if set, runs in the same transaction, so a pull
// can move its cursor exactly when the records it covers are stored. A change that cannot
// be applied is counted as failed and recorded with its reason; it does not stop the batch.
func (in *Ingester) Apply(ctx context.Context, ch models.Channel, runID int64, changes []Change, then func(tx *gorm.DB) error) (models.Counts, error) {
	var counts models.Counts
	err := models.Prepared(in.DB.WithContext(ctx)).Transaction(func(tx *gorm.DB) error {
		dests, err := models.DestinationChannels(tx, ch.ID)
		if err != nil {
			return err
		}
		b := &batch{tx: tx, ch: ch, runID: runID, decide: in.Decide, dests: dests, who: models.SystemActor("sync: " + ch.Name)}
		if err := b.preload(changes); err != nil {
			return err
		}
		b.deferred = &deferredWrites{}
		for _, c := range changes {
			b.counts.Read++
			if err := b.one(c); err != nil {
				return err
			}
		}
		if err := b.flush(); err != nil {
			return err
		}
		if err := b.flushMatches(); err != nil {
			return err
		}
		if then != nil {
			if err := then(tx); err != nil {
				return err
			}
		}
		if runID != 0 {
			if err := models.AddRunCounts(tx, runID, b.counts); err != nil {
				return err
			}
		}
		counts = b.counts
		return nil
	})
	if err != nil {
		return models.Counts{}, fmt.Errorf("apply %d changes from %s: %w", len(changes), ch.Name, err)
	}
	return counts, nil
}

// outcome is what became of one change.
type outcome struct {
	status   string // models.Incoming*
	reasons  []string
	goldenID int64
	version  int // of the golden record after the change
	created  bool
	// held is the inbox item to create once the incoming record it points at is stored.
	held *models.InboxItem
}

// errSkip marks a change whose content was stored before: nothing to do.
var errSkip = errors.New("already stored")

// one stores a change as an incoming record and applies or holds it. Database errors abort
// the batch; a change that is wrong in itself is recorded as failed.
func (b *batch) one(c Change) error {
	rec, err := b.store(c)
	if errors.Is(err, errSkip) {
		b.counts.Unchanged++
		return nil
	}
	if err != nil {
		return err
	}
	var out outcome
	if cerr := c.check(); cerr != nil {
		out = outcome{status: models.IncomingFailed, reasons: []string{cerr.Error()}}
	} else if out, err = b.apply(c, rec); err != nil {
		var bad *badChange
		if !errors.As(err, &bad) {
			return err
		}
		out = outcome{status: models.IncomingFailed, reasons: []string{bad.msg}}
	}
	switch out.status {
	case models.IncomingApplied:
		if out.created {
			b.counts.Created++
		} else {
			b.counts.Updated++
		}
	case models.IncomingUnchanged:
		b.counts.Unchanged++
	case models.IncomingHeld, models.IncomingRejected, models.IncomingProposed:
		b.counts.Held++
	default:
		b.counts.Failed++
	}
	reasons := ""
	if len(out.reasons) > 0 {
		rb, _ := json.Marshal(out.reasons)
		reasons = string(rb)
	}
	if err := b.record(refKey{c.Object, c.ExternalID}, rec, out, reasons); err != nil {
		return err
	}
	if out.held != nil {
		out.held.IncomingRecordID = &rec.ID
		if err := models.CreateInboxItem(b.tx, out.held); err != nil {
			return fmt.Errorf("hold %s %s: %w", c.Object, c.ExternalID, err)
		}
	}
	return nil
}

// record stores the incoming record with what became of it: one INSERT for a new change,
// an UPDATE for a failed one tried again.
func (b *batch) record(key refKey, rec *models.IncomingRecord, out outcome, reasons string) error {
	if rec.ID != 0 {
		if b.latest != nil {
			rec.Status = out.status
			b.latest[key] = *rec
		}
		return models.SetIncomingOutcome(b.tx, rec.ID, out.status, reasons, out.goldenID)
	}
	rec.Status, rec.Reasons = out.status, reasons
	if out.goldenID != 0 {
		id := out.goldenID
		rec.GoldenID = &id
	}
	stored, err := models.InsertIncoming(b.tx, rec)
	if err != nil {
		return fmt.Errorf("store incoming %s %s: %w", rec.ObjectType, rec.ExternalID, err)
	}
	if !stored {
		// Another pull stored the same change while this page was applying it: roll the
		// page back, and the next pull reads it again against what that one did.
		return fmt.Errorf("%s %s arrived twice at the same moment; the page will be read again", rec.ObjectType, rec.ExternalID)
	}
	if b.latest != nil {
		b.latest[key] = *rec
	}
	return nil
}

// store prepares the incoming record of a change, unless its content is what this source
// last sent for the record.
func (b *batch) store(c Change) (*models.IncomingRecord, error) {
	payload, err := c.payload()
	if err != nil {
		return nil, err
	}
	hash := contentHash(c.Object, c.Stamp, payload)
	key := refKey{c.Object, c.ExternalID}
	last, known := b.latest[key]
	if !known {
		if last, err = models.LatestIncoming(b.tx, b.ch.ID, c.Object, c.ExternalID); err != nil {
			return nil, err
		}
	}
	if last.ContentHash == hash {
		// The same content again: nothing to do, unless it failed last time (a contact
		// whose account had not arrived yet), when it deserves another try.
		if last.Status != models.IncomingFailed {
			return nil, errSkip
		}
		return &last, nil
	}
	source := ""
	if c.Source != nil {
		if sb, err := json.Marshal(c.Source); err == nil {
			source = string(sb)
		}
	}
	// Not stored yet: it is stored with its outcome, in one statement, once applied.
	rec := &models.IncomingRecord{
		ChannelID: b.ch.ID, ObjectType: c.Object, ExternalID: c.ExternalID, ContentHash: hash,
		SourceStamp: c.Stamp, Payload: string(payload), Source: source,
	}
	if b.runID != 0 {
		rec.SyncRunID = &b.runID
	}
	return rec, nil
}

// badChange is a change that cannot be applied as sent (a reference to an unknown record).
type badChange struct{ msg string }

func (e *badChange) Error() string { return e.msg }

func bad(format string, args ...any) error { return &badChange{fmt.Sprintf(format, args...)} }

func (b *batch) apply(c Change, rec *models.IncomingRecord) (outcome, error) {
	c, err := b.mergedChange(c, rec) // merged.go
	if err != nil {
		return outcome{}, err
	}
	switch c.Object {
	case models.ObjectProduct:
		return b.applyProduct(c, rec)
	case models.ObjectCustomer:
		return b.applyCustomer(c, rec)
	case ObjectContact:
		return b.applyContact(c)
	case ObjectAddress:
		return b.applyAddress(c)
	case models.ObjectPriceRule:
		return b.applyPriceRule(c, rec)
	case models.ObjectInventory:
		return b.applyInventory(c, rec)
	}
	return outcome{}, bad("Steward does not know records of type %q", c.Object)
}

// link records that a channel's external id is this golden record.
func (b *batch) link(objectType, externalID string, goldenID int64) error {
	ref := models.ExternalRef{ChannelID: b.ch.ID, ObjectType: objectType, ExternalID: externalID, GoldenID: goldenID}
	if b.deferred != nil {
		b.deferred.refs = append(b.deferred.refs, ref)
	} else if err := models.CreateExternalRef(b.tx, &ref); err != nil {
		return err
	}
	if b.refs != nil {
		b.refs[refKey{objectType, externalID}] = goldenID
	}
	return nil
}

// golden finds the golden id a channel's external id is linked to (0 when none).
func (b *batch) golden(objectType, externalID string) (int64, error) {
	if b.refs == nil {
		b.refs = map[refKey]int64{} // a batch built without preload (a steward's decision)
	}
	if id, known := b.refs[refKey{objectType, externalID}]; known {
		return id, nil
	}
	id, err := models.ExternalRefGolden(b.tx, b.ch.ID, objectType, externalID)
	if errors.Is(err, models.ErrNotFound) {
		id, err = 0, nil
	}
	if err == nil && id != 0 {
		id, err = b.follow(refKey{objectType, externalID}, id) // merged.go
	}
	if err == nil {
		b.refs[refKey{objectType, externalID}] = id
	}
	return id, err
}

// hold puts a change in the inbox with its reasons (the item is created once the incoming
// record is stored, see one).
func (b *batch) hold(c Change, rec *models.IncomingRecord, goldenID int64, reason string, reasons []string, summary string) (outcome, error) {
	if b.approving {
		// Approving overrules policy, not facts: a change that would be held again for
		// what the data is (a SKU another record uses) cannot be applied as it stands.
		return outcome{}, bad("%s", strings.Join(reasons, " "))
	}
	rb, _ := json.Marshal(reasons)
	it := models.InboxItem{
		Domain: c.domain(), Reason: reason, ChannelID: &b.ch.ID, ExternalID: c.ExternalID,
		Summary: summary, Reasons: string(rb),
	}
	if goldenID != 0 {
		it.GoldenID = &goldenID
	}
	return outcome{status: models.IncomingHeld, reasons: reasons, goldenID: goldenID, held: &it}, nil
}
