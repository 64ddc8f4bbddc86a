package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func strconvAtoi(s string) (int, error) { return strconv.Atoi(s) }

// accessCatalog hands the templates the roles and permissions they offer.
func accessCatalog() web.AccessCatalog {
	c := web.AccessCatalog{Roles: rules.Roles, FixedRole: rules.RoleAdmin, MinPassword: rules.MinPasswordLength}
	for _, p := range rules.Permissions {
		c.Permissions = append(c.Permissions, web.PermissionLabel{Permission: p.Permission, Label: p.Label})
	}
	return c
}

func (s *server) roleList(c *fiber.Ctx) error {
	return s.renderRoles(c, fiber.StatusOK, "")
}

func (s *server) renderRoles(c *fiber.Ctx, status int, msg string) error {
	v := web.RolesView{Catalog: accessCatalog(), Grants: map[string][]rules.Permission{}, Message: msg}
	for _, r := range rules.Roles {
		v.Grants[r] = s.Access.Grants(r)
	}
	sh := s.shell(c, "Roles", "admin")
	if c.Query("saved") != "" {
		sh.Flash = "Role saved. Users with this role have the new permissions from their next click."
	}
	return render(c, status, web.RolesPage(sh, v))
}

func (s *server) roleUpdate(c *fiber.Ctx) error {
	role := c.Params("role")
	var grant []rules.Permission
	for _, raw := range c.Request().PostArgs().PeekMulti("perm") {
		res, act, _ := strings.Cut(string(raw), ":")
		grant = append(grant, rules.Permission{Resource: res, Action: act})
	}
	if err := rules.CheckPolicyChange(role, grant); err != nil {
		if rules.KindOf(err) == rules.Invalid && !rules.IsRole(role) {
			return models.ErrNotFound
		}
		return s.renderRoles(c, fiber.StatusUnprocessableEntity, rules.MessageOf(err))
	}
	before := s.Access.Grants(role)
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.SetGrants(tx, role, grant); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{
			Action: "role.update", ObjectType: models.ObjectRole, ObjectID: role, Before: before, After: grant,
		})
	})
	if err != nil {
		return err
	}
	if err := s.Access.Reload(); err != nil {
		return err
	}
	return c.Redirect("/admin/roles?saved=1", fiber.StatusSeeOther)
}
