package handlers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// maxPriceLines bounds one uploaded price file: each line is a proposal someone must read.
const maxPriceLines = 5000

// pricingUpload proposes every line of a CSV file, or nothing: a file with any wrong line
// comes back with each problem and its line number.
func (s *server) pricingUpload(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return s.uploadRefused(c, []string{"Choose a CSV file to upload."})
	}
	if fh.Size > maxUpload {
		return s.uploadRefused(c, []string{"The file is larger than 64 MB."})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	drafts, problems := s.readPriceCSV(f)
	if len(problems) == 0 && len(drafts) == 0 {
		problems = []string{"The file has a header but no prices."}
	}
	if len(problems) > 0 {
		return s.uploadRefused(c, problems)
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		policy, err := s.pricingPolicy(tx)
		if err != nil {
			return err
		}
		for _, ld := range drafts {
			if _, err := propose(tx, s.actor(c), policy, ld.draft, s.Now()); err != nil {
				if rules.KindOf(err) == rules.Internal {
					return err
				}
				problems = append(problems, fmt.Sprintf("Line %d: %s", ld.line, describeErr(err)))
			}
		}
		if len(problems) > 0 {
			return errRolledBack
		}
		return nil
	})
	if errors.Is(err, errRolledBack) {
		return s.uploadRefused(c, problems)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/pricing?proposed=%d", len(drafts)), fiber.StatusSeeOther)
}

// errRolledBack undoes an upload in which some line was refused.
var errRolledBack = errors.New("upload refused")

type lineDraft struct {
	line  int
	draft priceDraft
}

// readPriceCSV reads an RFC 4180 file with a header row naming the columns.
func (s *server) readPriceCSV(r io.Reader) ([]lineDraft, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []string{"The file is empty or not CSV: the first line must name the columns (sku,kind,new_price,reason…)."}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var problems []string
	for _, need := range []string{"sku", "kind", "new_price", "reason"} {
		if _, ok := col[need]; !ok {
			problems = append(problems, fmt.Sprintf("Line 1: the column %q is missing.", need))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []lineDraft
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("Line %d: %v", line, err))
			break
		}
		if len(out)+len(problems) >= maxPriceLines {
			problems = append(problems, fmt.Sprintf("Line %d: a file may hold at most %d prices; split it.", line, maxPriceLines))
			break
		}
		f := web.PriceProposalForm{Kind: get(rec, "kind"), SKU: get(rec, "sku"), PriceList: get(rec, "price_list"), Customer: get(rec, "customer"),
			MinQuantity: get(rec, "min_quantity"), NewPrice: get(rec, "new_price"), From: get(rec, "from"), Reason: get(rec, "reason")}
		if f.PriceList != "" && atoiOr(f.PriceList) == 0 {
			// A price list may be named instead of numbered.
			var pl models.PriceList
			if err := s.DB.Where("name = ?", f.PriceList).Take(&pl).Error; err == nil {
				f.PriceList = idString(pl.ID)
			}
		}
		d, errs := s.parseDraft(f)
		if f.Kind != rules.PriceList && f.Kind != rules.PriceCost && f.Kind != rules.PriceRule {
			errs["kind"] = "kind must be list_price, cost or price_rule."
		}
		if len(errs) > 0 {
			problems = append(problems, fmt.Sprintf("Line %d: %s", line, joinErrs(errs)))
			continue
		}
		d.Source = models.ProposalFromCSV
		out = append(out, lineDraft{line: line, draft: d})
	}
	return out, problems
}

func joinErrs(errs map[string]string) string {
	var parts []string
	for _, k := range []string{"", "product", "kind", "price_list", "customer", "min_quantity", "new_price", "from", "reason"} {
		if m, ok := errs[k]; ok {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, " ")
}

func describeErr(err error) string {
	if rules.KindOf(err) == rules.Invalid {
		return joinErrs(fieldErrors(err))
	}
	return rules.MessageOf(err)
}

func (s *server) uploadRefused(c *fiber.Ctx, problems []string) error {
	return s.renderPricingNew(c, fiber.StatusUnprocessableEntity, web.PricingNewView{UploadErrs: problems})
}
