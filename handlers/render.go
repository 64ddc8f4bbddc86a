package handlers

import (
	"errors"
	"strings"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func render(c *fiber.Ctx, status int, comp templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return comp.Render(c.UserContext(), c.Response().BodyWriter())
}

func isHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

// shell builds the layout data for the signed-in user.
func (s *server) shell(c *fiber.Ctx, title, active string) web.Shell {
	sh := web.Shell{Title: title, Active: active}
	v := viewerOf(c)
	if v == nil {
		sh.Viewer.Can = func(string, string) bool { return false }
		return sh
	}
	id := v.User.ID
	sh.Viewer = web.Viewer{
		ID: id, Email: v.User.Email, Name: v.User.Name, Roles: s.Access.RolesOf(id), CSRF: v.Session.CSRFToken,
		Can: func(resource, action string) bool {
			return s.Access.Allowed(id, rules.Permission{Resource: resource, Action: action})
		},
	}
	return sh
}

// handleError is the one place errors become responses: a page, an HTMX alert, or a
// redirect to sign in. Internal details are logged, never shown.
func (s *server) handleError(c *fiber.Ctx, err error) error {
	status, title, msg := fiber.StatusInternalServerError, "Something went wrong", rules.MessageOf(err)
	var fe *fiber.Error
	switch {
	case errors.As(err, &fe):
		status, msg = fe.Code, fe.Message
		title = msg
		if fe.Code == fiber.StatusNotFound {
			title, msg = "Page not found", "There is nothing at this address. Check the link, or start again from the dashboard."
		}
	case errors.Is(err, models.ErrNotFound):
		status, title, msg = fiber.StatusNotFound, "Not found", "That record does not exist, or it was merged into another one."
	default:
		switch rules.KindOf(err) {
		case rules.Invalid:
			status, title = fiber.StatusUnprocessableEntity, "Please check your input"
		case rules.NotFound:
			status, title = fiber.StatusNotFound, "Not found"
		case rules.Forbidden:
			status, title = fiber.StatusForbidden, "Not allowed"
		case rules.Conflict:
			status, title = fiber.StatusConflict, "Changed by someone else"
		case rules.TooMany:
			status, title = fiber.StatusTooManyRequests, "Too many attempts"
		case rules.Unauthorized:
			return s.toLogin(c)
		}
	}
	if status >= 500 {
		rid, _ := c.Locals("requestid").(string)
		s.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "request_id", rid, "err", err)
	}
	if isHTMX(c) {
		return render(c, status, web.ErrorAlert(status, msg))
	}
	return render(c, status, web.ErrorPage(s.shell(c, title, ""), status, title, msg))
}

// toLogin sends someone who is not signed in to the sign-in page, and back here after.
func (s *server) toLogin(c *fiber.Ctx) error {
	next := c.OriginalURL()
	if c.Method() != fiber.MethodGet || !safeNext(next) {
		next = "/"
	}
	target := "/login"
	if next != "/" {
		target += "?next=" + urlQueryEscape(next)
	}
	if isHTMX(c) {
		c.Set("HX-Redirect", target)
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}

// safeNext accepts only paths on this site, so a crafted link cannot bounce a user away.
func safeNext(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "/\\") && !strings.ContainsAny(p, "\r\n")
}
