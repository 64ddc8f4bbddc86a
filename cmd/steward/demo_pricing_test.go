package main

import (
	"bytes"
	"context"
	"testing"

	"steward/models"
	"steward/models/testdb"
)

func TestDemoPricingFillsTheQueue(t *testing.T) {
	db := testdb.SQLite(t)
	var out bytes.Buffer
	if _, err := seedDemo(context.Background(), db, &out); err != nil {
		t.Fatal(err)
	}
	if err := demoPricing(context.Background(), db, &out); err != nil {
		t.Fatal(err)
	}
	page, err := models.ListPriceProposals(db, models.ProposalFilter{})
	if err != nil || len(page.Items) != 3 {
		t.Fatalf("%d waiting proposals (%v), want 3", len(page.Items), err)
	}
	if page.Items[1].ApprovalsNeeded != 2 || page.Items[2].CustomerID == nil {
		t.Errorf("the clearance cut needs %d approvers; the contract price is for customer %v", page.Items[1].ApprovalsNeeded, page.Items[2].CustomerID)
	}
}
