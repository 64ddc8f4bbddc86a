package handlers_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"steward/models"
	"steward/rules"
)

// upload posts a multipart form the way a browser sends a file.
func (c *client) upload(path string, fields map[string]string, filename, content string) (*http.Response, string) {
	c.e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fields["_csrf"] = c.csrf
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if filename != "" {
		fw, _ := w.CreateFormFile("file", filename)
		io.WriteString(fw, content)
	}
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.e.app.Test(req, -1)
	if err != nil {
		c.e.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestImportUpload(t *testing.T) {
	e := sqliteEnv(t)
	steward := e.as(rules.RoleSteward)
	tests := []struct {
		name     string
		fields   map[string]string
		file     string
		want     int
		wantText string
	}{
		{"no source", map[string]string{"object": "products"}, "sku,name\nA,B\n", 422, "Name the source"},
		{"no file", map[string]string{"source": "Supplier", "object": "products"}, "", 422, "Choose a CSV file"},
		{"bad object", map[string]string{"source": "Supplier", "object": "orders"}, "x", 422, "Choose products or customers"},
		{"good", map[string]string{"source": "Supplier", "object": "products"}, "sku,name\nA,B\n", 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "prices.csv"
			if tt.file == "" {
				name = ""
			}
			res, body := steward.upload("/sync/import", tt.fields, name, tt.file)
			if res.StatusCode != tt.want || !strings.Contains(body, tt.wantText) {
				t.Fatalf("status %d, want %d with %q", res.StatusCode, tt.want, tt.wantText)
			}
		})
	}
	var runs []models.SyncRun
	e.db.Find(&runs)
	var uploads int64
	e.db.Model(&models.Upload{}).Count(&uploads)
	if len(runs) != 1 || runs[0].Kind != "import" || runs[0].Status != models.RunQueued || runs[0].StartedBy != "steward@example.com" || uploads != 1 {
		t.Fatalf("runs %+v, uploads %d", runs, uploads)
	}
	var jobs int64
	e.db.Table("river_job").Where("kind = ?", "sync.import").Count(&jobs)
	if jobs != 1 || e.auditCount("sync.import") != 1 {
		t.Errorf("%d import jobs, %d audit events; want 1 and 1", jobs, e.auditCount("sync.import"))
	}
	if res, body := steward.get(fmt.Sprintf("/sync/runs/%d", runs[0].ID)); res.StatusCode != 200 || !strings.Contains(body, "Queued") {
		t.Errorf("run page: %d", res.StatusCode)
	}
}

func TestSchedulesAndRunNow(t *testing.T) {
	e := sqliteEnv(t)
	ch := models.Channel{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, Active: true}
	if err := models.CreateChannel(e.db, &ch); err != nil {
		t.Fatal(err)
	}
	admin := e.as(rules.RoleAdmin)
	path := fmt.Sprintf("/admin/channels/%d/schedules", ch.ID)
	res, body := admin.post(path, url.Values{"object": {"products"}, "cron": {"every day"}, "enabled": {"1"}})
	if res.StatusCode != 422 || !strings.Contains(body, "is not a schedule") || !strings.Contains(body, `value="every day"`) {
		t.Fatalf("bad schedule: %d", res.StatusCode)
	}
	res, _ = admin.post(path, url.Values{"object": {"products"}, "cron": {"*/15 * * * *"}, "enabled": {"1"}, "version": {"0"}})
	if res.StatusCode != 303 {
		t.Fatalf("save schedule: %d", res.StatusCode)
	}
	scheds, _ := models.ListSchedules(e.db, ch.ID)
	if len(scheds) != 1 || scheds[0].Cron != "*/15 * * * *" || !scheds[0].Enabled || e.auditCount("channel.schedule") != 1 {
		t.Fatalf("schedules %+v", scheds)
	}
	// A steward pulls now; a second click while it waits is refused with a clear word.
	steward := e.as(rules.RoleSteward)
	form := url.Values{"channel_id": {fmt.Sprint(ch.ID)}, "object": {"customers"}}
	if res, _ := steward.post("/sync/run", form); res.StatusCode != 303 {
		t.Fatalf("run now: %d", res.StatusCode)
	}
	if res, body := steward.post("/sync/run", form); res.StatusCode != 409 || !strings.Contains(body, "already queued or running") {
		t.Errorf("second run now: %d", res.StatusCode)
	}
	var runs int64
	e.db.Model(&models.SyncRun{}).Count(&runs)
	if runs != 1 || e.auditCount("sync.run") != 1 {
		t.Errorf("%d runs, %d audits after a refused second click", runs, e.auditCount("sync.run"))
	}
	// Switched off, the channel is not pulled.
	if res, _ := admin.post(fmt.Sprintf("/admin/channels/%d", ch.ID), url.Values{"active": {"0"}, "version": {fmt.Sprint(ch.Version)}}); res.StatusCode != 303 {
		t.Fatalf("switch off: %d", res.StatusCode)
	}
	if res, body := steward.post("/sync/run", url.Values{"channel_id": {fmt.Sprint(ch.ID)}, "object": {"products"}}); res.StatusCode != 409 || !strings.Contains(body, "switched off") {
		t.Errorf("run on a switched-off channel: %d", res.StatusCode)
	}
	if res, body := admin.get("/admin/channels"); res.StatusCode != 200 || !strings.Contains(body, "Odoo ERP") || !strings.Contains(body, "switched off") {
		t.Errorf("channels page: %d", res.StatusCode)
	}
}
