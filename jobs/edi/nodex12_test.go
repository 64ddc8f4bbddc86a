package edi

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The third-party parser the files are checked with: node-x12 in strict mode, which refuses
// an ISA that is not 106 characters, SE01/GE01/IEA01 counts that do not match and trailer
// control numbers that differ from their headers. Installed from the npm registry into a
// folder under the system temp directory the first time it is needed.
const nodeX12 = "node-x12@1.7.1"

const strictParseJS = `
const { X12Parser } = require('node-x12');
const fs = require('fs');
const out = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'latin1');
  try {
    const ic = new X12Parser(true).parse(text);
    out.push({ file, control: ic.header.valueOf(13), groups: ic.functionalGroups.map(g => ({
      id: g.header.valueOf(1), control: g.header.valueOf(6),
      sets: g.transactions.map(t => ({ code: t.header.valueOf(1), control: t.header.valueOf(2), segments: t.segments.length + 2 })) })) });
  } catch (e) {
    out.push({ file, error: String(e && e.message || e) });
  }
}
process.stdout.write(JSON.stringify(out));
`

type strictResult struct {
	File    string `json:"file"`
	Error   string `json:"error"`
	Control string `json:"control"`
	Groups  []struct {
		ID      string `json:"id"`
		Control string `json:"control"`
		Sets    []struct {
			Code     string `json:"code"`
			Control  string `json:"control"`
			Segments int    `json:"segments"`
		} `json:"sets"`
	} `json:"groups"`
}

// strictParse runs node-x12's strict parser over files; it skips the test, saying why, only
// when node or npm is not installed.
func strictParse(t *testing.T, files ...string) map[string]strictResult {
	t.Helper()
	rs, missing := tryStrictParse(t, files...)
	if missing != "" {
		t.Skip(missing)
	}
	return rs
}

// tryStrictParse is strictParse for tests that check more than the files: without node or
// npm it says so in the log and returns missing, and the rest of the test goes on.
func tryStrictParse(t *testing.T, files ...string) (_ map[string]strictResult, missing string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, "node is not installed: the X12 files cannot be checked with node-x12 (apt-get install nodejs npm)"
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return nil, "npm is not installed: node-x12 cannot be fetched to check the X12 files (apt-get install npm)"
	}
	dir := filepath.Join(os.TempDir(), "steward-"+strings.ReplaceAll(nodeX12, "@", "-"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "node-x12", "package.json")); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir, nodeX12)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm install %s: %v\n%s", nodeX12, err, out)
		}
	}
	script := filepath.Join(dir, "strict_parse.js")
	if err := os.WriteFile(script, []byte(strictParseJS), 0o644); err != nil {
		t.Fatal(err)
	}
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i], _ = filepath.Abs(f)
	}
	cmd := exec.Command(node, append([]string{script}, abs...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node-x12: %v\n%s", err, stderr.String())
	}
	var rs []strictResult
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("node-x12 output: %v\n%s", err, out)
	}
	m := map[string]strictResult{}
	for i, r := range rs {
		m[files[i]] = r
	}
	return m, ""
}

func TestGoldenFilesParseInStrictThirdPartyParser(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.x12")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	// A file with a wrong SE01 count proves the parser is strict, not merely lenient.
	broken := filepath.Join(t.TempDir(), "broken.x12")
	data, _ := os.ReadFile("testdata/846_advice.x12")
	if err := os.WriteFile(broken, bytes.Replace(data, []byte("SE*8*"), []byte("SE*9*"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// Other separators, as partners' settings ask for them.
	alt := filepath.Join(t.TempDir(), "separators.x12")
	c := goldenConfig()
	c.Element, c.SubElement, c.Segment = "|", "^", "!"
	catalog, _ := goldenLines(t)
	altData, err := Encode(c.Envelope(), Interchange{Control: 9, Groups: []Group{{FunctionalID: "SC", Control: 9,
		Sets: []Set{{Code: "832", Control: 9, Segments: catalog832(c, catalog, goldenAt, "9")}}}}}, goldenAt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alt, altData, 0o644); err != nil {
		t.Fatal(err)
	}
	rs := strictParse(t, append(files, broken, alt)...)
	if r := rs[alt]; r.Error != "" || len(r.Groups) != 1 || r.Groups[0].Sets[0].Segments != 15 {
		t.Errorf("custom separators read as %+v", r)
	}
	for _, f := range files {
		r := rs[f]
		if r.Error != "" {
			t.Errorf("%s: node-x12 refused it: %s", f, r.Error)
			continue
		}
		if len(r.Groups) == 0 || len(r.Groups[0].Sets) == 0 {
			t.Errorf("%s: node-x12 found no transaction set", f)
		}
	}
	if rs[broken].Error == "" || !strings.Contains(rs[broken].Error, "SE01") {
		t.Errorf("node-x12 accepted a wrong SE01 count: %+v", rs[broken])
	}
	one := rs["testdata/832_846_one_interchange.x12"]
	if len(one.Groups) != 2 || one.Groups[0].Sets[0].Code != "832" || one.Groups[1].Sets[0].Code != "846" || one.Groups[0].Sets[0].Segments != 15 {
		t.Errorf("832+846 interchange read as %+v", one)
	}
}
