package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// maxExpressionNodes keeps a gate small enough to run on every incoming record.
const maxExpressionNodes = 200

// compileExpression compiles a gate's expression against the fields of its domain, so a
// misspelt field or a comparison of text with a number is refused when the gate is saved,
// not found on the first record. It returns the fields the expression reads.
func compileExpression(domain, src string) (*vm.Program, []string, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil, errors.New("Write an expression, such as list_price >= cost * 1.05.")
	}
	prog, err := expr.Compile(src, expr.Env(sampleRecord(domain)), expr.AsBool(), expr.MaxNodes(maxExpressionNodes))
	if err != nil {
		return nil, nil, readableCompileError(domain, err)
	}
	return prog, identifiers(domain, prog), nil
}

// sampleRecord gives the compiler each field's type; the values do not matter.
func sampleRecord(domain string) map[string]any {
	env := map[string]any{}
	for _, f := range FieldsOf(domain) {
		switch f.Type {
		case Text:
			env[f.Name] = ""
		case Number, Amount:
			env[f.Name] = 0.0
		case Flag:
			env[f.Name] = false
		}
	}
	return env
}

// readableCompileError turns expr's message, written for programmers, into one for an
// admin: which field is unknown, what the expression must give, and where it goes wrong.
func readableCompileError(domain string, err error) error {
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	switch {
	case strings.HasPrefix(msg, "unknown name "):
		name := strings.TrimPrefix(msg, "unknown name ")
		return fmt.Errorf("“%s” is not a field of %s. Fields you can use: %s.", name, DomainLabel(domain), fieldNames(domain))
	case strings.HasPrefix(msg, "expected bool, but got "):
		got := strings.TrimPrefix(msg, "expected bool, but got ")
		return fmt.Errorf("The expression must be a yes/no test such as list_price >= cost * 1.05, but it gives %s.", typeWords(got))
	case strings.Contains(msg, "exceeds maximum allowed nodes"):
		return fmt.Errorf("The expression is too long; split it into several gates.")
	}
	where := ""
	if fe != nil && (fe.Column > 0 || fe.Line > 1) {
		where = fmt.Sprintf(" at character %d", fe.Column+1)
		if fe.Line > 1 {
			where = fmt.Sprintf(" on line %d at character %d", fe.Line, fe.Column+1)
		}
	}
	if m := mismatched.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("The expression compares %s with %s%s; compare a field with a value of its own kind.", typeWords(m[1]), typeWords(m[2]), where)
	}
	if msg == "unexpected token EOF" {
		return fmt.Errorf("The expression stops before it is complete%s.", where)
	}
	return fmt.Errorf("The expression does not compile%s: %s.", where, strings.TrimSuffix(msg, "."))
}

var mismatched = regexp.MustCompile(`mismatched types (\w+) and (\w+)`)

func typeWords(t string) string {
	switch t {
	case "float64", "int", "int64":
		return "a number"
	case "string":
		return "text"
	case "bool":
		return "yes/no"
	}
	return t
}

// identifiers lists the record fields an expression reads, in the order they appear.
// Names that are not fields (variables from let, closures' arguments) are left out.
func identifiers(domain string, prog *vm.Program) []string {
	v := &identVisitor{domain: domain}
	node := prog.Node()
	ast.Walk(&node, v)
	return v.names
}

type identVisitor struct {
	domain string
	names  []string
}

func (v *identVisitor) Visit(n *ast.Node) {
	id, ok := (*n).(*ast.IdentifierNode)
	if !ok || slices.Contains(v.names, id.Value) {
		return
	}
	if _, isField := FieldOf(v.domain, id.Value); isField {
		v.names = append(v.names, id.Value)
	}
}

// checkExpression returns the failure message of an expression gate, or "". An expression
// that reads an empty field is not judged: a required gate says that the field is missing,
// and "weight_kg <= 30" says nothing about a product whose weight nobody entered.
func checkExpression(g compiledGate, record map[string]any) string {
	for _, n := range g.names {
		if record[n] == nil {
			return ""
		}
	}
	out, err := expr.Run(g.program, record)
	if err != nil {
		return fmt.Sprintf("Rule %s could not be checked: %v", g.Expression, err)
	}
	if ok, _ := out.(bool); ok {
		return ""
	}
	var vals []string
	for _, n := range g.names {
		f, _ := FieldOf(g.Domain, n)
		v := record[n]
		if num, isNum := number(v); isNum && f.Type != Text {
			vals = append(vals, inSentence(label(g.Domain, n))+": "+formatNumber(num, f.Type))
		} else {
			vals = append(vals, fmt.Sprintf("%s: %v", inSentence(label(g.Domain, n)), v))
		}
	}
	msg := "Rule " + g.Expression + " is not met"
	if len(vals) > 0 {
		msg += " (" + strings.Join(vals, ", ") + ")"
	}
	return msg
}
