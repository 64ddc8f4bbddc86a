package models

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MatchKey files a golden record under one blocking key of the matching engine.
type MatchKey struct {
	Domain   string `gorm:"primaryKey"`
	Key      string `gorm:"primaryKey"`
	GoldenID int64  `gorm:"primaryKey"`
}

// SetMatchKeys replaces the blocking keys of one golden record.
func SetMatchKeys(tx *gorm.DB, domain string, goldenID int64, keys []string) error {
	if err := tx.Where("domain = ? AND golden_id = ?", domain, goldenID).Delete(&MatchKey{}).Error; err != nil {
		return fmt.Errorf("clear match keys of %s %d: %w", domain, goldenID, err)
	}
	return AddMatchKeys(tx, domain, map[int64][]string{goldenID: keys})
}

// AddMatchKeys files golden records under their keys; keys already filed are kept.
func AddMatchKeys(tx *gorm.DB, domain string, keys map[int64][]string) error {
	rows := make([]MatchKey, 0, 8*len(keys))
	seen := map[MatchKey]bool{}
	for id, ks := range keys {
		for _, k := range ks {
			mk := MatchKey{Domain: domain, Key: k, GoldenID: id}
			if !seen[mk] {
				seen[mk] = true
				rows = append(rows, mk)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 300).Error; err != nil {
		return fmt.Errorf("file match keys: %w", err)
	}
	return nil
}

// ClearMatchKeys forgets every key of a domain, before a full scan files them again.
func ClearMatchKeys(tx *gorm.DB, domain string) error {
	return tx.Where("domain = ?", domain).Delete(&MatchKey{}).Error
}

// MatchKeyHolders returns, for each of keys that at most maxPerKey golden records share, the
// ids of those records. A key shared by more (a common word) proposes too many candidates to
// be worth comparing, as in the engine's own blocking.
func MatchKeyHolders(db *gorm.DB, domain string, keys []string, maxPerKey int) (map[string][]int64, error) {
	out := map[string][]int64{}
	for start := 0; start < len(keys); start += 500 {
		part := keys[start:min(start+500, len(keys))]
		var counts []struct {
			Key string
			N   int
		}
		if err := db.Model(&MatchKey{}).Select("key, COUNT(*) AS n").Where("domain = ? AND key IN ?", domain, part).
			Group("key").Scan(&counts).Error; err != nil {
			return nil, fmt.Errorf("count match keys: %w", err)
		}
		var useful []string
		for _, c := range counts {
			if c.N <= maxPerKey {
				useful = append(useful, c.Key)
			}
		}
		if len(useful) == 0 {
			continue
		}
		var rows []MatchKey
		if err := db.Where("domain = ? AND key IN ?", domain, useful).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("load match keys: %w", err)
		}
		for _, r := range rows {
			out[r.Key] = append(out[r.Key], r.GoldenID)
		}
	}
	return out, nil
}
