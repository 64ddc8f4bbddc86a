package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// TestBrowserRetryFailedGroup opens /publications with 3 publications refused for one
// cause, expands the group to read the channel's words, retries all after confirming, and
// sees the group gone and the publications waiting to be sent again.
func TestBrowserRetryFailedGroup(t *testing.T) {
	browser := startBrowser(t)
	s := startSite(t, testdb.SQLite(t))
	s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
	e := &testEnv{t: t, db: s.DB}
	ch, p, ps := seedFailed(t, e, 3)
	shots := screenshotDir(t)

	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("sam@example.com", password)
	if status := tb.open("/publications"); status != 200 {
		t.Fatalf("/publications: status %d", status)
	}
	group := fmt.Sprintf("#group-%d-validation", ch.ID)
	if txt := tb.text(group + " > summary"); !strings.Contains(txt, "B2B portal") || !strings.Contains(txt, "3 failed") {
		t.Fatalf("group heading %q", txt)
	}
	tb.do("expand the group", chromedp.Click(chromedp.CSS(group+" > summary")))
	tb.waitFor(fmt.Sprintf(`document.querySelectorAll(%q).length === 3`, group+" .pub-items tbody tr"), "the group's publications to load")
	if txt := tb.text(group + " .pub-items"); !strings.Contains(txt, "<script>alert(1)</script>") || !strings.Contains(txt, "sku is not in the portal") {
		t.Errorf("the channel's words are not shown as text: %q", txt)
	}
	if href := eval[string](tb, fmt.Sprintf(`document.querySelector(%q).getAttribute("href")`, group+" .pub-items td a")); href != fmt.Sprintf("/products/%d", p.ID) {
		t.Errorf("record link %q", href)
	}
	tb.screenshot(shots, "publications-failed-group")

	if status := tb.submit(group + ` form[action="/publications/groups/retry"] button`); status != 200 {
		t.Fatalf("retry all: status %d", status)
	}
	if h := tb.text("h1"); h != "Retry 3 publications?" {
		t.Fatalf("confirmation heading %q", h)
	}
	tb.screenshot(shots, "publications-retry-confirm")
	if status := tb.submit("#confirm-retry"); status != 200 {
		t.Fatalf("confirm: status %d", status)
	}
	if flash := tb.text(".flash"); !strings.Contains(flash, "Queued 3 for another try") {
		t.Errorf("flash %q", flash)
	}
	if txt := tb.text("main"); !strings.Contains(txt, "Nothing has failed.") {
		t.Errorf("after the retry the page says %q", txt)
	}
	tb.screenshot(shots, "publications-after-retry")
	for _, pub := range ps {
		if got, _ := models.PublicationByID(s.DB, pub.ID); got.Status != models.PublicationPending {
			t.Errorf("publication %d is %s after the retry, want pending", pub.ID, got.Status)
		}
	}
	if status := tb.open(fmt.Sprintf("/publications/%d/diff", ps[0].ID)); status != 200 {
		t.Fatalf("diff page: status %d", status)
	}
	tb.screenshot(shots, "publications-replay-diff")

	// An admin previews a mapping on the real record before saving it.
	s.addUser(t, "ada@example.com", "Ada Admin", password, rules.RoleAdmin)
	admin := openTab(t, browser, s.URL, 30*time.Second)
	admin.signIn("ada@example.com", password)
	admin.open(fmt.Sprintf("/admin/channels/%d/mapping", ch.ID))
	admin.do("fill the mapping",
		chromedp.SendKeys(chromedp.ID("m-fields"), "title = name\nunit = uom\nsku = sku"),
		chromedp.SendKeys(chromedp.ID("m-values"), "uom: EA => PCE"),
		chromedp.SendKeys(chromedp.ID("m-record"), "PUB-1"),
	)
	if status := admin.submit("#mapping-preview"); status != 200 {
		t.Fatalf("preview: status %d", status)
	}
	if got := admin.text("#mapping-payload"); !strings.Contains(got, `"unit": "PCE"`) || !strings.Contains(got, `"title": "Cable drum"`) {
		t.Errorf("preview shows %q", got)
	}
	admin.screenshot(shots, "channel-mapping-preview")
}
