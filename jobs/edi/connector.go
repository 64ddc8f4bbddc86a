package edi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/models"
	"steward/rules/channelmap"
)

// Connector writes a trading partner's 832 and 846 files; one Publish call becomes one
// interchange file.
type Connector struct {
	DB        *gorm.DB
	ChannelID int64
	Config    Config
	Now       func() time.Time
}

// New builds the connector for an EDI channel from its settings.
func New(db *gorm.DB, ch models.Channel) (*Connector, error) {
	c, err := ParseConfig(ch.Settings)
	if err != nil {
		return nil, fmt.Errorf("channel %s: %w", ch.Name, err)
	}
	return &Connector{DB: db, ChannelID: ch.ID, Config: c, Now: time.Now}, nil
}

// MaxBatch keeps a file to a size partners' translators take in one go.
func (c *Connector) MaxBatch() int { return 500 }

// Publish writes every acceptable item into one interchange: an 832 group for products and
// prices, an 846 group for stock. Items the partner must not receive fail on their own.
func (c *Connector) Publish(ctx context.Context, items []publish.Item) ([]publish.Outcome, error) {
	out := make([]publish.Outcome, len(items))
	lines := make([]channelmap.EDILine, len(items))
	var catalogAt, stockAt []int // indexes into items
	for i, it := range items {
		l, err := c.line(it)
		if err != nil {
			out[i].Err = err
			continue
		}
		lines[i] = l
		out[i].ExternalID = l.SKU // partners know items by the vendor's item number
		if l.Set == "846" {
			stockAt = append(stockAt, i)
		} else {
			catalogAt = append(catalogAt, i)
		}
	}
	// An 832 has one currency (its CUR segment); a line in another would be read wrong.
	var catalogLines []channelmap.EDILine
	for _, i := range catalogAt {
		catalogLines = append(catalogLines, lines[i])
	}
	if cur := catalogCurrency(c.Config, catalogLines); cur != "" {
		keep := catalogAt[:0]
		for _, i := range catalogAt {
			if l := lines[i]; l.Currency != "" && l.Currency != cur {
				out[i] = publish.Outcome{Err: &publish.Error{Class: publish.ClassValidation, Field: "currency",
					Message: fmt.Sprintf("This trading partner's catalog is in %s; the price is in %s", cur, l.Currency)}}
				continue
			}
			keep = append(keep, i)
		}
		catalogAt = keep
	}
	if len(catalogAt) == 0 && len(stockAt) == 0 {
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, &publish.Error{Class: publish.ClassTimeout, Retry: true, Message: "The EDI file was not written in time", Detail: err.Error()}
	}
	pick := func(at []int) ([]channelmap.EDILine, []int64) {
		var ls []channelmap.EDILine
		var ids []int64
		for _, i := range at {
			ls, ids = append(ls, lines[i]), append(ids, items[i].PublicationID)
		}
		return ls, ids
	}
	catalog, catalogIDs := pick(catalogAt)
	stock, stockIDs := pick(stockAt)
	if _, err := c.send(catalog, catalogIDs, stock, stockIDs); err != nil {
		return nil, err
	}
	return out, nil
}

// line decodes a rendered item and checks the partner may receive it.
func (c *Connector) line(it publish.Item) (channelmap.EDILine, error) {
	var l channelmap.EDILine
	if err := json.Unmarshal(it.Payload, &l); err != nil {
		return l, &publish.Error{Class: publish.ClassValidation, Message: "The EDI line could not be read; re-render it with the current mapping", Detail: err.Error()}
	}
	switch {
	case l.Set != "832" && l.Set != "846":
		return l, &publish.Error{Class: publish.ClassValidation, Message: "EDI partners take products, prices and stock only", Detail: "set " + l.Set}
	case l.SKU == "":
		return l, &publish.Error{Class: publish.ClassValidation, Message: "The item has no SKU for the LIN segment", Field: "sku"}
	case l.CustomerID != nil && *l.CustomerID != c.Config.CustomerID:
		// Another customer's contract price must never reach this partner. Marked as not for
		// this channel too, so the outbox skips it with the reason: every EDI channel gets
		// every customer's prices, and only its own customer's are for it.
		return l, fmt.Errorf("%w (%w)", &publish.Error{Class: publish.ClassValidation, Message: "This price belongs to another customer than the one this trading partner buys as", Field: "customer_id"}, channelmap.ErrNotForChannel)
	case l.Set == "832" && l.Price == "":
		return l, &publish.Error{Class: publish.ClassValidation, Message: "An 832 line needs a price", Field: "price"}
	case l.Set == "846" && l.Quantity == "":
		return l, &publish.Error{Class: publish.ClassValidation, Message: "An 846 line needs the quantity available", Field: "available"}
	}
	return l, nil
}

// send numbers, records and writes one interchange. The control numbers and the record of
// the sets commit before the file is written: a crash after that leaves a gap in the
// numbers (allowed) but never hands a number out twice (forbidden), and a 997 for a file
// that did get out still finds its rows. Rows stay "writing" until the file is in place.
func (c *Connector) send(catalog []channelmap.EDILine, catalogIDs []int64, stock []channelmap.EDILine, stockIDs []int64) (string, error) {
	at := c.Now().UTC()
	var name string
	var data []byte
	var rowIDs []int64
	err := c.DB.Transaction(func(tx *gorm.DB) error {
		nGroups := 0
		for _, ls := range [][]channelmap.EDILine{catalog, stock} {
			if len(ls) > 0 {
				nGroups++
			}
		}
		isa, err := models.NextEDIControlNumbers(tx, c.ChannelID, models.EDICounterInterchange, 1)
		if err != nil {
			return err
		}
		gs, err := models.NextEDIControlNumbers(tx, c.ChannelID, models.EDICounterGroup, nGroups)
		if err != nil {
			return err
		}
		st, err := models.NextEDIControlNumbers(tx, c.ChannelID, models.EDICounterTransaction, nGroups)
		if err != nil {
			return err
		}
		ic := Interchange{Control: isa}
		name = fmt.Sprintf("%s_%09d.x12", fileSafe(c.Config.ReceiverID), isa)
		var rows []models.EDITransaction
		add := func(fid, code string, segs []Segment, ids []int64) {
			ic.Groups = append(ic.Groups, Group{FunctionalID: fid, Control: gs, Sets: []Set{{Code: code, Control: st, Segments: segs}}})
			idsJSON, _ := json.Marshal(ids)
			rows = append(rows, models.EDITransaction{ChannelID: c.ChannelID, InterchangeControl: isa, GroupControl: gs,
				TransactionControl: st, SetCode: code, FileName: name, PublicationIDs: string(idsJSON), Status: models.EDIWriting, SentAt: at})
			gs, st = gs+1, st+1
		}
		if len(catalog) > 0 {
			add("SC", "832", catalog832(c.Config, catalog, at, fmt.Sprint(isa)), catalogIDs)
		}
		if len(stock) > 0 {
			add("IB", "846", advice846(stock, at, fmt.Sprint(isa)), stockIDs)
		}
		if data, err = Encode(c.Config.Envelope(), ic, at); err != nil {
			// Rolled back: the numbers were never used, so they are not lost either.
			return &publish.Error{Class: publish.ClassValidation, Message: "The EDI file could not be built", Detail: err.Error()}
		}
		if err := models.CreateEDITransactions(tx, rows); err != nil {
			return err
		}
		for _, r := range rows {
			rowIDs = append(rowIDs, r.ID)
		}
		return nil
	})
	if err != nil {
		var pe *publish.Error
		if errors.As(err, &pe) {
			return "", pe
		}
		return "", &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "The EDI control numbers could not be recorded", Detail: err.Error()}
	}
	path := filepath.Join(c.Config.OutboundDir, name)
	if err := writeAtomic(path, data); err != nil {
		_ = models.SetEDITransactionsStatus(c.DB, rowIDs, models.EDINotSent)
		return "", &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "The EDI file could not be written to the outbound folder", Detail: err.Error()}
	}
	// Should this fail the file is out and the rows say "writing": a 997 still settles them.
	_ = models.SetEDITransactionsStatus(c.DB, rowIDs, models.EDISent)
	return path, nil
}

// writeAtomic writes a file under a temporary name in the same folder, syncs it and renames
// it, so a partner's pickup never sees half a file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".steward-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, strings.TrimSpace(s))
}
