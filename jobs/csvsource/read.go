package csvsource

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"steward/jobs/ingest"
	"steward/models"
)

// Problem is a row that could not be read, named so a person can find and fix it.
type Problem struct {
	Line    int
	Column  string
	Message string
}

func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Message)
}

// Reader turns the rows of one CSV file into changes, a page at a time.
type Reader struct {
	object   string // models.SyncProducts or models.SyncCustomers
	csv      *csv.Reader
	header   []string
	index    map[string]int
	line     int
	Problems []Problem
}

// pageSize rows make one transaction.
const pageSize = 500

// NewReader reads the header and checks that the file can be imported as object.
func NewReader(r io.Reader, object string) (*Reader, error) {
	if object != models.SyncProducts && object != models.SyncCustomers {
		return nil, fmt.Errorf("Steward imports products or customers from CSV, not %q", object)
	}
	br := bufio.NewReader(r)
	// Excel writes a byte-order mark before UTF-8; it is not part of the first column name.
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file is empty: it needs a header row with column names such as %s", strings.Join(columnsOf(object)[:4], ","))
		}
		return nil, fmt.Errorf("line 1: %v", err)
	}
	rd := &Reader{object: object, csv: cr, index: map[string]int{}, line: 1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(text(h)))
		rd.header = append(rd.header, h)
		if h != "" {
			rd.index[h] = i
		}
	}
	if err := rd.checkHeader(); err != nil {
		return nil, err
	}
	return rd, nil
}

func (r *Reader) checkHeader() error {
	required := []string{"sku", "name"}
	if r.object == models.SyncCustomers {
		required = []string{"name"}
		if !r.hasColumn("id") && !r.hasColumn("tax_id") {
			required = append(required, "id (or tax_id)")
		}
	}
	var missing []string
	for _, c := range required {
		if !r.hasColumn(c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the header row lacks the column %s; the columns Steward reads are %s", strings.Join(missing, ", "), strings.Join(columnsOf(r.object), ","))
	}
	return nil
}

func (r *Reader) hasColumn(c string) bool { _, ok := r.index[c]; return ok }

// text decodes a field: UTF-8 as it is, anything else as Windows-1252 (the Latin-1 that
// spreadsheet programs actually write).
func text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// Next returns the next page of changes and the line reached, or io.EOF at the end. Rows
// that cannot be read are added to Problems and skipped: a bad row never stops the good ones.
func (r *Reader) Next() ([]ingest.Change, int, error) {
	var page []ingest.Change
	for len(page) < pageSize {
		rec, err := r.csv.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			// encoding/csv skips blank lines and lets quoted fields span lines: ask it
			// where the record started rather than counting.
			r.line, _ = r.csv.FieldPos(0)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				r.line = pe.Line
				r.Problems = append(r.Problems, Problem{Line: pe.Line, Message: "the row is not valid CSV (" + pe.Err.Error() + ")"})
				continue
			}
			return page, r.line, fmt.Errorf("read line %d: %w", r.line, err)
		}
		if blank(rec) {
			continue
		}
		row := r.row(rec)
		var c []ingest.Change
		var probs []Problem
		if r.object == models.SyncProducts {
			c, probs = productChange(row, r.line)
		} else {
			c, probs = customerChanges(row, r.line)
		}
		if len(probs) > 0 {
			r.Problems = append(r.Problems, probs...)
			continue
		}
		page = append(page, c...)
	}
	if len(page) == 0 {
		return nil, r.line, io.EOF
	}
	return page, r.line, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// row is one record by column name, with the columns the file has.
type row struct {
	values map[string]string
}

func (r *Reader) row(rec []string) row {
	v := map[string]string{}
	for name, i := range r.index {
		if i < len(rec) {
			v[name] = strings.TrimSpace(text(rec[i]))
		} else {
			v[name] = ""
		}
	}
	return row{values: v}
}

func (r row) has(col string) bool { _, ok := r.values[col]; return ok }

func (r row) get(col string) string { return r.values[col] }

// Pull reads the whole file as one source pull, page by page; the cursor is the line reached.
func (r *Reader) Pull(ctx context.Context, onPage func([]ingest.Change, string) error) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := onPage(page, fmt.Sprint(line)); err != nil {
			return err
		}
	}
}
