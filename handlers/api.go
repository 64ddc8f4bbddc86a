package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"steward/jobs"
	"steward/models"
)

// maxMachineBody bounds a webhook delivery or an API call: a record is a few KiB, so a
// larger body is a mistake or an attack, refused before it is parsed.
const maxMachineBody = 1 << 20

// apiErrors answers a machine route's refusal as JSON, each problem naming its field.
func apiErrors(c *fiber.Ctx, status int, errs ...jobs.FieldError) error {
	return c.Status(status).JSON(fiber.Map{"errors": errs})
}

func apiError(c *fiber.Ctx, status int, format string, args ...any) error {
	return apiErrors(c, status, jobs.FieldError{Message: fmt.Sprintf(format, args...)})
}

// tooLarge refuses a body over maxMachineBody; it reports whether it did.
func tooLarge(c *fiber.Ctx) (bool, error) {
	if n := len(c.Body()); n > maxMachineBody {
		return true, apiError(c, fiber.StatusRequestEntityTooLarge,
			"The body is %.1f MiB; Steward accepts at most 1 MiB per request. Send fewer records per call.", float64(n)/(1<<20))
	}
	return false, nil
}

// internalError logs a failure and answers without its details.
func (s *server) internalError(c *fiber.Ctx, err error) error {
	rid, _ := c.Locals("requestid").(string)
	s.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "request_id", rid, "err", err)
	return apiError(c, fiber.StatusInternalServerError, "Something went wrong on Steward's side; nothing was stored. Try again later (request %s).", rid)
}

// tokenGate lets an API call through if it presents a live token holding the route's
// scope (Perm.Resource). Machine routes answer JSON, never the sign-in page.
func (s *server) tokenGate(r route) fiber.Handler {
	return func(c *fiber.Ctx) error {
		// The scheme's name is case-insensitive (RFC 9110).
		scheme, secret, _ := strings.Cut(strings.TrimSpace(c.Get(fiber.HeaderAuthorization)), " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || secret == "" {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="steward"`)
			return apiError(c, fiber.StatusUnauthorized, "Send an API token as the header Authorization: Bearer <token>. An admin creates tokens at /admin/tokens.")
		}
		t, err := models.APITokenBySecret(s.DB, secret)
		if errors.Is(err, models.ErrNotFound) || err == nil && t.RevokedAt != nil {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="steward", error="invalid_token"`)
			if err == nil {
				return apiError(c, fiber.StatusUnauthorized, "This API token was revoked on %s. Ask an admin for a new one.", t.RevokedAt.UTC().Format("2006-01-02"))
			}
			return apiError(c, fiber.StatusUnauthorized, "This API token is not valid. Check that it was copied whole, or ask an admin for a new one.")
		}
		if err != nil {
			return s.internalError(c, err)
		}
		if !t.HasScope(r.Perm.Resource) {
			if err := models.Audit(s.DB, tokenActor(c, t), models.Change{
				Action: "access.denied", ObjectType: "route", ObjectID: c.Method() + " " + c.Path(),
				Reason: "token lacks the scope " + r.Perm.Resource,
			}); err != nil {
				s.Log.Error("audit denied request", "err", err)
			}
			return apiError(c, fiber.StatusForbidden, "This token may not do this: it lacks the scope %s. An admin can create a token that has it.", r.Perm.Resource)
		}
		if err := models.TouchAPIToken(s.DB, t, s.Now().UTC()); err != nil {
			return s.internalError(c, err)
		}
		c.Locals("apitoken", t)
		return c.Next()
	}
}

// tokenActor names an API caller in the audit trail.
func tokenActor(c *fiber.Ctx, t models.APIToken) models.Actor {
	rid, _ := c.Locals("requestid").(string)
	return models.Actor{Name: fmt.Sprintf("API token %q (%s…)", t.Name, t.Prefix), RequestID: rid}
}

// inbound is the ingestion of pushed and sent records, with the current rules.
func (s *server) inbound() jobs.Inbound {
	return jobs.Inbound{DB: s.DB, Decider: jobs.LoadPolicy, Now: s.Now}
}
