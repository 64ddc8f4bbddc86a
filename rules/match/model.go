package match

import "slices"

// DefaultModel returns the model a domain starts with, estimated from the training split
// of package synth's labelled data (see RESULTS.md). The copy is the caller's to change.
func DefaultModel(d Domain) *Model {
	src := &defaultCustomerModel
	if d == Products {
		src = &defaultProductModel
	}
	m := *src
	m.Fields = slices.Clone(src.Fields)
	for i, f := range m.Fields {
		m.Fields[i].Levels = slices.Clone(f.Levels)
		m.Fields[i].M = slices.Clone(f.M)
		m.Fields[i].U = slices.Clone(f.U)
	}
	return &m
}
