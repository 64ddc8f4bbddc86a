package handlers

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
	"net/http"

	"steward/models"
	"steward/rules"
	"steward/static"
)

// Config is what the web app needs; cmd builds it once.
type Config struct {
	DB     *gorm.DB
	Access *models.Access
	Queue  Queue
	Log    *slog.Logger
	Now    func() time.Time
	// HashCost is the bcrypt cost for new passwords; tests lower it.
	HashCost int
	// SecureCookies forces the Secure flag; it is set anyway on requests that arrive over TLS.
	SecureCookies bool
	// TrustedProxies may set X-Forwarded-For / X-Forwarded-Proto (load balancers).
	TrustedProxies []string
	Throttle       rules.Throttle
	SessionTTL     time.Duration
	// Keyring opens channel secrets (the webhook secrets that signed hooks are checked
	// against); without it every signed hook is refused.
	Keyring *models.Keyring
}

type server struct {
	Config
}

// New builds the web app with every route and middleware.
func New(cfg Config) *fiber.App {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.HashCost == 0 {
		cfg.HashCost = bcrypt.DefaultCost + 2
	}
	if cfg.Throttle.Window == 0 {
		cfg.Throttle = rules.DefaultThrottle
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	s := &server{Config: cfg}
	fc := fiber.Config{
		AppName:               "Steward",
		ErrorHandler:          s.handleError,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		BodyLimit:             maxUpload + 1<<20,
	}
	if len(cfg.TrustedProxies) > 0 {
		fc.EnableTrustedProxyCheck = true
		fc.TrustedProxies = cfg.TrustedProxies
		fc.ProxyHeader = fiber.HeaderXForwardedFor
	}
	app := fiber.New(fc)
	app.Use(recover.New(recover.Config{EnableStackTrace: true}))
	app.Use(requestid.New())
	app.Use(s.securityHeaders)
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static.Files), MaxAge: 3600}))
	app.Use(s.loadSession)
	app.Use(s.checkCSRF)
	for _, r := range s.routes() {
		app.Add(r.Method, r.Path, s.gate(r), r.Handler)
	}
	return app
}
