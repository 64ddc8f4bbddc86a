package models

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// DuplicateFilter narrows the duplicate queue.
type DuplicateFilter struct {
	Domain string // customer, product
	Source string // "scan" or a channel's name; "" for any
	After  string // cursor of the last cluster on the previous page
	Size   int
}

// DuplicateCluster is one group of records that may all be one entity: its open pairs,
// strongest first, and the records they name.
type DuplicateCluster struct {
	ID        int64 // cluster_id, or the pair's id for a pair in no cluster yet
	Lead      DuplicateCandidate
	Pairs     []DuplicateCandidate
	RecordIDs []int64
	Names     map[int64]string
}

// DuplicatePage is one page of the queue, with counts of what waits per domain.
type DuplicatePage struct {
	Clusters []DuplicateCluster
	Next     string
	Open     map[string]int64 // open pairs per domain
	Sources  []string         // where the open pairs of the domain were found
}

func encodeScoreCursor(score float64, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatFloat(score, 'g', -1, 64) + ":" + strconv.FormatInt(id, 10)))
}

func decodeScoreCursor(s string) (float64, int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, 0, false
	}
	a, z, ok := strings.Cut(string(b), ":")
	score, err1 := strconv.ParseFloat(a, 64)
	id, err2 := strconv.ParseInt(z, 10, 64)
	return score, id, ok && err1 == nil && err2 == nil && id > 0
}

// ListDuplicates returns one page of clusters, strongest first. Each cluster is listed at
// its strongest open pair (the pair no other open pair of its cluster outranks), so the
// page walks the (status, domain, score, id) index by keyset and the cluster index for
// the rest of each group.
func ListDuplicates(db *gorm.DB, f DuplicateFilter) (DuplicatePage, error) {
	out := DuplicatePage{Open: map[string]int64{}}
	size := f.Size
	if size <= 0 || size > 200 {
		size = PageSize
	}
	q := db.Table("duplicate_candidates AS d").Where("d.status = ? AND d.domain = ?", CandidateOpen, f.Domain).
		Where(`d.cluster_id = 0 OR NOT EXISTS (SELECT 1 FROM duplicate_candidates o WHERE o.status = d.status AND o.domain = d.domain
			AND o.cluster_id = d.cluster_id AND (o.score > d.score OR (o.score = d.score AND o.id < d.id)))`)
	if f.Source != "" {
		q = q.Where("d.source = ?", f.Source)
	}
	if score, id, ok := decodeScoreCursor(f.After); ok {
		q = q.Where("d.score < ? OR (d.score = ? AND d.id > ?)", score, score, id)
	}
	var leads []DuplicateCandidate
	if err := q.Select("d.*").Order("d.score DESC, d.id").Limit(size + 1).Find(&leads).Error; err != nil {
		return out, fmt.Errorf("list duplicates: %w", err)
	}
	if len(leads) > size {
		leads = leads[:size]
		last := leads[size-1]
		out.Next = encodeScoreCursor(last.Score, last.ID)
	}
	if err := clustersOf(db, leads, &out); err != nil {
		return out, err
	}
	var counts []struct {
		Domain string
		N      int64
	}
	if err := db.Model(&DuplicateCandidate{}).Select("domain, COUNT(*) AS n").Where("status = ?", CandidateOpen).Group("domain").Scan(&counts).Error; err != nil {
		return out, err
	}
	for _, c := range counts {
		out.Open[c.Domain] = c.N
	}
	err := db.Model(&DuplicateCandidate{}).Distinct("source").Where("status = ? AND domain = ?", CandidateOpen, f.Domain).
		Order("source").Pluck("source", &out.Sources).Error
	return out, err
}

// clustersOf loads the pairs and record names of each lead's cluster.
func clustersOf(db *gorm.DB, leads []DuplicateCandidate, out *DuplicatePage) error {
	var clusterIDs []int64
	for _, l := range leads {
		if l.ClusterID != 0 {
			clusterIDs = append(clusterIDs, l.ClusterID)
		}
	}
	members := map[int64][]DuplicateCandidate{}
	if len(clusterIDs) > 0 {
		var all []DuplicateCandidate
		if err := db.Where("status = ? AND domain = ? AND cluster_id IN ?", CandidateOpen, leads[0].Domain, clusterIDs).
			Order("score DESC, id").Find(&all).Error; err != nil {
			return err
		}
		for _, c := range all {
			members[c.ClusterID] = append(members[c.ClusterID], c)
		}
	}
	var ids []int64
	for _, l := range leads {
		cl := DuplicateCluster{ID: l.ClusterID, Lead: l, Pairs: members[l.ClusterID]}
		if l.ClusterID == 0 {
			cl.ID, cl.Pairs = l.ID, []DuplicateCandidate{l}
		}
		seen := map[int64]bool{}
		for _, p := range cl.Pairs {
			for _, id := range []int64{p.LeftID, p.RightID} {
				if !seen[id] {
					seen[id] = true
					cl.RecordIDs = append(cl.RecordIDs, id)
				}
			}
		}
		ids = append(ids, cl.RecordIDs...)
		out.Clusters = append(out.Clusters, cl)
	}
	if len(leads) == 0 {
		return nil
	}
	names, err := GoldenNames(db, leads[0].Domain, ids)
	if err != nil {
		return err
	}
	for i := range out.Clusters {
		out.Clusters[i].Names = names
	}
	return nil
}

// GoldenNames reads the display names of golden records: a customer's name, a product's
// SKU and name.
func GoldenNames(db *gorm.DB, domain string, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64
		Name string
		SKU  string `gorm:"column:sku"`
	}
	cols := "id, name"
	if domain == ObjectProduct {
		cols = "id, name, sku"
	}
	ids = uniqueIDs(ids)
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		if err := db.Table(domainTable(domain)).Select(cols).Where("id IN ?", part).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = r.Name
			if r.SKU != "" {
				out[r.ID] = r.SKU + " · " + r.Name
			}
		}
	}
	return out, nil
}

// CandidateByID finds a duplicate candidate.
func CandidateByID(db *gorm.DB, id int64) (DuplicateCandidate, error) {
	var c DuplicateCandidate
	return c, notFound(db.Take(&c, id).Error)
}

// ClusterPairs lists the open pairs of a candidate's cluster, strongest first; the
// candidate alone when it is in no cluster or no longer open.
func ClusterPairs(db *gorm.DB, c DuplicateCandidate) ([]DuplicateCandidate, error) {
	if c.ClusterID == 0 || c.Status != CandidateOpen {
		return []DuplicateCandidate{c}, nil
	}
	var out []DuplicateCandidate
	err := db.Where("status = ? AND domain = ? AND cluster_id = ?", CandidateOpen, c.Domain, c.ClusterID).Order("score DESC, id").Limit(100).Find(&out).Error
	return out, err
}

// DismissCandidate records a steward's "not a duplicate" for a pair at the version they
// saw, with the fingerprints of both records as the steward saw them (left, right; empty
// keeps those the pair was found with), so the pair returns only when a matching field
// changes. It regroups the pair's cluster and audits.
func DismissCandidate(tx *gorm.DB, id int64, version int, who Actor, note string, fingerprints ...string) (DuplicateCandidate, error) {
	var c DuplicateCandidate
	if err := tx.Take(&c, id).Error; err != nil {
		return c, notFound(err)
	}
	if c.Status != CandidateOpen || (version != 0 && c.Version != version) {
		return c, candidateTaken(tx, c)
	}
	var cluster []int64
	if c.ClusterID != 0 {
		if err := tx.Model(&DuplicateCandidate{}).Where("domain = ? AND cluster_id = ?", c.Domain, c.ClusterID).Pluck("id", &cluster).Error; err != nil {
			return c, err
		}
	}
	now := tx.NowFunc()
	upd := map[string]any{"status": CandidateDismissed, "decided_at": now, "decision_note": note, "updated_at": now, "version": c.Version + 1}
	if who.ID != 0 {
		upd["decided_by_id"] = who.ID
	}
	if len(fingerprints) == 2 && fingerprints[0] != "" && fingerprints[1] != "" {
		upd["left_fingerprint"], upd["right_fingerprint"] = fingerprints[0], fingerprints[1]
	}
	res := tx.Model(&DuplicateCandidate{}).Where("id = ? AND version = ? AND status = ?", c.ID, c.Version, CandidateOpen).Updates(upd)
	if res.Error != nil {
		return c, res.Error
	}
	if res.RowsAffected == 0 {
		return c, candidateTaken(tx, c)
	}
	if err := regroup(tx, cluster); err != nil {
		return c, err
	}
	if err := Audit(tx, who, Change{Action: "duplicate.dismiss", ObjectType: ObjectDupCand, ObjectID: c.ID,
		Before: map[string]any{"status": c.Status}, After: map[string]any{"status": CandidateDismissed, "note": note}, Reason: note}); err != nil {
		return c, err
	}
	return c, tx.Take(&c, id).Error
}

// CandidateDecided says, as a *MergeRefused, what became of a pair that is no longer open
// at the version a steward saw: merged by whom and when, dismissed, or closed.
func CandidateDecided(db *gorm.DB, c DuplicateCandidate) error { return candidateTaken(db, c) }
