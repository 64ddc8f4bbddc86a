package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"steward/rules/match"
)

// The columns dedupe and link read, by domain. Others are ignored.
var matchColumns = map[match.Domain][]string{
	match.Customers: {"id", "name", "company", "email", "phone", "tax_id", "street", "street2", "city", "postcode", "state", "country"},
	match.Products:  {"id", "sku", "name", "description", "brand", "mpn", "gtin", "price", "category", "uom"},
}

// matchedOn are the columns of which a file needs at least one: without them there is
// nothing to compare.
var matchedOn = map[match.Domain][]string{
	match.Customers: {"name", "company", "email", "phone", "tax_id"},
	match.Products:  {"name", "gtin", "mpn", "sku"},
}

// matchFile is one input file, read and prepared for matching.
type matchFile struct {
	path     string
	ents     []match.Entity
	problems []string // "line 7: …", in line order
}

// problem is a row or value that could not be read, by line.
type problem struct {
	line int
	msg  string
}

// row is one data row: its line and its values by column position in matchColumns.
type row struct {
	line   int
	values []string
}

// batchSize rows are read, then normalised together while the next ones are read.
const batchSize = 2048

// largeFile is where a progress bar starts to be worth its line on the terminal.
const largeFile = 5000

// readMatchFile reads a CSV file of customers or products: header names in any case and
// order, UTF-8 (with or without a byte-order mark) or Windows-1252, rows that cannot be
// read reported by line and skipped. Rows are normalised on all cores while the file is
// read, so that a million rows never sit in memory twice.
func readMatchFile(path string, d match.Domain, stdin io.Reader, stderr io.Writer) (*matchFile, error) {
	var in io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		defer f.Close()
		in = f
	}
	rr, err := newRowReader(in, d)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p := startPreparing(d)
	update, done := func(int64, int64) {}, func() {}
	read := 0
	for {
		batch, err := rr.next(batchSize)
		if err != nil {
			p.stop()
			return nil, fmt.Errorf("%s: read line %d: %w", path, rr.line, err)
		}
		if len(batch) == 0 {
			break
		}
		p.add(batch)
		if read += len(batch); read >= largeFile && read-len(batch) < largeFile {
			update, done = progressBar(stderr, "reading "+path, 0)
		}
		update(int64(read), 0)
	}
	ents, notes := p.finish()
	done()
	mf := &matchFile{path: path, ents: ents}
	all := append(rr.problems, notes...)
	slices.SortStableFunc(all, func(a, b problem) int { return a.line - b.line })
	for _, pr := range all {
		mf.problems = append(mf.problems, fmt.Sprintf("line %d: %s", pr.line, pr.msg))
	}
	return mf, nil
}

// rowReader reads the data rows of a CSV file by the columns of its header.
type rowReader struct {
	cr        *csv.Reader
	header    int   // number of columns in the header
	at        []int // position in the file of each column of matchColumns, -1 when absent
	hasID     bool
	firstLine map[string]int
	line      int
	problems  []problem
}

func newRowReader(in io.Reader, d match.Domain) (*rowReader, error) {
	br := bufio.NewReaderSize(in, 1<<16)
	// Excel writes a byte-order mark before UTF-8; it is not part of the first column name.
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file is empty: it needs a header row with column names such as %s", strings.Join(matchColumns[d][:4], ","))
		}
		return nil, fmt.Errorf("line 1: the header row is not valid CSV (%v)", err)
	}
	cols := matchColumns[d]
	rr := &rowReader{cr: cr, header: len(header), at: make([]int, len(cols)), firstLine: map[string]int{}, line: 1}
	for i := range rr.at {
		rr.at[i] = -1
	}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(decode(h)))
		for c, name := range cols {
			if h == name && rr.at[c] < 0 {
				rr.at[c] = i
			}
		}
	}
	rr.hasID = rr.at[0] >= 0
	found := false
	for _, c := range matchedOn[d] {
		found = found || rr.at[columnIndex(d, c)] >= 0
	}
	if !found {
		return nil, fmt.Errorf("the header row has none of the columns %s compares (%s); the columns it reads are %s",
			d, strings.Join(matchedOn[d], ", "), strings.Join(cols, ","))
	}
	return rr, nil
}

func (rr *rowReader) problem(line int, format string, args ...any) {
	rr.problems = append(rr.problems, problem{line, fmt.Sprintf(format, args...)})
}

// next reads up to n rows; none at the end of the file.
func (rr *rowReader) next(n int) ([]row, error) {
	var rows []row
	for len(rows) < n {
		rec, err := rr.cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			rr.line = pe.Line
			rr.problem(pe.StartLine, "the row is not valid CSV (%v); skipped", pe.Err)
			continue
		}
		if err != nil {
			return nil, err
		}
		// encoding/csv skips blank lines and lets quoted fields span lines: ask it where
		// the record started rather than counting.
		line, _ := rr.cr.FieldPos(0)
		rr.line = line
		if extra := rec[min(rr.header, len(rec)):]; strings.TrimSpace(strings.Join(extra, "")) != "" {
			// Usually an unquoted comma in a name: every value after it sits one column late.
			rr.problem(line, "%d values where the header has %d columns (a comma inside a value that is not in quotes?); skipped", len(rec), rr.header)
			continue
		}
		r := row{line: line, values: make([]string, len(rr.at))}
		blank := true
		for c, i := range rr.at {
			if i >= 0 && i < len(rec) {
				r.values[c] = strings.TrimSpace(decode(rec[i]))
				blank = blank && r.values[c] == ""
			}
		}
		if blank {
			continue
		}
		if !rr.hasID {
			r.values[0] = fmt.Sprint(line) // without an id column, rows are named by their line
		}
		id := r.values[0]
		if id == "" {
			rr.problem(line, "the id is empty; skipped")
			continue
		}
		if first, ok := rr.firstLine[id]; ok {
			rr.problem(line, "the id %s is already used on line %d; skipped", id, first)
			continue
		}
		// A copy: the map outlives the row, and a substring would keep the whole line.
		rr.firstLine[strings.Clone(id)] = line
		rows = append(rows, r)
	}
	return rows, nil
}

func columnIndex(d match.Domain, name string) int {
	for i, c := range matchColumns[d] {
		if c == name {
			return i
		}
	}
	panic("unknown column " + name)
}

// decode reads a field: UTF-8 as it is, anything else as Windows-1252 (the Latin-1 that
// spreadsheet programs actually write).
func decode(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}
