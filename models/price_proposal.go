package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Where a proposal came from.
const (
	ProposalFromUI     = "ui"
	ProposalFromCSV    = "csv"
	ProposalFromAdjust = "adjust" // "+x % for this category / brand / price list"
	ProposalFromSync   = "sync"
)

// PriceProposal is a price change waiting for approval, approved and waiting for its date,
// or done (applied, rejected, lapsed). Statuses are rules.Proposal*.
type PriceProposal struct {
	ID              int64
	Status          string
	Summary         string
	ProposedBy      *int64 // nil when a sync raised it
	ProposedByName  string
	Kind            string // rules.PriceList, PriceCost, PriceRule
	ProductID       int64
	PriceListID     *int64
	CustomerID      *int64
	PriceRuleID     *int64 // the rule it changes; nil for a new rule
	MinQuantity     float64
	ValidFrom       *time.Time
	ValidTo         *time.Time
	PriceKey        string
	Currency        string
	HasOld          bool
	OldPrice        Money
	NewPrice        Money
	Cost            Money // the cost the margin was judged on
	SellPrice       Money // for a cost change: the list price the margin was judged on
	Reason          string
	PolicyNotes     string // why policy wants approval, one reason a line
	Source          string
	SourceChannelID *int64
	ExternalID      string // the source's id of the price, for a change a sync raised
	ApprovalsNeeded int
	RequestedFrom   *time.Time
	EffectiveAt     *time.Time
	ExpiresAt       *time.Time
	DecidedAt       *time.Time
	DecisionNote    string
	RejectedBy      *int64
	AppliedAt       *time.Time
	OdooRef         string
	ApplyAttempts   int
	ApplyError      string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
}

// PriceApproval is one person's approval of a proposal.
type PriceApproval struct {
	ID         int64
	ProposalID int64
	UserID     int64
	UserName   string
	Note       string
	CreatedAt  time.Time
}

// ErrOpenProposal means the price already has an open proposal (the unique index caught
// two proposals made at the same moment).
var ErrOpenProposal = fmt.Errorf("the price has an open proposal: %w", ErrDuplicate)

// CreatePriceProposal stores a new proposal, audited in the same transaction.
func CreatePriceProposal(tx *gorm.DB, who Actor, p *PriceProposal) error {
	p.Version = 1
	if p.Status == "" {
		p.Status = "pending"
	}
	if err := tx.Create(p).Error; err != nil {
		if isUniqueViolation(err) {
			return ErrOpenProposal
		}
		return fmt.Errorf("create price proposal: %w", err)
	}
	return Audit(tx, who, Change{Action: "price_proposal.create", ObjectType: "price_proposal", ObjectID: p.ID, After: p, Reason: p.Reason})
}

// OpenProposalIDs lists the open proposals (pending, or approved and waiting) on a price.
func OpenProposalIDs(db *gorm.DB, priceKey string) ([]int64, error) {
	var ids []int64
	err := db.Model(&PriceProposal{}).Where("price_key = ? AND status IN ?", priceKey, []string{"pending", "approved"}).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// PriceProposalByID finds a proposal.
func PriceProposalByID(db *gorm.DB, id int64) (PriceProposal, error) {
	var p PriceProposal
	return p, notFound(db.Take(&p, id).Error)
}

// ApprovalsOf lists the approvals of proposals, oldest first, by proposal.
func ApprovalsOf(db *gorm.DB, ids []int64) (map[int64][]PriceApproval, error) {
	out := map[int64][]PriceApproval{}
	if len(ids) == 0 {
		return out, nil
	}
	var as []PriceApproval
	if err := db.Where("proposal_id IN ?", ids).Order("id").Find(&as).Error; err != nil {
		return nil, err
	}
	for _, a := range as {
		out[a.ProposalID] = append(out[a.ProposalID], a)
	}
	return out, nil
}

// AddPriceApproval records one approval; the same person twice is ErrDuplicate.
func AddPriceApproval(tx *gorm.DB, a *PriceApproval) error {
	if err := tx.Create(a).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("approval of proposal %d: %w", a.ProposalID, ErrDuplicate)
		}
		return err
	}
	return nil
}

// UpdateProposal writes the given columns if the proposal is still at version, and moves
// its version on; otherwise ErrStale.
func UpdateProposal(tx *gorm.DB, id int64, version int, cols map[string]any) error {
	cols["version"] = version + 1
	cols["updated_at"] = tx.NowFunc()
	res := tx.Model(&PriceProposal{}).Where("id = ? AND version = ?", id, version).Updates(cols)
	if res.Error != nil {
		if isUniqueViolation(res.Error) {
			return ErrOpenProposal
		}
		return fmt.Errorf("update price proposal %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// ExpireProposals closes the pending proposals whose expiry has come, audited.
func ExpireProposals(tx *gorm.DB, who Actor, now time.Time) (int, error) {
	var ps []PriceProposal
	if err := tx.Where("status = ? AND expires_at <= ?", "pending", now).Order("id").Limit(500).Find(&ps).Error; err != nil {
		return 0, err
	}
	for _, p := range ps {
		if err := UpdateProposal(tx, p.ID, p.Version, map[string]any{"status": "expired", "decided_at": now}); err != nil {
			return 0, err
		}
		if err := Audit(tx, who, Change{Action: "price_proposal.expire", ObjectType: "price_proposal", ObjectID: p.ID,
			Before: map[string]any{"status": p.Status}, After: map[string]any{"status": "expired"}, Reason: "nobody decided before it lapsed"}); err != nil {
			return 0, err
		}
	}
	return len(ps), nil
}

// DueProposals lists approved proposals whose date has come, earliest first.
func DueProposals(db *gorm.DB, now time.Time, limit int) ([]PriceProposal, error) {
	var ps []PriceProposal
	err := db.Where("status = ? AND effective_at <= ?", "approved", now).Order("effective_at, id").Limit(limit).Find(&ps).Error
	return ps, err
}
