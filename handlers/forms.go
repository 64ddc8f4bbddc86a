package handlers

import (
	"errors"
	"strconv"
	"strings"

	"steward/rules"
	"steward/web"
)

// fieldErrors takes the per-field messages out of a rules.Error, so the form can show each
// next to its field; an error without fields lands in "" for the form's alert.
func fieldErrors(err error) map[string]string {
	var e *rules.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields
	}
	return map[string]string{"": rules.MessageOf(err)}
}

// domainOptions offers domains by their plural label: "Products".
func domainOptions(domains []string) []web.Option {
	var out []web.Option
	for _, d := range domains {
		out = append(out, web.Option{Value: d, Label: capitalized(rules.DomainLabel(d))})
	}
	return out
}

// fieldGroups offers each domain's fields, grouped for a select.
func fieldGroups(domains []string) []web.FieldGroup {
	var out []web.FieldGroup
	for _, d := range domains {
		g := web.FieldGroup{Domain: d, Label: capitalized(rules.DomainLabel(d))}
		for _, f := range rules.FieldsOf(d) {
			g.Fields = append(g.Fields, web.Option{Value: f.Name, Label: f.Label})
		}
		out = append(out, g)
	}
	return out
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// atoiOr reads a form number, 0 when it is missing or not a number: hidden ids and
// versions, where anything else is a tampered form that the stores refuse anyway.
func atoiOr(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }
