package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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
	tb.do("press ?", pressKey("?"))
	tb.waitFor(`document.querySelector("#keys-help [data-pub]") !== null`, "the publication keys in the help")
	if help := tb.text("#keys-help"); !strings.Contains(help, "retry the publication, or the whole group") || strings.Contains(help, "approve") {
		t.Errorf("the key help says %q", help)
	}
	tb.screenshot(shots, "publications-keys-help")
	tb.do("close the help, then j and o", pressKey("?"), pressKey("j"), pressKey("o"))
	tb.waitFor(fmt.Sprintf(`document.querySelectorAll(%q).length === 3`, group+" .pub-items tbody tr"), "o to open the group and load its publications")
	if txt := tb.text(group + " .pub-items"); !strings.Contains(txt, "<script>alert(1)</script>") || !strings.Contains(txt, "sku is not in the portal") {
		t.Errorf("the channel's words are not shown as text: %q", txt)
	}
	if href := eval[string](tb, fmt.Sprintf(`document.querySelector(%q).getAttribute("href")`, group+" .pub-items td a")); href != fmt.Sprintf("/products/%d", p.ID) {
		t.Errorf("record link %q", href)
	}
	tb.screenshot(shots, "publications-failed-group")

	// j walks into the open group's publications; s puts the cursor in the skip reason.
	rows := group + " .pub-items tbody tr"
	tb.do("j, j", pressKey("j"), pressKey("j"))
	if ok := eval[bool](tb, fmt.Sprintf(`document.querySelectorAll(%q)[1].classList.contains("selected") && document.querySelectorAll(%q).length === 1`, rows, "[data-publications] .selected")); !ok {
		t.Errorf("j twice after the group did not land on its second publication")
	}
	tb.do("s", pressKey("s"))
	if ok := eval[bool](tb, fmt.Sprintf(`document.activeElement === document.querySelectorAll(%q)[1].querySelector("input[name=reason]") && document.activeElement.value === ""`, rows)); !ok {
		t.Errorf("s did not focus the second publication's empty skip reason")
	}
	// Back up to the group with k and retry all of it with r, through the confirmation.
	tb.do("leave the field, k, k, r", chromedp.KeyEvent(kb.Escape), pressKey("k"), pressKey("k"), pressKey("r"))
	tb.waitFor(`location.pathname === "/publications/groups/retry" && document.querySelector("h1").textContent === "Retry 3 publications?"`, "r to ask before retrying the group")
	for _, pub := range ps {
		if got, _ := models.PublicationByID(s.DB, pub.ID); got.Status != models.PublicationFailed {
			t.Errorf("publication %d is %s before the confirmation, want failed", pub.ID, got.Status)
		}
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
