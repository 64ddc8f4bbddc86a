package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"steward/rules/match"
	"steward/rules/match/synth"
)

// writeCSV writes generated records in the columns steward dedupe reads, with the truth
// in an extra column dedupe ignores: data to try the command on and to check its output.
func writeCSV(path string, d match.Domain, seed uint64, n int, out io.Writer) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := csv.NewWriter(f)
	if d == match.Products {
		w.Write([]string{"id", "sku", "name", "description", "brand", "mpn", "gtin", "price", "category", "uom", "true_entity"})
		for p := range synth.Products(seed, n) {
			w.Write([]string{p.ID, p.SKU, p.Name, p.Description, p.Brand, p.MPN, p.GTIN, p.Price, p.Category, p.UoM, strconv.Itoa(int(p.Entity))})
		}
	} else {
		w.Write([]string{"id", "name", "company", "email", "phone", "tax_id", "street", "street2", "city", "postcode", "state", "country", "true_entity"})
		for c := range synth.Customers(seed, n) {
			w.Write([]string{c.ID, c.Name, c.Company, c.Email, c.Phone, c.TaxID, c.Street, c.Street2, c.City, c.Postcode, c.State, c.Country, strconv.Itoa(int(c.Entity))})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %d generated %ss to %s.\n", n, d, path)
	return nil
}
