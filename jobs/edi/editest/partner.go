// Package editest is a trading partner for tests and the demo: it picks up the 832 and 846
// files Steward writes, checks them as a partner's translator does (envelope, counts,
// control numbers never seen before, codes it accepts), keeps the prices and stock it
// accepted, and answers each file with a 997 in the inbound folder.
package editest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"steward/jobs/edi"
)

// Partner is one trading partner's translator.
type Partner struct {
	Outbound, Inbound string // Steward's outbound folder (read) and inbound folder (997s written)
	ID                string // the partner's own ISA id, the receiver of Steward's files
	// Units are the unit-of-measure codes the partner accepts; others get AK4 code 7.
	Units map[string]bool
	Now   func() time.Time

	mu       sync.Mutex
	control  int64
	seenSets map[string]bool // sender/group/set control numbers already received
	prices   map[string]string
	stock    map[string]string
	files    []string
	lastSKU  string
}

// New makes a partner that accepts the common unit codes.
func New(outbound, inbound, id string) *Partner {
	return &Partner{Outbound: outbound, Inbound: inbound, ID: id, Now: time.Now,
		Units:    map[string]bool{"EA": true, "CA": true, "BX": true, "PK": true, "KG": true, "LB": true, "MR": true, "LT": true},
		seenSets: map[string]bool{}, prices: map[string]string{}, stock: map[string]string{}}
}

// Price is the accepted price of an item, as the partner's catalog holds it.
func (p *Partner) Price(sku string) string { p.mu.Lock(); defer p.mu.Unlock(); return p.prices[sku] }

// Stock is the accepted quantity available of an item.
func (p *Partner) Stock(sku string) string { p.mu.Lock(); defer p.mu.Unlock(); return p.stock[sku] }

// Files are the names of the files picked up, in order.
func (p *Partner) Files() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.files...)
}

// Process picks up every waiting .x12 file, moves it to outbound/picked and writes a 997
// for it. It returns how many files it took.
func (p *Partner) Process() (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	entries, err := os.ReadDir(p.Outbound)
	if err != nil {
		return 0, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".x12") {
			continue // temp files of a write in progress are not ours yet
		}
		path := filepath.Join(p.Outbound, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return n, err
		}
		ack, err := p.acknowledge(data)
		if err != nil {
			return n, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if err := os.MkdirAll(filepath.Join(p.Outbound, "picked"), 0o755); err != nil {
			return n, err
		}
		if err := os.Rename(path, filepath.Join(p.Outbound, "picked", e.Name())); err != nil {
			return n, err
		}
		if ack != nil {
			p.control++
			tmp := filepath.Join(p.Inbound, fmt.Sprintf(".997_%09d.tmp", p.control))
			if err := os.WriteFile(tmp, ack, 0o644); err != nil {
				return n, err
			}
			if err := os.Rename(tmp, filepath.Join(p.Inbound, fmt.Sprintf("997_%09d.x12", p.control))); err != nil {
				return n, err
			}
		}
		p.files = append(p.files, e.Name())
		n++
	}
	return n, nil
}

// acknowledge checks one interchange and builds its 997. An interchange whose envelope
// cannot be read at all gets none (a real translator would send a TA1; Steward waits).
func (p *Partner) acknowledge(data []byte) ([]byte, error) {
	parsed, err := edi.Parse(data)
	if err != nil {
		return nil, nil
	}
	segs := parsed.Segments
	isa := segs[0]
	if len(isa) != 17 {
		return nil, nil
	}
	sender := strings.TrimSpace(isa[6])
	var sets [][]edi.Segment // 997 bodies per group
	var groupAcks []edi.Segment
	var gs edi.Segment
	var stIdx int
	var st edi.Segment
	var groupSets []edi.Segment // AK2…AK5 of the current group
	accepted, received := 0, 0
	var pending map[string]string
	var pendingStock map[string]string
	var errs []edi.Segment
	for i, s := range segs {
		switch s[0] {
		case "GS":
			gs, groupSets, accepted, received = s, nil, 0, 0
		case "ST":
			st, stIdx, errs = s, i, nil
			pending, pendingStock = map[string]string{}, map[string]string{}
			received++
		case "SE":
			count, _ := strconv.Atoi(at(s, 1))
			var codes []string
			if count != i-stIdx+1 {
				codes = append(codes, "4")
			}
			if at(s, 2) != at(st, 2) {
				codes = append(codes, "3")
			}
			key := sender + "/" + at(gs, 6) + "/" + at(st, 2)
			if p.seenSets[key] {
				codes = append(codes, "23")
			}
			p.seenSets[key] = true
			if len(errs) > 0 {
				codes = append(codes, "5")
			}
			groupSets = append(groupSets, edi.Segment{"AK2", at(st, 1), at(st, 2)})
			groupSets = append(groupSets, errs...)
			if len(codes) == 0 {
				groupSets = append(groupSets, edi.Segment{"AK5", "A"})
				accepted++
				for k, v := range pending {
					p.prices[k] = v
				}
				for k, v := range pendingStock {
					p.stock[k] = v
				}
			} else {
				groupSets = append(groupSets, append(edi.Segment{"AK5", "R"}, codes...))
			}
		case "GE":
			status := "A"
			if accepted == 0 {
				status = "R"
			} else if accepted < received {
				status = "P"
			}
			ak9 := edi.Segment{"AK9", status, fmt.Sprint(received), fmt.Sprint(received), fmt.Sprint(accepted)}
			if n, _ := strconv.Atoi(at(s, 1)); n != received {
				ak9 = append(ak9, "5")
			}
			body := append([]edi.Segment{{"AK1", at(gs, 1), at(gs, 6)}}, groupSets...)
			sets = append(sets, append(body, ak9))
			groupAcks = append(groupAcks, gs)
		default:
			if st == nil {
				continue
			}
			p.check(s, i-stIdx, &errs, pending, pendingStock)
		}
	}
	if len(sets) == 0 {
		return nil, nil
	}
	env := edi.Envelope{SenderQualifier: strings.TrimSpace(isa[7]), SenderID: p.ID, ReceiverQualifier: strings.TrimSpace(isa[5]),
		ReceiverID: sender, GroupSender: p.ID, GroupReceiver: at(groupAcks[0], 2), Usage: isa[15][0], Separators: parsed.Separators}
	ic := edi.Interchange{Control: p.control + 1}
	for i, body := range sets {
		ic.Groups = append(ic.Groups, edi.Group{FunctionalID: "FA", Control: p.control + 1 + int64(i),
			Sets: []edi.Set{{Code: "997", Control: int64(i + 1), Segments: body}}})
	}
	return edi.Encode(env, ic, p.Now().UTC())
}

// check validates the segments a partner's catalog and stock import care about, and keeps
// the values it would accept.
func (p *Partner) check(s edi.Segment, pos int, errs *[]edi.Segment, prices, stock map[string]string) {
	bad := func(el int, code, data string) {
		*errs = append(*errs, edi.Segment{"AK3", s[0], fmt.Sprint(pos + 1), "", "8"},
			edi.Segment{"AK4", fmt.Sprint(el), "", code, data})
	}
	switch s[0] {
	case "LIN":
		if at(s, 3) == "" {
			bad(3, "1", "")
		}
		p.lastSKU = at(s, 3)
	case "CTP":
		if _, err := strconv.ParseFloat(at(s, 3), 64); err != nil || strings.HasPrefix(at(s, 3), "-") {
			bad(3, "6", at(s, 3))
			return
		}
		if !p.Units[at(s, 5)] {
			bad(5, "7", at(s, 5))
			return
		}
		prices[p.lastSKU] = at(s, 3)
	case "QTY":
		if _, err := strconv.ParseFloat(at(s, 2), 64); err != nil {
			bad(2, "6", at(s, 2))
			return
		}
		if !p.Units[at(s, 3)] {
			bad(3, "7", at(s, 3))
			return
		}
		stock[p.lastSKU] = at(s, 2)
	}
}

func at(s edi.Segment, i int) string {
	if i < len(s) {
		return strings.TrimSpace(s[i])
	}
	return ""
}
