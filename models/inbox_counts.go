package models

import (
	"fmt"
	"strconv"

	"gorm.io/gorm"
)

// tallied tells whether the inbox_counts tallies can answer a filter: they know each
// waiting item's reason, domain, channel and assignee, nothing finer.
func (f InboxFilter) tallied() bool {
	return f.Query == "" && f.Age == "" && f.Domains == nil && f.MaxID == 0
}

// tallies sums the inbox_counts rows per reason: a few hundred rows once compacted, where
// counting the items reads every waiting one.
func (f InboxFilter) tallies(db *gorm.DB) ([]reasonCount, error) {
	q := db.Table("inbox_counts").Select("reason, CAST(sum(n) AS BIGINT) AS n").Group("reason")
	if f.Domain != "" {
		q = q.Where("domain = ?", f.Domain)
	}
	if f.ChannelID != 0 {
		q = q.Where("channel_id = ?", f.ChannelID)
	}
	switch f.Assignee {
	case "":
	case AssigneeNobody:
		q = q.Where("assignee_id = 0")
	case AssigneeMe:
		q = q.Where("assignee_id = ?", f.Me)
	default:
		id, _ := strconv.ParseInt(f.Assignee, 10, 64)
		q = q.Where("assignee_id = ?", id)
	}
	var rows []reasonCount
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("sum inbox tallies: %w", err)
	}
	return rows, nil
}

type reasonCount struct {
	Reason string
	N      int64
}

// CompactInboxCounts folds the inbox_counts rows into one per key, leaving every sum as it
// was. A periodic job calls it; without it the tallies stay right and only grow slower to
// sum. On PostgreSQL the rows deleted are exactly the rows summed (DELETE … RETURNING), so
// a row another transaction appends meanwhile is kept, not lost.
func CompactInboxCounts(db *gorm.DB) error {
	const fold = `INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
SELECT reason, domain, channel_id, assignee_id, sum(n) FROM %s GROUP BY reason, domain, channel_id, assignee_id HAVING sum(n) <> 0`
	if DialectOfDB(db) == Postgres {
		err := db.Exec(`WITH gone AS (DELETE FROM inbox_counts RETURNING reason, domain, channel_id, assignee_id, n) ` + fmt.Sprintf(fold, "gone")).Error
		if err != nil {
			return fmt.Errorf("compact inbox tallies: %w", err)
		}
		return nil
	}
	// SQLite has one writer: nothing appends between the sum and the delete.
	return db.Transaction(func(tx *gorm.DB) error {
		var last int64
		if err := tx.Raw("SELECT COALESCE(max(id), 0) FROM inbox_counts").Scan(&last).Error; err != nil {
			return err
		}
		if err := tx.Exec(fmt.Sprintf(fold, "(SELECT * FROM inbox_counts WHERE id <= ?) AS upto"), last).Error; err != nil {
			return fmt.Errorf("compact inbox tallies: %w", err)
		}
		return tx.Exec("DELETE FROM inbox_counts WHERE id <= ?", last).Error
	})
}
