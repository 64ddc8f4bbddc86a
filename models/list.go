package models

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// listSpec describes a golden-record list ordered by (name, id) with substring search.
type listSpec[T any] struct {
	table   string                  // products, customers
	terms   []string                // folded search words; every one must match
	filters func(*gorm.DB) *gorm.DB // the list's other filters
	key     func(T) Cursor
	page    PageRequest
}

// matchTerms adds the exact search conditions: every word is a substring of search_text.
func matchTerms(q *gorm.DB, table string, terms []string) *gorm.DB {
	for _, t := range terms {
		q = q.Where(fmt.Sprintf(`%s.search_text LIKE ? ESCAPE '\'`, table), likePattern(t))
	}
	return q
}

// ftsQuery is the FTS5 MATCH expression for the words long enough for trigrams, or "".
func ftsQuery(terms []string) string {
	var parts []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) >= 3 {
			parts = append(parts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
		}
	}
	return strings.Join(parts, " AND ")
}

// candidates selects the keys of matching rows through the trigram index: on PostgreSQL
// pg_trgm serves the LIKE itself; on SQLite the FTS5 table drives the join and the exact
// LIKE then removes what a trigram match alone lets through.
func candidates(db *gorm.DB, table string, terms []string, filters func(*gorm.DB) *gorm.DB) *gorm.DB {
	q := db.Table(table)
	if DialectOfDB(db) == SQLite {
		if m := ftsQuery(terms); m != "" {
			// CROSS JOIN fixes the join order: matches first, never a walk of the whole table.
			q = db.Table(fmt.Sprintf("%[1]s_fts CROSS JOIN %[1]s ON %[1]s.id = %[1]s_fts.rowid", table)).
				Where(table+"_fts MATCH ?", m)
		}
	}
	return matchTerms(filters(q), table, terms)
}

// listPage reads one page. Without search words it walks the (name, id) index. With them it
// collects the matching keys through the trigram index, up to countCap, and pages through
// them in memory: an exact count and no sort of the whole table. A search matching more
// than countCap rows sorts its matches in the database instead and shows a capped count.
func listPage[T any](db *gorm.DB, s listSpec[T]) (Page[T], error) {
	var out Page[T]
	if len(s.terms) == 0 {
		base := func() *gorm.DB { return s.filters(db.Table(s.table)) }
		if err := keysetPage(base(), s.page, &out.Items); err != nil {
			return out, fmt.Errorf("list %s: %w", s.table, err)
		}
		out.fill(s.page, s.key)
		var err error
		out.Total, out.TotalCapped, err = cappedCount(base())
		return out, err
	}
	keysOf := func() *gorm.DB {
		return candidates(db, s.table, s.terms, s.filters).Select(fmt.Sprintf("%[1]s.id AS id, %[1]s.name AS name", s.table))
	}
	var keys []Cursor
	if err := keysOf().Limit(countCap + 1).Scan(&keys).Error; err != nil {
		return out, fmt.Errorf("search %s: %w", s.table, err)
	}
	if len(keys) <= countCap {
		return pageOfKeys(db, s, keys)
	}
	// Too many matches to hold: sort just their keys in the database, then load the page.
	var kp Page[Cursor]
	if err := keysetPage(keysOf(), s.page, &kp.Items); err != nil {
		return out, fmt.Errorf("search %s: %w", s.table, err)
	}
	kp.fill(s.page, func(c Cursor) Cursor { return c })
	out.Next, out.Prev, out.Total, out.TotalCapped = kp.Next, kp.Prev, countCap, true
	var err error
	out.Items, err = loadRows(db, s, kp.Items)
	return out, err
}

// pageOfKeys pages through an in-memory set of matching keys and loads the page's rows.
func pageOfKeys[T any](db *gorm.DB, s listSpec[T], keys []Cursor) (Page[T], error) {
	out := Page[T]{Total: int64(len(keys))}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	n := s.page.size()
	start, end := 0, len(keys)
	if c, ok := DecodeCursor(s.page.Before); ok {
		end = sort.Search(len(keys), func(i int) bool { return !keys[i].less(c) })
		start = max(0, end-n)
	} else if c, ok := DecodeCursor(s.page.After); ok {
		start = sort.Search(len(keys), func(i int) bool { return c.less(keys[i]) })
		end = len(keys)
	}
	end = min(end, start+n)
	if start >= end {
		return out, nil
	}
	if start > 0 {
		out.Prev = keys[start].Encode()
	}
	if end < len(keys) {
		out.Next = keys[end-1].Encode()
	}
	var err error
	out.Items, err = loadRows(db, s, keys[start:end])
	return out, err
}

// loadRows loads the rows of keys, in the keys' order.
func loadRows[T any](db *gorm.DB, s listSpec[T], keys []Cursor) ([]T, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, k.ID)
	}
	var rows []T
	if err := db.Table(s.table).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load %s page: %w", s.table, err)
	}
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	items := make([]T, len(rows))
	for _, r := range rows {
		items[pos[s.key(r).ID]] = r
	}
	return items, nil
}

func (c Cursor) less(o Cursor) bool {
	if c.Name != o.Name {
		return c.Name < o.Name
	}
	return c.ID < o.ID
}
