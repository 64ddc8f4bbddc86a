package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"steward/models"
	"steward/models/demo"
	"steward/models/testdb"
)

// TestDemoDuplicatesFillTheQueue: a fresh demo has customer and product pairs waiting at
// /duplicates, found by a recorded scan.
func TestDemoDuplicatesFillTheQueue(t *testing.T) {
	db := testdb.SQLite(t)
	if _, err := demo.Seed(context.Background(), db, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := demoDuplicates(context.Background(), db, &out); err != nil {
		t.Fatal(err)
	}
	for _, domain := range []string{models.ObjectCustomer, models.ObjectProduct} {
		var n int64
		db.Model(&models.DuplicateCandidate{}).Where("domain = ? AND status = ?", domain, models.CandidateOpen).Count(&n)
		if n == 0 {
			t.Errorf("no open %s pairs after the demo scan", domain)
		}
	}
	if !strings.Contains(out.String(), "compare and merge them at /duplicates") {
		t.Errorf("printed %q", out.String())
	}
}
