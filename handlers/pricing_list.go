package handlers

import (
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// pricingList is the approval queue: pending proposals oldest first, with what each would
// do to prices, margins, customers and channels; other tabs show the approved ones waiting
// for their date and the decided ones.
func (s *server) pricingList(c *fiber.Ctx) error {
	tab := c.Query("tab")
	if !slices.Contains([]string{"", rules.ProposalApproved, "done"}, tab) {
		tab = ""
	}
	sh, view, err := s.pricingQueue(c, tab, int64(c.QueryInt("after")))
	if err != nil {
		return err
	}
	if id := int64(c.QueryInt("decided")); id > 0 {
		if p, err := models.PriceProposalByID(s.DB, id); err == nil {
			sh.Flash = decisionWords(p)
		}
	}
	if n := c.QueryInt("proposed"); n > 0 {
		sh.Flash = plural(n, "price change was", "price changes were") + " proposed. A manager approves " + pick(n, "it", "them") + " here; nobody approves their own."
	}
	return render(c, fiber.StatusOK, web.PricingPage(sh, view))
}

// pricingQueue reads one page of a tab of the queue.
func (s *server) pricingQueue(c *fiber.Ctx, tab string, after int64) (web.Shell, web.PricingView, error) {
	v := viewerOf(c)
	page, err := models.ListPriceProposals(s.DB, models.ProposalFilter{Status: tab, After: after})
	if err != nil {
		return web.Shell{}, web.PricingView{}, err
	}
	policy, err := s.pricingPolicy(s.DB)
	if err != nil {
		return web.Shell{}, web.PricingView{}, err
	}
	rows, err := s.pricingRows(page.Items, policy, v.User.ID)
	if err != nil {
		return web.Shell{}, web.PricingView{}, err
	}
	sh := s.shell(c, "Pricing", "pricing")
	view := web.PricingView{Tab: tab, Rows: rows, Next: page.Next, Now: s.Now(), CSRF: v.Session.CSRFToken,
		CanApprove: sh.Viewer.Can("pricing", rules.Approve), CanPropose: sh.Viewer.Can("pricing", rules.Propose),
		PolicyText: "Policy: margin floor " + rules.FormatBP(policy.MarginFloorBP) + "; changes over " + rules.FormatBP(policy.TwoApproversAboveBP) + " or under the floor need two approvers."}
	return sh, view, nil
}

// pricingRows adds to each proposal what policy says of it and whom it reaches.
func (s *server) pricingRows(items []models.ProposalRow, policy rules.PricingPolicy, viewerID int64) ([]web.PricingRow, error) {
	var listIDs, custIDs []int64
	for _, it := range items {
		if it.PriceListID != nil && it.CustomerID == nil {
			listIDs = append(listIDs, *it.PriceListID)
		}
		if it.CustomerID != nil {
			custIDs = append(custIDs, *it.CustomerID)
		}
	}
	onList, err := models.CustomersOnPriceLists(s.DB, listIDs)
	if err != nil {
		return nil, err
	}
	carriers, err := models.CustomerCarriers(s.DB, custIDs)
	if err != nil {
		return nil, err
	}
	chans, err := models.DestinationChannels(s.DB, 0)
	if err != nil {
		return nil, err
	}
	out := make([]web.PricingRow, 0, len(items))
	for _, it := range items {
		r := web.PricingRow{ProposalRow: it, Mine: it.ProposedBy != nil && *it.ProposedBy == viewerID}
		for _, a := range it.Approvals {
			r.ApprovedByMe = r.ApprovedByMe || a.UserID == viewerID
		}
		r.KindLabel, r.StatusText, r.MarginText = rules.PriceKindLabel(it.Kind), proposalStatusText(it.PriceProposal), "no cost recorded"
		if cur, has := it.Current(); (it.Status == rules.ProposalPending || it.Status == rules.ProposalApproved) && rules.PriceMoved(it.HasOld, it.OldPrice, has, cur) {
			r.Moved = rules.PriceMovedMessage(it.OldPrice, cur, it.Currency)
		}
		v, err := rules.AssessPriceChange(policy, rules.PriceChange{Kind: it.Kind, HasOld: it.HasOld, Old: it.OldPrice, New: it.NewPrice, Cost: it.Cost, Sell: it.SellPrice})
		if err == nil {
			r.BelowFloor = v.BelowFloor
			if v.HasChange {
				r.ChangeText = rules.FormatChangeBP(v.ChangeBP)
			}
			if v.HasMargin {
				r.MarginText = rules.FormatBP(v.MarginBeforeBP) + " → " + rules.FormatBP(v.MarginAfterBP)
			}
		}
		switch {
		case it.CustomerID != nil:
			r.Customers = it.CustomerName
		case it.PriceListID != nil:
			r.Customers = plural(int(onList[*it.PriceListID]), "customer") + " on " + it.PriceListName
		case it.Kind == rules.PriceCost:
			r.Customers = "None directly: the margin moves"
		default:
			r.Customers = "Everyone buying at list price"
		}
		var cs map[int64]bool
		if it.CustomerID != nil {
			cs = carriers[*it.CustomerID]
		}
		for _, ch := range rules.PriceChannels(chans, it.CustomerID != nil, cs, nil) {
			r.Channels = append(r.Channels, ch.Name)
		}
		out = append(out, r)
	}
	return out, nil
}

// parseIDs reads the selected ids of a bulk form, ignoring anything that is not an id.
func parseIDs(raw [][]byte) []int64 {
	var ids []int64
	for _, b := range raw {
		for _, part := range strings.Split(string(b), ",") {
			if n := atoiOr(part); n > 0 && !slices.Contains(ids, int64(n)) {
				ids = append(ids, int64(n))
			}
		}
	}
	return ids
}

// proposalStatusText says where a decided proposal stands: "applied 2026-11-30 00:00 UTC".
func proposalStatusText(p models.PriceProposal) string {
	at := func(t *time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
	switch {
	case p.Status == rules.ProposalApproved && p.EffectiveAt != nil:
		return "approved, live from " + at(p.EffectiveAt)
	case p.Status == rules.ProposalApplied && p.AppliedAt != nil:
		return "applied " + at(p.AppliedAt)
	case p.Status == rules.ProposalRejected:
		return "rejected: " + p.DecisionNote
	case p.Status == rules.ProposalExpired:
		return "lapsed without a decision"
	case p.Status == rules.ProposalStale:
		return p.DecisionNote
	}
	return p.Status
}
