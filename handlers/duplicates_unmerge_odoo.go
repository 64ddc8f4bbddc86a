package handlers

import (
	"context"
	"encoding/json"

	"gorm.io/gorm"

	"steward/models"
)

// OdooUnmergeQueue takes a merge back in Odoo (jobs.Runner.EnqueueOdooUnmerge): one job
// per Odoo instance the merge was written back to, stored in the unmerge's transaction,
// that pre-checks and then restores the duplicate partner and its contacts.
type OdooUnmergeQueue interface {
	EnqueueOdooUnmerge(ctx context.Context, tx *gorm.DB, mergeID int64, channelID int64, survivorExternalID, duplicateExternalID string) error
}

// enqueueOdooUnmergeWriteBack queues the reverse of every write-back the merge queued
// (enqueueOdooMergeWriteBack). A merge job that has not run yet sees the merge undone and
// writes nothing; the unmerge job then finds nothing recorded to move back.
func (s *server) enqueueOdooUnmergeWriteBack(ctx context.Context, tx *gorm.DB, m models.Merge) error {
	q, ok := s.Queue.(OdooUnmergeQueue)
	if !ok || m.Writeback == "" {
		return nil
	}
	var steps []models.OdooMergeStep
	if err := json.Unmarshal([]byte(m.Writeback), &steps); err != nil {
		return err
	}
	for _, st := range steps {
		if st.Model != "res.partner" || st.SurvivorRef == "" {
			continue
		}
		if err := q.EnqueueOdooUnmerge(ctx, tx, m.ID, st.ChannelID, st.SurvivorRef, st.ArchiveID); err != nil {
			return err
		}
	}
	return nil
}
