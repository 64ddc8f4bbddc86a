package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Merge statuses.
const (
	MergeDone     = "merged"
	MergeUndone   = "unmerged"
	ObjectMerge   = "merge"
	ObjectDupCand = "duplicate_candidate"
)

// Merge is one merge of a duplicate golden record into its survivor, with every row it
// touched as it was before and just after, so that it can be undone exactly.
type Merge struct {
	ID              int64
	Domain          string
	SurvivorID      int64
	DuplicateID     int64
	CandidateID     *int64
	Status          string
	BeforeRows      string `json:"-"`
	AfterRows       string `json:"-"`
	Provenance      string // JSON: rules.Provenance per field
	Writeback       string // JSON: []OdooMergeStep
	SurvivorVersion int
	MergedByID      *int64
	MergedBy        string
	MergedAt        time.Time
	UnmergedByID    *int64
	UnmergedBy      string
	UnmergedAt      *time.Time
	Note            string
	Version         int
}

// OdooMergeStep is what one Odoo instance is to receive for a merge: the duplicate's
// partner (or product) archived and pointed at the survivor's, and for a customer its
// addresses and contacts re-parented to the survivor's partner. Steward writes it to Odoo
// through a job (jobs/odoo), after a pre-check.
type OdooMergeStep struct {
	ChannelID   int64  `json:"channel_id"`
	Channel     string `json:"channel"`
	Model       string `json:"model"`        // res.partner, product.product
	ArchiveID   string `json:"archive_id"`   // the duplicate's external id in that Odoo
	SurvivorRef string `json:"survivor_ref"` // the survivor's external id in that Odoo
	Reparent    bool   `json:"reparent"`     // move child addresses and contacts
}

// MergeRequest is a steward's merge: which candidate, which record survives, the merged
// values already written onto the survivor (Customer or Product, at the version the
// steward saw), the duplicate's version as seen, and why each value won.
type MergeRequest struct {
	CandidateID      int64
	CandidateVersion int
	DuplicateID      int64
	DuplicateVersion int
	Customer         *Customer // the merged survivor, for a customer merge
	Product          *Product  // the merged survivor, for a product merge
	Provenance       string
	Who              Actor
}

// MergeRefused says why a merge or unmerge was not done, in a steward's words.
type MergeRefused struct{ Reason string }

func (e *MergeRefused) Error() string { return e.Reason }

func refused(format string, args ...any) error {
	return &MergeRefused{Reason: fmt.Sprintf(format, args...)}
}

// domainTable is the golden table of a domain.
func domainTable(domain string) string {
	if domain == ObjectProduct {
		return "products"
	}
	return "customers"
}

// MergeRecords merges the duplicate into the survivor in the caller's transaction:
// it snapshots every row it will touch, writes the merged values onto the survivor, moves
// external references, addresses, contacts, branches, price rules, open price proposals
// and stock to the
// survivor, marks the duplicate merged and inactive, closes the candidates, audits, and
// queues a publication of both records to every destination channel.
func MergeRecords(tx *gorm.DB, req MergeRequest) (Merge, error) {
	cand, err := candidateForMerge(tx, req)
	if err != nil {
		return Merge{}, err
	}
	domain := cand.Domain
	survivorID := req.survivorID()
	if survivorID == req.DuplicateID || (survivorID != cand.LeftID && survivorID != cand.RightID) ||
		(req.DuplicateID != cand.LeftID && req.DuplicateID != cand.RightID) {
		return Merge{}, refused("Choose which of the two records survives.")
	}
	ids, err := mergeFootprint(tx, domain, survivorID, req.DuplicateID)
	if err != nil {
		return Merge{}, err
	}
	before, err := loadRowSet(tx, ids)
	if err != nil {
		return Merge{}, err
	}
	now := tx.NowFunc()
	if c := req.Customer; c != nil && c.ParentID != nil && *c.ParentID == req.DuplicateID {
		// A branch merged with its head office takes the head office's place, not itself.
		var up struct{ ParentID *int64 }
		if err := tx.Table("customers").Select("parent_id").Where("id = ?", req.DuplicateID).Scan(&up).Error; err != nil {
			return Merge{}, err
		}
		c.ParentID = nil
		if up.ParentID != nil && *up.ParentID != c.ID {
			c.ParentID = up.ParentID
		}
	}
	if err := writeSurvivor(tx, req, now); err != nil {
		return Merge{}, err
	}
	if err := retireDuplicate(tx, domain, req, survivorID, now); err != nil {
		return Merge{}, err
	}
	steps, err := moveReferences(tx, domain, survivorID, req.DuplicateID, now)
	if err != nil {
		return Merge{}, err
	}
	if err := moveChildren(tx, domain, survivorID, req.DuplicateID, now); err != nil {
		return Merge{}, err
	}
	if err := moveProposals(tx, domain, survivorID, req.DuplicateID, now); err != nil {
		return Merge{}, err
	}
	if err := closeCandidates(tx, cand, req, before["duplicate_candidates"], now); err != nil {
		return Merge{}, err
	}
	after, err := loadRowSet(tx, ids)
	if err != nil {
		return Merge{}, err
	}
	m := Merge{Domain: domain, SurvivorID: survivorID, DuplicateID: req.DuplicateID, CandidateID: &cand.ID, Status: MergeDone,
		Provenance: req.Provenance, SurvivorVersion: req.survivorVersion(), MergedBy: req.Who.Name, MergedAt: now, Version: 1}
	if m.Provenance == "" {
		m.Provenance = "[]"
	}
	if req.Who.ID != 0 {
		m.MergedByID = &req.Who.ID
	}
	if m.BeforeRows, err = marshalRows(before); err != nil {
		return m, err
	}
	if m.AfterRows, err = marshalRows(after); err != nil {
		return m, err
	}
	wb, _ := json.Marshal(steps)
	m.Writeback = string(wb)
	if err := tx.Create(&m).Error; err != nil {
		return m, fmt.Errorf("record merge: %w", err)
	}
	if err := auditMerge(tx, req, m, before); err != nil {
		return m, err
	}
	return m, publishMerge(tx, m, req)
}

func (r MergeRequest) survivorID() int64 {
	if r.Customer != nil {
		return r.Customer.ID
	}
	if r.Product != nil {
		return r.Product.ID
	}
	return 0
}

// survivorVersion is the version the merge gives the survivor.
func (r MergeRequest) survivorVersion() int {
	if r.Customer != nil {
		return r.Customer.Version
	}
	if r.Product != nil {
		return r.Product.Version
	}
	return 0
}

// candidateForMerge takes the candidate at the version the steward saw; a candidate
// someone else decided first is refused with who and when.
func candidateForMerge(tx *gorm.DB, req MergeRequest) (DuplicateCandidate, error) {
	var c DuplicateCandidate
	if err := tx.Take(&c, req.CandidateID).Error; err != nil {
		return c, notFound(err)
	}
	if c.Status != CandidateOpen || c.Version != req.CandidateVersion {
		return c, candidateTaken(tx, c)
	}
	return c, nil
}

// candidateTaken says what became of a candidate someone decided first.
func candidateTaken(tx *gorm.DB, c DuplicateCandidate) error {
	switch c.Status {
	case CandidateMerged:
		var m Merge
		if err := tx.Where("candidate_id = ? AND status = ?", c.ID, MergeDone).Order("id DESC").Take(&m).Error; err == nil {
			return refused("Already merged by %s at %s.", m.MergedBy, m.MergedAt.UTC().Format("2006-01-02 15:04 UTC"))
		}
		return refused("Already merged.")
	case CandidateDismissed:
		who := "someone"
		if c.DecidedByID != nil {
			if u, err := UserByID(tx, *c.DecidedByID); err == nil {
				who = u.Display()
			}
		}
		at := ""
		if c.DecidedAt != nil {
			at = " at " + c.DecidedAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		return refused("Marked not a duplicate by %s%s.", who, at)
	case CandidateResolved:
		return refused("This pair is closed: one of its records was merged with another record.")
	}
	return refused("This pair changed since you opened it (a new scan scored it again). Look at it again before merging.")
}

// mergeFootprint lists the rows a merge touches, by table.
func mergeFootprint(tx *gorm.DB, domain string, survivorID, dupID int64) (map[string][]int64, error) {
	ids := map[string][]int64{domainTable(domain): {survivorID, dupID}}
	pick := func(table, where string, args ...any) error {
		var got []int64
		if err := tx.Table(table).Where(where, args...).Pluck("id", &got).Error; err != nil {
			return fmt.Errorf("find %s of the merge: %w", table, err)
		}
		ids[table] = append(ids[table], got...)
		return nil
	}
	both := []int64{survivorID, dupID}
	var errs []error
	if domain == ObjectCustomer {
		errs = append(errs,
			pick("customers", "parent_id = ?", dupID),
			pick("addresses", "customer_id = ?", dupID),
			pick("contacts", "customer_id = ?", dupID),
			pick("price_rules", "customer_id = ?", dupID))
	} else {
		errs = append(errs,
			pick("price_rules", "product_id = ?", dupID),
			pick("inventory_levels", "product_id IN ?", both))
	}
	errs = append(errs,
		pick("price_proposals", proposalColumn(domain)+" = ? AND status IN ?", dupID, openProposalStatuses),
		pick("external_refs", "object_type = ? AND golden_id = ?", domain, dupID),
		pick("inbox_items", "domain = ? AND golden_id = ? AND status = ?", domain, dupID, InboxOpen),
		pick("duplicate_candidates", "domain = ? AND (left_id IN ? OR right_id IN ?)", domain, both, both))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// The whole clusters, whose grouping the merge changes.
	var clusters []int64
	if len(ids["duplicate_candidates"]) > 0 {
		if err := tx.Table("duplicate_candidates").Distinct("cluster_id").Where("id IN ? AND cluster_id <> 0", ids["duplicate_candidates"]).
			Pluck("cluster_id", &clusters).Error; err != nil {
			return nil, err
		}
	}
	if len(clusters) > 0 {
		if err := pick("duplicate_candidates", "domain = ? AND cluster_id IN ?", domain, clusters); err != nil {
			return nil, err
		}
	}
	for t := range ids {
		ids[t] = uniqueIDs(ids[t])
	}
	return ids, nil
}

// writeSurvivor stores the merged values on the survivor, if it is still at the version
// the steward saw.
func writeSurvivor(tx *gorm.DB, req MergeRequest, now time.Time) error {
	var err error
	switch {
	case req.Customer != nil:
		err = UpdateCustomer(tx, req.Customer)
	case req.Product != nil:
		err = UpdateProduct(tx, req.Product)
	default:
		return refused("Choose which record survives.")
	}
	if errors.Is(err, ErrStale) {
		return refused("The surviving record changed since you opened this pair. Look at it again before merging.")
	}
	return err
}

// retireDuplicate marks the duplicate merged into the survivor and inactive.
func retireDuplicate(tx *gorm.DB, domain string, req MergeRequest, survivorID int64, now time.Time) error {
	res := tx.Table(domainTable(domain)).Where("id = ? AND version = ? AND merged_into_id IS NULL", req.DuplicateID, req.DuplicateVersion).
		Updates(map[string]any{"merged_into_id": survivorID, "merged_at": now, "active": false, "updated_at": now, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return fmt.Errorf("retire %s %d: %w", domain, req.DuplicateID, res.Error)
	}
	if res.RowsAffected == 0 {
		return refused("The duplicate record changed since you opened this pair, or was merged elsewhere. Look at it again before merging.")
	}
	return nil
}

// moveReferences moves the duplicate's external references to the survivor, except in a
// channel where the survivor has its own: there the duplicate keeps it (it points at the
// survivor through merged_into_id) and, in an Odoo, the two are merged (the steps returned).
// Where only the duplicate was known, the moved reference makes that record the survivor's.
func moveReferences(tx *gorm.DB, domain string, survivorID, dupID int64, now time.Time) ([]OdooMergeStep, error) {
	var dupRefs, survRefs []ExternalRef
	if err := tx.Where("object_type = ? AND golden_id = ?", domain, dupID).Order("id").Find(&dupRefs).Error; err != nil {
		return nil, err
	}
	if err := tx.Where("object_type = ? AND golden_id = ?", domain, survivorID).Find(&survRefs).Error; err != nil {
		return nil, err
	}
	held := map[int64]string{}
	for _, r := range survRefs {
		held[r.ChannelID] = r.ExternalID
	}
	var steps []OdooMergeStep
	for _, r := range dupRefs {
		ch, err := channelByID(tx, r.ChannelID)
		if err != nil {
			return nil, err
		}
		if _, taken := held[r.ChannelID]; taken {
			// Both records exist in this channel: in Odoo the duplicate is merged into the
			// survivor's partner; elsewhere the publications retire it.
			if ch.Kind == ChannelOdoo {
				steps = append(steps, odooStep(ch, domain, r.ExternalID, held[ch.ID]))
			}
			continue
		}
		if err := tx.Model(&ExternalRef{}).Where("id = ?", r.ID).Update("golden_id", survivorID).Error; err != nil {
			return nil, fmt.Errorf("move reference %d: %w", r.ID, err)
		}
	}
	return steps, nil
}

func odooStep(ch Channel, domain, dupRef, survivorRef string) OdooMergeStep {
	st := OdooMergeStep{ChannelID: ch.ID, Channel: ch.Name, Model: "product.product", ArchiveID: dupRef, SurvivorRef: survivorRef}
	if domain == ObjectCustomer {
		st.Model, st.Reparent = "res.partner", true
	}
	return st
}

func channelByID(tx *gorm.DB, id int64) (Channel, error) {
	var ch Channel
	return ch, notFound(tx.Take(&ch, id).Error)
}

// moveChildren re-points what hangs off the duplicate to the survivor.
func moveChildren(tx *gorm.DB, domain string, survivorID, dupID int64, now time.Time) error {
	move := func(table, column string) error {
		q := tx.Table(table).Where(column+" = ?", dupID)
		if table == "customers" {
			q = q.Where("id <> ?", survivorID) // the survivor itself, when it was the duplicate's branch
		}
		err := q.
			Updates(map[string]any{column: survivorID, "updated_at": now, "version": gorm.Expr("version + 1")}).Error
		if err != nil {
			return fmt.Errorf("move %s of %d: %w", table, dupID, err)
		}
		return nil
	}
	if err := tx.Table("inbox_items").Where("domain = ? AND golden_id = ? AND status = ?", domain, dupID, InboxOpen).
		Updates(map[string]any{"golden_id": survivorID, "updated_at": now, "version": gorm.Expr("version + 1")}).Error; err != nil {
		return fmt.Errorf("move inbox items of %d: %w", dupID, err)
	}
	if domain == ObjectCustomer {
		return errors.Join(move("customers", "parent_id"), move("addresses", "customer_id"),
			move("contacts", "customer_id"), move("price_rules", "customer_id"))
	}
	if err := move("price_rules", "product_id"); err != nil {
		return err
	}
	return mergeStock(tx, survivorID, dupID, now)
}

// mergeStock moves the duplicate's stock to the survivor; where both have stock at one
// location the quantities add up in the survivor's row (one row per product and location).
func mergeStock(tx *gorm.DB, survivorID, dupID int64, now time.Time) error {
	var dup, surv []InventoryLevel
	if err := tx.Where("product_id = ?", dupID).Find(&dup).Error; err != nil {
		return err
	}
	if err := tx.Where("product_id = ?", survivorID).Find(&surv).Error; err != nil {
		return err
	}
	at := map[int64]InventoryLevel{}
	for _, l := range surv {
		at[l.LocationID] = l
	}
	for _, l := range dup {
		s, both := at[l.LocationID]
		if !both {
			if err := tx.Model(&InventoryLevel{}).Where("id = ?", l.ID).
				Updates(map[string]any{"product_id": survivorID, "updated_at": now, "version": gorm.Expr("version + 1")}).Error; err != nil {
				return err
			}
			continue
		}
		if err := tx.Model(&InventoryLevel{}).Where("id = ?", s.ID).Updates(map[string]any{
			"on_hand": s.OnHand + l.OnHand, "reserved": s.Reserved + l.Reserved, "updated_at": now, "version": gorm.Expr("version + 1"),
		}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&InventoryLevel{}, l.ID).Error; err != nil {
			return err
		}
	}
	return nil
}

// closeCandidates marks the merged pair merged, every other open pair of the duplicate
// resolved, and regroups the clusters the merge split.
func closeCandidates(tx *gorm.DB, cand DuplicateCandidate, req MergeRequest, rows []Row, now time.Time) error {
	upd := map[string]any{"status": CandidateMerged, "decided_at": now, "updated_at": now, "version": gorm.Expr("version + 1"),
		"decision_note": fmt.Sprintf("merged %d into %d", req.DuplicateID, req.survivorID())}
	if req.Who.ID != 0 {
		upd["decided_by_id"] = req.Who.ID
	}
	res := tx.Model(&DuplicateCandidate{}).Where("id = ? AND version = ? AND status = ?", cand.ID, cand.Version, CandidateOpen).Updates(upd)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return candidateTaken(tx, cand)
	}
	if err := tx.Model(&DuplicateCandidate{}).
		Where("domain = ? AND status = ? AND id <> ? AND (left_id = ? OR right_id = ?)", cand.Domain, CandidateOpen, cand.ID, req.DuplicateID, req.DuplicateID).
		Updates(map[string]any{"status": CandidateResolved, "updated_at": now, "version": gorm.Expr("version + 1"),
			"decision_note": fmt.Sprintf("record %d was merged into %d", req.DuplicateID, req.survivorID())}).Error; err != nil {
		return err
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID())
	}
	return regroup(tx, ids)
}

// regroup names each connected group of the open candidates among ids by its smallest
// candidate id, as models.RecomputeClusters would, touching only these rows.
func regroup(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var open []DuplicateCandidate
	if err := tx.Select("id, left_id, right_id, cluster_id").Where("id IN ? AND status = ?", ids, CandidateOpen).Order("id").Find(&open).Error; err != nil {
		return err
	}
	parent := map[int64]int64{}
	var find func(int64) int64
	find = func(x int64) int64 {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, c := range open {
		if a, b := find(c.LeftID), find(c.RightID); a != b {
			parent[a] = b
		}
	}
	name := map[int64]int64{}
	for _, c := range open {
		root := find(c.LeftID)
		n, ok := name[root]
		if !ok {
			n, name[root] = c.ID, c.ID
		}
		if c.ClusterID != n {
			if err := tx.Model(&DuplicateCandidate{}).Where("id = ?", c.ID).Update("cluster_id", n).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// auditMerge records the merge on both records and the candidate.
func auditMerge(tx *gorm.DB, req MergeRequest, m Merge, before RowSet) error {
	after := map[string]any{"merge_id": m.ID, "survivor_id": m.SurvivorID, "duplicate_id": m.DuplicateID, "provenance": json.RawMessage(m.Provenance)}
	var beforeSurv, beforeDup any
	for _, r := range before[domainTable(m.Domain)] {
		if r.ID() == m.SurvivorID {
			beforeSurv = r
		} else if r.ID() == m.DuplicateID {
			beforeDup = r
		}
	}
	reason := fmt.Sprintf("merged %s %d into %d", m.Domain, m.DuplicateID, m.SurvivorID)
	return errors.Join(
		Audit(tx, req.Who, Change{Action: "merge.survivor", ObjectType: m.Domain, ObjectID: m.SurvivorID, Before: beforeSurv, After: after, Reason: reason}),
		Audit(tx, req.Who, Change{Action: "merge.duplicate", ObjectType: m.Domain, ObjectID: m.DuplicateID, Before: beforeDup, After: after, Reason: reason}),
		Audit(tx, req.Who, Change{Action: "duplicate.merge", ObjectType: ObjectDupCand, ObjectID: req.CandidateID, After: after, Reason: reason}),
	)
}

// publishMerge queues the survivor's new version and the duplicate's retirement for every
// destination channel; customer data never goes to a public channel.
func publishMerge(tx *gorm.DB, m Merge, req MergeRequest) error {
	dests, err := MergeDestinations(tx, m.Domain)
	if err != nil {
		return err
	}
	var dupVersion int
	if err := tx.Table(domainTable(m.Domain)).Where("id = ?", m.DuplicateID).Pluck("version", &dupVersion).Error; err != nil {
		return err
	}
	if _, err := EnqueuePublications(tx, dests, m.Domain, m.SurvivorID, m.SurvivorVersion, fmt.Sprintf("merged %d into %d", m.DuplicateID, m.SurvivorID)); err != nil {
		return err
	}
	_, err = EnqueuePublications(tx, dests, m.Domain, m.DuplicateID, dupVersion, fmt.Sprintf("merged into %d", m.SurvivorID))
	return err
}

// MergeDestinations lists the channels a merge of a domain is published to.
func MergeDestinations(db *gorm.DB, domain string) ([]Channel, error) {
	dests, err := DestinationChannels(db, 0)
	if err != nil || domain != ObjectCustomer {
		return dests, err
	}
	out := dests[:0]
	for _, ch := range dests {
		if !ch.Public {
			out = append(out, ch)
		}
	}
	return out, nil
}
