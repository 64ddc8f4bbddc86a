package handlers

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/models"
	"steward/web"
)

const loginCSRFCookie = "steward_login_csrf"

// dummyHash is compared against when the email is unknown, so that a wrong email takes as
// long as a wrong password and sign-in does not reveal which accounts exist.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("steward-timing-equaliser"), bcrypt.DefaultCost)

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the OS has no randomness left; nothing is safe after this
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func (s *server) loginForm(c *fiber.Ctx) error {
	if viewerOf(c) != nil {
		return c.Redirect("/", fiber.StatusSeeOther)
	}
	next := c.Query("next")
	if !safeNext(next) {
		next = ""
	}
	return render(c, fiber.StatusOK, web.LoginPage(web.LoginView{Next: next, CSRF: s.loginCSRF(c)}))
}

// loginCSRF returns the pre-session CSRF token, setting its cookie if needed (double submit).
func (s *server) loginCSRF(c *fiber.Ctx) string {
	tok := c.Cookies(loginCSRFCookie)
	if len(tok) < 32 {
		tok = randomToken()
		c.Cookie(&fiber.Cookie{Name: loginCSRFCookie, Value: tok, Path: "/login", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secure(c)})
	}
	return tok
}

func (s *server) login(c *fiber.Ctx) error {
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	next := c.FormValue("next")
	view := web.LoginView{Email: email, Next: next, CSRF: s.loginCSRF(c)}
	cookieTok := c.Cookies(loginCSRFCookie)
	if cookieTok == "" || subtle.ConstantTimeCompare([]byte(cookieTok), []byte(c.FormValue("_csrf"))) != 1 {
		view.Error = "This sign-in form has expired. Please try again."
		return render(c, fiber.StatusForbidden, web.LoginPage(view))
	}
	if email == "" || c.FormValue("password") == "" {
		view.Error = "Enter your email and password."
		return render(c, fiber.StatusUnprocessableEntity, web.LoginPage(view))
	}
	now := s.Now().UTC()
	byEmail, byIP, err := models.LoginFailuresSince(s.DB, email, c.IP(), now.Add(-s.Throttle.Window))
	if err != nil {
		return err
	}
	if err := s.Throttle.Allow(byEmail, byIP); err != nil {
		view.Error = err.Error()
		return render(c, fiber.StatusTooManyRequests, web.LoginPage(view))
	}
	u, err := models.UserByEmail(s.DB, email)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	hash := []byte(u.PasswordHash)
	if err != nil {
		hash = dummyHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(c.FormValue("password"))) != nil || !u.Active {
		return s.loginFailed(c, view, email)
	}
	return s.startSession(c, u, next)
}

func (s *server) loginFailed(c *fiber.Ctx, view web.LoginView, email string) error {
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.RecordLoginFailure(tx, email, c.IP(), s.Now().UTC()); err != nil {
			return err
		}
		return models.Audit(tx, models.Actor{Name: email, RequestID: s.actor(c).RequestID}, models.Change{
			Action: "auth.login_failed", ObjectType: models.ObjectUser, ObjectID: email, Reason: "from " + c.IP(),
		})
	})
	if err != nil {
		return err
	}
	view.Error = "That email and password do not match an active account."
	return render(c, fiber.StatusUnauthorized, web.LoginPage(view))
}

func (s *server) startSession(c *fiber.Ctx, u models.User, next string) error {
	now := s.Now().UTC()
	raw := randomToken()
	sess := models.Session{
		ID: sessionID(raw), UserID: u.ID, CSRFToken: randomToken(), IP: c.IP(),
		UserAgent: truncate(c.Get(fiber.HeaderUserAgent), 300), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.SessionTTL),
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateSession(tx, &sess); err != nil {
			return err
		}
		if err := models.TouchLogin(tx, u.ID, now); err != nil {
			return err
		}
		if err := models.ClearLoginFailures(tx, strings.ToLower(u.Email)); err != nil {
			return err
		}
		rid, _ := c.Locals("requestid").(string)
		return models.Audit(tx, models.Actor{ID: u.ID, Name: u.Email, RequestID: rid}, models.Change{
			Action: "auth.login", ObjectType: models.ObjectUser, ObjectID: u.ID, Reason: "from " + c.IP(),
		})
	})
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: sessionCookie, Value: raw, Path: "/", HTTPOnly: true, Secure: s.secure(c),
		SameSite: fiber.CookieSameSiteLaxMode, Expires: now.Add(s.SessionTTL),
	})
	c.ClearCookie(loginCSRFCookie)
	if !safeNext(next) {
		next = "/"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

func (s *server) logout(c *fiber.Ctx) error {
	v := viewerOf(c)
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.DeleteSession(tx, v.Session.ID); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "auth.logout", ObjectType: models.ObjectUser, ObjectID: v.User.ID})
	})
	if err != nil {
		return err
	}
	s.clearSessionCookie(c)
	return c.Redirect("/login", fiber.StatusSeeOther)
}

func (s *server) clearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", HTTPOnly: true, Secure: s.secure(c), SameSite: fiber.CookieSameSiteLaxMode, MaxAge: -1})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
