package testdb

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/models"
)

var (
	bulkPrefixes = []string{"Nord", "Süd", "Alpen", "Rhein", "Atlantic", "Baltic", "Metro", "Euro", "Hansa", "Central", "Pacific", "Delta", "Orion", "Vertex", "Summit", "Harbor", "Linden", "Eagle", "Falcon", "Crown"}
	bulkTrades   = []string{"Elektro", "Industrial Supply", "Bürobedarf", "Fasteners", "Tools", "Hydraulics", "Safety", "Packaging", "Cable", "Lighting", "Automation", "Pumps", "Bearings", "Welding", "Office"}
	bulkForms    = []string{"GmbH", "Ltd", "SARL", "BV", "Inc", "LLC", "AG", "S.p.A."}
	bulkCountry  = []string{"DE", "FR", "NL", "GB", "US", "IT", "AT", "BE"}
	skuPrefixes  = []string{"EL", "HT", "PT", "SF", "LT", "MS", "OF", "PK"}
)

// BulkCustomers inserts n customer accounts with varied, searchable names, tax ids, emails
// and phones, for benchmarks of lists and search at production sizes.
func BulkCustomers(tb testing.TB, db *gorm.DB, n int) {
	tb.Helper()
	batch := make([]models.Customer, 0, 1000)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := db.CreateInBatches(batch, 500).Error; err != nil {
			tb.Fatalf("insert customers: %v", err)
		}
		batch = batch[:0]
	}
	for i := 0; i < n; i++ {
		country := bulkCountry[i%len(bulkCountry)]
		name := fmt.Sprintf("%s %s %d %s", bulkPrefixes[i%len(bulkPrefixes)], bulkTrades[(i/len(bulkPrefixes))%len(bulkTrades)], i, bulkForms[i%len(bulkForms)])
		batch = append(batch, models.Customer{
			Name:      name,
			LegalName: name,
			TaxID:     fmt.Sprintf("%s%09d", country, 100000000+i*7),
			Email:     fmt.Sprintf("orders%d@customer%d.example", i%5, i),
			Phone:     fmt.Sprintf("+49 40 %07d", i),
			Currency:  "EUR",
			Country:   country,
			Active:    i%17 != 0,
			Version:   1,
		})
		if len(batch) == cap(batch) {
			flush()
		}
	}
	flush()
}

// BulkInbox inserts n waiting inbox items from the channels given, spread over the four
// domains and the five reasons (most of them ownership and validation, as in practice),
// over 60 days of arrivals, a tenth of them assigned to assignee (when not 0), for
// benchmarks of the inbox at production sizes.
func BulkInbox(tb testing.TB, db *gorm.DB, n int, channels []int64, assignee int64) {
	tb.Helper()
	domains := []string{"product", "product", "customer", "price", "inventory"}
	reasons := []string{models.ReasonOwnership, models.ReasonOwnership, models.ReasonValidation, models.ReasonValidation, models.ReasonOwnership,
		models.ReasonDuplicate, models.ReasonPricing, models.ReasonDrift}
	start := time.Now().UTC().Add(-60 * 24 * time.Hour)
	step := 60 * 24 * time.Hour / time.Duration(max(n, 1))
	batch := make([]models.InboxItem, 0, 1000)
	for i := 0; i < n; i++ {
		ch := channels[i%len(channels)]
		domain := domains[i%len(domains)]
		summary := fmt.Sprintf("%s-%05d %s %s %d", skuPrefixes[i%len(skuPrefixes)], i, bulkPrefixes[(i/7)%len(bulkPrefixes)], bulkTrades[(i/3)%len(bulkTrades)], i)
		if domain == "customer" {
			summary = fmt.Sprintf("%s %s %d %s", bulkPrefixes[i%len(bulkPrefixes)], bulkTrades[(i/len(bulkPrefixes))%len(bulkTrades)], i, bulkForms[i%len(bulkForms)])
		}
		it := models.InboxItem{
			Domain: domain, Reason: reasons[(i/5)%len(reasons)], ChannelID: &ch, ExternalID: fmt.Sprintf("gid://shop/%d", 100000+i),
			Summary: summary, Reasons: `["Odoo owns this attribute; a change from the shop waits for a steward."]`,
			CreatedAt: start.Add(time.Duration(i) * step),
		}
		it.UpdatedAt = it.CreatedAt
		if assignee != 0 && i%10 == 0 {
			a := assignee
			it.AssigneeID = &a
		}
		batch = append(batch, it)
		if len(batch) == cap(batch) {
			if err := models.CreateInboxItems(db, batch); err != nil {
				tb.Fatalf("insert inbox items: %v", err)
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if err := models.CreateInboxItems(db, batch); err != nil {
			tb.Fatalf("insert inbox items: %v", err)
		}
	}
	// As the periodic job would, so the tallies are as small as in a running installation.
	if err := models.CompactInboxCounts(db); err != nil {
		tb.Fatal(err)
	}
}
