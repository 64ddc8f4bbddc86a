package handlers

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
)

const sessionCookie = "steward_session"

// current is the signed-in user of a request.
type current struct {
	User    models.User
	Session models.Session
}

func viewerOf(c *fiber.Ctx) *current {
	v, _ := c.Locals("current").(*current)
	return v
}

func sessionID(cookieValue string) string {
	sum := sha256.Sum256([]byte(cookieValue))
	return hex.EncodeToString(sum[:])
}

func (s *server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	if s.secure(c) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	return c.Next()
}

func (s *server) secure(c *fiber.Ctx) bool {
	return s.SecureCookies || c.Protocol() == "https"
}

// loadSession finds the signed-in user, if any, and slides the session's expiry.
func (s *server) loadSession(c *fiber.Ctx) error {
	raw := c.Cookies(sessionCookie)
	if raw == "" || machinePath(c.Path()) {
		return c.Next()
	}
	now := s.Now().UTC()
	id := sessionID(raw)
	sess, u, err := models.ActiveSession(s.DB, id, now)
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.clearSessionCookie(c)
		return c.Next()
	case err != nil:
		return err
	}
	if now.Sub(sess.LastSeenAt).Minutes() >= 1 {
		if err := models.ExtendSession(s.DB, id, now, now.Add(s.SessionTTL)); err != nil {
			return err
		}
	}
	c.Locals("current", &current{User: u, Session: sess})
	return c.Next()
}

// checkCSRF refuses a state-changing request from a signed-in browser unless it carries the
// session's token, as a form field or (for HTMX) a header.
func (s *server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if machinePath(c.Path()) {
		return c.Next() // no session is read there, so no cookie can be ridden (see gate)
	}
	v := viewerOf(c)
	if v == nil {
		return c.Next() // the route's gate refuses it, or it is /login with its own check
	}
	token := c.Get("X-CSRF-Token")
	if token == "" {
		token = c.FormValue("_csrf")
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(v.Session.CSRFToken)) != 1 {
		return rules.Errorf(rules.Forbidden, "This form has expired or did not come from Steward. Reload the page and try again.")
	}
	return c.Next()
}

// gate lets a request through to its route only if the route's access rule allows it.
func (s *server) gate(r route) fiber.Handler {
	// Machine routes skip the session and CSRF checks by path, so every route under those
	// paths must authenticate itself and no browser route may live there; checked as the
	// app is built, so a mistake stops the program instead of opening a route.
	if machine := r.Access == apiToken || r.Access == signedHook; machine != machinePath(r.Path) {
		panic(fmt.Sprintf("route %s %s: token and signed routes live under %v, and only they", r.Method, r.Path, machinePrefixes))
	}
	if r.Access == apiToken {
		return s.tokenGate(r)
	}
	return func(c *fiber.Ctx) error {
		if r.Access == public || r.Access == signedHook {
			return c.Next() // a signed hook's handler checks the signature: only it knows the channel's secret
		}
		v := viewerOf(c)
		if v == nil {
			return rules.Errorf(rules.Unauthorized, "Please sign in.")
		}
		if r.Access == signedIn || s.Access.Allowed(v.User.ID, r.Perm) {
			return c.Next()
		}
		if err := models.Audit(s.DB, s.actor(c), models.Change{
			Action: "access.denied", ObjectType: "route", ObjectID: c.Method() + " " + c.Path(),
			Reason: "needs " + r.Perm.Action + " on " + r.Perm.Resource,
		}); err != nil {
			s.Log.Error("audit denied request", "err", err)
		}
		return rules.Errorf(rules.Forbidden, "Your roles do not allow this. Ask an admin if you need access.")
	}
}

// actor names who is making a request, for the audit trail.
func (s *server) actor(c *fiber.Ctx) models.Actor {
	rid, _ := c.Locals("requestid").(string)
	if v := viewerOf(c); v != nil {
		return models.Actor{ID: v.User.ID, Name: v.User.Email, RequestID: rid}
	}
	return models.Actor{Name: "anonymous " + c.IP(), RequestID: rid}
}

// machinePrefixes hold the routes that systems call, not browsers: they carry no session
// cookie and no CSRF token, and prove who they are with an API token or a signature.
var machinePrefixes = []string{"/hooks/", "/api/"}

// machinePath tells whether a request path is a machine route's. Fiber matches routes
// regardless of case, so neither does this.
func machinePath(p string) bool {
	p = strings.ToLower(p)
	for _, prefix := range machinePrefixes {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}
