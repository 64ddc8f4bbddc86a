package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// duplicateRoutes are the routes of /duplicates and its admin settings.
func (s *server) duplicateRoutes() []route {
	get := fiber.MethodGet
	return []route{
		{get, "/duplicates", guarded, perm("duplicates", rules.Read), s.queue("duplicates")},
	}
}
