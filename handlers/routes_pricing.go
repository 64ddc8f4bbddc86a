package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// pricingRoutes are the routes of /pricing and its admin settings.
func (s *server) pricingRoutes() []route {
	get := fiber.MethodGet
	return []route{
		{get, "/pricing", guarded, perm("pricing", rules.Read), s.queue("pricing")},
	}
}
