package models

import (
	"gorm.io/gorm"
)

// MergePlan is what a merge would do, for the preview a steward confirms: which
// references move, which stay (the survivor has its own in that channel), what hangs off
// the duplicate and moves with it, where publications go, and what each Odoo is sent.
type MergePlan struct {
	MovedRefs    []ExternalRefView
	KeptRefs     []ExternalRefView
	Odoo         []OdooMergeStep
	Destinations []Channel
	Addresses    int64
	Contacts     int64
	Branches     int64
	PriceRules   int64
	Stock        int64
	Proposals    int64 // open price proposals that move with the duplicate
	InboxItems   int64
	OtherPairs   int64 // open pairs of the duplicate that close as resolved
}

// PlanMerge works out a merge of dupID into survivorID without writing anything.
func PlanMerge(db *gorm.DB, domain string, survivorID, dupID, candidateID int64) (MergePlan, error) {
	var p MergePlan
	dupRefs, err := ExternalRefsFor(db, domain, dupID)
	if err != nil {
		return p, err
	}
	survRefs, err := ExternalRefsFor(db, domain, survivorID)
	if err != nil {
		return p, err
	}
	held := map[int64]string{}
	for _, r := range survRefs {
		held[r.ChannelID] = r.ExternalID
	}
	for _, r := range dupRefs {
		ch, err := channelByID(db, r.ChannelID)
		if err != nil {
			return p, err
		}
		if _, taken := held[r.ChannelID]; taken {
			if ch.Kind == ChannelOdoo {
				p.Odoo = append(p.Odoo, odooStep(ch, domain, r.ExternalID, held[ch.ID]))
			}
			p.KeptRefs = append(p.KeptRefs, r)
		} else {
			p.MovedRefs = append(p.MovedRefs, r)
		}
	}
	count := func(dst *int64, table, where string, args ...any) {
		if err == nil {
			err = db.Table(table).Where(where, args...).Count(dst).Error
		}
	}
	if domain == ObjectCustomer {
		count(&p.Addresses, "addresses", "customer_id = ?", dupID)
		count(&p.Contacts, "contacts", "customer_id = ?", dupID)
		count(&p.Branches, "customers", "parent_id = ?", dupID)
		count(&p.PriceRules, "price_rules", "customer_id = ?", dupID)
	} else {
		count(&p.PriceRules, "price_rules", "product_id = ?", dupID)
		count(&p.Stock, "inventory_levels", "product_id = ?", dupID)
	}
	count(&p.Proposals, "price_proposals", proposalColumn(domain)+" = ? AND status IN ?", dupID, openProposalStatuses)
	count(&p.InboxItems, "inbox_items", "domain = ? AND golden_id = ? AND status = ?", domain, dupID, InboxOpen)
	count(&p.OtherPairs, "duplicate_candidates", "domain = ? AND status = ? AND id <> ? AND (left_id = ? OR right_id = ?)", domain, CandidateOpen, candidateID, dupID, dupID)
	if err != nil {
		return p, err
	}
	p.Destinations, err = MergeDestinations(db, domain)
	return p, err
}

// SourceNames lists the channels that hold a golden record, by name: what survivorship's
// "most trusted source" reads.
func SourceNames(db *gorm.DB, domain string, id int64) ([]string, error) {
	refs, err := ExternalRefsFor(db, domain, id)
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.ChannelName)
	}
	return out, err
}
