package odootest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

var (
	bigOnce sync.Once
	big     *Server
)

// bigServer holds 100k products and 100k customer companies (with their contacts and
// addresses), seeded once per test binary.
func bigServer() *Server {
	bigOnce.Do(func() {
		big = New(Options{Version: "19.0", APIKey: "key"})
		big.Seed(100_000)
	})
	return big
}

// BenchmarkServePage measures one JSON-2 search_read page of 1,000 records, deep in a table
// of 100k, with the window-and-id domain Pull sends: the cost must not grow with the id.
func BenchmarkServePage(b *testing.B) {
	s := bigServer()
	hi := s.Now().Add(time.Hour).Format("2006-01-02 15:04:05")
	for _, tc := range []struct {
		name, model string
		fields      []string
	}{
		{"products", "product.product", []string{"default_code", "name", "list_price", "standard_price", "barcode", "uom_id", "categ_id", "taxes_id", "active", "write_date"}},
		{"partners", "res.partner", []string{"name", "is_company", "type", "parent_id", "vat", "email", "phone", "country_id", "country_code", "property_product_pricelist", "active", "write_date"}},
	} {
		for _, from := range []int64{0, 90_000} {
			body, _ := json.Marshal(map[string]any{
				"domain": []any{"|", []any{"write_date", "=", false}, []any{"write_date", "<", hi}, []any{"id", ">", from}},
				"fields": tc.fields, "limit": 1000, "order": "id asc", "context": map[string]any{"active_test": false},
			})
			b.Run(tc.name+"/from-"+map[int64]string{0: "start", 90_000: "90k"}[from], func(b *testing.B) {
				for b.Loop() {
					req, _ := http.NewRequest("POST", s.URL()+"/json/2/"+tc.model+"/search_read", bytes.NewReader(body))
					req.Header.Set("Authorization", "bearer key")
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					n, _ := io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 || n < 1000 {
						b.Fatalf("status %d, %d bytes", resp.StatusCode, n)
					}
				}
			})
		}
	}
}
