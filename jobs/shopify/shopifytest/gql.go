package shopifytest

import (
	"fmt"
	"strconv"
	"strings"
)

// A small GraphQL reader: enough of the language for the operations a client sends (one
// operation, variables, directives, aliases, nested selections, literal arguments), so the
// server can refuse what Shopify refuses with the errors Shopify gives. Fragments are not
// supported and are refused as a syntax error.

type pos struct{ Line, Column int }

type operation struct {
	Kind       string // query, mutation
	Name       string
	Vars       []varDef
	Directives []directive
	Selection  []field
}

type varDef struct {
	Name string
	Type string // as written: ProductSetInput!, [ID!]
	At   pos
}

type directive struct {
	Name string
	Args map[string]any
}

type field struct {
	Alias, Name string
	Args        map[string]any // values; variables are varRef
	Directives  []directive
	Selection   []field
	At          pos
}

func (f field) key() string {
	if f.Alias != "" {
		return f.Alias
	}
	return f.Name
}

type varRef string

type token struct {
	kind string // name, punct, string, number, var, eof
	text string
	at   pos
}

type parser struct {
	toks []token
	i    int
}

func lex(src string) ([]token, error) {
	var toks []token
	line, col := 1, 1
	adv := func(n int) {
		for _, r := range src[:n] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		src = src[n:]
	}
	for len(src) > 0 {
		c := src[0]
		at := pos{line, col}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			adv(1)
		case c == '#':
			n := strings.IndexByte(src, '\n')
			if n < 0 {
				n = len(src)
			}
			adv(n)
		case c == '"':
			j := 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("Parse error on line %d, column %d: unterminated string", at.Line, at.Column)
			}
			s, err := strconv.Unquote(src[:j+1])
			if err != nil {
				return nil, fmt.Errorf("Parse error on line %d, column %d: bad string", at.Line, at.Column)
			}
			toks = append(toks, token{"string", s, at})
			adv(j + 1)
		case strings.HasPrefix(src, "..."):
			toks = append(toks, token{"punct", "...", at})
			adv(3)
		case strings.ContainsRune("{}()[]:!=@", rune(c)):
			toks = append(toks, token{"punct", string(c), at})
			adv(1)
		case c == '$':
			j := 1
			for j < len(src) && isName(src[j]) {
				j++
			}
			toks = append(toks, token{"var", src[1:j], at})
			adv(j)
		case c == '-' || c >= '0' && c <= '9':
			j := 1
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == 'e' || src[j] == 'E') {
				j++
			}
			toks = append(toks, token{"number", src[:j], at})
			adv(j)
		case isName(c):
			j := 0
			for j < len(src) && isName(src[j]) {
				j++
			}
			toks = append(toks, token{"name", src[:j], at})
			adv(j)
		default:
			return nil, fmt.Errorf("Parse error on %q (error) at [%d, %d]", string(c), at.Line, at.Column)
		}
	}
	return append(toks, token{"eof", "", pos{line, col}}), nil
}

func isName(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func parseOperation(src string) (op operation, err error) {
	toks, err := lex(src)
	if err != nil {
		return op, err
	}
	p := &parser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			if pe, ok := r.(parseError); ok {
				err = pe
				return
			}
			panic(r)
		}
	}()
	op.Kind = "query"
	if t := p.peek(); t.kind == "name" && (t.text == "query" || t.text == "mutation") {
		op.Kind = p.next().text
		if p.peek().kind == "name" {
			op.Name = p.next().text
		}
		if p.is("(") {
			p.next()
			for !p.is(")") {
				t := p.expect("var")
				p.expect(":")
				op.Vars = append(op.Vars, varDef{Name: t.text, Type: p.typeRef(), At: t.at})
				if p.is("=") {
					p.next()
					p.value()
				}
			}
			p.next()
		}
		op.Directives = p.directives()
	}
	op.Selection = p.selectionSet()
	if t := p.peek(); t.kind != "eof" {
		p.fail(t, "expected end of document")
	}
	return op, nil
}

type parseError struct{ msg string }

func (e parseError) Error() string { return e.msg }

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }
func (p *parser) is(punct string) bool {
	t := p.peek()
	return t.kind == "punct" && t.text == punct
}
func (p *parser) fail(t token, why string) {
	text := t.text
	if t.kind == "eof" {
		text = "end of file"
	}
	panic(parseError{fmt.Sprintf("Parse error on %q (%s) at [%d, %d]: %s", text, strings.ToUpper(t.kind), t.at.Line, t.at.Column, why)})
}
func (p *parser) expect(kind string) token {
	t := p.next()
	if kind == "var" || kind == "name" || kind == "string" {
		if t.kind != kind {
			p.fail(t, "expected "+kind)
		}
		return t
	}
	if t.kind != "punct" || t.text != kind {
		p.fail(t, "expected "+kind)
	}
	return t
}

func (p *parser) typeRef() string {
	var s string
	if p.is("[") {
		p.next()
		s = "[" + p.typeRef() + "]"
		p.expect("]")
	} else {
		s = p.expect("name").text
	}
	if p.is("!") {
		p.next()
		s += "!"
	}
	return s
}

func (p *parser) directives() []directive {
	var ds []directive
	for p.is("@") {
		p.next()
		d := directive{Name: p.expect("name").text}
		if p.is("(") {
			d.Args = p.arguments()
		}
		ds = append(ds, d)
	}
	return ds
}

func (p *parser) arguments() map[string]any {
	p.expect("(")
	args := map[string]any{}
	for !p.is(")") {
		name := p.expect("name").text
		p.expect(":")
		args[name] = p.value()
	}
	p.next()
	return args
}

func (p *parser) selectionSet() []field {
	p.expect("{")
	var fs []field
	for !p.is("}") {
		if p.is("...") {
			p.fail(p.peek(), "fragments are not supported by this test server")
		}
		t := p.expect("name")
		f := field{Name: t.text, At: t.at}
		if p.is(":") {
			p.next()
			f.Alias, f.Name = f.Name, p.expect("name").text
		}
		if p.is("(") {
			f.Args = p.arguments()
		}
		f.Directives = p.directives()
		if p.is("{") {
			f.Selection = p.selectionSet()
		}
		fs = append(fs, f)
	}
	p.next()
	if len(fs) == 0 {
		p.fail(p.peek(), "empty selection")
	}
	return fs
}

func (p *parser) value() any {
	t := p.next()
	switch t.kind {
	case "var":
		return varRef(t.text)
	case "string":
		return t.text
	case "number":
		if f, err := strconv.ParseFloat(t.text, 64); err == nil {
			return f
		}
		p.fail(t, "bad number")
	case "name":
		switch t.text {
		case "true":
			return true
		case "false":
			return false
		case "null":
			return nil
		}
		return t.text // enum value
	case "punct":
		switch t.text {
		case "[":
			var list []any
			for !p.is("]") {
				list = append(list, p.value())
			}
			p.next()
			return list
		case "{":
			obj := map[string]any{}
			for !p.is("}") {
				name := p.expect("name").text
				p.expect(":")
				obj[name] = p.value()
			}
			p.next()
			return obj
		}
	}
	p.fail(t, "unexpected token")
	return nil
}

// resolveVars replaces variable references in literal arguments with the request's values.
func resolveVars(v any, vars map[string]any) any {
	switch x := v.(type) {
	case varRef:
		return vars[string(x)]
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = resolveVars(e, vars)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = resolveVars(e, vars)
		}
		return out
	}
	return v
}
