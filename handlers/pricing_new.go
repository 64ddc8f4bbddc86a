package handlers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// pricingNew offers the ways to propose: one price (filled in from the product or customer
// page that linked here), a CSV file, a percentage for a group.
func (s *server) pricingNew(c *fiber.Ctx) error {
	f := web.PriceProposalForm{Kind: c.Query("kind", rules.PriceList), Customer: c.Query("customer_id"), PriceList: c.Query("price_list")}
	if id := int64(c.QueryInt("product_id")); id > 0 {
		if p, err := models.ProductByID(s.DB, id); err == nil {
			f.SKU = p.SKU
		}
	}
	if cid := int64(atoiOr(f.Customer)); cid > 0 {
		if cust, err := models.CustomerByID(s.DB, cid); err == nil {
			f.Kind = rules.PriceRule
			if f.PriceList == "" && cust.PriceListID != nil {
				f.PriceList = idString(*cust.PriceListID)
			}
			f.Current = "For " + cust.Name + "."
		}
	}
	return s.renderPricingNew(c, fiber.StatusOK, web.PricingNewView{Form: f})
}

func (s *server) renderPricingNew(c *fiber.Ctx, status int, v web.PricingNewView) error {
	var err error
	if v.PriceLists, err = models.ListPriceLists(s.DB); err != nil {
		return err
	}
	if v.Categories, v.Brands, err = models.ProductFacets(s.DB); err != nil {
		return err
	}
	if v.Form.Kind == "" {
		v.Form.Kind = rules.PriceList
	}
	v.Kinds = []web.Option{{Value: rules.PriceList, Label: "List price"}, {Value: rules.PriceCost, Label: "Cost"},
		{Value: rules.PriceRule, Label: "Price-list price (optionally for one customer)"}}
	if v.Form.Current == "" && v.Form.SKU != "" {
		if p, err := models.ProductBySKU(s.DB, v.Form.SKU); err == nil {
			v.Form.Current = fmt.Sprintf("%s now: list price %s, cost %s.", p.SKU, p.ListPrice.Format(p.Currency), p.Cost.Format(p.Currency))
		}
	}
	return render(c, status, web.PricingNewPage(s.shell(c, "Propose price changes", "pricing"), v))
}

// pricingCreate stores one proposal from the form; mistakes come back next to their fields.
func (s *server) pricingCreate(c *fiber.Ctx) error {
	f := web.PriceProposalForm{Kind: c.FormValue("kind"), SKU: strings.TrimSpace(c.FormValue("sku")), PriceList: c.FormValue("price_list"),
		Customer: strings.TrimSpace(c.FormValue("customer")), MinQuantity: c.FormValue("min_quantity"), NewPrice: c.FormValue("new_price"),
		From: c.FormValue("from"), Reason: c.FormValue("reason")}
	d, errs := s.parseDraft(f)
	d.Source = models.ProposalFromUI
	if len(errs) == 0 {
		err := s.DB.Transaction(func(tx *gorm.DB) error {
			policy, err := s.pricingPolicy(tx)
			if err != nil {
				return err
			}
			_, err = propose(tx, s.actor(c), policy, d, s.Now())
			return err
		})
		switch {
		case err == nil:
			return c.Redirect("/pricing?proposed=1", fiber.StatusSeeOther)
		case rules.KindOf(err) == rules.Invalid:
			errs = fieldErrors(err)
		case rules.KindOf(err) == rules.Conflict:
			errs = map[string]string{"": rules.MessageOf(err)}
		default:
			return err
		}
	}
	f.Errors = errs
	return s.renderPricingNew(c, fiber.StatusUnprocessableEntity, web.PricingNewView{Form: f})
}

// parseDraft reads the typed fields of one proposal; the product is found by SKU.
func (s *server) parseDraft(f web.PriceProposalForm) (priceDraft, map[string]string) {
	d := priceDraft{Kind: f.Kind, Reason: f.Reason}
	errs := map[string]string{}
	if f.SKU == "" {
		errs["product"] = "Enter the product's SKU."
	} else if p, err := models.ProductBySKU(s.DB, f.SKU); err != nil {
		errs["product"] = fmt.Sprintf("There is no product with SKU %q.", f.SKU)
	} else {
		d.ProductID = p.ID
	}
	price, err := models.ParseMoney(f.NewPrice)
	switch {
	case decimalComma.MatchString(strings.TrimSpace(f.NewPrice)):
		// "8,50" would read as 850 (a thousands separator): ask rather than guess.
		errs["new_price"] = "Write decimals with a point, such as 8.50; a comma separates thousands."
	case err != nil:
		errs["new_price"] = "Enter the new price as a number, such as 12.50."
	}
	d.NewPrice = price
	if d.Kind == rules.PriceRule {
		if id := int64(atoiOr(f.PriceList)); id > 0 {
			d.PriceListID = &id
		}
		if f.Customer != "" {
			id, err := strconv.ParseInt(f.Customer, 10, 64)
			if err != nil || id <= 0 {
				errs["customer"] = "Enter the customer's number, as on the customer's page, or leave it empty."
			} else {
				d.CustomerID = &id
			}
		}
		if q := strings.TrimSpace(f.MinQuantity); q != "" {
			n, err := strconv.ParseFloat(q, 64)
			if err != nil || n < 0 {
				errs["min_quantity"] = "Enter a quantity of 0 or more."
			}
			d.MinQuantity = n
		}
	}
	if from := strings.TrimSpace(f.From); from != "" {
		t, err := time.Parse("2006-01-02", from)
		if err != nil {
			errs["from"] = "Enter a date as YYYY-MM-DD."
		} else {
			d.RequestedFrom = &t
		}
	}
	if msg := rules.CheckPriceReason(d.Reason); msg != "" {
		errs["reason"] = msg
	}
	return d, errs
}

// decimalComma matches an amount written with a decimal comma: "8,50", "1.234,5".
var decimalComma = regexp.MustCompile(`,\d{1,2}$`)
