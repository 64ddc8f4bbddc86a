package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"steward/models"
)

// Viewer is the signed-in person as the templates need them.
type Viewer struct {
	ID    int64
	Email string
	Name  string
	Roles []string
	CSRF  string
	// Can tells whether the viewer holds a permission; templates hide what they may not do.
	Can func(resource, action string) bool
}

// Display is the name to greet the viewer with.
func (v Viewer) Display() string {
	if v.Name != "" {
		return v.Name
	}
	return v.Email
}

// Shell is what the layout needs around every page.
type Shell struct {
	Title  string
	Active string // the nav entry to highlight
	Viewer Viewer
	Flash  string
}

// csrfHeaders makes HTMX send the CSRF token with every request it issues.
func csrfHeaders(token string) string {
	b, _ := json.Marshal(map[string]string{"X-CSRF-Token": token})
	return string(b)
}

type navItem struct {
	Key, Label, Href, Resource string
}

var nav = []navItem{
	{"dashboard", "Dashboard", "/", "dashboard"},
	{"inbox", "Inbox", "/inbox", "inbox"},
	{"duplicates", "Duplicates", "/duplicates", "duplicates"},
	{"pricing", "Pricing", "/pricing", "pricing"},
	{"publications", "Publications", "/publications", "publications"},
	{"sync", "Sync", "/sync", "sync"},
	{"products", "Products", "/products", "products"},
	{"customers", "Customers", "/customers", "customers"},
	{"audit", "Audit", "/audit", "audit"},
	{"admin", "Admin", "/admin", "admin.users"},
}

func visibleNav(v Viewer) []navItem {
	var out []navItem
	for _, n := range nav {
		if v.Can != nil && v.Can(n.Resource, "read") {
			out = append(out, n)
		}
	}
	return out
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func formatTimePtr(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return formatTime(*t)
}

func formatDate(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.UTC().Format("2006-01-02")
}

// age says how long ago something happened in the words a person uses.
func age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	default:
		return plural(int(d.Hours()/24), "day") + " ago"
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func formatCount(n int64, capped bool) string {
	s := thousands(n)
	if capped {
		return s + "+"
	}
	return s
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func formatFloat(f *float64, unit string) string {
	if f == nil {
		return "—"
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", *f), "0"), ".") + " " + unit
}

func formatQty(f float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func lifecycleLabel(s string) string {
	switch s {
	case models.LifecycleDraft:
		return "Draft"
	case models.LifecycleActive:
		return "Active"
	case models.LifecyclePhaseOut:
		return "Phasing out"
	case models.LifecycleDiscontinued:
		return "Discontinued"
	}
	return s
}

func roleLabel(r string) string {
	switch r {
	case "pricing_steward":
		return "Pricing steward"
	}
	if r == "" {
		return r
	}
	return strings.ToUpper(r[:1]) + r[1:]
}

// withQuery returns path with the query values set (empty values dropped).
func withQuery(path string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// reasonList decodes a JSON list of reasons; anything else is shown as it is.
func reasonList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return []string{s}
	}
	return out
}
