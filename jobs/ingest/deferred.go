package ingest

import (
	"fmt"

	"steward/models"
)

// deferredWrites are the rows of a page that nothing in the page reads back from the
// database: external references (the page reads them from its cache) and audit events.
// Written together at the end of the page, in its transaction, they cost a few statements
// instead of one each, which made ingestion markedly faster.
type deferredWrites struct {
	refs   []models.ExternalRef
	audits []models.AuditEvent
}

// writeAudit records an audit event, at the end of the page when the batch defers writes.
func (b *batch) writeAudit(c models.Change) error {
	if b.deferred == nil {
		return models.Audit(b.tx, b.who, c)
	}
	ev, err := models.NewAuditEvent(b.tx.NowFunc(), b.who, c)
	if err != nil {
		return err
	}
	b.deferred.audits = append(b.deferred.audits, ev)
	return nil
}

// pendingRefsTo lists the references of this page not yet written that point at a golden
// record, so a check for "already linked" sees them too.
func (b *batch) pendingRefsTo(objectType string, goldenID int64) []models.ExternalRefView {
	if b.deferred == nil {
		return nil
	}
	var out []models.ExternalRefView
	for _, r := range b.deferred.refs {
		if r.ObjectType == objectType && r.GoldenID == goldenID {
			out = append(out, models.ExternalRefView{ExternalRef: r, ChannelName: b.ch.Name, ChannelKind: b.ch.Kind})
		}
	}
	return out
}

// flush writes the page's deferred rows.
func (b *batch) flush() error {
	d := b.deferred
	if d == nil {
		return nil
	}
	if len(d.refs) > 0 {
		if err := b.tx.CreateInBatches(d.refs, 200).Error; err != nil {
			return fmt.Errorf("link %d records of %s: %w", len(d.refs), b.ch.Name, err)
		}
	}
	if len(d.audits) > 0 {
		if err := b.tx.CreateInBatches(d.audits, 200).Error; err != nil {
			return fmt.Errorf("write %d audit events: %w", len(d.audits), err)
		}
	}
	b.deferred = &deferredWrites{}
	return nil
}
