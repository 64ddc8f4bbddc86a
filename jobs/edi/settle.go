package edi

import (
	"context"
	"errors"
	"fmt"

	"steward/jobs/publish"
	"steward/models"
)

// Settle reads the waiting 997s and carries their verdicts to the publications: a set the
// partner rejected fails its publications (class validation, the AK3/AK4 errors in words,
// final: the same data would be rejected again), which puts them on the failed-publications
// page. Accepted sets leave their publications as published. It returns what was read.
func (c *Connector) Settle(ctx context.Context) ([]AckResult, error) {
	acks, err := c.ReadAcks(ctx)
	for _, a := range acks {
		var pe *publish.Error
		if !errors.As(a.Err(), &pe) {
			continue
		}
		for _, id := range a.PublicationIDs {
			p, ferr := models.PublicationByID(c.DB, id)
			if errors.Is(ferr, models.ErrNotFound) {
				continue // removed since: nothing to settle
			}
			if ferr != nil {
				return acks, fmt.Errorf("settle publication %d: %w", id, ferr)
			}
			if p.Status != models.PublicationPublished {
				continue // already failed, skipped or sent again: the newer outcome stands
			}
			if ferr := models.MarkAttemptFailed(c.DB, &p, models.PublishFailure{Class: pe.Class, Message: pe.Message, Detail: pe.Detail, Field: pe.Field, Final: true}); ferr != nil {
				return acks, fmt.Errorf("settle publication %d: %w", id, ferr)
			}
		}
	}
	return acks, err
}
