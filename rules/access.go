package rules

import (
	"slices"

	"steward/models"
)

// Roles, from least to most trusted.
const (
	RoleViewer         = "viewer"
	RoleSteward        = "steward"
	RolePricingSteward = "pricing_steward"
	RoleManager        = "manager"
	RoleAdmin          = "admin"
)

// Roles lists every role in display order.
var Roles = []string{RoleViewer, RoleSteward, RolePricingSteward, RoleManager, RoleAdmin}

// IsRole tells whether name is a known role.
func IsRole(name string) bool { return slices.Contains(Roles, name) }

// Actions on a resource.
const (
	Read    = "read"
	Write   = "write"
	Propose = "propose"
	Approve = "approve"
)

// Permission is an action on a resource, the unit that policies grant.
type Permission = models.Permission

func perm(resource, action string) Permission {
	return Permission{Resource: resource, Action: action}
}

// PermissionInfo describes a permission for the roles editor.
type PermissionInfo struct {
	Permission
	Label string
}

// Permissions is the catalogue of everything a policy can grant, in the order the roles
// editor shows it. Every route names one of these.
var Permissions = []PermissionInfo{
	{perm("dashboard", Read), "See the dashboard"},
	{perm("products", Read), "Browse products"},
	{perm("products", Write), "Change products"},
	{perm("customers", Read), "Browse customers"},
	{perm("customers", Write), "Change customers"},
	{perm("inbox", Read), "See the inbox"},
	{perm("inbox", Write), "Decide inbox items"},
	{perm("duplicates", Read), "See duplicate candidates"},
	{perm("duplicates", Write), "Merge and dismiss duplicates"},
	{perm("pricing", Read), "See price proposals"},
	{perm("pricing", Propose), "Propose price changes"},
	{perm("pricing", Approve), "Approve price changes"},
	{perm("publications", Read), "See publications"},
	{perm("publications", Write), "Retry and skip publications"},
	{perm("sync", Read), "See sync runs"},
	{perm("sync", Write), "Start sync runs"},
	{perm("audit", Read), "Read the audit trail"},
	{perm("admin.users", Read), "See users"},
	{perm("admin.users", Write), "Create and change users"},
	{perm("admin.roles", Read), "See roles"},
	{perm("admin.roles", Write), "Change what roles may do"},
	{perm("admin.rules", Read), "See ownership rules and validation gates"},
	{perm("admin.rules", Write), "Change ownership rules and validation gates"},
	{perm("admin.channels", Read), "See channels and their schedules"},
	{perm("admin.channels", Write), "Change channels and their schedules"},
	{perm("admin.tokens", Read), "See API tokens"},
	{perm("admin.tokens", Write), "Create and revoke API tokens"},
}

// KnownPermission tells whether p is in the catalogue.
func KnownPermission(p Permission) bool {
	return slices.ContainsFunc(Permissions, func(i PermissionInfo) bool { return i.Permission == p })
}

// Wildcard is the policy value that matches any resource or action; only admins hold it.
const Wildcard = "*"

// DefaultPolicy is what each role may do on a new installation. Admins may change it at
// /admin/roles, except the admin role itself, which always holds everything so that nobody
// can lock the installation out of its own settings.
func DefaultPolicy() map[string][]Permission {
	readAll := []Permission{
		perm("dashboard", Read), perm("products", Read), perm("customers", Read), perm("inbox", Read),
		perm("duplicates", Read), perm("pricing", Read), perm("publications", Read), perm("sync", Read),
		perm("audit", Read),
	}
	with := func(extra ...Permission) []Permission {
		return append(slices.Clone(readAll), extra...)
	}
	return map[string][]Permission{
		RoleViewer: with(),
		RoleSteward: with(
			perm("products", Write), perm("customers", Write), perm("inbox", Write),
			perm("duplicates", Write), perm("publications", Write), perm("sync", Write),
		),
		RolePricingSteward: with(perm("pricing", Propose), perm("inbox", Write)),
		RoleManager:        with(perm("pricing", Approve)),
		RoleAdmin:          {perm(Wildcard, Wildcard)},
	}
}

// DefaultAccessPolicy is DefaultPolicy in the form the policy store seeds from.
func DefaultAccessPolicy() models.Policy {
	return models.Policy{Roles: Roles, Grants: DefaultPolicy()}
}

// CheckPolicyChange refuses edits that would break the installation: granting unknown
// permissions, or touching the admin role.
func CheckPolicyChange(role string, grant []Permission) error {
	if !IsRole(role) {
		return Errorf(Invalid, "There is no role called %q.", role)
	}
	if role == RoleAdmin {
		return Errorf(Forbidden, "The admin role always holds every permission, so that nobody is locked out of the settings.")
	}
	for _, p := range grant {
		if !KnownPermission(p) {
			return Errorf(Invalid, "%s %s is not a permission Steward knows.", p.Action, p.Resource)
		}
	}
	return nil
}

// CheckRoleAssignment refuses a change of a user's roles that would leave no active admin.
// activeAdminsAfter is how many active users would hold the admin role afterwards.
func CheckRoleAssignment(roles []string, activeAdminsAfter int) error {
	for _, r := range roles {
		if !IsRole(r) {
			return Errorf(Invalid, "There is no role called %q.", r)
		}
	}
	if activeAdminsAfter < 1 {
		return Errorf(Conflict, "At least one active user must keep the admin role.")
	}
	return nil
}
