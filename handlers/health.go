package handlers

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"steward/models"
)

// healthz says the process is up; load balancers restart it when this stops answering.
func (s *server) healthz(c *fiber.Ctx) error {
	return c.SendString("ok")
}

// readyz says whether this instance can serve: database reachable and schema current.
func (s *server) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	if err := models.Ready(ctx, s.DB); err != nil {
		s.Log.Warn("not ready", "err", err)
		msg := "not ready: database unreachable"
		if errors.Is(err, models.ErrMigrationsPending) {
			msg = "not ready: database migrations pending"
		}
		return c.Status(fiber.StatusServiceUnavailable).SendString(msg)
	}
	return c.SendString("ready")
}
