package models

import (
	"fmt"
	"strconv"

	"gorm.io/gorm"
)

// InboxRow is an item as the list shows it.
type InboxRow struct {
	InboxItem
	ChannelName  string
	AssigneeName string
}

// InboxPage is one page of waiting items with the counts per reason of the whole filter.
type InboxPage struct {
	Items  []InboxRow
	Next   string // cursor for the following page, "" at the end
	Prev   string // cursor for the preceding page, "" at the start
	Counts ReasonCounts
}

// ReasonCounts are how many items wait for each reason, under a filter that ignores the
// reason itself; Capped says a search stopped counting at countCap.
type ReasonCounts struct {
	By     map[string]int64
	All    int64
	Capped bool
}

// ListInbox returns one page of waiting items, oldest first unless f.Newest, paged by id
// (ids grow with time): every filter walks an index in order and stops after one page.
func ListInbox(db *gorm.DB, f InboxFilter) (InboxPage, error) {
	var out InboxPage
	f, err := f.withAgeIDs(db)
	if err != nil {
		return out, err
	}
	n := f.Page.size()
	q, idCol := f.query(db)
	// Moving backwards reads the other way and turns the rows round afterwards.
	back := false
	asc := !f.Newest
	if id, err := strconv.ParseInt(f.Page.Before, 10, 64); err == nil && id > 0 {
		back, asc = true, f.Newest
		q = q.Where(idCol+" "+cmp(asc)+" ?", id)
	} else if id, err := strconv.ParseInt(f.Page.After, 10, 64); err == nil && id > 0 {
		q = q.Where(idCol+" "+cmp(asc)+" ?", id)
	}
	dir := " ASC"
	if !asc {
		dir = " DESC"
	}
	var items []InboxItem
	if err := q.Select("inbox_items.*").Order(idCol + dir).Limit(n + 1).Find(&items).Error; err != nil {
		return out, fmt.Errorf("list inbox: %w", err)
	}
	more := len(items) > n
	if more {
		items = items[:n]
	}
	if back {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	if len(items) > 0 {
		first, last := strconv.FormatInt(items[0].ID, 10), strconv.FormatInt(items[len(items)-1].ID, 10)
		_, forwards := parseID(f.Page.After)
		switch {
		case back:
			out.Next = last
			if more {
				out.Prev = first
			}
		default:
			if more {
				out.Next = last
			}
			if forwards {
				out.Prev = first
			}
		}
	}
	if out.Items, err = InboxRowsOf(db, items); err != nil {
		return out, err
	}
	out.Counts, err = CountInboxByReason(db, f)
	return out, err
}

func cmp(asc bool) string {
	if asc {
		return ">"
	}
	return "<"
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// InboxRowsOf adds the channel's and the assignee's names to items, as the list shows them.
func InboxRowsOf(db *gorm.DB, items []InboxItem) ([]InboxRow, error) {
	if len(items) == 0 {
		return nil, nil
	}
	chans, err := ListChannels(db)
	if err != nil {
		return nil, err
	}
	chName := map[int64]string{}
	for _, c := range chans {
		chName[c.ID] = c.Name
	}
	var userIDs []int64
	for _, it := range items {
		if it.AssigneeID != nil {
			userIDs = append(userIDs, *it.AssigneeID)
		}
	}
	names := map[int64]string{}
	if len(userIDs) > 0 {
		var us []User
		if err := db.Where("id IN ?", userIDs).Find(&us).Error; err != nil {
			return nil, err
		}
		for _, u := range us {
			names[u.ID] = u.Display()
		}
	}
	out := make([]InboxRow, len(items))
	for i, it := range items {
		out[i] = InboxRow{InboxItem: it}
		if it.ChannelID != nil {
			out[i].ChannelName = chName[*it.ChannelID]
		}
		if it.AssigneeID != nil {
			out[i].AssigneeName = names[*it.AssigneeID]
		}
	}
	return out, nil
}

// CountInboxByReason counts the items of a filter per reason, whatever reason the filter
// names, so the reason tabs can show what each would hold. Filters on domain, channel and
// assignee are answered from the tallies in inbox_counts; a search or an age counts the
// items, up to countCap.
func CountInboxByReason(db *gorm.DB, f InboxFilter) (ReasonCounts, error) {
	f.Reason = ""
	f, err := f.withAgeIDs(db)
	if err != nil {
		return ReasonCounts{}, err
	}
	q, _ := f.query(db)
	var rows []reasonCount
	// What the tallies cannot answer (a search, an age) is counted up to countCap: a
	// tab then says "2,000+" instead of reading every waiting item on each keystroke.
	capped := !f.tallied()
	switch {
	case f.tallied():
		if rows, err = f.tallies(db); err != nil {
			return ReasonCounts{}, err
		}
	case capped:
		sub := q.Select("inbox_items.reason AS reason").Limit(countCap + 1)
		err = db.Table("(?) AS m", sub).Select("reason, count(*) AS n").Group("reason").Scan(&rows).Error
	default:
		err = q.Select("inbox_items.reason AS reason, count(*) AS n").Group("inbox_items.reason").Scan(&rows).Error
	}
	if err != nil {
		return ReasonCounts{}, fmt.Errorf("count inbox: %w", err)
	}
	out := ReasonCounts{By: map[string]int64{}}
	for _, r := range rows {
		out.By[r.Reason] = r.N
		out.All += r.N
	}
	out.Capped = capped && out.All > countCap
	if out.Capped {
		out.All = countCap
	}
	return out, nil
}

// CountInbox counts the items of a filter exactly, for the confirmation of a bulk decision.
func CountInbox(db *gorm.DB, f InboxFilter) (int64, error) {
	if f.tallied() {
		c, err := CountInboxByReason(db, f)
		if f.Reason != "" {
			return c.By[f.Reason], err
		}
		return c.All, err
	}
	f, err := f.withAgeIDs(db)
	if err != nil {
		return 0, err
	}
	q, _ := f.query(db)
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count inbox: %w", err)
	}
	return n, nil
}

// LastInboxID is the newest item's id, the bound of a bulk decision confirmed now.
func LastInboxID(db *gorm.DB) (int64, error) {
	var id *int64
	if err := db.Table("inbox_items").Select("max(id)").Scan(&id).Error; err != nil {
		return 0, err
	}
	if id == nil {
		return 0, nil
	}
	return *id, nil
}

// InboxItemsAfter lists up to limit items of a filter after an id, oldest first: how a bulk
// run walks its filter.
func InboxItemsAfter(db *gorm.DB, f InboxFilter, afterID int64, limit int) ([]InboxItem, error) {
	f, err := f.withAgeIDs(db)
	if err != nil {
		return nil, err
	}
	q, idCol := f.query(db)
	var items []InboxItem
	err = q.Select("inbox_items.*").Where(idCol+" > ?", afterID).Order(idCol).Limit(limit).Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("read inbox after %d: %w", afterID, err)
	}
	return items, nil
}

// InboxItemsByIDs loads the open items among ids, oldest first.
func InboxItemsByIDs(db *gorm.DB, ids []int64) ([]InboxItem, error) {
	var items []InboxItem
	if len(ids) == 0 {
		return nil, nil
	}
	err := db.Where("id IN ?", ids).Order("id").Find(&items).Error
	return items, err
}

// NextInboxItem is the open item after id in the list's order, for "decide and go on".
func NextInboxItem(db *gorm.DB, f InboxFilter, afterID int64) (int64, error) {
	f, err := f.withAgeIDs(db)
	if err != nil {
		return 0, err
	}
	q, idCol := f.query(db)
	asc := !f.Newest
	dir := " ASC"
	if !asc {
		dir = " DESC"
	}
	var ids []int64
	err = q.Where(idCol+" "+cmp(asc)+" ?", afterID).Order(idCol+dir).Limit(1).Pluck("inbox_items.id", &ids).Error
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}
