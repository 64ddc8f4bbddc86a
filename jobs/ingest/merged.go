package ingest

import (
	"encoding/json"
	"fmt"

	"steward/models"
	"steward/rules"
)

// maxMergeHops bounds how far a chain of merges is followed (a survivor merged again
// later): a loop could only come from a corrupted table, and must not hang a pull.
const maxMergeHops = 16

// merges reports whether golden records of an object type can be merged into another.
func merges(object string) bool {
	return object == models.ObjectCustomer || object == models.ObjectProduct
}

// followMergedRefs points every preloaded reference of a merged record at the record it
// was merged into. A channel may go on sending the duplicate under its own id (in a
// channel where both records existed, the duplicate keeps its reference); its changes
// belong to the survivor, through the ownership rules like any other change, and must
// never write to, or revive, the merged record.
func (b *batch) followMergedRefs() error {
	for _, object := range []string{models.ObjectCustomer, models.ObjectProduct} {
		var ids []int64
		for k, id := range b.refs {
			if k.object == object && id != 0 {
				ids = append(ids, id)
			}
		}
		into, err := b.survivors(object, ids)
		if err != nil {
			return err
		}
		if len(into) == 0 {
			continue
		}
		for k, id := range b.refs {
			if s, ok := into[id]; ok && k.object == object {
				b.refs[k] = s
				b.markMerged(k)
			}
		}
	}
	return nil
}

// survivors maps each of ids that was merged to the record it lives on now, following
// later merges of the survivor too, in one query per hop.
func (b *batch) survivors(object string, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 || !merges(object) {
		return out, nil
	}
	table := "customers"
	if object == models.ObjectProduct {
		table = "products"
	}
	next := map[int64]int64{} // merged id → where it went
	ask := ids
	for hop := 0; len(ask) > 0; hop++ {
		if hop == maxMergeHops {
			return nil, fmt.Errorf("%s %d: merged records point at each other in a loop", object, ask[0])
		}
		var rows []struct{ ID, MergedIntoID int64 }
		for start := 0; start < len(ask); start += 500 {
			var part []struct{ ID, MergedIntoID int64 }
			if err := b.tx.Table(table).Select("id, merged_into_id").
				Where("id IN ? AND merged_into_id IS NOT NULL", ask[start:min(start+500, len(ask))]).Scan(&part).Error; err != nil {
				return nil, fmt.Errorf("follow merged %s records: %w", object, err)
			}
			rows = append(rows, part...)
		}
		ask = nil
		for _, r := range rows {
			if _, seen := next[r.ID]; !seen {
				next[r.ID] = r.MergedIntoID
				ask = append(ask, r.MergedIntoID)
			}
		}
	}
	for _, id := range ids {
		s, hops := id, 0
		for ; hops < maxMergeHops; hops++ {
			n, ok := next[s]
			if !ok {
				break
			}
			s = n
		}
		if s != id {
			out[id] = s
		}
	}
	return out, nil
}

// follow is the record the golden id a reference names lives on now: itself unless it
// was merged.
func (b *batch) follow(k refKey, id int64) (int64, error) {
	into, err := b.survivors(k.object, []int64{id})
	if err != nil {
		return 0, err
	}
	if s, ok := into[id]; ok {
		b.markMerged(k)
		return s, nil
	}
	return id, nil
}

func (b *batch) markMerged(k refKey) {
	if b.merged == nil {
		b.merged = map[refKey]bool{}
	}
	b.merged[k] = true
}

// mergedChange narrows a change that arrives under a merged record's id to what the
// channel changed since it last sent that record. Compared with the survivor as a whole,
// the duplicate's old values would otherwise overwrite the merged ones at its next save.
// Whether the record is active is never taken from it: archiving the duplicate is what
// the merge asked of the channel, not news about the survivor. rec is the change's incoming
// record: when it is stored already (a held change a steward approves), the copy before it
// is the one compared with.
func (b *batch) mergedChange(c Change, rec *models.IncomingRecord) (Change, error) {
	if !merges(c.Object) {
		return c, nil
	}
	k := refKey{c.Object, c.ExternalID}
	if _, err := b.golden(c.Object, c.ExternalID); err != nil || !b.merged[k] {
		return c, err
	}
	var prev []models.IncomingRecord
	q := b.tx.Select("payload").Where("channel_id = ? AND object_type = ? AND external_id = ?", b.ch.ID, c.Object, c.ExternalID)
	if rec != nil && rec.ID != 0 {
		q = q.Where("id < ?", rec.ID)
	}
	if err := q.Order("id DESC").Limit(1).Find(&prev).Error; err != nil {
		return c, fmt.Errorf("read the last %s %s from %s: %w", c.Object, c.ExternalID, b.ch.Name, err)
	}
	var last Change
	if len(prev) == 1 {
		if err := json.Unmarshal([]byte(prev[0].Payload), &last); err != nil {
			return c, fmt.Errorf("read the last %s %s from %s: %w", c.Object, c.ExternalID, b.ch.Name, err)
		}
	}
	var changed []rules.FieldChange
	switch {
	case c.Customer != nil && last.Customer != nil:
		changed = rules.Diff(rules.CustomerAttributes, last.Customer, c.Customer, c.Provided)
		if c.ParentRef != last.ParentRef {
			changed = append(changed, rules.FieldChange{Field: "parent_id"})
		}
	case c.Product != nil && last.Product != nil:
		changed = rules.Diff(rules.ProductAttributes, last.Product, c.Product, c.Provided)
	}
	// Without an earlier copy nothing says what changed: nothing is taken.
	provided := []string{}
	for _, f := range changed {
		if f.Field != "active" && f.Field != "lifecycle_status" {
			provided = append(provided, f.Field)
		}
	}
	c.Provided = provided
	return c, nil
}
