package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// access says who may reach a route.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any signed-in user
	guarded                // a signed-in user holding Perm
	// apiToken: a system presenting an API token (Authorization: Bearer) whose scopes
	// include Perm.Resource; no session, no CSRF token.
	apiToken
	// signedHook: a channel's webhook, whose handler verifies the body's signature; no
	// session, no CSRF token.
	signedHook
)

type route struct {
	Method  string
	Path    string
	Access  access
	Perm    rules.Permission
	Handler fiber.Handler
}

func perm(resource, action string) rules.Permission {
	return rules.Permission{Resource: resource, Action: action}
}

// routes lists every URL Steward answers, with who may call it. A route missing here is a
// 404; a permission missing from the role policies is a 403.
func (s *server) routes() []route {
	all := s.coreRoutes()
	// Each area keeps its routes in its own file (routes_<area>.go).
	all = append(all, s.duplicateRoutes()...)
	all = append(all, s.pricingRoutes()...)
	all = append(all, s.publicationRoutes()...)
	all = append(all, s.inboundRoutes()...)
	return all
}

// coreRoutes are the platform's, the inbox's and sync's routes.
func (s *server) coreRoutes() []route {
	get, post := fiber.MethodGet, fiber.MethodPost
	return []route{
		{get, "/healthz", public, rules.Permission{}, s.healthz},
		{get, "/readyz", public, rules.Permission{}, s.readyz},
		{get, "/login", public, rules.Permission{}, s.loginForm},
		{post, "/login", public, rules.Permission{}, s.login},
		{post, "/logout", signedIn, rules.Permission{}, s.logout},

		{get, "/", guarded, perm("dashboard", rules.Read), s.dashboard},
		{get, "/inbox", guarded, perm("inbox", rules.Read), s.inboxList},
		// Before /inbox/:id, whose id would otherwise be "bulk".
		{post, "/inbox/bulk/confirm", guarded, perm("inbox", rules.Write), s.inboxBulkConfirm},
		{post, "/inbox/bulk", guarded, perm("inbox", rules.Write), s.inboxBulk},
		{get, "/inbox/bulk/:id", guarded, perm("inbox", rules.Read), s.inboxBulkShow},
		{get, "/inbox/:id", guarded, perm("inbox", rules.Read), s.inboxShow},
		{get, "/inbox/:id/edit", guarded, perm("inbox", rules.Write), s.inboxEditForm},
		{post, "/inbox/:id/approve", guarded, perm("inbox", rules.Write), s.inboxApprove},
		{post, "/inbox/:id/edit", guarded, perm("inbox", rules.Write), s.inboxEdit},
		{post, "/inbox/:id/reject", guarded, perm("inbox", rules.Write), s.inboxReject},
		{post, "/inbox/:id/assign", guarded, perm("inbox", rules.Write), s.inboxAssign},

		{get, "/products", guarded, perm("products", rules.Read), s.productList},
		{get, "/products/:id", guarded, perm("products", rules.Read), s.productShow},
		{get, "/customers", guarded, perm("customers", rules.Read), s.customerList},
		{get, "/customers/:id", guarded, perm("customers", rules.Read), s.customerShow},
		{get, "/audit", guarded, perm("audit", rules.Read), s.auditList},

		{get, "/admin", guarded, perm("admin.users", rules.Read), s.adminHome},
		{get, "/admin/users", guarded, perm("admin.users", rules.Read), s.userList},
		{post, "/admin/users", guarded, perm("admin.users", rules.Write), s.userCreate},
		{get, "/admin/users/:id", guarded, perm("admin.users", rules.Read), s.userShow},
		{post, "/admin/users/:id", guarded, perm("admin.users", rules.Write), s.userUpdate},
		{get, "/admin/roles", guarded, perm("admin.roles", rules.Read), s.roleList},
		{post, "/admin/roles/:role", guarded, perm("admin.roles", rules.Write), s.roleUpdate},
		{get, "/admin/ownership", guarded, perm("admin.rules", rules.Read), s.ownershipList},
		{post, "/admin/ownership", guarded, perm("admin.rules", rules.Write), s.ownershipSave},
		{get, "/admin/validation", guarded, perm("admin.rules", rules.Read), s.gateList},
		{post, "/admin/validation", guarded, perm("admin.rules", rules.Write), s.gateCreate},
		// Before /:id, which would otherwise take "preview" for an id.
		{post, "/admin/validation/preview", guarded, perm("admin.rules", rules.Read), s.gatePreview},
		{post, "/admin/validation/:id", guarded, perm("admin.rules", rules.Write), s.gateUpdate},
		{post, "/admin/validation/:id/delete", guarded, perm("admin.rules", rules.Write), s.gateDelete},
		{get, "/admin/channels", guarded, perm("admin.channels", rules.Read), s.channelList},
		{post, "/admin/channels/:id", guarded, perm("admin.channels", rules.Write), s.channelUpdate},
		{post, "/admin/channels/:id/schedules", guarded, perm("admin.channels", rules.Write), s.channelSchedule},

		{get, "/sync", guarded, perm("sync", rules.Read), s.syncList},
		{get, "/sync/runs/:id", guarded, perm("sync", rules.Read), s.syncRunShow},
		{post, "/sync/run", guarded, perm("sync", rules.Write), s.syncRun},
		{post, "/sync/import", guarded, perm("sync", rules.Write), s.syncImport},
	}
}
