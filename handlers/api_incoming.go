package handlers

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"steward/jobs"
	"steward/models"
)

// apiResult is one record's outcome as the API reports it, with links for a person.
type apiResult struct {
	jobs.Submitted
	InboxURL  string `json:"inbox_url,omitempty"`
	RecordURL string `json:"record_url,omitempty"`
}

// apiIncoming takes one record or a list of records of an object from a portal or CRM.
// The whole call is refused, storing nothing, if any record has a problem; otherwise each
// record is applied, held for a steward, or recognised as sent before.
func (s *server) apiIncoming(object string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		t, _ := c.Locals("apitoken").(models.APIToken)
		if big, err := tooLarge(c); big {
			return err
		}
		changes, fieldErrs, err := jobs.DecodeIncoming(object, c.Body())
		switch {
		case errors.Is(err, jobs.ErrMalformedJSON):
			return apiError(c, fiber.StatusBadRequest, "The body is not valid JSON: send one record as an object, or several as a list of objects.")
		case errors.Is(err, jobs.ErrTooManyRecords):
			return apiError(c, fiber.StatusRequestEntityTooLarge, "Send at most %d records per call.", jobs.MaxAPIRecords)
		case len(fieldErrs) > 0:
			return apiErrors(c, fiber.StatusUnprocessableEntity, fieldErrs...)
		}
		ch, err := models.ChannelByID(s.DB, t.ChannelID)
		if err != nil {
			return s.internalError(c, fmt.Errorf("channel of token %d: %w", t.ID, err))
		}
		if !ch.Active {
			return apiError(c, fiber.StatusConflict, "%s is switched off in Steward, so its records are not taken in. Ask an admin to switch it on.", ch.Name)
		}
		why := fmt.Sprintf("%d %s record(s) sent through the API by %s", len(changes), object, ch.Name)
		res, counts, err := s.inbound().Submit(c.UserContext(), ch, changes, tokenActor(c, t), why)
		if err != nil {
			return s.internalError(c, err)
		}
		out := make([]apiResult, len(res))
		for i, r := range res {
			out[i] = apiResult{Submitted: r}
			if r.InboxID != 0 {
				out[i].InboxURL = fmt.Sprintf("/inbox/%d", r.InboxID)
			}
			if r.GoldenID != 0 {
				out[i].RecordURL = fmt.Sprintf("/%ss/%d", object, r.GoldenID)
			}
		}
		return c.JSON(fiber.Map{"results": out, "counts": fiber.Map{
			"received": counts.Read, "created": counts.Created, "updated": counts.Updated,
			"unchanged": counts.Unchanged, "held": counts.Held, "failed": counts.Failed}})
	}
}
