package testdb

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/models"
)

var (
	bulkPrefixes = []string{"Nord", "Süd", "Alpen", "Rhein", "Atlantic", "Baltic", "Metro", "Euro", "Hansa", "Central", "Pacific", "Delta", "Orion", "Vertex", "Summit", "Harbor", "Linden", "Eagle", "Falcon", "Crown"}
	bulkTrades   = []string{"Elektro", "Industrial Supply", "Bürobedarf", "Fasteners", "Tools", "Hydraulics", "Safety", "Packaging", "Cable", "Lighting", "Automation", "Pumps", "Bearings", "Welding", "Office"}
	bulkForms    = []string{"GmbH", "Ltd", "SARL", "BV", "Inc", "LLC", "AG", "S.p.A."}
	bulkCountry  = []string{"DE", "FR", "NL", "GB", "US", "IT", "AT", "BE"}
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
