package models

import (
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// Assignee filters of the inbox besides a user id.
const (
	AssigneeMe     = "me"
	AssigneeNobody = "nobody"
)

// Age filters of the inbox: how long an item has waited.
const (
	AgeDay   = "day"   // less than a day
	AgeWeek  = "week"  // one to seven days
	AgeMonth = "month" // one to four weeks
	AgeOlder = "older" // more than four weeks
)

// Ages lists the age filters from the youngest.
var Ages = []string{AgeDay, AgeWeek, AgeMonth, AgeOlder}

// ageBounds are the waiting times an age filter covers: at least min, less than max (0: no
// bound).
var ageBounds = map[string][2]time.Duration{
	AgeDay:   {0, 24 * time.Hour},
	AgeWeek:  {24 * time.Hour, 7 * 24 * time.Hour},
	AgeMonth: {7 * 24 * time.Hour, 28 * 24 * time.Hour},
	AgeOlder: {28 * 24 * time.Hour, 0},
}

// InboxFilter narrows the waiting items. Zero fields do not filter. It is stored with a
// bulk run, which works through the same items the person confirmed.
type InboxFilter struct {
	Query     string    `json:"q,omitempty"`
	Domain    string    `json:"domain,omitempty"`
	Reason    string    `json:"reason,omitempty"`
	ChannelID int64     `json:"channel_id,omitempty"`
	Assignee  string    `json:"assignee,omitempty"` // "", AssigneeMe, AssigneeNobody or a user id
	Me        int64     `json:"me,omitempty"`       // the user AssigneeMe means
	Age       string    `json:"age,omitempty"`
	Newest    bool      `json:"newest,omitempty"` // newest first instead of oldest first
	Now       time.Time `json:"now"`              // ages are measured from here
	// Domains keeps only items of these domains (nil: every domain): a bulk decision
	// covers only what its author may decide.
	Domains []string `json:"domains,omitempty"`
	// MaxID leaves out items that arrived after a bulk decision was confirmed.
	MaxID int64       `json:"max_id,omitempty"`
	Page  PageRequest `json:"-"`

	// The id range an age filter covers (withAgeIDs); ageIDs says it was worked out.
	ageIDs         bool
	idFrom, idUpTo int64
}

// withAgeIDs turns an age filter into a range of ids, found with one probe of the
// (status, created_at, id) index for each end: ids grow with time, so the list then walks
// only the items of that age instead of skipping over all the others.
func (f InboxFilter) withAgeIDs(db *gorm.DB) (InboxFilter, error) {
	b, ok := ageBounds[f.Age]
	if !ok || f.ageIDs {
		return f, nil
	}
	f.ageIDs = true
	probe := func(cond string, at time.Time, order string) (int64, bool, error) {
		var ids []int64
		err := db.Table("inbox_items").Where("status = ? AND created_at "+cond+" ?", InboxOpen, at).Order(order).Limit(1).Pluck("id", &ids).Error
		if err != nil || len(ids) == 0 {
			return 0, false, err
		}
		return ids[0], true, nil
	}
	if b[1] > 0 {
		id, found, err := probe(">", f.Now.Add(-b[1]), "created_at, id")
		if err != nil {
			return f, fmt.Errorf("inbox age %s: %w", f.Age, err)
		}
		f.idFrom = id
		if !found {
			f.idUpTo = -1 // nothing that young
		}
	}
	if b[0] > 0 && f.idUpTo == 0 {
		id, found, err := probe("<=", f.Now.Add(-b[0]), "created_at DESC, id DESC")
		if err != nil {
			return f, fmt.Errorf("inbox age %s: %w", f.Age, err)
		}
		f.idUpTo = id
		if !found {
			f.idUpTo = -1 // nothing that old
		}
	}
	return f, nil
}

// query selects the open items matching the filter, and names the id column to order and
// page by. On SQLite a search walks the FTS5 trigram index in id order (its rowid), so the
// first page of a search stops after its rows instead of collecting every match.
func (f InboxFilter) query(db *gorm.DB) (*gorm.DB, string) {
	terms := searchTerms(f.Query)
	q, idCol := db.Table("inbox_items"), "inbox_items.id"
	if DialectOfDB(db) == SQLite {
		if m := ftsQuery(terms); m != "" {
			q = db.Table("inbox_items_fts CROSS JOIN inbox_items ON inbox_items.id = inbox_items_fts.rowid").
				Where("inbox_items_fts MATCH ?", m)
			idCol = "inbox_items_fts.rowid"
		}
	}
	q = matchTerms(q, "inbox_items", terms).Where("inbox_items.status = ?", InboxOpen)
	if f.Domain != "" {
		q = q.Where("inbox_items.domain = ?", f.Domain)
	}
	if f.Domains != nil {
		// An empty list matches nothing: gorm writes IN (NULL).
		q = q.Where("inbox_items.domain IN ?", f.Domains)
	}
	if f.Reason != "" {
		q = q.Where("inbox_items.reason = ?", f.Reason)
	}
	if f.ChannelID != 0 {
		q = q.Where("inbox_items.channel_id = ?", f.ChannelID)
	}
	switch f.Assignee {
	case "":
	case AssigneeNobody:
		q = q.Where("inbox_items.assignee_id IS NULL")
	case AssigneeMe:
		q = q.Where("inbox_items.assignee_id = ?", f.Me)
	default:
		id, _ := strconv.ParseInt(f.Assignee, 10, 64)
		q = q.Where("inbox_items.assignee_id = ?", id)
	}
	if f.idFrom > 0 {
		q = q.Where(idCol+" >= ?", f.idFrom)
	}
	if f.idUpTo != 0 {
		q = q.Where(idCol+" <= ?", f.idUpTo)
	}
	// The exact test stays, for items whose ids and times disagree (a clock moved back).
	if b, ok := ageBounds[f.Age]; ok {
		if b[0] > 0 {
			q = q.Where("inbox_items.created_at <= ?", f.Now.Add(-b[0]))
		}
		if b[1] > 0 {
			q = q.Where("inbox_items.created_at > ?", f.Now.Add(-b[1]))
		}
	}
	if f.MaxID > 0 {
		q = q.Where(idCol+" <= ?", f.MaxID)
	}
	return q, idCol
}
