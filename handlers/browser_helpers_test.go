package handlers_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"steward/handlers"
	"steward/jobs"
	"steward/models"
	"steward/rules"
)

// viewport is the window size of every tab; the README screenshots are taken at this size.
const viewportWidth, viewportHeight = 1280, 800

// chromiumPath finds Debian's chromium. A CI run without it fails rather than skips, so a
// broken runner image cannot silently drop the browser tests.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("STEWARD_CHROMIUM"); p != "" {
		// Asked for by name: a wrong path is a mistake to report, not a reason to try others.
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("STEWARD_CHROMIUM: %v", err)
		}
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not installed; .ci/run installs it")
	}
	t.Skip("chromium not installed (set STEWARD_CHROMIUM to its path)")
	return ""
}

// startBrowser starts one headless chromium for the whole test; each flow opens its own tab.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	// Created before the browser's cleanup is registered, so they are removed after chromium
	// exits. A killed chromium leaves its singleton socket folder in TMPDIR behind.
	profile, tmp := t.TempDir(), t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR="+tmp),
		chromedp.NoSandbox, // root in a container has no user namespace for the sandbox
		chromedp.DisableGPU,
		// The machine has no internet: without these chromium waits on lookups at start-up.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(viewportWidth, viewportHeight),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })

	// The first Run ties the browser's life to its context, so it cannot carry a deadline;
	// a watchdog turns a hung start into a failure instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start chromium %s: %v", exe, err)
		}
	case <-time.After(20 * time.Second):
		cancel()
		cancelAlloc()
		t.Fatalf("chromium %s did not start within 20s", exe)
	}
	return ctx
}

// tab is one browser tab with its own cookie jar, closed when the flow ends or its time is up.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string // script errors and console errors seen on the pages
}

// openTab opens a tab on the site at base; every action in it fails once timeout has passed.
func openTab(t *testing.T, browser context.Context, base string, timeout time.Duration) *tab {
	t.Helper()
	deadline, cancelDeadline := context.WithTimeout(browser, timeout)
	// A browser context of its own keeps each flow's session cookie apart from the others.
	ctx, cancel := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext())
	t.Cleanup(func() { cancel(); cancelDeadline() })
	tb := &tab{t: t, ctx: ctx, base: base}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportWidth, viewportHeight)); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "script error: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *log.EventEntryAdded:
			// 401 and 403 pages are expected here; the network source reports each of them.
			if ev.Entry.Level == log.EntryLevelError && ev.Entry.Source != log.EntrySourceNetwork {
				msg = "console " + string(ev.Entry.Source) + ": " + ev.Entry.Text
			}
		}
		if msg != "" {
			tb.mu.Lock()
			tb.problems = append(tb.problems, msg)
			tb.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("listen to tab: %v", err)
	}
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, p := range tb.problems {
			t.Errorf("page reported %s", p)
		}
	})
	return tb
}

// do runs steps in the tab and fails the test on error.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.fatal(what, err)
	}
}

func (tb *tab) fatal(what string, err error) {
	tb.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		tb.t.Fatalf("%s: the flow ran out of time (page %s): %v", what, tb.location(), err)
	}
	tb.t.Fatalf("%s: %v", what, err)
}

// open loads path and returns the HTTP status of the page.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.fatal("open "+path, err)
	}
	return resp.Status
}

// submit clicks a button that sends a form and waits for the page that answers it.
func (tb *tab) submit(button string) int64 {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		tb.fatal("submit "+button, err)
	}
	if resp == nil {
		tb.t.Fatalf("submit %s: no page came back", button)
	}
	return resp.Status
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.fatal("evaluate "+expr, err)
	}
	return v
}

// text is the visible text of the first element matching the CSS selector.
func (tb *tab) text(css string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		tb.fatal("read text of "+css, err)
	}
	return strings.TrimSpace(s)
}

// path is the current page's path and query, without the site's address.
func (tb *tab) path() string {
	tb.t.Helper()
	return strings.TrimPrefix(tb.location(), tb.base)
}

func (tb *tab) location() string {
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		return "unknown: " + err.Error()
	}
	return loc
}

// pressSlash presses "/" the way a keyboard does: one keydown whose default action types
// the character, so a page that handles the key and cancels the default types nothing.
// chromedp's KeyEvent sends the character as a separate event that no handler can cancel,
// which would leave a "/" in the search box the shortcut just focused.
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/",
			WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191,
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191,
		}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// navLabels lists the entries of the main navigation.
func (tb *tab) navLabels() []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll("nav.sidebar ul a")].map(a => a.textContent.trim())`)
}

// signIn signs in through the login form and expects to land on the dashboard.
func (tb *tab) signIn(email, password string) {
	tb.t.Helper()
	tb.open("/login")
	tb.do("fill the sign-in form",
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
	)
	if status := tb.submit(`form[action="/login"] button[type=submit]`); status != 200 {
		tb.t.Fatalf("sign in as %s: status %d at %s", email, status, tb.path())
	}
	if got := tb.path(); got != "/" {
		tb.t.Fatalf("sign in as %s: landed on %s, want /", email, got)
	}
}

// screenshot saves the whole page as a PNG in dir, when dir is set.
func (tb *tab) screenshot(dir, name string) {
	tb.t.Helper()
	if dir == "" {
		return
	}
	// Quality 100 is what makes chromedp ask for PNG instead of JPEG.
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.fatal("screenshot "+name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// screenshotDir is where STEWARD_SCREENSHOTS asks for the pictures, or "" for none. A
// relative path is taken from the repository root, because go test runs in the package
// folder while the Makefile passes docs/screenshots.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("STEWARD_SCREENSHOTS")
	if dir == "" {
		return ""
	}
	if !filepath.IsAbs(dir) {
		root, err := moduleRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// site is the real app serving a test database on a local port.
type site struct {
	URL    string
	DB     *gorm.DB
	Access *models.Access
}

func startSite(t *testing.T, db *gorm.DB) *site {
	t.Helper()
	access, err := models.NewAccess(db, rules.DefaultAccessPolicy())
	if err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewRunner(jobs.Config{DB: db, InsertOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	app := handlers.New(handlers.Config{DB: db, Access: access, Queue: queue, HashCost: bcrypt.MinCost})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	// Registered after the database's own cleanup, so it runs first: no request outlives the DB.
	t.Cleanup(func() {
		if err := app.ShutdownWithTimeout(5 * time.Second); err != nil {
			t.Errorf("shut down the app: %v", err)
		}
	})
	return &site{URL: "http://" + ln.Addr().String(), DB: db, Access: access}
}

// addUser stores an active user with roles, as `steward user add` does, and returns its id.
func (s *site) addUser(t *testing.T, email, name, password string, roles ...string) int64 {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	u := models.User{Email: email, Name: name, PasswordHash: string(hash), Active: true}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateUser(tx, &u); err != nil {
			return err
		}
		return models.SetRoles(tx, u.ID, roles)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Roles live in the casbin policy the app already loaded.
	if err := s.Access.Reload(); err != nil {
		t.Fatal(err)
	}
	return u.ID
}
