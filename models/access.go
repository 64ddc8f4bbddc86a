package models

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	"gorm.io/gorm"
)

// accessModel is role-based: users hold roles, roles hold (resource, action) permissions,
// and "*" in a policy matches anything.
const accessModel = `
[request_definition]
r = sub, obj, act
[policy_definition]
p = sub, obj, act
[role_definition]
g = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub) && (p.obj == "*" || r.obj == p.obj) && (p.act == "*" || r.act == p.act)
`

// Permission is an action on a resource, the unit that policies grant.
type Permission struct {
	Resource string
	Action   string
}

// Policy is what each role may do, roles listed in display order.
type Policy struct {
	Roles  []string
	Grants map[string][]Permission
}

// Access answers "may this user do that" from policies stored in the casbin_rule table.
type Access struct {
	e     *casbin.SyncedEnforcer
	roles []string
}

// NewAccess loads the policies; on an empty table it stores the default policy first.
func NewAccess(db *gorm.DB, defaults Policy) (*Access, error) {
	gormadapter.TurnOffAutoMigrate(db)
	adapter, err := gormadapter.NewAdapterByDBUseTableName(db, "", "casbin_rule")
	if err != nil {
		return nil, fmt.Errorf("open access policies: %w", err)
	}
	m, err := model.NewModelFromString(accessModel)
	if err != nil {
		return nil, err
	}
	e, err := casbin.NewSyncedEnforcer(m, adapter)
	if err != nil {
		return nil, fmt.Errorf("load access policies: %w", err)
	}
	a := &Access{e: e, roles: defaults.Roles}
	if len(mustPolicy(e.GetPolicy())) == 0 {
		if err := a.seed(db, defaults); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func mustPolicy(p [][]string, _ error) [][]string { return p }

func (a *Access) seed(db *gorm.DB, defaults Policy) error {
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, role := range defaults.Roles {
			if err := SetGrants(tx, role, defaults.Grants[role]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !isUniqueViolation(err) { // another instance seeded first: fine
		return fmt.Errorf("store default access policy: %w", err)
	}
	return a.Reload()
}

// Reload re-reads the policies, picking up changes made by other instances.
func (a *Access) Reload() error { return a.e.LoadPolicy() }

// AutoReload re-reads the policies every interval until stop is called.
func (a *Access) AutoReload(every time.Duration) (stop func()) {
	a.e.StartAutoLoadPolicy(every)
	return a.e.StopAutoLoadPolicy
}

func subject(userID int64) string { return "user:" + strconv.FormatInt(userID, 10) }

// Allowed tells whether a user may perform a permission.
func (a *Access) Allowed(userID int64, p Permission) bool {
	ok, err := a.e.Enforce(subject(userID), p.Resource, p.Action)
	return err == nil && ok
}

// RolesOf lists a user's roles in catalogue order.
func (a *Access) RolesOf(userID int64) []string {
	held, _ := a.e.GetRolesForUser(subject(userID))
	var out []string
	for _, r := range a.roles {
		if slices.Contains(held, r) {
			out = append(out, r)
		}
	}
	return out
}

// RolesOfUser reads a user's roles from the policy table itself, for background jobs that
// hold no Access: a bulk decision checks its author's roles as they are when it runs.
func RolesOfUser(db *gorm.DB, userID int64) ([]string, error) {
	var roles []string
	err := db.Model(&casbinRule{}).Where("ptype = 'g' AND v0 = ?", subject(userID)).Order("v1").Pluck("v1", &roles).Error
	if err != nil {
		return nil, fmt.Errorf("roles of user %d: %w", userID, err)
	}
	return roles, nil
}

// UsersWithRole lists the ids of users holding a role.
func (a *Access) UsersWithRole(role string) []int64 {
	subs, _ := a.e.GetUsersForRole(role)
	var ids []int64
	for _, s := range subs {
		if id, err := strconv.ParseInt(s[len("user:"):], 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// casbinRule is a row of the policy table that the casbin adapter loads.
type casbinRule struct {
	ID    int64
	Ptype string
	V0    string
	V1    string
	V2    string
	V3    string
	V4    string
	V5    string
}

func (casbinRule) TableName() string { return "casbin_rule" }

// SetRoles replaces a user's roles within tx, so the change commits with its audit event.
// Call Reload after the commit.
func SetRoles(tx *gorm.DB, userID int64, roles []string) error {
	sub := subject(userID)
	if err := tx.Where("ptype = 'g' AND v0 = ?", sub).Delete(&casbinRule{}).Error; err != nil {
		return fmt.Errorf("clear roles of user %d: %w", userID, err)
	}
	for _, r := range roles {
		if err := tx.Create(&casbinRule{Ptype: "g", V0: sub, V1: r}).Error; err != nil {
			return fmt.Errorf("grant %s to user %d: %w", r, userID, err)
		}
	}
	return nil
}

// SetGrants replaces what a role may do within tx. Call Reload after the commit.
func SetGrants(tx *gorm.DB, role string, grant []Permission) error {
	if err := tx.Where("ptype = 'p' AND v0 = ?", role).Delete(&casbinRule{}).Error; err != nil {
		return fmt.Errorf("clear permissions of %s: %w", role, err)
	}
	for _, p := range grant {
		if err := tx.Create(&casbinRule{Ptype: "p", V0: role, V1: p.Resource, V2: p.Action}).Error; err != nil {
			return fmt.Errorf("grant %s %s to %s: %w", p.Action, p.Resource, role, err)
		}
	}
	return nil
}

// Grants lists what a role may do.
func (a *Access) Grants(role string) []Permission {
	rows, _ := a.e.GetFilteredPolicy(0, role)
	out := make([]Permission, 0, len(rows))
	for _, r := range rows {
		out = append(out, Permission{Resource: r[1], Action: r[2]})
	}
	return out
}
