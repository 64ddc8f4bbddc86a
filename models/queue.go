package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// QueueItem is one item waiting in a queue, as lists and the dashboard show it.
type QueueItem struct {
	ID        int64
	Kind      string // domain, reason or channel, depending on the queue
	Summary   string
	CreatedAt time.Time
}

// Queue describes where a queue's open items live.
type Queue struct {
	Key    string // inbox, duplicates, pricing, publications
	Label  string
	Href   string
	table  string
	status string
	kind   string
}

// Queues are the queues people work, in the order the dashboard shows them.
var Queues = []Queue{
	{"inbox", "Inbox", "/inbox", "inbox_items", "open", "reason"},
	{"duplicates", "Duplicate candidates", "/duplicates", "duplicate_candidates", "open", "domain"},
	{"pricing", "Price proposals", "/pricing", "price_proposals", "pending", "status"},
	{"publications", "Failed publications", "/publications", "publications", "failed", "object_type"},
}

// QueueByKey finds a queue.
func QueueByKey(key string) (Queue, bool) {
	for _, q := range Queues {
		if q.Key == key {
			return q, true
		}
	}
	return Queue{}, false
}

// QueueSummary is the size of a queue and its oldest waiting item.
type QueueSummary struct {
	Queue
	Count  int64
	Oldest *QueueItem
}

// SummarizeQueue counts a queue's open items and finds the oldest.
func SummarizeQueue(db *gorm.DB, q Queue) (QueueSummary, error) {
	s := QueueSummary{Queue: q}
	if err := db.Table(q.table).Where("status = ?", q.status).Count(&s.Count).Error; err != nil {
		return s, fmt.Errorf("count %s: %w", q.Key, err)
	}
	if s.Count == 0 {
		return s, nil
	}
	items, err := QueueItems(db, q, 0, 1)
	if err != nil || len(items) == 0 {
		return s, err
	}
	s.Oldest = &items[0]
	return s, nil
}

// QueueItems lists a queue's open items, oldest first (ids grow with time), after the given id.
func QueueItems(db *gorm.DB, q Queue, afterID int64, limit int) ([]QueueItem, error) {
	var items []QueueItem
	tx := db.Table(q.table).Select("id, "+q.kind+" AS kind, summary, created_at").Where("status = ?", q.status)
	if afterID > 0 {
		tx = tx.Where("id > ?", afterID)
	}
	err := tx.Order("id").Limit(limit).Scan(&items).Error
	return items, err
}

// ReasonSummary is how many inbox items wait for one reason, and the oldest of them.
type ReasonSummary struct {
	Reason string
	Count  int64
	Oldest *QueueItem // Kind is the item's domain
}

// InboxSummary is the inbox by reason, and how many items people decided since a time.
type InboxSummary struct {
	Reasons      []ReasonSummary // every reason, in Reasons order, waiting or not
	DecidedSince int64
}

// SummarizeInbox counts the waiting items per reason with the oldest of each, and the
// items decided since dayStart. Each oldest item is one probe of the (status, reason, id)
// index.
func SummarizeInbox(db *gorm.DB, dayStart time.Time) (InboxSummary, error) {
	counts, err := CountInboxByReason(db, InboxFilter{})
	if err != nil {
		return InboxSummary{}, err
	}
	var s InboxSummary
	for _, r := range Reasons {
		rs := ReasonSummary{Reason: r, Count: counts.By[r]}
		if rs.Count > 0 {
			var items []QueueItem
			err := db.Table("inbox_items").Select("id, domain AS kind, summary, created_at").
				Where("status = ? AND reason = ?", InboxOpen, r).Order("id").Limit(1).Scan(&items).Error
			if err != nil {
				return s, fmt.Errorf("oldest %s item: %w", r, err)
			}
			if len(items) > 0 {
				rs.Oldest = &items[0]
			}
		}
		s.Reasons = append(s.Reasons, rs)
	}
	err = db.Table("inbox_items").Where("decided_at >= ?", dayStart).Count(&s.DecidedSince).Error
	if err != nil {
		return s, fmt.Errorf("count decided items: %w", err)
	}
	return s, nil
}

// Queue is the inbox's size and oldest item as a queue card shows them.
func (s InboxSummary) Queue(q Queue) QueueSummary {
	out := QueueSummary{Queue: q}
	for _, r := range s.Reasons {
		out.Count += r.Count
		if r.Oldest != nil && (out.Oldest == nil || r.Oldest.ID < out.Oldest.ID) {
			oldest := *r.Oldest
			oldest.Kind = r.Reason
			out.Oldest = &oldest
		}
	}
	return out
}

// Totals are the sizes of the golden data, for the dashboard.
type Totals struct {
	Products, Customers, Channels, Users int64
}

// CountTotals counts the golden records.
func CountTotals(db *gorm.DB) (Totals, error) {
	var t Totals
	for _, c := range []struct {
		model any
		n     *int64
	}{{&Product{}, &t.Products}, {&Customer{}, &t.Customers}, {&Channel{}, &t.Channels}, {&User{}, &t.Users}} {
		if err := db.Model(c.model).Count(c.n).Error; err != nil {
			return t, err
		}
	}
	return t, nil
}
