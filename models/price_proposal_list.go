package models

import (
	"gorm.io/gorm"
)

// ProposalRow is a proposal with the names a person needs to read it and its approvals.
type ProposalRow struct {
	PriceProposal
	ProductSKU    string
	ProductName   string
	CustomerName  string
	PriceListName string
	// The price as it is now, to tell whether it moved since the proposal was made: the
	// product's list price and cost, and the rule's price when the proposal changes one.
	CurrentListPrice Money
	CurrentCost      Money
	CurrentRulePrice *Money
	Approvals        []PriceApproval `gorm:"-"`
}

// ProposalFilter narrows a list of proposals. Status "done" means decided (applied,
// rejected, lapsed, or not applied because the price moved), newest first; pending and
// approved are oldest first.
type ProposalFilter struct {
	Status     string
	ProductID  int64
	CustomerID int64
	After      int64 // keyset: past this id in the list's order
	Limit      int
}

// ProposalPage is one page of proposals and the cursor of the next.
type ProposalPage struct {
	Items []ProposalRow
	Next  int64 // 0 at the end
}

func proposalRows(db *gorm.DB) *gorm.DB {
	return db.Table("price_proposals AS pp").
		Select("pp.*, COALESCE(p.sku, '') AS product_sku, COALESCE(p.name, '') AS product_name, COALESCE(c.name, '') AS customer_name, COALESCE(pl.name, '') AS price_list_name, " +
			"COALESCE(p.list_price, 0) AS current_list_price, COALESCE(p.cost, 0) AS current_cost, pr.price AS current_rule_price").
		Joins("LEFT JOIN products p ON p.id = pp.product_id").
		Joins("LEFT JOIN price_rules pr ON pr.id = pp.price_rule_id").
		Joins("LEFT JOIN customers c ON c.id = pp.customer_id").
		Joins("LEFT JOIN price_lists pl ON pl.id = pp.price_list_id")
}

// ListPriceProposals returns one page of proposals, walking the (status, id) index.
func ListPriceProposals(db *gorm.DB, f ProposalFilter) (ProposalPage, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = PageSize
	}
	q := proposalRows(db)
	desc := false
	switch f.Status {
	case "done":
		q, desc = q.Where("pp.status IN ?", []string{"applied", "rejected", "expired", "stale"}), true
	case "":
		q = q.Where("pp.status = ?", "pending")
	default:
		q = q.Where("pp.status = ?", f.Status)
	}
	if f.ProductID != 0 {
		q = q.Where("pp.product_id = ?", f.ProductID)
	}
	if f.CustomerID != 0 {
		q = q.Where("pp.customer_id = ?", f.CustomerID)
	}
	if f.After > 0 {
		if desc {
			q = q.Where("pp.id < ?", f.After)
		} else {
			q = q.Where("pp.id > ?", f.After)
		}
	}
	order := "pp.id"
	if desc {
		order = "pp.id DESC"
	}
	var rows []ProposalRow
	if err := q.Order(order).Limit(limit + 1).Scan(&rows).Error; err != nil {
		return ProposalPage{}, err
	}
	var page ProposalPage
	if len(rows) > limit {
		rows = rows[:limit]
		page.Next = rows[limit-1].ID
	}
	if err := withApprovals(db, rows); err != nil {
		return page, err
	}
	page.Items = rows
	return page, nil
}

// ProposalRowsByIDs loads proposals by id, in id order, for a confirmation of a selection.
func ProposalRowsByIDs(db *gorm.DB, ids []int64) ([]ProposalRow, error) {
	var rows []ProposalRow
	if len(ids) == 0 {
		return rows, nil
	}
	if err := proposalRows(db).Where("pp.id IN ?", ids).Order("pp.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	return rows, withApprovals(db, rows)
}

func withApprovals(db *gorm.DB, rows []ProposalRow) error {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	as, err := ApprovalsOf(db, ids)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].Approvals = as[rows[i].ID]
	}
	return nil
}

// PriceHistory lists the prices a product or a customer (one id set) had through applied
// proposals, latest first, with who proposed and approved them.
func PriceHistory(db *gorm.DB, productID, customerID int64, limit int) ([]ProposalRow, error) {
	q := proposalRows(db).Where("pp.status = ?", "applied")
	if productID != 0 {
		q = q.Where("pp.product_id = ?", productID)
	}
	if customerID != 0 {
		q = q.Where("pp.customer_id = ?", customerID)
	}
	var rows []ProposalRow
	if err := q.Order("pp.applied_at DESC, pp.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, err
	}
	return rows, withApprovals(db, rows)
}

// CustomersOnPriceLists counts the customer accounts on each price list.
func CustomersOnPriceLists(db *gorm.DB, listIDs []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(listIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		PriceListID int64
		N           int64
	}
	err := db.Table("customers").Select("price_list_id, COUNT(*) AS n").Where("price_list_id IN ?", listIDs).Group("price_list_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.PriceListID] = r.N
	}
	return out, err
}

// CustomerCarriers tells, per customer, which channels carry it: those holding an external
// reference for the customer (its portal account, its EDI partner).
func CustomerCarriers(db *gorm.DB, customerIDs []int64) (map[int64]map[int64]bool, error) {
	out := map[int64]map[int64]bool{}
	if len(customerIDs) == 0 {
		return out, nil
	}
	var refs []ExternalRef
	if err := db.Where("object_type = ? AND golden_id IN ?", ObjectCustomer, customerIDs).Find(&refs).Error; err != nil {
		return nil, err
	}
	for _, r := range refs {
		if out[r.GoldenID] == nil {
			out[r.GoldenID] = map[int64]bool{}
		}
		out[r.GoldenID][r.ChannelID] = true
	}
	return out, nil
}
