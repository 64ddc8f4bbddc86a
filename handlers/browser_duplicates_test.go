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

// TestBrowserDuplicates merges a pair in the browser: j and o open the strongest group,
// the steward keeps the first record but takes the name of the second, previews the merge
// and confirms it, and the merged record shows the name they chose.
func TestBrowserDuplicates(t *testing.T) {
	browser := startBrowser(t)
	s := startSite(t, testdb.SQLite(t))
	s.addUser(t, "sam@example.com", "Sam Steward", password, rules.RoleSteward)
	seed := seedDuplicates(t, s.DB)
	shots := screenshotDir(t)

	tb := openTab(t, browser, s.URL, 30*time.Second)
	tb.signIn("sam@example.com", password)
	if status := tb.open("/duplicates"); status != 200 {
		t.Fatalf("/duplicates: status %d", status)
	}
	topScreenshot(tb, shots, "duplicates")
	tb.do("press ?", pressKey("?"))
	tb.waitFor(`document.querySelector("#keys-help [data-dup]") !== null`, "the duplicate keys in the help")
	if help := tb.text("#keys-help"); !strings.Contains(help, "not a duplicate") || !strings.Contains(help, "next / previous row") {
		t.Errorf("the key help says %q", help)
	}
	tb.do("close the help", pressKey("?"))
	tb.do("j then x", pressKey("j"), pressKey("x"))
	tb.waitFor(`document.querySelector("[data-selected-count]").textContent === "1 selected"`, "x to tick the group")
	if n := eval[int](tb, `document.querySelectorAll("input[name=ids][form=dismiss-form]:checked").length`); n != 2 {
		t.Errorf("x ticked %d pairs, want the group's 2", n)
	}
	tb.do("x again, then o", pressKey("x"), pressKey("o"))
	tb.waitFor(fmt.Sprintf(`location.pathname === "/duplicates/%d"`, seed.pair.ID), "the pair to open")
	tb.waitFor(`document.querySelector("table.compare") !== null`, "the comparison")
	if diff := tb.text(`tr.differs[data-field="name"] th`); !strings.Contains(diff, "Name") {
		t.Errorf("the differing name is not highlighted: %q", diff)
	}
	tb.do("keep the first record, take the second's name",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="survivor"][value="%d"]`, seed.a.ID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="pick.name"][value="%d"]`, seed.b.ID))),
	)
	topScreenshot(tb, shots, "duplicate-compare")
	if status := tb.submit(`#merge button[type=submit]`); status != 200 {
		t.Fatalf("preview: status %d", status)
	}
	if row := tb.text(`#merged-record tr[data-field="name"]`); !strings.Contains(row, "Keller Elektro") || strings.Contains(row, "GmbH") || !strings.Contains(row, "your choice") {
		t.Errorf("the preview's name row says %q", row)
	}
	topScreenshot(tb, shots, "duplicate-merge-preview")
	if status := tb.submit(`#confirm-merge`); status != 200 {
		t.Fatalf("merge: status %d", status)
	}
	if !strings.HasPrefix(tb.path(), "/merges/") {
		t.Fatalf("after the merge the page is %s", tb.path())
	}
	if row := tb.text(`#merged-record tr[data-field="name"]`); !strings.Contains(row, "Keller Elektro") || strings.Contains(row, "GmbH") {
		t.Errorf("the merged record's name row says %q", row)
	}
	topScreenshot(tb, shots, "duplicate-merged")
	a, _ := models.CustomerByID(s.DB, seed.a.ID)
	if a.Name != "Keller Elektro" || a.TaxID != seed.a.TaxID {
		t.Errorf("stored survivor = %+v", a)
	}

	// The merged record's page says where it went and offers the way back.
	if status := tb.open(fmt.Sprintf("/customers/%d", seed.b.ID)); status != 200 {
		t.Fatalf("the merged record's page: status %d", status)
	}
	tb.waitFor(`document.querySelector("#record-merges table") !== null`, "the merges panel")
	if panel := tb.text("#record-merges"); !strings.Contains(panel, fmt.Sprintf("merged into #%d", seed.a.ID)) {
		t.Errorf("the merges panel says %q", panel)
	}
	if status := tb.submit(`#record-merges button[type=submit]`); status != 200 {
		t.Fatalf("unmerge: status %d", status)
	}
	if flash := tb.text(".flash"); !strings.Contains(flash, "separate records again") {
		t.Errorf("after unmerge the page says %q", flash)
	}
	if b, _ := models.CustomerByID(s.DB, seed.b.ID); !b.Active || b.Name != seed.b.Name {
		t.Errorf("after unmerge the duplicate is %+v", b)
	}
}
