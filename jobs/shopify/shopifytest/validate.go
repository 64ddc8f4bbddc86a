package shopifytest

import (
	"fmt"
	"strings"
)

// validate checks a document against the schema as Shopify's GraphQL layer does before
// anything runs: root fields, arguments, declared and used variables, directives, and
// every selected field.
func validate(op operation) []gqlError {
	root := "QueryRoot"
	if op.Kind == "mutation" {
		root = "Mutation"
	}
	declared := map[string]string{}
	for _, v := range op.Vars {
		if _, ok := inputs[baseType(v.Type)]; !ok && !scalars[baseType(v.Type)] && enums[baseType(v.Type)] == nil {
			return []gqlError{{Message: fmt.Sprintf("%s isn't a defined input type (on $%s)", baseType(v.Type), v.Name),
				Locations: []pos{v.At}, Extensions: map[string]any{"code": "variableRequiresValidType", "typeName": baseType(v.Type), "variableName": v.Name}}}
		}
		declared[v.Name] = v.Type
	}
	opPath := strings.TrimSpace(op.Kind + " " + op.Name)
	var errs []gqlError
	used := map[string]bool{}
	for _, f := range op.Selection {
		path := []any{opPath, f.key()}
		if _, ok := objects[root][f.Name]; !ok {
			errs = append(errs, undefinedField(f, root, path))
			continue
		}
		for name, val := range f.Args {
			want, ok := rootArgs[f.Name][name]
			if !ok {
				errs = append(errs, gqlError{Message: fmt.Sprintf("Field '%s' doesn't accept argument '%s'", f.Name, name), Locations: []pos{f.At},
					Path: append(path, name), Extensions: map[string]any{"code": "argumentNotAccepted", "name": f.Name, "typeName": "Field", "argumentName": name}})
				continue
			}
			errs = append(errs, checkVarUse(val, want, declared, used, op, f)...)
		}
		for name, want := range rootArgs[f.Name] {
			if _, ok := f.Args[name]; !ok && strings.HasSuffix(want, "!") {
				errs = append(errs, gqlError{Message: fmt.Sprintf("Field '%s' is missing required arguments: %s", f.Name, name), Locations: []pos{f.At},
					Path: path, Extensions: map[string]any{"code": "missingRequiredArguments", "className": "Field", "name": f.Name, "arguments": name}})
			}
		}
		for _, d := range f.Directives {
			if d.Name != "idempotent" {
				errs = append(errs, gqlError{Message: fmt.Sprintf("Directive @%s is not defined", d.Name), Locations: []pos{f.At},
					Path: path, Extensions: map[string]any{"code": "undefinedDirective", "directiveName": d.Name}})
				continue
			}
			for _, v := range d.Args {
				errs = append(errs, checkVarUse(v, "String!", declared, used, op, f)...)
			}
		}
		if len(f.Selection) == 0 {
			ft := objects[root][f.Name]
			errs = append(errs, gqlError{Message: fmt.Sprintf("Field must have selections (field '%s' returns %s but has no selections. Did you mean '%s { ... }'?)", f.Name, ft, f.Name),
				Locations: []pos{f.At}, Path: path, Extensions: map[string]any{"code": "selectionMismatch", "nodeName": "field '" + f.Name + "'", "typeName": ft}})
			continue
		}
		errs = append(errs, checkSelection(f.Selection, objects[root][f.Name], path)...)
	}
	for _, v := range op.Vars {
		if !used[v.Name] {
			errs = append(errs, gqlError{Message: fmt.Sprintf("Variable $%s is declared by %s but not used", v.Name, nameOr(op.Name)),
				Locations: []pos{v.At}, Path: []any{opPath}, Extensions: map[string]any{"code": "variableNotUsed", "variableName": v.Name}})
		}
	}
	return errs
}

func nameOr(n string) string {
	if n == "" {
		return "anonymous query"
	}
	return n
}

// checkVarUse finds the variables an argument value uses: each must be declared, with a
// type that fits where it is used.
func checkVarUse(val any, want string, declared map[string]string, used map[string]bool, op operation, f field) []gqlError {
	switch x := val.(type) {
	case varRef:
		used[string(x)] = true
		got, ok := declared[string(x)]
		if !ok {
			return []gqlError{{Message: fmt.Sprintf("Variable $%s is used by %s but not declared", x, nameOr(op.Name)), Locations: []pos{f.At},
				Extensions: map[string]any{"code": "variableNotDefined", "variableName": string(x)}}}
		}
		if got != want && got != want+"!" {
			return []gqlError{{Message: fmt.Sprintf("Nullability mismatch on variable $%s and argument (%s / %s)", x, got, want), Locations: []pos{f.At},
				Extensions: map[string]any{"code": "variableMismatch", "variableName": string(x), "typeName": got}}}
		}
	case []any:
		var errs []gqlError
		for _, e := range x {
			errs = append(errs, checkVarUse(e, baseType(want), declared, used, op, f)...)
		}
		return errs
	case map[string]any:
		var errs []gqlError
		for _, e := range x {
			errs = append(errs, checkVarUse(e, "", declared, used, op, f)...)
		}
		return errs
	}
	return nil
}

func checkSelection(sel []field, typ string, path []any) []gqlError {
	var errs []gqlError
	fields := objects[typ]
	for _, f := range sel {
		p := append(append([]any{}, path...), f.key())
		if f.Name == "__typename" {
			continue
		}
		ft, ok := fields[f.Name]
		if !ok {
			errs = append(errs, undefinedField(f, typ, p))
			continue
		}
		_, isObject := objects[ft]
		switch {
		case isObject && len(f.Selection) == 0:
			errs = append(errs, gqlError{Message: fmt.Sprintf("Field must have selections (field '%s' returns %s but has no selections. Did you mean '%s { ... }'?)", f.Name, ft, f.Name),
				Locations: []pos{f.At}, Path: p, Extensions: map[string]any{"code": "selectionMismatch", "nodeName": "field '" + f.Name + "'", "typeName": ft}})
		case !isObject && len(f.Selection) > 0:
			errs = append(errs, gqlError{Message: fmt.Sprintf("Selections can't be made on scalars (field '%s' returns %s but has selections [%s])", f.Name, ft, names(f.Selection)),
				Locations: []pos{f.At}, Path: p, Extensions: map[string]any{"code": "selectionMismatch", "nodeName": "field '" + f.Name + "'", "typeName": ft}})
		case isObject:
			errs = append(errs, checkSelection(f.Selection, ft, p)...)
		}
	}
	return errs
}

func undefinedField(f field, typ string, path []any) gqlError {
	return gqlError{Message: fmt.Sprintf("Field '%s' doesn't exist on type '%s'", f.Name, typ), Locations: []pos{f.At}, Path: path,
		Extensions: map[string]any{"code": "undefinedField", "typeName": typ, "fieldName": f.Name}}
}

func names(fs []field) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Name)
	}
	return strings.Join(s, ", ")
}

// requestedCost follows Shopify's calculated query cost: a mutation costs 10; in a query an
// object costs 1, a scalar nothing, and a connection 2 plus its page size times the cost of
// one node.
func requestedCost(op operation, vars map[string]any) float64 {
	if op.Kind == "mutation" {
		return float64(10 * len(op.Selection))
	}
	return selectionCost(op.Selection, "QueryRoot", vars, nil)
}

// actualCost is the same with the page sizes actually returned.
func actualCost(op operation, vars map[string]any, data map[string]any) float64 {
	if op.Kind == "mutation" {
		return float64(10 * len(op.Selection))
	}
	return selectionCost(op.Selection, "QueryRoot", vars, data)
}

func selectionCost(sel []field, typ string, vars map[string]any, data map[string]any) float64 {
	total := 0.0
	for _, f := range sel {
		ft := objects[typ][f.Name]
		if _, isObject := objects[ft]; !isObject {
			continue
		}
		var sub map[string]any
		if data != nil {
			sub, _ = data[f.key()].(map[string]any)
		}
		if strings.HasSuffix(ft, "Connection") {
			n := 0.0
			if v, ok := resolveVars(f.Args["first"], vars).(float64); ok {
				n = v
			} else if v, ok := resolveVars(f.Args["last"], vars).(float64); ok {
				n = v
			}
			if data != nil {
				n = 0
				if nodes, ok := sub["nodes"].([]any); ok {
					n = float64(len(nodes))
				} else if edges, ok := sub["edges"].([]any); ok {
					n = float64(len(edges))
				}
			}
			node := strings.TrimSuffix(ft, "Connection")
			per := 1.0
			for _, c := range f.Selection {
				switch c.Name {
				case "nodes":
					per = 1 + selectionCost(c.Selection, node, vars, nil)
				case "edges":
					for _, e := range c.Selection {
						if e.Name == "node" {
							per = 1 + selectionCost(e.Selection, node, vars, nil)
						}
					}
				}
			}
			total += 2 + n*per
			continue
		}
		total += 1 + selectionCost(f.Selection, ft, vars, sub)
	}
	return total
}
