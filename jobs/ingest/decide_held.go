package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// Decision is what a person decided about an inbox item.
type Decision struct {
	Status string            // models.InboxApproved or models.InboxRejected
	Note   string            // why, for a rejection
	Edits  map[string]string // an approval's fixes: attribute → the steward's value as typed
	Who    models.Actor
}

// Decide settles an inbox item at the version the person saw, in tx: it records the
// decision, and for an approval applies the held change (with the steward's fixes) to the
// golden record through the same code as an automatic apply, so the change is audited and
// its publications queued alike. The item is claimed before anything is written: an item
// decided meanwhile (or at another version) is models.ErrStale and nothing is applied.
func Decide(tx *gorm.DB, itemID int64, version int, d Decision) (models.InboxItem, error) {
	it, err := models.InboxItemByID(tx, itemID)
	if err != nil {
		return it, err
	}
	if it.Status != models.InboxOpen || it.Version != version {
		return it, models.ErrStale
	}
	return decide(tx, it, d, &channels{})
}

// decide settles an item as read; the claim in models.DecideInboxItem checks that it is
// still open at that version.
func decide(tx *gorm.DB, it models.InboxItem, d Decision, cs *channels) (models.InboxItem, error) {
	h, err := cs.held(tx, it)
	if err != nil {
		return it, err
	}
	switch d.Status {
	case models.InboxApproved:
		return approve(tx, h, d, cs)
	case models.InboxRejected:
		return reject(tx, h, d)
	}
	return it, fmt.Errorf("unknown decision %q", d.Status)
}

func reject(tx *gorm.DB, h Held, d Decision) (models.InboxItem, error) {
	if err := rules.CheckRejection(d.Note); err != nil {
		return h.Item, err
	}
	it := h.Item
	note := strings.TrimSpace(d.Note)
	if err := models.DecideInboxItem(tx, &it, d.Who, models.InboxDecision{Status: models.InboxRejected, Note: note}); err != nil {
		return it, err
	}
	if h.Record != nil {
		reasons := append(it.ReasonList(), "Rejected by "+d.Who.Name+": "+note)
		rb, _ := json.Marshal(reasons)
		if err := models.SetIncomingOutcome(tx, h.Record.ID, models.IncomingRejected, string(rb), 0); err != nil {
			return it, err
		}
	}
	return it, models.Audit(tx, d.Who, models.Change{
		Action: "inbox.reject", ObjectType: models.ObjectInboxItem, ObjectID: it.ID,
		Before: map[string]any{"status": models.InboxOpen}, After: map[string]any{"status": it.Status},
		Reason: fmt.Sprintf("rejected %s (%s): %s", it.Summary, h.describe(), note),
	})
}

func approve(tx *gorm.DB, h Held, d Decision, cs *channels) (models.InboxItem, error) {
	it := h.Item
	if h.Record == nil {
		// Nothing to apply (an item raised by a check, not a change): approving closes it.
		if err := models.DecideInboxItem(tx, &it, d.Who, models.InboxDecision{Status: models.InboxApproved, Note: d.Note}); err != nil {
			return it, err
		}
		return it, models.Audit(tx, d.Who, models.Change{Action: "inbox.approve", ObjectType: models.ObjectInboxItem, ObjectID: it.ID,
			Before: map[string]any{"status": models.InboxOpen}, After: map[string]any{"status": it.Status}, Reason: "approved " + it.Summary})
	}
	p, err := h.Propose(tx)
	if err != nil {
		return it, err
	}
	edits, err := h.edits(tx, p, d.Edits)
	if err != nil {
		return it, err
	}
	if err := models.DecideInboxItem(tx, &it, d.Who, models.InboxDecision{Status: models.InboxApproved, Note: d.Note, Edits: edits}); err != nil {
		return it, err
	}
	c := h.Change
	p.put(&c)
	dests, err := cs.destinations(tx, h.Channel.ID)
	if err != nil {
		return it, err
	}
	b := &batch{tx: tx, ch: h.Channel, decide: AcceptAll{}, dests: dests, who: d.Who, approving: true,
		note: fmt.Sprintf("approved in the inbox (item %d)", it.ID)}
	if len(edits) > 0 {
		b.note += " with the steward's fixes to " + editedFields(edits)
	}
	out, err := b.apply(c, h.Record)
	if err != nil {
		var bad *badChange
		if errors.As(err, &bad) {
			return it, rules.Errorf(rules.Conflict, "This change cannot be applied as it stands: %s. Edit it, or reject it.", strings.TrimSuffix(bad.msg, "."))
		}
		return it, err
	}
	status, reasons := approvedOutcome(out, h.Record.Reasons)
	if err := models.SetIncomingOutcome(tx, h.Record.ID, status, reasons, out.goldenID); err != nil {
		return it, err
	}
	if err := h.sendBack(tx, edits, out); err != nil {
		return it, err
	}
	after := map[string]any{"status": it.Status, "golden_id": out.goldenID, "outcome": status}
	if len(edits) > 0 {
		after["edits"] = edits
	}
	reason := fmt.Sprintf("approved %s (%s)", it.Summary, h.describe())
	if out.status == models.IncomingUnchanged {
		reason += "; the golden record already held these values"
	}
	if out.status == models.IncomingProposed {
		reason += "; its price went to pricing approval: " + strings.Join(out.reasons, " ")
	}
	return it, models.Audit(tx, d.Who, models.Change{Action: "inbox.approve", ObjectType: models.ObjectInboxItem, ObjectID: it.ID,
		Before: map[string]any{"status": models.InboxOpen}, After: after, Reason: reason})
}

// edits applies the steward's values to the proposal and records each fix beside the
// value the source sent, with the attribute's owner and whether the fix goes back to it.
func (h Held) edits(db *gorm.DB, p Proposal, typed map[string]string) ([]models.FieldEdit, error) {
	if len(typed) == 0 {
		return nil, nil
	}
	source := map[string]string{}
	for f := range typed {
		source[f] = p.Value(f)
	}
	changed, errs := p.Edit(typed)
	if len(errs) > 0 {
		return nil, rules.InvalidFields(errs)
	}
	if len(changed) == 0 {
		return nil, nil
	}
	matrix, err := models.ListOwnershipRules(db)
	if err != nil {
		return nil, fmt.Errorf("load ownership rules: %w", err)
	}
	out := make([]models.FieldEdit, 0, len(changed))
	for _, f := range changed {
		owner := rules.OwnerOf(matrix, h.Item.Domain, f)
		out = append(out, models.FieldEdit{Field: f, Source: source[f], Steward: p.Value(f), Owner: owner, SendBack: rules.SendBack(owner, h.Channel.Kind)})
	}
	return out, nil
}

// sendBack queues, for each system that owns a fixed attribute and did not send the
// change, a publication that carries the fix back to it; a connector sends it like any
// other publication. Without it the owner would send its old value again on the next pull.
func (h Held) sendBack(tx *gorm.DB, edits []models.FieldEdit, out outcome) error {
	if out.goldenID == 0 || out.version == 0 || (out.status != models.IncomingApplied && out.status != models.IncomingProposed) {
		return nil
	}
	byOwner := map[string][]models.FieldEdit{}
	for _, e := range edits {
		if e.SendBack {
			byOwner[e.Owner] = append(byOwner[e.Owner], e)
		}
	}
	owners := make([]string, 0, len(byOwner))
	for o := range byOwner {
		owners = append(owners, o)
	}
	sort.Strings(owners)
	for _, owner := range owners {
		chans, err := models.ActiveChannelsOfKind(tx, owner)
		if err != nil {
			return err
		}
		var fixes []string
		for _, e := range byOwner[owner] {
			fixes = append(fixes, fmt.Sprintf("%s %q (%s sent %q)", e.Field, e.Steward, h.Channel.Name, e.Source))
		}
		for _, ch := range chans {
			if ch.ID == h.Channel.ID {
				continue
			}
			summary := fmt.Sprintf("Send back to %s, which owns it: a steward fixed %s", ch.Name, strings.Join(fixes, ", "))
			pub := models.Publication{ChannelID: ch.ID, ObjectType: h.ObjectType(), GoldenID: out.goldenID, GoldenVersion: out.version, Status: "pending", Summary: summary}
			if err := tx.Create(&pub).Error; err != nil {
				return fmt.Errorf("queue the fix for %s: %w", ch.Name, err)
			}
		}
	}
	return nil
}

func (h Held) describe() string {
	return fmt.Sprintf("%s %s from %s", h.ObjectType(), h.Item.ExternalID, h.Channel.Name)
}

func editedFields(es []models.FieldEdit) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Field
	}
	return strings.Join(names, ", ")
}

// DecideAll decides each item in its own savepoint within tx, so one item that cannot be
// decided (decided by someone else first, not the person's to decide, a change that no
// longer applies) is counted and explained without undoing the others. may tells whether
// the person may decide an item of a domain. Database errors abort the whole tx.
func DecideAll(tx *gorm.DB, items []models.InboxItem, d Decision, may func(domain string) bool) (models.BulkTally, error) {
	var t models.BulkTally
	cs := &channels{}
	for _, it := range items {
		if it.Status != models.InboxOpen {
			t.Skipped++
			continue
		}
		if !may(it.Domain) {
			t.Skipped++
			t.Problems = append(t.Problems, fmt.Sprintf("Item %d (%s): %s are not yours to decide.", it.ID, it.Summary, rules.DomainLabel(it.Domain)))
			continue
		}
		err := tx.Transaction(func(sp *gorm.DB) error {
			_, err := decide(sp, it, d, cs)
			return err
		})
		switch {
		case err == nil:
			t.Decided++
		case errors.Is(err, models.ErrStale):
			// Decided by someone else since the list was read: theirs stands.
			t.Skipped++
		case rules.KindOf(err) != rules.Internal:
			t.Failed++
			t.Problems = append(t.Problems, fmt.Sprintf("Item %d (%s): %s", it.ID, it.Summary, rules.MessageOf(err)))
		default:
			return t, fmt.Errorf("decide inbox item %d: %w", it.ID, err)
		}
	}
	return t, nil
}
