package rules

import (
	"slices"
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
type Permission struct {
	Resource string
	Action   string
}

// PermissionInfo describes a permission for the roles editor.
type PermissionInfo struct {
	Permission
	Label string
}

// Permissions is the catalogue of everything a policy can grant, in the order the roles
// editor shows it. Every route names one of these.
var Permissions = []PermissionInfo{
	{Permission{"dashboard", Read}, "See the dashboard"},
	{Permission{"products", Read}, "Browse products"},
	{Permission{"products", Write}, "Change products"},
	{Permission{"customers", Read}, "Browse customers"},
	{Permission{"customers", Write}, "Change customers"},
	{Permission{"inbox", Read}, "See the inbox"},
	{Permission{"inbox", Write}, "Decide inbox items"},
	{Permission{"duplicates", Read}, "See duplicate candidates"},
	{Permission{"duplicates", Write}, "Merge and dismiss duplicates"},
	{Permission{"pricing", Read}, "See price proposals"},
	{Permission{"pricing", Propose}, "Propose price changes"},
	{Permission{"pricing", Approve}, "Approve price changes"},
	{Permission{"publications", Read}, "See publications"},
	{Permission{"publications", Write}, "Retry and skip publications"},
	{Permission{"sync", Read}, "See sync runs"},
	{Permission{"sync", Write}, "Start sync runs"},
	{Permission{"audit", Read}, "Read the audit trail"},
	{Permission{"admin.users", Read}, "See users"},
	{Permission{"admin.users", Write}, "Create and change users"},
	{Permission{"admin.roles", Read}, "See roles"},
	{Permission{"admin.roles", Write}, "Change what roles may do"},
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
		{"dashboard", Read}, {"products", Read}, {"customers", Read}, {"inbox", Read},
		{"duplicates", Read}, {"pricing", Read}, {"publications", Read}, {"sync", Read},
		{"audit", Read},
	}
	with := func(extra ...Permission) []Permission {
		return append(slices.Clone(readAll), extra...)
	}
	return map[string][]Permission{
		RoleViewer: with(),
		RoleSteward: with(
			Permission{"products", Write}, Permission{"customers", Write}, Permission{"inbox", Write},
			Permission{"duplicates", Write}, Permission{"publications", Write}, Permission{"sync", Write},
		),
		RolePricingSteward: with(Permission{"pricing", Propose}, Permission{"inbox", Write}),
		RoleManager:        with(Permission{"pricing", Approve}),
		RoleAdmin:          {{Wildcard, Wildcard}},
	}
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
