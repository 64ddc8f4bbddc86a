package edi

import "testing"

// StrictCheck lets the connector tests (package edi_test, which needs editest) check the
// files they write with node-x12 too; without node or npm it logs why and checks nothing.
func StrictCheck(t *testing.T, file string, check func(StrictResult)) {
	t.Helper()
	rs, missing := tryStrictParse(t, file)
	if missing != "" {
		t.Log(missing)
		return
	}
	check(rs[file])
}

// StrictResult is what node-x12 read.
type StrictResult = strictResult
