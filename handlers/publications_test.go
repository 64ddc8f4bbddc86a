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

// seedFailed stores a webhook channel, a product and n publications of it that failed
// with one cause.
func seedFailed(t *testing.T, e *testEnv, n int) (models.Channel, *models.Product, []models.Publication) {
	t.Helper()
	ch := models.Channel{Name: "B2B portal", Kind: models.ChannelWebhook, Direction: models.DirectionDestination, BaseURL: "http://127.0.0.1:1/hook", Active: true}
	if err := models.CreateChannel(e.db, &ch); err != nil {
		t.Fatal(err)
	}
	p := newProduct("PUB-1", "Cable drum")
	if err := models.CreateProduct(e.db, p); err != nil {
		t.Fatal(err)
	}
	var ps []models.Publication
	for i := range n {
		pub := models.Publication{ChannelID: ch.ID, ObjectType: models.ObjectProduct, GoldenID: p.ID, GoldenVersion: i + 1, Status: models.PublicationFailed,
			Error: "the receiver refused the record: sku is not in the portal's catalog format", ErrorClass: "validation",
			ErrorDetail: `HTTP 422: {"errors":[{"field":"sku","message":"<script>alert(1)</script>"}]}`, Payload: `{"object":"product"}`, Attempts: 1, Version: 1}
		if err := e.db.Create(&pub).Error; err != nil {
			t.Fatal(err)
		}
		ps = append(ps, pub)
	}
	return ch, p, ps
}

func TestPublicationsGroupsFailuresAndEscapesTheChannelsWords(t *testing.T) {
	e := sqliteEnv(t)
	empty := e.as(rules.RoleViewer)
	if _, body := empty.get("/publications"); !strings.Contains(body, "Nothing has failed.") {
		t.Error("no empty state without failures")
	}
	ch, p, _ := seedFailed(t, e, 3)
	res, body := e.as(rules.RoleViewer).get("/publications")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Refused data") || !strings.Contains(body, "3 failed") {
		t.Fatalf("status %d: want one group of 3 refused publications\n%s", res.StatusCode, body)
	}
	if strings.Contains(body, "Retry all") {
		t.Error("a viewer is offered Retry all")
	}
	_, body = e.as(rules.RoleSteward).get(fmt.Sprintf("/publications/group?channel_id=%d&class=validation", ch.ID))
	if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the channel's error text is not escaped")
	}
	if !strings.Contains(body, fmt.Sprintf(`href="/products/%d"`, p.ID)) || strings.Count(body, `action="/publications/`) < 6 {
		t.Errorf("group page lacks the record link or the actions\n%s", body)
	}
	_, body = e.as(rules.RoleViewer).get(fmt.Sprintf("/publications/record?object=product&id=%d", p.ID))
	if !strings.Contains(body, "B2B portal") || !strings.Contains(body, "Failed") {
		t.Errorf("record status fragment: %s", body)
	}
}

func TestRetryAllInAGroupIsConfirmedAndAudited(t *testing.T) {
	e := sqliteEnv(t)
	ch, _, ps := seedFailed(t, e, 3)
	st := e.as(rules.RoleSteward)
	form := url.Values{"channel_id": {fmt.Sprint(ch.ID)}, "class": {"validation"}}
	res, body := st.post("/publications/groups/retry", form)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Retry 3 publications?") {
		t.Fatalf("status %d: want a confirmation first\n%s", res.StatusCode, body)
	}
	if pub, _ := models.PublicationByID(e.db, ps[0].ID); pub.Status != models.PublicationFailed {
		t.Fatal("asking changed something")
	}
	form.Set("confirm", "yes")
	res, _ = st.post("/publications/groups/retry", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed retry: %d", res.StatusCode)
	}
	for _, p := range ps {
		got, _ := models.PublicationByID(e.db, p.ID)
		if got.Status != models.PublicationPending || got.Replays != 1 || got.Attempts != 0 {
			t.Errorf("after retry: %+v", got)
		}
	}
	if n := e.auditCount("publication.retry"); n != 3 {
		t.Errorf("%d retry audit events, want 3", n)
	}
	var jobs int64
	e.db.Table("river_job").Where("kind = ?", "publish").Count(&jobs)
	if jobs != 1 {
		t.Errorf("%d publish jobs, want 1 for the one record", jobs)
	}
}

func TestSkipNeedsAReasonAndPauseIsAudited(t *testing.T) {
	e := sqliteEnv(t)
	ch, _, ps := seedFailed(t, e, 1)
	st := e.as(rules.RoleSteward)
	res, body := st.post(fmt.Sprintf("/publications/%d/skip", ps[0].ID), url.Values{"reason": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Say why") {
		t.Fatalf("skip without a reason: %d", res.StatusCode)
	}
	res, _ = st.post(fmt.Sprintf("/publications/%d/skip", ps[0].ID), url.Values{"reason": {"discontinued at the portal"}})
	got, _ := models.PublicationByID(e.db, ps[0].ID)
	if res.StatusCode != http.StatusSeeOther || got.Status != models.PublicationSkipped || got.SkipReason != "discontinued at the portal" || e.auditCount("publication.skip") != 1 {
		t.Fatalf("skip: %d %+v", res.StatusCode, got)
	}
	st.post(fmt.Sprintf("/publications/channels/%d/pause", ch.ID), url.Values{"reason": {"portal maintenance"}})
	if s, _ := models.PublicationSettingsFor(e.db, ch.ID); !s.Paused || s.PausedReason != "portal maintenance" || e.auditCount("publications.pause") != 1 {
		t.Fatalf("pause: %+v", s)
	}
	if _, body := st.get("/publications"); !strings.Contains(body, "Paused") || !strings.Contains(body, "Resume") {
		t.Error("the paused channel is not shown as paused")
	}
	st.post(fmt.Sprintf("/publications/channels/%d/resume", ch.ID), url.Values{})
	if s, _ := models.PublicationSettingsFor(e.db, ch.ID); s.Paused || e.auditCount("publications.resume") != 1 {
		t.Fatalf("resume: %+v", s)
	}
}

func TestMappingEditorPreviewsValidatesAndSaves(t *testing.T) {
	e := sqliteEnv(t)
	ch, _, _ := seedFailed(t, e, 0)
	admin := e.as(rules.RoleAdmin)
	path := fmt.Sprintf("/admin/channels/%d/mapping", ch.ID)
	if res, body := admin.get(path); res.StatusCode != http.StatusOK || !strings.Contains(body, "Preview") {
		t.Fatalf("editor: %d", res.StatusCode)
	}
	bad := url.Values{"object": {"product"}, "version": {"0"}, "fields": {"title = nonsense"}}
	res, body := admin.post(path, bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not a product field") {
		t.Fatalf("bad field map: %d\n%s", res.StatusCode, body)
	}
	if m, _ := models.ChannelMappingsFor(e.db, ch.ID); len(m) != 0 {
		t.Fatal("a refused mapping was stored")
	}
	good := url.Values{"object": {"product"}, "version": {"0"}, "fields": {"title = name\nunit = uom\nsku = sku"}, "values": {"uom: EA => PCE"}, "record": {"PUB-1"}}
	res, body = admin.post(path+"/preview", good)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `&#34;unit&#34;: &#34;PCE&#34;`) || !strings.Contains(body, `&#34;title&#34;: &#34;Cable drum&#34;`) {
		t.Fatalf("preview: %d\n%s", res.StatusCode, body)
	}
	if m, _ := models.ChannelMappingsFor(e.db, ch.ID); len(m) != 0 {
		t.Fatal("preview stored the mapping")
	}
	if res, _ = admin.post(path, good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	m, _ := models.ChannelMappingsFor(e.db, ch.ID)
	if !strings.Contains(m["product"].Mapping, `"unit":"uom"`) || e.auditCount("channel.mapping") != 1 {
		t.Fatalf("stored mapping %+v", m)
	}
	// Saving again from the stale form (version 0) is refused.
	if res, _ = admin.post(path, good); res.StatusCode != http.StatusConflict {
		t.Errorf("stale save: %d, want 409", res.StatusCode)
	}
}

func TestReplayShowsTheDiffAndQueuesTheOriginal(t *testing.T) {
	e := sqliteEnv(t)
	_, p, ps := seedFailed(t, e, 1)
	old := fmt.Sprintf(`{"fields":{"name":"Old drum","sku":"PUB-1"},"id":%d,"object":"product"}`, p.ID)
	e.db.Model(&models.Publication{}).Where("id = ?", ps[0].ID).Update("payload", old)
	st := e.as(rules.RoleSteward)
	res, body := st.get(fmt.Sprintf("/publications/%d/diff", ps[0].ID))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "- ") || !strings.Contains(body, "&#34;name&#34;: &#34;Old drum&#34;") || !strings.Contains(body, "&#34;name&#34;: &#34;Cable drum&#34;") {
		t.Fatalf("diff page: %d\n%s", res.StatusCode, body)
	}
	if !strings.Contains(body, "diff-del") || !strings.Contains(body, "diff-add") {
		t.Error("the diff marks no removed or added line")
	}
	if res, _ = st.post(fmt.Sprintf("/publications/%d/replay", ps[0].ID), url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("replay: %d", res.StatusCode)
	}
	got, _ := models.PublicationByID(e.db, ps[0].ID)
	if got.Status != models.PublicationPending || !got.ReplayOriginal || got.Payload != old || e.auditCount("publication.replay") != 1 {
		t.Errorf("after replay: %+v", got)
	}
	// A second replay of what is no longer failed is refused and changes nothing.
	if res, _ = st.post(fmt.Sprintf("/publications/%d/replay", ps[0].ID), url.Values{}); res.StatusCode != http.StatusConflict {
		t.Errorf("replaying a pending publication: %d, want 409", res.StatusCode)
	}
}
