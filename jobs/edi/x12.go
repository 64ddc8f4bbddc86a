package edi

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Separators are the delimiters of an interchange. X12 has no escape: data holding one of
// them would change the structure, so the encoder refuses such data.
type Separators struct {
	Element    byte
	SubElement byte
	Segment    byte
}

// DefaultSeparators are the ones most partners expect.
var DefaultSeparators = Separators{Element: '*', SubElement: '>', Segment: '~'}

// Envelope is who an interchange is from and to, as ISA and GS name them.
type Envelope struct {
	SenderQualifier   string // ISA05, e.g. ZZ (mutually defined), 01 (DUNS)
	SenderID          string // ISA06, at most 15
	ReceiverQualifier string // ISA07
	ReceiverID        string // ISA08
	GroupSender       string // GS02
	GroupReceiver     string // GS03
	Usage             byte   // ISA15: T test, P production
	Separators        Separators
}

// Segment is a segment id followed by its elements.
type Segment []string

// Set is one transaction set: ST and SE are added by the encoder.
type Set struct {
	Code     string // 832, 846, 997
	Control  int64  // ST02
	Segments []Segment
}

// Group is one functional group: GS and GE are added by the encoder.
type Group struct {
	FunctionalID string // GS01: SC for 832, IB for 846, FA for 997
	Control      int64  // GS06
	Sets         []Set
}

// Interchange is one ISA…IEA envelope.
type Interchange struct {
	Control int64 // ISA13
	Groups  []Group
}

// Version is the X12 release Steward writes.
const Version = "004010"

// Encode writes an interchange with fixed-width ISA fields, counts in SE01, GE01 and IEA01,
// and control numbers repeated in every trailer.
func Encode(env Envelope, ic Interchange, at time.Time) ([]byte, error) {
	if err := env.check(); err != nil {
		return nil, err
	}
	sep := env.Separators
	var b bytes.Buffer
	var bad error
	write := func(seg Segment) {
		for i, el := range seg {
			if strings.ContainsAny(el, string([]byte{sep.Element, sep.SubElement, sep.Segment})) && bad == nil {
				bad = fmt.Errorf("%s%02d %q holds a separator character", seg[0], i, el)
			}
			if i > 0 {
				b.WriteByte(sep.Element)
			}
			b.WriteString(ascii(el))
		}
		b.WriteByte(sep.Segment)
	}
	isa := strings.Join([]string{"ISA", "00", pad("", 10), "00", pad("", 10),
		pad(env.SenderQualifier, 2), pad(env.SenderID, 15), pad(env.ReceiverQualifier, 2), pad(env.ReceiverID, 15),
		at.Format("060102"), at.Format("1504"), "U", "00401", fmt.Sprintf("%09d", ic.Control), "0",
		string(env.Usage), string(sep.SubElement)}, string(sep.Element)) + string(sep.Segment)
	if len(isa) != 106 {
		return nil, fmt.Errorf("ISA came out %d characters long, not 106", len(isa))
	}
	b.WriteString(isa)
	for _, g := range ic.Groups {
		write(Segment{"GS", g.FunctionalID, env.GroupSender, env.GroupReceiver, at.Format("20060102"), at.Format("1504"),
			fmt.Sprint(g.Control), "X", Version})
		for _, s := range g.Sets {
			st := fmt.Sprintf("%04d", s.Control)
			write(Segment{"ST", s.Code, st})
			for _, seg := range s.Segments {
				write(trimTrailing(seg))
			}
			write(Segment{"SE", fmt.Sprint(len(s.Segments) + 2), st})
		}
		write(Segment{"GE", fmt.Sprint(len(g.Sets)), fmt.Sprint(g.Control)})
	}
	write(Segment{"IEA", fmt.Sprint(len(ic.Groups)), fmt.Sprintf("%09d", ic.Control)})
	if bad != nil {
		return nil, bad
	}
	return b.Bytes(), nil
}

// ascii folds text into the X12 extended character set, which 004010 partners' translators
// enforce: accents are dropped (ü → u), ß becomes ss, anything else becomes a space.
func ascii(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 0x20 && r <= 0x7e:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// pad fills an ISA field to its fixed width.
func pad(s string, n int) string { return fmt.Sprintf("%-*s", n, s) }

// trimTrailing drops empty trailing elements: X12 forbids a segment ending in separators.
func trimTrailing(seg Segment) Segment {
	n := len(seg)
	for n > 1 && seg[n-1] == "" {
		n--
	}
	return seg[:n]
}

func (env Envelope) check() error {
	s := env.Separators
	if s.Element == 0 || s.SubElement == 0 || s.Segment == 0 || s.Element == s.SubElement || s.Element == s.Segment || s.SubElement == s.Segment {
		return errors.New("separators must be three different characters")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{
		{"sender qualifier", env.SenderQualifier, 2}, {"sender id", env.SenderID, 15},
		{"receiver qualifier", env.ReceiverQualifier, 2}, {"receiver id", env.ReceiverID, 15},
		{"group sender", env.GroupSender, 15}, {"group receiver", env.GroupReceiver, 15},
	} {
		if f.v == "" || len(f.v) > f.max {
			return fmt.Errorf("%s must have 1 to %d characters", f.name, f.max)
		}
		if strings.ContainsAny(f.v, string([]byte{s.Element, s.SubElement, s.Segment})) {
			return fmt.Errorf("%s holds a separator character", f.name)
		}
	}
	if env.Usage != 'T' && env.Usage != 'P' {
		return errors.New("usage indicator must be T (test) or P (production)")
	}
	return nil
}

// Parsed is an interchange as read from a file: its separators and its segments in order.
type Parsed struct {
	Separators Separators
	Segments   []Segment
}

// Parse splits an interchange into segments, taking the separators from the ISA segment's
// fixed positions as every X12 reader must.
func Parse(data []byte) (Parsed, error) {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) < 106 || string(data[:3]) != "ISA" {
		return Parsed{}, errors.New("not an X12 interchange: it must start with a 106-character ISA segment")
	}
	sep := Separators{Element: data[3], SubElement: data[104], Segment: data[105]}
	if data[103] != sep.Element {
		return Parsed{}, errors.New("the ISA segment is not 106 characters long")
	}
	var p Parsed
	p.Separators = sep
	for _, raw := range bytes.Split(data, []byte{sep.Segment}) {
		s := strings.TrimSpace(string(raw))
		if s == "" {
			continue
		}
		p.Segments = append(p.Segments, strings.Split(s, string(sep.Element)))
	}
	return p, nil
}

// el returns element i of a segment, "" when absent.
func (s Segment) el(i int) string {
	if i < len(s) {
		return strings.TrimSpace(s[i])
	}
	return ""
}
