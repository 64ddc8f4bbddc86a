package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// publicationRoutes are the routes of /publications and its admin settings.
func (s *server) publicationRoutes() []route {
	get := fiber.MethodGet
	return []route{
		{get, "/publications", guarded, perm("publications", rules.Read), s.queue("publications")},
	}
}
