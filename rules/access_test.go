package rules

import (
	"testing"
)

func TestDefaultPolicyGrantsOnlyKnownPermissions(t *testing.T) {
	for role, perms := range DefaultPolicy() {
		if !IsRole(role) {
			t.Errorf("default policy names unknown role %q", role)
		}
		for _, p := range perms {
			if role == RoleAdmin {
				if p != (perm(Wildcard, Wildcard)) {
					t.Errorf("admin should hold only the wildcard, holds %v", p)
				}
				continue
			}
			if !KnownPermission(p) {
				t.Errorf("%s is granted %v, which is not in the catalogue", role, p)
			}
		}
	}
}

func TestDefaultPolicyByRole(t *testing.T) {
	has := func(role string, p Permission) bool {
		for _, g := range DefaultPolicy()[role] {
			if (g.Resource == Wildcard || g.Resource == p.Resource) && (g.Action == Wildcard || g.Action == p.Action) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		role string
		perm Permission
		want bool
	}{
		{RoleViewer, perm("products", Read), true},
		{RoleViewer, perm("products", Write), false},
		{RoleViewer, perm("admin.users", Read), false},
		{RoleSteward, perm("inbox", Write), true},
		{RoleSteward, perm("duplicates", Write), true},
		{RoleSteward, perm("pricing", Approve), false},
		{RoleSteward, perm("pricing", Propose), false},
		{RoleSteward, perm("admin.users", Read), false},
		{RolePricingSteward, perm("pricing", Propose), true},
		{RolePricingSteward, perm("pricing", Approve), false},
		{RoleManager, perm("pricing", Approve), true},
		{RoleManager, perm("pricing", Propose), false},
		{RoleManager, perm("admin.roles", Write), false},
		{RoleAdmin, perm("admin.roles", Write), true},
		{RoleAdmin, perm("admin.rules", Write), true},
		{RoleManager, perm("admin.rules", Read), false},
		{RoleSteward, perm("admin.rules", Read), false},
		{RoleViewer, perm("admin.rules", Read), false},
		{RoleAdmin, perm("anything.new", "whatever"), true},
	}
	for _, tt := range tests {
		if got := has(tt.role, tt.perm); got != tt.want {
			t.Errorf("%s holds %v = %v, want %v", tt.role, tt.perm, got, tt.want)
		}
	}
}

func TestCheckPolicyChange(t *testing.T) {
	tests := []struct {
		name  string
		role  string
		grant []Permission
		want  Kind // -1: allowed
	}{
		{"viewer gets audit", RoleViewer, []Permission{perm("audit", Read)}, -1},
		{"everything removed from steward", RoleSteward, nil, -1},
		{"unknown role", "superuser", nil, Invalid},
		{"admin is fixed", RoleAdmin, []Permission{perm("audit", Read)}, Forbidden},
		{"unknown permission", RoleViewer, []Permission{perm("audit", "delete")}, Invalid},
		{"wildcard for a non-admin", RoleManager, []Permission{perm(Wildcard, Wildcard)}, Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPolicyChange(tt.role, tt.grant)
			if tt.want == -1 {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if err == nil || KindOf(err) != tt.want {
				t.Fatalf("want kind %v, got %v", tt.want, err)
			}
		})
	}
}

func TestCheckRoleAssignment(t *testing.T) {
	tests := []struct {
		roles   []string
		admins  int
		wantErr bool
	}{
		{[]string{RoleSteward}, 1, false},
		{[]string{RoleSteward, RoleManager}, 3, false},
		{[]string{"root"}, 1, true},
		{[]string{RoleViewer}, 0, true},
	}
	for _, tt := range tests {
		err := CheckRoleAssignment(tt.roles, tt.admins)
		if (err != nil) != tt.wantErr {
			t.Errorf("CheckRoleAssignment(%v, %d) = %v, want error %v", tt.roles, tt.admins, err, tt.wantErr)
		}
	}
}
