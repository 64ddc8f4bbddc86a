package odootest

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyJSONError returns the message CPython's json module gives for a document it cannot
// parse ("Expecting value: line 1 column 1 (char 0)"), or "" if the document is valid.
// It follows the C scanner's order of checks so positions match.
func pyJSONError(doc []byte) string {
	p := &pyScan{s: doc}
	p.ws()
	if err := p.value(); err != "" {
		return err
	}
	p.ws()
	if p.i != len(p.s) {
		return p.fail("Extra data", p.i)
	}
	return ""
}

type pyScan struct {
	s []byte
	i int
}

func (p *pyScan) fail(msg string, at int) string {
	// Python counts characters, not bytes.
	chars := utf8.RuneCount(p.s[:at])
	line := 1 + bytes.Count(p.s[:at], []byte{'\n'})
	col := chars + 1
	if nl := bytes.LastIndexByte(p.s[:at], '\n'); nl >= 0 {
		col = utf8.RuneCount(p.s[nl+1:at]) + 1
	}
	return fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, col, chars)
}

func (p *pyScan) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *pyScan) lit(word string) bool {
	if bytes.HasPrefix(p.s[p.i:], []byte(word)) {
		p.i += len(word)
		return true
	}
	return false
}

func (p *pyScan) value() string {
	if p.i >= len(p.s) {
		return p.fail("Expecting value", p.i)
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.str()
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.lit("null"), p.lit("true"), p.lit("false"), p.lit("NaN"), p.lit("Infinity"):
		return ""
	}
	return p.fail("Expecting value", p.i)
}

func (p *pyScan) number() string {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
		if p.lit("Infinity") {
			return ""
		}
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return p.fail("Expecting value", start)
	}
	if p.i+1 < len(p.s) && p.s[p.i] == '.' && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9' {
		p.i++
		digits()
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		save := p.i
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			p.i = save
		}
	}
	return ""
}

func (p *pyScan) str() string {
	start := p.i
	p.i++
	for {
		if p.i >= len(p.s) {
			return p.fail("Unterminated string starting at", start)
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return ""
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return p.fail("Unterminated string starting at", start)
			}
			e := p.s[p.i]
			if e == 'u' {
				if p.i+5 > len(p.s) {
					return p.fail("Invalid \\uXXXX escape", p.i-1)
				}
				if _, err := strconv.ParseUint(string(p.s[p.i+1:p.i+5]), 16, 16); err != nil {
					return p.fail("Invalid \\uXXXX escape", p.i-1)
				}
				p.i += 5
				continue
			}
			if !strings.ContainsRune(`"\/bfnrt`, rune(e)) {
				return p.fail("Invalid \\escape", p.i-1)
			}
			p.i++
		case c < 0x20:
			return p.fail("Invalid control character at", p.i)
		default:
			p.i++
		}
	}
}

func (p *pyScan) object() string {
	p.i++
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return ""
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return p.fail("Expecting property name enclosed in double quotes", p.i)
		}
		if err := p.str(); err != "" {
			return err
		}
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return p.fail("Expecting ':' delimiter", p.i)
		}
		p.i++
		p.ws()
		if err := p.value(); err != "" {
			return err
		}
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return ""
		}
		if p.i >= len(p.s) || p.s[p.i] != ',' {
			return p.fail("Expecting ',' delimiter", p.i)
		}
		p.i++
		p.ws()
	}
}

func (p *pyScan) array() string {
	p.i++
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return ""
	}
	for {
		if err := p.value(); err != "" {
			return err
		}
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return ""
		}
		if p.i >= len(p.s) || p.s[p.i] != ',' {
			return p.fail("Expecting ',' delimiter", p.i)
		}
		p.i++
		p.ws()
	}
}
