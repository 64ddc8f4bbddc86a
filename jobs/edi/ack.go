package edi

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"steward/jobs/publish"
	"steward/models"
)

// AckResult is what a 997 said about one transaction set Steward sent.
type AckResult struct {
	File               string
	GroupControl       int64
	TransactionControl int64
	SetCode            string
	// TransactionID is the edi_transactions row; 0 when the 997 names nothing Steward sent.
	TransactionID  int64
	PublicationIDs []int64
	Status         string // models.EDIAccepted, EDIAcceptedWithErrors, EDIRejected; "unmatched"
	Note           string // the partner's AK3/AK4/AK5 errors in plain words
}

// Err is the publication outcome of a rejected set (nil when the partner accepted it): the
// data broke the partner's rules, so trying again unchanged will not help.
func (r AckResult) Err() error {
	if r.Status != models.EDIRejected {
		return nil
	}
	return &publish.Error{Class: publish.ClassValidation,
		Message: fmt.Sprintf("The trading partner rejected the %s (group %d, set %04d)", setName(r.SetCode), r.GroupControl, r.TransactionControl),
		Detail:  r.Note}
}

// Outcomes is the result for each publication the set carried: nil when accepted (with
// or without noted errors), the rejection otherwise.
func (r AckResult) Outcomes() map[int64]error {
	out := make(map[int64]error, len(r.PublicationIDs))
	for _, id := range r.PublicationIDs {
		out[id] = r.Err()
	}
	return out
}

// ReadAcks reads the 997 files waiting in the inbound folder, records what each says about
// the sets it acknowledges, and moves each file read into inbound/processed. Files that
// hold no 997 are left where they are for whoever reads them. Reading a 997 twice records
// the same statuses again.
func (c *Connector) ReadAcks(ctx context.Context) ([]AckResult, error) {
	if c.Config.InboundDir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(c.Config.InboundDir)
	if err != nil {
		return nil, &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "The EDI inbound folder could not be read", Detail: err.Error()}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var all []AckResult
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := ctx.Err(); err != nil {
			return all, err
		}
		path := filepath.Join(c.Config.InboundDir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return all, fmt.Errorf("read %s: %w", e.Name(), err)
		}
		acks, is997, err := Parse997(data)
		if err != nil || !is997 {
			continue // not a 997 of ours to settle; a broken one is left for a person to see
		}
		if acks[0].Sender != c.Config.ReceiverID || acks[0].Receiver != c.Config.SenderID {
			continue // another partner's acknowledgement in a shared folder: not ours to settle
		}
		for _, a := range acks {
			a.File = e.Name()
			rs, err := c.settle(a)
			if err != nil {
				return all, err
			}
			all = append(all, rs...)
		}
		done := filepath.Join(c.Config.InboundDir, "processed")
		if err := os.MkdirAll(done, 0o755); err != nil {
			return all, err
		}
		if err := os.Rename(path, filepath.Join(done, e.Name())); err != nil {
			return all, err
		}
	}
	return all, nil
}

// settle matches one acknowledged group with the sets sent under its control number.
func (c *Connector) settle(a GroupAck) ([]AckResult, error) {
	sent, err := models.EDITransactionsOfGroup(c.DB, c.ChannelID, a.GroupControl)
	if err != nil {
		return nil, err
	}
	if len(sent) == 0 {
		return []AckResult{{File: a.File, GroupControl: a.GroupControl, Status: "unmatched",
			Note: fmt.Sprintf("The 997 acknowledges group %d, which Steward never sent to this partner", a.GroupControl)}}, nil
	}
	var out []AckResult
	for _, t := range sent {
		r := AckResult{File: a.File, GroupControl: t.GroupControl, TransactionControl: t.TransactionControl, SetCode: t.SetCode,
			TransactionID: t.ID, PublicationIDs: t.Publications()}
		if s, ok := a.Sets[t.TransactionControl]; ok {
			r.Status, r.Note = s.Status, s.Note
		} else {
			// No AK2 for the set: the group's AK9 speaks for all its sets.
			r.Status, r.Note = a.Status, a.Note
		}
		if err := models.AckEDITransaction(c.DB, t.ID, r.Status, r.Note, a.File, c.Now().UTC()); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// GroupAck is one AK1 loop of a 997: the group it acknowledges and its sets' outcomes.
type GroupAck struct {
	File             string
	Sender, Receiver string // ISA06 and ISA08 of the 997: the partner, and Steward
	FunctionalID     string
	GroupControl     int64
	Status           string
	Note             string
	Sets             map[int64]SetAck
}

// SetAck is one AK2 loop: a transaction set's outcome and errors.
type SetAck struct {
	Code   string
	Status string
	Note   string
}

// Parse997 reads the acknowledgements of an interchange. is997 is false when it holds no
// 997 transaction set.
func Parse997(data []byte) ([]GroupAck, bool, error) {
	p, err := Parse(data)
	if err != nil {
		return nil, false, err
	}
	var acks []GroupAck
	var g *GroupAck
	var set *SetAck
	var setCtl int64
	var notes []string
	in997 := false
	closeSet := func() {
		if g != nil && set != nil {
			set.Note = strings.Join(notes, "; ")
			g.Sets[setCtl] = *set
		}
		set, notes = nil, nil
	}
	for _, s := range p.Segments {
		switch s.el(0) {
		case "ST":
			in997 = s.el(1) == "997"
		case "AK1":
			if !in997 {
				continue
			}
			n, _ := strconv.ParseInt(s.el(2), 10, 64)
			acks = append(acks, GroupAck{Sender: p.Segments[0].el(6), Receiver: p.Segments[0].el(8), FunctionalID: s.el(1), GroupControl: n, Sets: map[int64]SetAck{}})
			g = &acks[len(acks)-1]
		case "AK2":
			if g == nil {
				continue
			}
			closeSet()
			setCtl, _ = strconv.ParseInt(s.el(2), 10, 64)
			set = &SetAck{Code: s.el(1)}
		case "AK3":
			if set != nil {
				notes = append(notes, segmentError(s))
			}
		case "AK4":
			if set != nil {
				notes = append(notes, elementError(s, p.Separators))
			}
		case "AK5":
			if set == nil {
				continue
			}
			set.Status = ackStatus(s.el(1))
			for i := 2; i < len(s); i++ {
				if w := setErrors[s.el(i)]; w != "" {
					notes = append(notes, w)
				}
			}
			closeSet()
		case "AK9":
			if g == nil {
				continue
			}
			g.Status = ackStatus(s.el(1))
			var gn []string
			for i := 5; i < len(s); i++ {
				if w := groupErrors[s.el(i)]; w != "" {
					gn = append(gn, w)
				}
			}
			if g.Status != models.EDIAccepted && len(gn) == 0 {
				gn = append(gn, fmt.Sprintf("%s of %s sets accepted", s.el(4), s.el(2)))
			}
			g.Note = strings.Join(gn, "; ")
			g = nil
		case "SE":
			closeSet()
			in997 = false
		}
	}
	return acks, len(acks) > 0, nil
}

func ackStatus(code string) string {
	switch code {
	case "A":
		return models.EDIAccepted
	case "E", "P", "W":
		return models.EDIAcceptedWithErrors
	default: // R rejected, M rejected (MAC), X rejected (content undecryptable)
		return models.EDIRejected
	}
}

func segmentError(s Segment) string {
	what := segmentErrors[s.el(4)]
	if what == "" {
		what = "segment error " + s.el(4)
	}
	return fmt.Sprintf("segment %s (line %s of the set): %s", s.el(1), s.el(2), what)
}

func elementError(s Segment, sep Separators) string {
	pos := strings.SplitN(s.el(1), string(sep.SubElement), 2)[0]
	what := elementErrors[s.el(3)]
	if what == "" {
		what = "element error " + s.el(3)
	}
	msg := fmt.Sprintf("element %s: %s", pos, what)
	if bad := s.el(4); bad != "" {
		msg += fmt.Sprintf(" (%q)", bad)
	}
	return msg
}

func setName(code string) string {
	switch code {
	case "832":
		return "832 price catalog"
	case "846":
		return "846 inventory advice"
	}
	return code
}

// X12 004010 code lists 720 (AK304), 723 (AK403), 718 (AK502) and 716 (AK905).
var (
	segmentErrors = map[string]string{
		"1": "the partner does not know this segment", "2": "the segment is not expected here",
		"3": "a mandatory segment is missing", "4": "a loop repeats more often than allowed",
		"5": "the segment repeats more often than allowed", "6": "the segment is not in this transaction set",
		"7": "the segment is out of order", "8": "the segment has data element errors",
	}
	elementErrors = map[string]string{
		"1": "a mandatory value is missing", "2": "a value required with another one is missing",
		"3": "too many values", "4": "the value is too short", "5": "the value is too long",
		"6": "the value has a character not allowed", "7": "the code is not one the partner accepts",
		"8": "the date is not valid", "9": "the time is not valid", "10": "values that exclude each other are both present",
	}
	setErrors = map[string]string{
		"1": "the partner does not support this transaction set", "2": "the SE trailer is missing",
		"3": "ST and SE control numbers differ", "4": "the SE segment count is wrong",
		"5": "one or more segments have errors", "6": "missing or invalid transaction set identifier",
		"7": "missing or invalid transaction set control number", "23": "the set control number was used before",
	}
	groupErrors = map[string]string{
		"1": "the partner does not support this functional group", "2": "the partner does not support this version",
		"3": "the GE trailer is missing", "4": "GS and GE control numbers differ", "5": "the GE set count is wrong",
		"6": "the group control number is invalid", "19": "the group control number was used before",
	}
)
