package handlers

import (
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// maxHistory bounds a price history; the audit trail keeps everything beyond it.
const maxHistory = 1000

func (s *server) productPrices(c *fiber.Ctx) error     { return s.priceHistory(c, "product", false) }
func (s *server) customerPrices(c *fiber.Ctx) error    { return s.priceHistory(c, "customer", false) }
func (s *server) productPricesCSV(c *fiber.Ctx) error  { return s.priceHistory(c, "product", true) }
func (s *server) customerPricesCSV(c *fiber.Ctx) error { return s.priceHistory(c, "customer", true) }

// priceHistory answers a record's price history as the fragment its page loads, or as a
// CSV download.
func (s *server) priceHistory(c *fiber.Ctx, object string, asCSV bool) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var productID, customerID int64
	if object == "product" {
		if _, err := models.ProductByID(s.DB, id); err != nil {
			return err
		}
		productID = id
	} else {
		if _, err := models.CustomerByID(s.DB, id); err != nil {
			return err
		}
		customerID = id
	}
	rows, err := models.PriceHistory(s.DB, productID, customerID, maxHistory)
	if err != nil {
		return err
	}
	base := fmt.Sprintf("/%ss/%d/prices", object, id)
	if asCSV {
		return writeHistoryCSV(c, fmt.Sprintf("prices-%s-%d.csv", object, id), rows)
	}
	v := web.PriceHistoryView{CSVURL: base + ".csv", ForCustomer: object == "customer"}
	for _, r := range rows {
		v.Rows = append(v.Rows, web.PriceHistoryRow{ProposalRow: r, KindLabel: rules.PriceKindLabel(r.Kind)})
	}
	if s.shell(c, "", "").Viewer.Can("pricing", rules.Propose) {
		v.ProposeURL = fmt.Sprintf("/pricing/new?%s_id=%d", object, id)
	}
	return render(c, fiber.StatusOK, web.PriceHistoryFragment(v))
}

// writeHistoryCSV writes RFC 4180 CSV (CRLF line ends, quotes where needed) with amounts as
// plain decimals, so a spreadsheet reads them as numbers.
func writeHistoryCSV(c *fiber.Ctx, filename string, rows []models.ProposalRow) error {
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	w := csv.NewWriter(c.Response().BodyWriter())
	w.UseCRLF = true
	_ = w.Write([]string{"took_effect", "sku", "product", "price", "price_list", "customer", "min_quantity", "currency", "old_price", "new_price", "proposed_by", "approved_by", "reason", "proposal"})
	for _, r := range rows {
		var approvers []string
		for _, a := range r.Approvals {
			approvers = append(approvers, a.UserName)
		}
		old := ""
		if r.HasOld {
			old = r.OldPrice.String()
		}
		at := ""
		if r.AppliedAt != nil {
			at = r.AppliedAt.UTC().Format(time.RFC3339)
		}
		_ = w.Write([]string{at, csvSafe(r.ProductSKU), csvSafe(r.ProductName), r.Kind, csvSafe(r.PriceListName), csvSafe(r.CustomerName),
			fmt.Sprint(r.MinQuantity), r.Currency, old, r.NewPrice.String(), csvSafe(r.ProposedByName), csvSafe(strings.Join(approvers, "; ")), csvSafe(r.Reason), fmt.Sprint(r.ID)})
	}
	w.Flush()
	return w.Error()
}

// csvSafe keeps a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
