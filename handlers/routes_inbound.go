package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
)

// inboundRoutes are the routes systems call to push records to Steward (signed webhooks,
// the token-scoped JSON API), the admin pages of API tokens, and drift found by
// reconciliation. Webhook addresses name the channel by id (/hooks/shopify/3): each
// channel has its own secret, and a shop domain or source URL could be spoofed before the
// signature is checked.
func (s *server) inboundRoutes() []route {
	get, post := fiber.MethodGet, fiber.MethodPost
	scope := func(name string) rules.Permission { return rules.Permission{Resource: name, Action: "send"} }
	return []route{
		{post, "/hooks/shopify/:channel", signedHook, rules.Permission{}, s.hookShopify},
		{post, "/hooks/woocommerce/:channel", signedHook, rules.Permission{}, s.hookWooCommerce},
		{post, "/api/v1/incoming/customers", apiToken, scope(models.ScopeIncomingCustomers), s.apiIncoming(models.ObjectCustomer)},
		{post, "/api/v1/incoming/products", apiToken, scope(models.ScopeIncomingProducts), s.apiIncoming(models.ObjectProduct)},

		{get, "/admin/tokens", guarded, perm("admin.tokens", rules.Read), s.tokenList},
		{post, "/admin/tokens", guarded, perm("admin.tokens", rules.Write), s.tokenCreate},
		{post, "/admin/tokens/:id/revoke", guarded, perm("admin.tokens", rules.Write), s.tokenRevoke},

		{get, "/publications/drift", guarded, perm("publications", rules.Read), s.driftList},
		{post, "/publications/drift/resolve", guarded, perm("publications", rules.Write), s.driftResolve},
		{post, "/publications/drift/run", guarded, perm("publications", rules.Write), s.driftRun},
	}
}
