package models

import (
	"encoding/base64"
	"encoding/json"

	"gorm.io/gorm"
)

// PageSize is how many rows a list shows at once.
const PageSize = 50

// countCap bounds how far a list counts: past it the UI says "2,000+" instead of scanning
// every matching row of a large table on each keystroke.
const countCap = 2000

// Cursor is a position in a list ordered by (name, id).
type Cursor struct {
	Name string `json:"n"`
	ID   int64  `json:"i"`
}

// Encode turns the cursor into a URL-safe token.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a token made by Encode; a damaged token means "from the start".
func DecodeCursor(s string) (Cursor, bool) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID <= 0 {
		return Cursor{}, false
	}
	return c, true
}

// PageRequest asks for the rows after or before a cursor (keyset pagination).
type PageRequest struct {
	After  string
	Before string
	Size   int
}

// Page is one page of a list with the cursors to move on from it.
type Page[T any] struct {
	Items       []T
	Next        string // cursor for the following page, "" at the end
	Prev        string // cursor for the preceding page, "" at the start
	Total       int64
	TotalCapped bool // Total stopped counting at the cap
}

func (r PageRequest) size() int {
	if r.Size <= 0 || r.Size > 500 {
		return PageSize
	}
	return r.Size
}

// keysetPage reads one page ordered by (name, id); one extra row tells whether more follow.
func keysetPage[T any](q *gorm.DB, r PageRequest, dst *[]T) error {
	n := r.size()
	if c, ok := DecodeCursor(r.Before); ok {
		q = q.Where("(name < ?) OR (name = ? AND id < ?)", c.Name, c.Name, c.ID).Order("name DESC, id DESC")
		if err := q.Limit(n + 1).Find(dst).Error; err != nil {
			return err
		}
		s := *dst
		for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
			s[i], s[j] = s[j], s[i]
		}
		return nil
	}
	if c, ok := DecodeCursor(r.After); ok {
		q = q.Where("(name > ?) OR (name = ? AND id > ?)", c.Name, c.Name, c.ID)
	}
	return q.Order("name, id").Limit(n + 1).Find(dst).Error
}

// fill trims the look-ahead row and sets the cursors.
func (p *Page[T]) fill(r PageRequest, key func(T) Cursor) {
	n := r.size()
	_, backwards := DecodeCursor(r.Before)
	_, forwards := DecodeCursor(r.After)
	more := len(p.Items) > n
	if more {
		if backwards {
			p.Items = p.Items[1:] // the extra row is the one furthest back
		} else {
			p.Items = p.Items[:n]
		}
	}
	if len(p.Items) == 0 {
		return
	}
	first, last := key(p.Items[0]), key(p.Items[len(p.Items)-1])
	if backwards {
		p.Next = last.Encode()
		if more {
			p.Prev = first.Encode()
		}
		return
	}
	if more {
		p.Next = last.Encode()
	}
	if forwards {
		p.Prev = first.Encode()
	}
}

// cappedCount counts matching rows up to countCap.
func cappedCount(q *gorm.DB) (int64, bool, error) {
	var n int64
	sub := q.Select("1").Limit(countCap + 1)
	if err := q.Session(&gorm.Session{NewDB: true}).Table("(?) AS capped", sub).Count(&n).Error; err != nil {
		return 0, false, err
	}
	if n > countCap {
		return countCap, true, nil
	}
	return n, false, nil
}
