package models

import (
	"fmt"
	"sort"

	"gorm.io/gorm"
)

// FoundPair is a pair of golden records the matching engine scored in the review or match
// band, ready to be stored as a duplicate candidate. The fingerprints hash each side's
// normalised matching fields as they were when the pair was found.
type FoundPair struct {
	LeftID, RightID                   int64
	Score                             float64
	Band                              string // review, match
	Summary                           string
	Explanation                       string // JSON of match.Explanation
	LeftFingerprint, RightFingerprint string
}

// CandidateCounts say what storing found pairs did.
type CandidateCounts struct {
	Created   int64 // pairs seen for the first time
	Updated   int64 // open candidates whose score, band or fields moved
	Reopened  int64 // dismissed or resolved pairs back because a side changed materially
	Unchanged int64 // open candidates found as they were
	Dismissed int64 // pairs a steward said are not duplicates, still the same: left alone
	Merged    int64 // pairs already merged: left alone
}

// ordered puts the smaller id on the left, as the candidates table stores pairs.
func (p FoundPair) ordered() FoundPair {
	if p.LeftID > p.RightID {
		p.LeftID, p.RightID = p.RightID, p.LeftID
		p.LeftFingerprint, p.RightFingerprint = p.RightFingerprint, p.LeftFingerprint
	}
	return p
}

// SaveCandidates stores the pairs of one domain that the matching engine found, from
// source ("scan" or a channel's name): new pairs open, open ones take the new score, and a
// pair a steward dismissed stays dismissed unless one side's fingerprint changed. Clusters
// are kept in step for the candidates it opens; a caller storing a whole scan should call
// RecomputeClusters once afterwards instead (set reclusterLater).
func SaveCandidates(tx *gorm.DB, domain, source string, pairs []FoundPair, reclusterLater bool) (CandidateCounts, []int64, error) {
	var counts CandidateCounts
	var opened []int64
	for start := 0; start < len(pairs); start += 400 {
		chunk := pairs[start:min(start+400, len(pairs))]
		keys := make([][]any, 0, len(chunk))
		for i := range chunk {
			chunk[i] = chunk[i].ordered()
			keys = append(keys, []any{chunk[i].LeftID, chunk[i].RightID})
		}
		var existing []DuplicateCandidate
		if err := tx.Where("domain = ? AND (left_id, right_id) IN ?", domain, keys).Find(&existing).Error; err != nil {
			return counts, nil, fmt.Errorf("load candidates: %w", err)
		}
		byPair := make(map[[2]int64]DuplicateCandidate, len(existing))
		for _, c := range existing {
			byPair[[2]int64{c.LeftID, c.RightID}] = c
		}
		var fresh []DuplicateCandidate
		now := tx.NowFunc()
		for _, p := range chunk {
			cur, found := byPair[[2]int64{p.LeftID, p.RightID}]
			if !found {
				fresh = append(fresh, DuplicateCandidate{
					Domain: domain, LeftID: p.LeftID, RightID: p.RightID, Score: p.Score, Band: p.Band,
					Status: CandidateOpen, Summary: p.Summary, Explanation: p.Explanation, Source: source,
					LeftFingerprint: p.LeftFingerprint, RightFingerprint: p.RightFingerprint,
					CreatedAt: now, UpdatedAt: now, Version: 1,
				})
				// Two golden records found twice in one batch are one candidate.
				byPair[[2]int64{p.LeftID, p.RightID}] = DuplicateCandidate{Status: CandidateOpen, Score: p.Score, Band: p.Band,
					Explanation: p.Explanation, Summary: p.Summary, LeftFingerprint: p.LeftFingerprint, RightFingerprint: p.RightFingerprint}
				continue
			}
			if cur.ID == 0 {
				continue
			}
			changed := cur.LeftFingerprint != p.LeftFingerprint || cur.RightFingerprint != p.RightFingerprint
			upd := map[string]any{
				"score": p.Score, "band": p.Band, "summary": p.Summary, "explanation": p.Explanation,
				"left_fingerprint": p.LeftFingerprint, "right_fingerprint": p.RightFingerprint,
				"updated_at": now, "version": cur.Version + 1,
			}
			switch cur.Status {
			case CandidateMerged:
				counts.Merged++
				continue
			case CandidateDismissed:
				// "Not a duplicate" holds while both sides read as they did when it was said.
				if !changed {
					counts.Dismissed++
					continue
				}
				upd["status"], upd["source"] = CandidateOpen, source
				upd["decision_note"] = fmt.Sprintf("back for review: a matching field changed since it was dismissed (%s)", cur.DecisionNote)
				counts.Reopened++
				opened = append(opened, cur.ID)
			case CandidateResolved:
				upd["status"], upd["source"] = CandidateOpen, source
				counts.Reopened++
				opened = append(opened, cur.ID)
			default:
				if !changed && cur.Score == p.Score && cur.Band == p.Band && cur.Explanation == p.Explanation {
					counts.Unchanged++
					continue
				}
				counts.Updated++
			}
			if err := tx.Model(&DuplicateCandidate{}).Where("id = ?", cur.ID).Updates(upd).Error; err != nil {
				return counts, nil, fmt.Errorf("update candidate %d: %w", cur.ID, err)
			}
		}
		if len(fresh) > 0 {
			if err := tx.CreateInBatches(&fresh, 200).Error; err != nil {
				return counts, nil, fmt.Errorf("store candidates: %w", err)
			}
			for _, c := range fresh {
				opened = append(opened, c.ID)
			}
			counts.Created += int64(len(fresh))
		}
	}
	if !reclusterLater {
		for _, id := range opened {
			if err := joinCluster(tx, domain, id); err != nil {
				return counts, nil, err
			}
		}
	}
	return counts, opened, nil
}

// joinCluster puts an open candidate into the cluster of every open candidate sharing a
// record with it, joining clusters it bridges. Clusters are named by their smallest
// candidate id, so the result is what RecomputeClusters would give.
func joinCluster(tx *gorm.DB, domain string, id int64) error {
	var c DuplicateCandidate
	if err := tx.Select("id, left_id, right_id").Take(&c, id).Error; err != nil {
		return fmt.Errorf("candidate %d: %w", id, err)
	}
	var clusters []int64
	if err := tx.Model(&DuplicateCandidate{}).Distinct("cluster_id").
		Where("domain = ? AND status = ? AND id <> ? AND cluster_id <> 0", domain, CandidateOpen, id).
		Where("left_id IN ? OR right_id IN ?", []int64{c.LeftID, c.RightID}, []int64{c.LeftID, c.RightID}).
		Pluck("cluster_id", &clusters).Error; err != nil {
		return err
	}
	target := id
	for _, k := range clusters {
		target = min(target, k)
	}
	q := tx.Model(&DuplicateCandidate{}).Where("id = ?", id)
	if len(clusters) > 0 {
		q = tx.Model(&DuplicateCandidate{}).Where("id = ? OR (domain = ? AND status = ? AND cluster_id IN ?)", id, domain, CandidateOpen, clusters)
	}
	return q.Update("cluster_id", target).Error
}

// RecomputeClusters groups the open candidates of a domain into connected groups of
// records (two candidates sharing a record are in one group, transitively) and names each
// group by its smallest candidate id. Only rows whose cluster moves are written.
func RecomputeClusters(tx *gorm.DB, domain string) (int, error) {
	type edge struct{ ID, LeftID, RightID, ClusterID int64 }
	var edges []edge
	if err := tx.Model(&DuplicateCandidate{}).Select("id, left_id, right_id, cluster_id").
		Where("domain = ? AND status = ?", domain, CandidateOpen).Order("id").Scan(&edges).Error; err != nil {
		return 0, fmt.Errorf("load candidates of %s: %w", domain, err)
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
	for _, e := range edges {
		a, b := find(e.LeftID), find(e.RightID)
		if a != b {
			parent[a] = b
		}
	}
	// The smallest candidate id of each group of records names the group; edges come
	// in id order, so the first edge seen in a group is its name.
	name := map[int64]int64{}
	moves := map[int64][]int64{}
	for _, e := range edges {
		root := find(e.LeftID)
		n, ok := name[root]
		if !ok {
			n, name[root] = e.ID, e.ID
		}
		if e.ClusterID != n {
			moves[n] = append(moves[n], e.ID)
		}
	}
	targets := make([]int64, 0, len(moves))
	for k := range moves {
		targets = append(targets, k)
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i] < targets[j] })
	moved := 0
	for _, n := range targets {
		ids := moves[n]
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(start+500, len(ids))]
			if err := tx.Model(&DuplicateCandidate{}).Where("id IN ?", part).Update("cluster_id", n).Error; err != nil {
				return moved, err
			}
			moved += len(part)
		}
	}
	return moved, nil
}

// CandidateScores returns the scores of a domain's open and match-band candidates, for a
// threshold preview.
func CandidateScores(db *gorm.DB, domain string, limit int) ([]float64, error) {
	var out []float64
	return out, db.Model(&DuplicateCandidate{}).Where("domain = ? AND status = ?", domain, CandidateOpen).
		Order("score DESC, id").Limit(limit).Pluck("score", &out).Error
}

// CandidatesByBand counts a domain's open candidates per band.
func CandidatesByBand(db *gorm.DB, domain string) (map[string]int64, error) {
	var rows []struct {
		Band string
		N    int64
	}
	err := db.Model(&DuplicateCandidate{}).Select("band, COUNT(*) AS n").
		Where("domain = ? AND status = ?", domain, CandidateOpen).Group("band").Scan(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Band] = r.N
	}
	return out, err
}

// OpenCandidatePairs lists the open candidates of a domain, ids and sides only.
func OpenCandidatePairs(db *gorm.DB, domain string) ([]DuplicateCandidate, error) {
	var out []DuplicateCandidate
	return out, db.Select("id, left_id, right_id, version").Where("domain = ? AND status = ?", domain, CandidateOpen).
		Order("id").Find(&out).Error
}

// ResolveCandidates closes open candidates that no longer need a steward, saying why.
func ResolveCandidates(tx *gorm.DB, ids []int64, note string) error {
	for start := 0; start < len(ids); start += 500 {
		err := tx.Model(&DuplicateCandidate{}).Where("id IN ? AND status = ?", ids[start:min(start+500, len(ids))], CandidateOpen).
			Updates(map[string]any{"status": CandidateResolved, "decision_note": note, "updated_at": tx.NowFunc(), "version": gorm.Expr("version + 1")}).Error
		if err != nil {
			return fmt.Errorf("resolve candidates: %w", err)
		}
	}
	return nil
}
