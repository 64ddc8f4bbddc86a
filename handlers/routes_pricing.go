package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// pricingRoutes are the routes of /pricing, the price histories of products and customers,
// and the admins' pricing policy.
func (s *server) pricingRoutes() []route {
	get, post := fiber.MethodGet, fiber.MethodPost
	return []route{
		{get, "/pricing", guarded, perm("pricing", rules.Read), s.pricingList},
		{post, "/pricing", guarded, perm("pricing", rules.Propose), s.pricingCreate},
		// Before /pricing/:id, which would otherwise take these for ids.
		{get, "/pricing/new", guarded, perm("pricing", rules.Propose), s.pricingNew},
		{post, "/pricing/upload", guarded, perm("pricing", rules.Propose), s.pricingUpload},
		{post, "/pricing/adjust", guarded, perm("pricing", rules.Propose), s.pricingAdjust},
		{post, "/pricing/bulk", guarded, perm("pricing", rules.Approve), s.pricingBulk},
		{post, "/pricing/:id/approve", guarded, perm("pricing", rules.Approve), s.pricingApprove},
		{post, "/pricing/:id/reject", guarded, perm("pricing", rules.Approve), s.pricingReject},

		{get, "/products/:id/prices", guarded, perm("pricing", rules.Read), s.productPrices},
		{get, "/products/:id/prices.csv", guarded, perm("pricing", rules.Read), s.productPricesCSV},
		{get, "/customers/:id/prices", guarded, perm("pricing", rules.Read), s.customerPrices},
		{get, "/customers/:id/prices.csv", guarded, perm("pricing", rules.Read), s.customerPricesCSV},

		{get, "/admin/pricing", guarded, perm("admin.rules", rules.Read), s.pricingPolicyShow},
		{post, "/admin/pricing", guarded, perm("admin.rules", rules.Write), s.pricingPolicySave},
	}
}
