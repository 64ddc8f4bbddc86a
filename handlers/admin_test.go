package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/rules"
)

func TestAdminCreatesUser(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	tests := []struct {
		name       string
		form       url.Values
		wantStatus int
		wantText   string
	}{
		{"bad email", url.Values{"email": {"nope"}, "password": {"long enough pass"}, "roles": {"viewer"}}, 422, "Enter an email address such as"},
		{"short password", url.Values{"email": {"a@example.com"}, "password": {"short"}, "roles": {"viewer"}}, 422, "at least 12 characters"},
		{"no role", url.Values{"email": {"a@example.com"}, "password": {"long enough pass"}}, 422, "Choose at least one role"},
		{"unknown role", url.Values{"email": {"a@example.com"}, "password": {"long enough pass"}, "roles": {"root"}}, 422, "There is no role called"},
		{"taken email", url.Values{"email": {"STEWARD@example.com"}, "password": {"long enough pass"}, "roles": {"viewer"}}, 422, "already exists"},
		{"script in name is escaped", url.Values{"email": {"x@example.com"}, "name": {"<script>alert(1)</script>"}, "password": {"short"}, "roles": {"viewer"}}, 422, "&lt;script&gt;"},
		{"good", url.Values{"email": {"new@example.com"}, "name": {"Nia New"}, "password": {testPassword}, "roles": {"steward", "manager"}}, 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := admin.post("/admin/users", tt.form)
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if tt.wantText != "" && !strings.Contains(body, tt.wantText) {
				t.Errorf("body lacks %q", tt.wantText)
			}
			if strings.Contains(body, "<script>alert(1)") {
				t.Error("unescaped script in page")
			}
		})
	}
	u, err := models.UserByEmail(e.db, "new@example.com")
	if err != nil {
		t.Fatal("good form did not create the user")
	}
	if got := e.access.RolesOf(u.ID); fmt.Sprint(got) != "[steward manager]" {
		t.Errorf("roles %v", got)
	}
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "user.create"})
	if len(evs) != 1 || evs[0].Actor != "admin@example.com" || !strings.Contains(evs[0].After, `"roles":["steward","manager"]`) || strings.Contains(evs[0].After, "$2a$") {
		t.Errorf("user.create audit = %+v", evs)
	}
	// The new user can sign in with the password the admin set.
	if c := e.signIn("new@example.com"); c.csrf == "" {
		t.Error("new user cannot use the app")
	}
}

func TestAdminUpdatesUser(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	victim := e.users[rules.RoleSteward]
	stewardSession := e.as(rules.RoleSteward)
	path := fmt.Sprintf("/admin/users/%d", victim.ID)

	res, _ := admin.post(path, url.Values{"version": {fmt.Sprint(victim.Version)}, "name": {"Sam Steward"}, "roles": {"viewer"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", res.StatusCode)
	}
	got, _ := models.UserByID(e.db, victim.ID)
	if got.Active || got.Name != "Sam Steward" || fmt.Sprint(e.access.RolesOf(victim.ID)) != "[viewer]" {
		t.Errorf("after update: active %v name %q roles %v", got.Active, got.Name, e.access.RolesOf(victim.ID))
	}
	// A deactivated user is signed out at once.
	if res, _ := stewardSession.get("/products"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("deactivated user's session still works: %d", res.StatusCode)
	}
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "user.update"})
	if len(evs) != 1 || !strings.Contains(evs[0].Before, `"active":true`) || !strings.Contains(evs[0].After, `"active":false`) {
		t.Errorf("user.update audit = %+v", evs)
	}
	// A form from before that change is refused, not applied over it.
	res, body := admin.post(path, url.Values{"version": {fmt.Sprint(victim.Version)}, "active": {"1"}, "roles": {"admin"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed this user") {
		t.Errorf("stale form: %d", res.StatusCode)
	}
	if got, _ := models.UserByID(e.db, victim.ID); got.Active {
		t.Error("stale form was applied")
	}
}

func TestLastAdminIsKept(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	me := e.users[rules.RoleAdmin]
	res, body := admin.post(fmt.Sprintf("/admin/users/%d", me.ID), url.Values{"version": {fmt.Sprint(me.Version)}, "active": {"1"}, "roles": {"viewer"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "At least one active user must keep the admin role") {
		t.Fatalf("removing the last admin: %d", res.StatusCode)
	}
	if fmt.Sprint(e.access.RolesOf(me.ID)) != "[admin]" {
		t.Error("last admin lost the role")
	}
	// With a second admin, the first may step down.
	other := e.addUser("second-admin@example.com", rules.RoleAdmin)
	_ = other
	res, _ = admin.post(fmt.Sprintf("/admin/users/%d", me.ID), url.Values{"version": {fmt.Sprint(me.Version)}, "active": {"1"}, "roles": {"viewer"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("stepping down with another admin present: %d", res.StatusCode)
	}
}

func TestAdminEditsRole(t *testing.T) {
	e := sqliteEnv(t)
	admin := e.as(rules.RoleAdmin)
	viewer := e.as(rules.RoleViewer)
	if res, _ := viewer.get("/audit"); res.StatusCode != 200 {
		t.Fatalf("viewer reads audit by default: %d", res.StatusCode)
	}
	// Take the audit trail away from viewers.
	form := url.Values{}
	for _, p := range rules.DefaultPolicy()[rules.RoleViewer] {
		if p.Resource != "audit" {
			form.Add("perm", p.Resource+":"+p.Action)
		}
	}
	if res, _ := admin.post("/admin/roles/viewer", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save role: %d", res.StatusCode)
	}
	if res, _ := viewer.get("/audit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer still reads audit: %d", res.StatusCode)
	}
	evs, _ := models.ListAudit(e.db, models.AuditFilter{Action: "role.update"})
	if len(evs) != 1 || evs[0].ObjectID != "viewer" || !strings.Contains(evs[0].Before, `"audit"`) || strings.Contains(evs[0].After, `"audit"`) {
		t.Errorf("role.update audit = %+v", evs)
	}
	for _, tt := range []struct {
		path, perm string
		want       int
	}{
		{"/admin/roles/admin", "audit:read", 422},
		{"/admin/roles/viewer", "audit:delete", 422},
		{"/admin/roles/root", "audit:read", 404},
	} {
		if res, _ := admin.post(tt.path, url.Values{"perm": {tt.perm}}); res.StatusCode != tt.want {
			t.Errorf("%s %s: %d, want %d", tt.path, tt.perm, res.StatusCode, tt.want)
		}
	}
	if e.auditCount("role.update") != 1 {
		t.Error("a refused role change was audited as made")
	}
}
