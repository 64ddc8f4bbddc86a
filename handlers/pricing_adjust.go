package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// maxAdjustRows bounds a percentage change: every row is shown before it is proposed.
const maxAdjustRows = 2000

// pricingAdjust is "+x % for this category / brand / price list": the first post shows
// every price it would move with its new margin; the confirmed post proposes them all in
// one transaction, each as its own proposal.
func (s *server) pricingAdjust(c *fiber.Ctx) error {
	f := web.AdjustForm{Value: c.FormValue("value"), Percent: c.FormValue("percent"), Reason: c.FormValue("reason")}
	errs := map[string]string{}
	bp, err := rules.ParsePercent(f.Percent)
	if err != nil {
		errs["percent"] = rules.MessageOf(err)
	} else if bp == 0 {
		errs["percent"] = "A change of 0 % changes nothing."
	} else if bp <= -10000 {
		errs["percent"] = "A price cannot fall by 100 % or more."
	}
	if msg := rules.CheckPriceReason(f.Reason); msg != "" {
		errs["reason"] = msg
	}
	scope, value, _ := strings.Cut(f.Value, ":")
	if (scope != "category" && scope != "brand" && scope != "price_list") || value == "" {
		errs["value"] = "Choose a category, a brand or a price list."
	}
	if len(errs) > 0 {
		f.Errors = errs
		return s.renderPricingNew(c, fiber.StatusUnprocessableEntity, web.PricingNewView{Adjust: f})
	}
	policy, err := s.pricingPolicy(s.DB)
	if err != nil {
		return err
	}
	drafts, err := s.adjustDrafts(scope, value, bp, f.Reason)
	if err != nil {
		return err
	}
	if len(drafts) == 0 {
		f.Errors = map[string]string{"value": "No price matches: the group is empty."}
		return s.renderPricingNew(c, fiber.StatusUnprocessableEntity, web.PricingNewView{Adjust: f})
	}
	if len(drafts) > maxAdjustRows {
		f.Errors = map[string]string{"value": fmt.Sprintf("That moves %d prices; choose a smaller group (at most %d) so each can be checked.", len(drafts), maxAdjustRows)}
		return s.renderPricingNew(c, fiber.StatusUnprocessableEntity, web.PricingNewView{Adjust: f})
	}
	if c.FormValue("confirm") == "1" {
		var made int
		err := s.DB.Transaction(func(tx *gorm.DB) error {
			for _, d := range drafts {
				if d.skip != "" {
					continue
				}
				if _, err := propose(tx, s.actor(c), policy, d.draft, s.Now()); err != nil {
					return err
				}
				made++
			}
			return nil
		})
		if rules.KindOf(err) == rules.Conflict || rules.KindOf(err) == rules.Invalid || errors.Is(err, models.ErrOpenProposal) {
			f.Errors = map[string]string{"": "Prices changed while you checked them: " + describeErr(err) + " Preview again."}
			return s.renderPricingNew(c, fiber.StatusConflict, web.PricingNewView{Adjust: f})
		}
		if err != nil {
			return err
		}
		return c.Redirect(fmt.Sprintf("/pricing?proposed=%d", made), fiber.StatusSeeOther)
	}
	rows, ready := make([]web.AdjustRow, 0, len(drafts)), 0
	for _, d := range drafts {
		r := web.AdjustRow{Label: d.label, Old: d.old, New: d.draft.NewPrice, Currency: d.currency, Problem: d.skip}
		v, err := rules.AssessPriceChange(policy, rules.PriceChange{Kind: d.draft.Kind, HasOld: true, Old: d.old, New: d.draft.NewPrice, Cost: d.cost})
		if err != nil {
			r.Problem = describeErr(err)
		} else {
			r.Change, r.Below = rules.FormatChangeBP(v.ChangeBP), v.BelowFloor
			r.Margin = "no cost recorded"
			if v.HasMargin {
				r.Margin = rules.FormatBP(v.MarginAfterBP)
			}
		}
		if r.Problem == "" {
			ready++
		}
		rows = append(rows, r)
	}
	return render(c, fiber.StatusOK, web.AdjustPreview(s.shell(c, "Check the changes", "pricing"), f, rows, ready))
}

type adjustDraft struct {
	draft    priceDraft
	label    string
	old      models.Money
	cost     models.Money
	currency string
	skip     string // why this price is left out
}

// adjustDrafts lists the prices of a group with their new values.
func (s *server) adjustDrafts(scope, value string, bp int, reason string) ([]adjustDraft, error) {
	var out []adjustDraft
	if scope == "price_list" {
		listID, _ := strconv.ParseInt(value, 10, 64)
		var rs []struct {
			models.PriceRule
			SKU      string `gorm:"column:sku"`
			Name     string
			Cost     models.Money
			Currency string
			Customer string
		}
		err := s.DB.Table("price_rules AS r").Select("r.*, p.sku, p.name, p.cost, pl.currency, COALESCE(c.name, '') AS customer").
			Joins("JOIN products p ON p.id = r.product_id").Joins("JOIN price_lists pl ON pl.id = r.price_list_id").
			Joins("LEFT JOIN customers c ON c.id = r.customer_id").
			Where("r.price_list_id = ?", listID).Order("p.sku, r.customer_id, r.min_quantity, r.id").Limit(maxAdjustRows + 1).Scan(&rs).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			lid := r.PriceListID
			d := adjustDraft{old: r.Price, cost: r.Cost, currency: r.Currency, label: r.SKU + " " + r.Name,
				draft: priceDraft{Kind: rules.PriceRule, ProductID: r.ProductID, PriceListID: &lid, CustomerID: r.CustomerID, MinQuantity: r.MinQuantity,
					NewPrice: rules.AdjustPrice(r.Price, bp), Reason: reason, Source: models.ProposalFromAdjust}}
			if r.Customer != "" {
				d.label += " · " + r.Customer
			}
			if r.MinQuantity > 0 {
				d.label += fmt.Sprintf(" · from %g", r.MinQuantity)
			}
			out = append(out, d)
		}
	} else {
		var ps []models.Product
		if err := s.DB.Where(scope+" = ?", value).Order("sku").Limit(maxAdjustRows + 1).Find(&ps).Error; err != nil {
			return nil, err
		}
		for _, p := range ps {
			out = append(out, adjustDraft{old: p.ListPrice, cost: p.Cost, currency: p.Currency, label: p.SKU + " " + p.Name,
				draft: priceDraft{Kind: rules.PriceList, ProductID: p.ID, NewPrice: rules.AdjustPrice(p.ListPrice, bp), Reason: reason, Source: models.ProposalFromAdjust}})
		}
	}
	for i, d := range out {
		key := rules.PriceKey(d.draft.Kind, d.draft.ProductID, deref(d.draft.PriceListID), d.draft.CustomerID, d.draft.MinQuantity)
		open, err := models.OpenProposalIDs(s.DB, key)
		if err != nil {
			return nil, err
		}
		if len(open) > 0 {
			out[i].skip = fmt.Sprintf("Left out: proposal #%d already changes this price.", open[0])
		} else if d.old == d.draft.NewPrice {
			out[i].skip = "Left out: the change rounds to the same price."
		}
	}
	return out, nil
}
