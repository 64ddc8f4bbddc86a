package models

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// queueTables hold work items rather than golden data: one changed since a merge (an inbox
// item decided, a pair scored again) is left as it is by an unmerge instead of blocking it.
var queueTables = []string{"inbox_items", "duplicate_candidates"}

// UnmergeRecords undoes a merge in the caller's transaction: every row the merge touched
// is written back exactly as it was before, references move back, and both records are
// published again. It refuses, saying what changed, when golden data the merge wrote was
// changed since (the survivor edited or merged again, an address moved on): writing the old
// rows back would silently undo that later work.
func UnmergeRecords(tx *gorm.DB, mergeID int64, version int, who Actor, note string) (Merge, error) {
	var m Merge
	if err := tx.Take(&m, mergeID).Error; err != nil {
		return m, notFound(err)
	}
	if m.Status != MergeDone {
		at := ""
		if m.UnmergedAt != nil {
			at = " at " + m.UnmergedAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		return m, refused("Already unmerged by %s%s.", m.UnmergedBy, at)
	}
	if version != 0 && m.Version != version {
		return m, refused("This merge changed since you opened it. Look at it again.")
	}
	before, err := ParseRowSet(m.BeforeRows)
	if err != nil {
		return m, err
	}
	after, err := ParseRowSet(m.AfterRows)
	if err != nil {
		return m, err
	}
	ids := before.IDs()
	for t, more := range after.IDs() {
		ids[t] = uniqueIDs(append(ids[t], more...))
	}
	now, err := loadRowSet(tx, ids)
	if err != nil {
		return m, err
	}
	changes := diffRows(after, now)
	changes = append(changes, reappeared(before, after, now)...)
	restore, skipped, blocking := RowSet{}, 0, []RowChange{}
	moved := map[string]map[int64]bool{}
	for _, c := range changes {
		if slices.Contains(queueTables, c.Table) {
			if moved[c.Table] == nil {
				moved[c.Table] = map[int64]bool{}
			}
			moved[c.Table][c.ID] = true
			continue
		}
		blocking = append(blocking, c)
	}
	if len(blocking) > 0 {
		return m, refused("%s", unmergeBlockedMessage(m, blocking))
	}
	for t, rows := range before {
		for _, r := range rows {
			if moved[t][r.ID()] {
				skipped++
				continue
			}
			restore[t] = append(restore[t], r)
		}
	}
	if err := writeRows(tx, restore); err != nil {
		return m, err
	}
	at := tx.NowFunc()
	upd := map[string]any{"status": MergeUndone, "unmerged_by": who.Name, "unmerged_at": at, "note": note, "version": m.Version + 1}
	if who.ID != 0 {
		upd["unmerged_by_id"] = who.ID
	}
	if err := tx.Model(&Merge{}).Where("id = ? AND version = ?", m.ID, m.Version).Updates(upd).Error; err != nil {
		return m, err
	}
	if err := tx.Take(&m, m.ID).Error; err != nil {
		return m, err
	}
	reason := fmt.Sprintf("unmerged %s %d from %d", m.Domain, m.DuplicateID, m.SurvivorID)
	if skipped > 0 {
		reason += fmt.Sprintf("; %d queue items changed since the merge were left as they are", skipped)
	}
	if note != "" {
		reason += ": " + note
	}
	if err := errors.Join(
		Audit(tx, who, Change{Action: "unmerge", ObjectType: ObjectMerge, ObjectID: m.ID, Reason: reason}),
		Audit(tx, who, Change{Action: "unmerge.survivor", ObjectType: m.Domain, ObjectID: m.SurvivorID, Reason: reason}),
		Audit(tx, who, Change{Action: "unmerge.duplicate", ObjectType: m.Domain, ObjectID: m.DuplicateID, Reason: reason}),
	); err != nil {
		return m, err
	}
	return m, republish(tx, m)
}

// reappeared lists rows the merge deleted that exist again: writing them back would fail.
func reappeared(before, after, now RowSet) []RowChange {
	var out []RowChange
	for t, rows := range before {
		kept := map[int64]bool{}
		for _, r := range after[t] {
			kept[r.ID()] = true
		}
		present := map[int64]bool{}
		for _, r := range now[t] {
			present[r.ID()] = true
		}
		for _, r := range rows {
			if !kept[r.ID()] && present[r.ID()] {
				out = append(out, RowChange{Table: t, ID: r.ID(), Was: "deleted", Now: "present"})
			}
		}
	}
	return out
}

// unmergeBlockedMessage says what changed since the merge, in a steward's words.
func unmergeBlockedMessage(m Merge, cs []RowChange) string {
	var parts []string
	seen := map[string]bool{}
	for _, c := range cs {
		if c.Column == "version" || c.Column == "updated_at" || c.Column == "search_text" {
			continue
		}
		what := rowName(m, c.Table, c.ID)
		var line string
		switch {
		case c.Column == "":
			line = fmt.Sprintf("%s was %s since", what, c.Now)
		default:
			line = fmt.Sprintf("%s: %s changed from %q to %q", what, strings.ReplaceAll(c.Column, "_", " "), c.Was, c.Now)
		}
		if !seen[line] {
			seen[line] = true
			parts = append(parts, line)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, rowName(m, cs[0].Table, cs[0].ID)+" was saved again since")
	}
	if len(parts) > 5 {
		parts = append(parts[:5], fmt.Sprintf("and %d more changes", len(parts)-5))
	}
	return "This merge cannot be undone safely: records it changed were changed again after it, and undoing it would throw that work away. " +
		strings.Join(parts, "; ") + ". Undo or redo those changes by hand, or leave the merge in place."
}

func rowName(m Merge, table string, id int64) string {
	switch {
	case table == domainTable(m.Domain) && id == m.SurvivorID:
		return fmt.Sprintf("the surviving %s %d", m.Domain, id)
	case table == domainTable(m.Domain) && id == m.DuplicateID:
		return fmt.Sprintf("the merged %s %d", m.Domain, id)
	}
	return fmt.Sprintf("%s %d", strings.ReplaceAll(strings.TrimSuffix(table, "s"), "_", " "), id)
}

// republish queues both records, as restored, to every destination channel.
func republish(tx *gorm.DB, m Merge) error {
	dests, err := MergeDestinations(tx, m.Domain)
	if err != nil {
		return err
	}
	for _, id := range []int64{m.SurvivorID, m.DuplicateID} {
		var v int
		if err := tx.Table(domainTable(m.Domain)).Where("id = ?", id).Pluck("version", &v).Error; err != nil {
			return err
		}
		if _, err := EnqueuePublications(tx, dests, m.Domain, id, v, fmt.Sprintf("unmerged %d from %d", m.DuplicateID, m.SurvivorID)); err != nil {
			return err
		}
	}
	return nil
}

// MergeByID finds a merge.
func MergeByID(db *gorm.DB, id int64) (Merge, error) {
	var m Merge
	return m, notFound(db.Take(&m, id).Error)
}

// MergesOf lists the recent merges a golden record took part in, newest first.
func MergesOf(db *gorm.DB, domain string, id int64, limit int) ([]Merge, error) {
	var out []Merge
	err := db.Omit("before_rows", "after_rows").Where("domain = ? AND (survivor_id = ? OR duplicate_id = ?)", domain, id, id).
		Order("id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// RecentMerges lists the newest merges of a domain ("" for all).
func RecentMerges(db *gorm.DB, domain string, limit int) ([]Merge, error) {
	var out []Merge
	q := db.Omit("before_rows", "after_rows")
	if domain != "" {
		q = q.Where("domain = ?", domain)
	}
	return out, q.Order("id DESC").Limit(limit).Find(&out).Error
}

// MergedInto says which record a merged golden record now lives on (0 when it was not
// merged).
func MergedInto(db *gorm.DB, domain string, id int64) (int64, error) {
	var row struct{ MergedIntoID *int64 }
	if err := db.Table(domainTable(domain)).Select("merged_into_id").Where("id = ?", id).Scan(&row).Error; err != nil {
		return 0, err
	}
	if row.MergedIntoID == nil {
		return 0, nil
	}
	return *row.MergedIntoID, nil
}
