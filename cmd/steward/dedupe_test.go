package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// customersCSV is what a spreadsheet export looks like: a byte-order mark, headers in
// another case and order, a column Steward does not read, one row in Windows-1252, one
// broken row, one repeated id and one row without an id.
var customersCSV = "\xef\xbb\xbf" + `ID,Name,Email,Phone,Notes,Street,Postcode,City,Country,Tax_ID
c1,Baumarkt Keller GmbH,info@keller-baumarkt.de,030 1234567,key account,Hauptstraße 5,10115,Berlin,DE,DE811907980
c2,Anna Schmidt,anna.schmidt77@gmx.de,0170 1234567,,Lindenallee 2,80331,München,DE,
c3,"Keller Baumarkt G.m.b.H.",INFO@keller-baumarkt.de,+49 30 1234567,,Hauptstr. 5,10115,Berlin,Deutschland,DE 811 907 980
c4,Peter Schmidt,,0170 7654321,,Lindenallee 2,80331,München,DE,
c5,"broken "quote",x,,,,,,,
c1,Somebody Else,,,,,,,,
,No Id GmbH,,,,,,,,
c6,M` + "\xfc" + `ller & S` + "\xf6" + `hne,mueller@example,,,Mühlenweg 1,80331,M` + "\xfc" + `nchen,DE,
c7,Mueller und Soehne,,,,Muehlenweg 1,80331,Muenchen,DE,
c8,Keller, Baumarkt GmbH,info@keller-baumarkt.de,,,,,,DE,DE811907980
c9,Trailing Commas Ltd,,,,,,,,,,,
`

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDedupeCommand(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "customers.csv", customersCSV)
	out := filepath.Join(dir, "pairs.csv")
	stdout, stderr, err := runCmd(t, "dedupe", "--domain", "customer", "--in", in, "--out", out)
	if err != nil {
		t.Fatalf("dedupe: %v\n%s", err, stderr)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if lines[0] != "left_id,right_id,score,decision" {
		t.Errorf("header %q", lines[0])
	}
	row := regexp.MustCompile(`^c\d,c\d,[01]\.\d{4},(match|review)$`)
	for _, l := range lines[1:] {
		if !row.MatchString(l) {
			t.Errorf("row %q", l)
		}
	}
	body := strings.Join(lines[1:], "\n")
	for _, want := range []string{"c1,c3,", "c6,c7,"} {
		if !strings.Contains(body, want) {
			t.Errorf("the pair %s is missing:\n%s", want, raw)
		}
	}
	if !strings.Contains(body, "c1,c3,1.0000,match") && !regexp.MustCompile(`c1,c3,0\.9\d{3},match`).MatchString(body) {
		t.Errorf("c1 and c3 are one company:\n%s", raw)
	}
	if strings.Contains(body, "c2,c4") {
		t.Errorf("two people at one address were paired:\n%s", raw)
	}
	for _, want := range []string{
		"line 6: the row is not valid CSV",
		"line 7: the id c1 is already used on line 2; skipped",
		"line 8: the id is empty; skipped",
		`line 9: column email: "mueller@example" is not an email address; compared without it`,
		"line 11: 11 values where the header has 10 columns (a comma inside a value that is not in quotes?); skipped",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "Compared 7 customers of "+in+": 1 pair matches, 1 pair to review") || !strings.Contains(stdout, "Wrote them to "+out) {
		t.Errorf("report %q", stdout)
	}

	// The same file gives the same bytes; "-" writes to stdout and reports on stderr.
	again, stderr2, err := runCmd(t, "dedupe", "--in", in, "--out", "-", "--domain", "customer")
	if err != nil || again != string(raw) || !strings.Contains(stderr2, "Wrote them to -") {
		t.Errorf("second run (%v):\n%s\nfirst:\n%s", err, again, raw)
	}
}

func TestDedupeExplainsAndTakesThresholds(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "customers.csv", customersCSV)
	stdout, _, err := runCmd(t, "dedupe", "--domain", "customer", "--in", in, "--out", "-", "--explain", "--match", "0.5", "--review", "0.3")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout, "left_id,right_id,score,decision,explanation\n") || !strings.Contains(stdout, "same VAT id DE811907980 (+") {
		t.Errorf("explained output:\n%s", stdout)
	}
	if strings.Contains(stdout, ",review,") {
		t.Errorf("with match at 0.5 these pairs all match:\n%s", stdout)
	}
}

func TestDedupeProducts(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "products.csv", `sku,name,brand,mpn,gtin,price,uom,colour
EL-1,Bosch GSR 12V-15 Akku-Bohrschrauber,Bosch,06019H3000,3165140512343,"129,00",Stück,blue
EL-2,Akku-Bohrschrauber GSR 12V-15,Bosch Professional,06019H3000,03165140512343,124.90,EA,
EL-3,Kabelbinder 200x4.8mm schwarz,HellermannTyton,T50R-200,5024678123453,8.90,PK,
EL-4,Kabelbinder 300x4.8mm schwarz,HellermannTyton,T50R-300,5024678123460,9.90,PK,
EL-5,Wasserwaage 60 cm,Stanley,,4006381333932,abc,EA,
`)
	stdout, stderr, err := runCmd(t, "dedupe", "--domain", "product", "--in", in, "--out", "-")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// Without an id column rows are named by their line.
	if !regexp.MustCompile(`(?m)^2,3,[01]\.\d{4},match$`).MatchString(stdout) || strings.Contains(stdout, "4,5,") {
		t.Errorf("pairs:\n%s", stdout)
	}
	for _, want := range []string{`line 6: column gtin: "4006381333932" is not a GTIN with a correct check digit`, `line 6: column price: "abc" is not a price`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestLinkCommand(t *testing.T) {
	dir := t.TempDir()
	left := writeFile(t, dir, "odoo.csv", `id,name,email,city,country
o1,Baumarkt Keller GmbH,info@keller-baumarkt.de,Berlin,DE
o2,Baumarkt Keller GmbH,info@keller-baumarkt.de,Berlin,DE
o3,Norvatek Systems Ltd,sales@norvatek.co.uk,London,GB
`)
	right := writeFile(t, dir, "shop.csv", `id,company,name,email,city,country
s1,,Keller Baumarkt,INFO@keller-baumarkt.de,Berlin,Germany
s2,,Elbrio SARL,contact@elbrio.fr,Paris,FR
`)
	stdout, stderr, err := runCmd(t, "link", "--domain", "customer", "--left", left, "--right", right, "--out", "-")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "o1,s1,") || !strings.HasPrefix(lines[2], "o2,s1,") {
		t.Errorf("link pairs only across files, in the order of the rows:\n%s", stdout)
	}
	if !strings.Contains(stderr, "Compared 3 customers of "+left+" with 2 of "+right) {
		t.Errorf("report %q", stderr)
	}
}

func TestDedupeErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", "id,name\n1,Keller\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"dedupe", "--in", good, "--out", "-"}, `--domain must be customer or product, not ""`},
		{[]string{"dedupe", "--domain", "supplier", "--in", good, "--out", "-"}, `--domain must be customer or product, not "supplier"`},
		{[]string{"dedupe", "--domain", "customer", "--out", "-"}, "dedupe needs --in FILE and --out FILE"},
		{[]string{"dedupe", "--domain", "customer", "--in", filepath.Join(dir, "nope.csv"), "--out", "-"}, "no such file"},
		{[]string{"dedupe", "--domain", "customer", "--in", writeFile(t, dir, "empty.csv", ""), "--out", "-"}, "the file is empty"},
		{[]string{"dedupe", "--domain", "customer", "--in", writeFile(t, dir, "cols.csv", "id,street,city\n1,Hauptstr. 5,Berlin\n"), "--out", "-"},
			"the header row has none of the columns customer compares (name, company, email, phone, tax_id)"},
		{[]string{"dedupe", "--domain", "customer", "--in", good, "--out", "-", "--match", "0.3", "--review", "0.6"}, "must not be above the match threshold"},
		{[]string{"link", "--domain", "customer", "--left", good, "--out", "-"}, "link needs --left FILE, --right FILE and --out FILE"},
		{[]string{"link", "--domain", "customer", "--left", "-", "--right", "-", "--out", "-"}, "at most one of --left and --right from stdin"},
	} {
		_, _, err := runCmd(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
}

func TestDedupeLargeFileShowsProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,email,city\n")
	for i := 0; i < largeFile+100; i++ {
		fmt.Fprintf(&b, "%d,Firma %d Handel,info@firma%d.de,Berlin\n", i, i, i%(largeFile/2))
	}
	in := writeFile(t, t.TempDir(), "large.csv", b.String())
	stdout, stderr, err := runCmd(t, "dedupe", "--domain", "customer", "--in", in, "--out", filepath.Join(t.TempDir(), "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "\r") {
		t.Errorf("no progress bar on stderr: %q", stderr)
	}
	if !strings.Contains(stdout, fmt.Sprintf("Compared %d customers", largeFile+100)) {
		t.Errorf("report %q", stdout)
	}
}
