package models

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Cell is one column value as the database driver gave it, kept with its Go type so a row
// written back is stored exactly as it was read: an integer stays an integer, a time keeps
// its instant and offset, NULL stays NULL. JSON numbers and strings alone would lose that.
type Cell struct {
	Null  bool       `json:"n,omitempty"`
	Int   *int64     `json:"i,omitempty"`
	Float *float64   `json:"f,omitempty"`
	Text  *string    `json:"s,omitempty"`
	Bool  *bool      `json:"b,omitempty"`
	Time  *time.Time `json:"t,omitempty"`
	Bytes *string    `json:"x,omitempty"` // base64
}

func cellOf(v any) Cell {
	switch v := v.(type) {
	case nil:
		return Cell{Null: true}
	case int64:
		return Cell{Int: &v}
	case int32:
		n := int64(v)
		return Cell{Int: &n}
	case int:
		n := int64(v)
		return Cell{Int: &n}
	case float64:
		return Cell{Float: &v}
	case float32:
		f := float64(v)
		return Cell{Float: &f}
	case string:
		return Cell{Text: &v}
	case bool:
		return Cell{Bool: &v}
	case time.Time:
		return Cell{Time: &v}
	case []byte:
		s := base64.StdEncoding.EncodeToString(v)
		return Cell{Bytes: &s}
	}
	s := fmt.Sprint(v)
	return Cell{Text: &s}
}

// Value is the cell as a statement argument.
func (c Cell) Value() any {
	switch {
	case c.Int != nil:
		return *c.Int
	case c.Float != nil:
		return *c.Float
	case c.Text != nil:
		return *c.Text
	case c.Bool != nil:
		return *c.Bool
	case c.Time != nil:
		return *c.Time
	case c.Bytes != nil:
		b, _ := base64.StdEncoding.DecodeString(*c.Bytes)
		return b
	}
	return nil
}

// Equal compares values, times by instant.
func (c Cell) Equal(o Cell) bool {
	if c.Time != nil && o.Time != nil {
		return c.Time.Equal(*o.Time)
	}
	return c.String() == o.String()
}

// String is the value as a person reads it in a message.
func (c Cell) String() string {
	switch {
	case c.Int != nil:
		return strconv.FormatInt(*c.Int, 10)
	case c.Float != nil:
		return strconv.FormatFloat(*c.Float, 'g', -1, 64)
	case c.Text != nil:
		return *c.Text
	case c.Bool != nil:
		return strconv.FormatBool(*c.Bool)
	case c.Time != nil:
		return c.Time.UTC().Format(time.RFC3339Nano)
	case c.Bytes != nil:
		return *c.Bytes
	}
	return "NULL"
}

// Row is one table row, column name to value.
type Row map[string]Cell

// ID is the row's id column.
func (r Row) ID() int64 {
	if c, ok := r["id"]; ok && c.Int != nil {
		return *c.Int
	}
	return 0
}

// RowSet is every row a merge touched, by table.
type RowSet map[string][]Row

// mergeTables are the tables a merge may touch, in the order rows are written back:
// referenced rows before the rows that reference them.
var mergeTables = []string{"customers", "products", "addresses", "contacts", "external_refs", "price_rules",
	"price_proposals", "inventory_levels", "inbox_items", "duplicate_candidates"}

// loadTableRows reads whole rows of a table by id, with the driver's own values.
func loadTableRows(tx *gorm.DB, table string, ids []int64) ([]Row, error) {
	var out []Row
	ids = uniqueIDs(ids)
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		rows, err := tx.Raw(fmt.Sprintf(`SELECT * FROM %s WHERE id IN ? ORDER BY id`, table), part).Rows()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", table, err)
			}
			r := Row{}
			for i, c := range cols {
				r[c] = cellOf(vals[i])
			}
			out = append(out, r)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadRowSet reads the current rows of every table and id in ids.
func loadRowSet(tx *gorm.DB, ids map[string][]int64) (RowSet, error) {
	out := RowSet{}
	for _, t := range mergeTables {
		if len(ids[t]) == 0 {
			continue
		}
		rows, err := loadTableRows(tx, t, ids[t])
		if err != nil {
			return nil, err
		}
		out[t] = rows
	}
	return out, nil
}

// IDs lists the ids of each table's rows.
func (s RowSet) IDs() map[string][]int64 {
	out := map[string][]int64{}
	for t, rows := range s {
		for _, r := range rows {
			out[t] = append(out[t], r.ID())
		}
	}
	return out
}

// writeRows puts rows back exactly as they are in s: an existing row takes every column's
// value, a row that no longer exists is inserted with its id.
func writeRows(tx *gorm.DB, s RowSet) error {
	for _, t := range mergeTables {
		for _, r := range s[t] {
			cols := make([]string, 0, len(r))
			for c := range r {
				if c != "id" {
					cols = append(cols, c)
				}
			}
			slices.Sort(cols)
			sets := make([]string, len(cols))
			args := make([]any, 0, len(cols)+1)
			for i, c := range cols {
				sets[i] = fmt.Sprintf(`%q = ?`, c)
				args = append(args, r[c].Value())
			}
			res := tx.Exec(fmt.Sprintf(`UPDATE %s SET %s WHERE id = ?`, t, strings.Join(sets, ", ")), append(args, r.ID())...)
			if res.Error != nil {
				return fmt.Errorf("restore %s %d: %w", t, r.ID(), res.Error)
			}
			if res.RowsAffected > 0 {
				continue
			}
			all := append([]string{"id"}, cols...)
			quoted := make([]string, len(all))
			marks := make([]string, len(all))
			for i, c := range all {
				quoted[i], marks[i] = fmt.Sprintf("%q", c), "?"
			}
			err := tx.Exec(fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s)`, t, strings.Join(quoted, ", "), strings.Join(marks, ", ")),
				append([]any{r.ID()}, args...)...).Error
			if err != nil {
				return fmt.Errorf("restore deleted %s %d: %w", t, r.ID(), err)
			}
		}
	}
	return nil
}

// RowChange is one difference between a row as a merge left it and as it is now.
type RowChange struct {
	Table  string
	ID     int64
	Column string // "" when the row was deleted or created
	Was    string
	Now    string
}

// diffRows lists how now differs from then, for the rows then holds.
func diffRows(then, now RowSet) []RowChange {
	var out []RowChange
	for _, t := range mergeTables {
		cur := map[int64]Row{}
		for _, r := range now[t] {
			cur[r.ID()] = r
		}
		for _, r := range then[t] {
			n, ok := cur[r.ID()]
			if !ok {
				out = append(out, RowChange{Table: t, ID: r.ID(), Was: "present", Now: "deleted"})
				continue
			}
			cols := make([]string, 0, len(r))
			for c := range r {
				cols = append(cols, c)
			}
			slices.Sort(cols)
			for _, c := range cols {
				if !r[c].Equal(n[c]) {
					out = append(out, RowChange{Table: t, ID: r.ID(), Column: c, Was: r[c].String(), Now: n[c].String()})
				}
			}
		}
	}
	return out
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func marshalRows(s RowSet) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

// ParseRowSet reads a snapshot stored with a merge.
func ParseRowSet(text string) (RowSet, error) {
	var s RowSet
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return nil, fmt.Errorf("read merge snapshot: %w", err)
	}
	return s, nil
}
