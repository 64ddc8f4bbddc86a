package handlers

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// userSnapshot is what the audit trail records of a user: never the password hash.
type userSnapshot struct {
	Email           string   `json:"email"`
	Name            string   `json:"name"`
	Active          bool     `json:"active"`
	Roles           []string `json:"roles"`
	PasswordChanged bool     `json:"password_changed,omitempty"`
}

func (s *server) adminHome(c *fiber.Ctx) error {
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}

func (s *server) userList(c *fiber.Ctx) error {
	return s.renderUsers(c, fiber.StatusOK, web.UserForm{Roles: []string{rules.RoleViewer}})
}

func (s *server) renderUsers(c *fiber.Ctx, status int, form web.UserForm) error {
	users, err := models.ListUsers(s.DB)
	if err != nil {
		return err
	}
	form.Catalog = accessCatalog()
	v := web.UsersView{Form: form}
	for _, u := range users {
		v.Users = append(v.Users, web.UserRow{User: u, Roles: s.Access.RolesOf(u.ID)})
	}
	sh := s.shell(c, "Users", "admin")
	if c.Query("created") != "" {
		sh.Flash = "User added. They can sign in now."
	}
	return render(c, status, web.UsersPage(sh, v))
}

// userFormOf reads the user form as posted.
func userFormOf(c *fiber.Ctx) web.UserForm {
	f := web.UserForm{
		Email:    strings.TrimSpace(c.FormValue("email")),
		Name:     strings.TrimSpace(c.FormValue("name")),
		Active:   c.FormValue("active") == "1",
		Version:  c.QueryInt("version", 0),
		Password: c.FormValue("password"),
		Errors:   map[string]string{},
	}
	if v, err := strconvAtoi(c.FormValue("version")); err == nil {
		f.Version = v
	}
	args := c.Request().PostArgs()
	for _, r := range args.PeekMulti("roles") {
		f.Roles = append(f.Roles, string(r))
	}
	return f
}

func (s *server) userCreate(c *fiber.Ctx) error {
	f := userFormOf(c)
	if msg := rules.CheckEmail(f.Email); msg != "" {
		f.Errors["email"] = msg
	}
	if msg := rules.CheckPassword(f.Password, f.Email); msg != "" {
		f.Errors["password"] = msg
	}
	if len(f.Roles) == 0 {
		f.Errors["roles"] = "Choose at least one role."
	}
	if err := rules.CheckRoleAssignment(f.Roles, 1); err != nil {
		f.Errors["roles"] = rules.MessageOf(err)
	}
	if len(f.Name) > 200 {
		f.Errors["name"] = "Use at most 200 characters."
	}
	if len(f.Errors) > 0 {
		f.Password = ""
		return s.renderUsers(c, fiber.StatusUnprocessableEntity, f)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(f.Password), s.HashCost)
	if err != nil {
		return err
	}
	u := models.User{Email: f.Email, Name: f.Name, PasswordHash: string(hash), Active: true}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateUser(tx, &u); err != nil {
			return err
		}
		if err := models.SetRoles(tx, u.ID, f.Roles); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{
			Action: "user.create", ObjectType: models.ObjectUser, ObjectID: u.ID,
			After: userSnapshot{Email: u.Email, Name: u.Name, Active: true, Roles: f.Roles},
		})
	})
	if errors.Is(err, models.ErrDuplicate) {
		f.Errors["email"] = "A user with this email already exists."
		f.Password = ""
		return s.renderUsers(c, fiber.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	if err := s.Access.Reload(); err != nil {
		return err
	}
	return c.Redirect("/admin/users?created=1", fiber.StatusSeeOther)
}

func (s *server) userShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	u, err := models.UserByID(s.DB, id)
	if err != nil {
		return err
	}
	f := web.UserForm{ID: u.ID, Email: u.Email, Name: u.Name, Roles: s.Access.RolesOf(u.ID), Active: u.Active, Version: u.Version}
	return s.renderUser(c, fiber.StatusOK, f, c.Query("saved") != "")
}

func (s *server) renderUser(c *fiber.Ctx, status int, f web.UserForm, saved bool) error {
	history, err := recordHistory(s, models.ObjectUser, f.ID)
	if err != nil {
		return err
	}
	f.Catalog = accessCatalog()
	sh := s.shell(c, f.Email, "admin")
	if saved {
		sh.Flash = "Changes saved."
	}
	return render(c, status, web.UserPage(sh, f, history))
}

func (s *server) userUpdate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	u, err := models.UserByID(s.DB, id)
	if err != nil {
		return err
	}
	f := userFormOf(c)
	f.ID, f.Email = u.ID, u.Email
	if f.Version != u.Version {
		f.Message = "Someone else changed this user while you were editing. Their changes are shown below; make yours again."
		f.Name, f.Active, f.Roles, f.Version = u.Name, u.Active, s.Access.RolesOf(u.ID), u.Version
		return s.renderUser(c, fiber.StatusConflict, f, false)
	}
	if f.Password != "" {
		if msg := rules.CheckPassword(f.Password, u.Email); msg != "" {
			f.Errors["password"] = msg
		}
	}
	if len(f.Roles) == 0 {
		f.Errors["roles"] = "Choose at least one role."
	}
	if err := rules.CheckRoleAssignment(f.Roles, s.activeAdminsAfter(u.ID, f.Active, f.Roles)); err != nil {
		f.Errors["roles"] = rules.MessageOf(err)
	}
	if len(f.Errors) > 0 {
		f.Password = ""
		return s.renderUser(c, fiber.StatusUnprocessableEntity, f, false)
	}
	before := userSnapshot{Email: u.Email, Name: u.Name, Active: u.Active, Roles: s.Access.RolesOf(u.ID)}
	u.Name, u.Active = f.Name, f.Active
	if f.Password != "" {
		hash, err := bcrypt.GenerateFromPassword([]byte(f.Password), s.HashCost)
		if err != nil {
			return err
		}
		u.PasswordHash = string(hash)
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.SaveUser(tx, &u); err != nil {
			return err
		}
		if err := models.SetRoles(tx, u.ID, f.Roles); err != nil {
			return err
		}
		if !u.Active || f.Password != "" {
			// A deactivated user, or one whose password was reset, is signed out everywhere.
			if err := models.DeleteUserSessions(tx, u.ID); err != nil {
				return err
			}
		}
		return models.Audit(tx, s.actor(c), models.Change{
			Action: "user.update", ObjectType: models.ObjectUser, ObjectID: u.ID, Before: before,
			After: userSnapshot{Email: u.Email, Name: u.Name, Active: u.Active, Roles: f.Roles, PasswordChanged: f.Password != ""},
		})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "Someone else changed this user at the same moment. Reload the page and make your change again.")
	}
	if err != nil {
		return err
	}
	if err := s.Access.Reload(); err != nil {
		return err
	}
	return c.Redirect("/admin/users/"+c.Params("id")+"?saved=1", fiber.StatusSeeOther)
}

// activeAdminsAfter counts the active admins there would be once user id has these roles
// and this status.
func (s *server) activeAdminsAfter(id int64, active bool, roles []string) int {
	n := 0
	for _, uid := range s.Access.UsersWithRole(rules.RoleAdmin) {
		if uid == id {
			continue
		}
		if u, err := models.UserByID(s.DB, uid); err == nil && u.Active {
			n++
		}
	}
	if active && slices.Contains(roles, rules.RoleAdmin) {
		n++
	}
	return n
}
