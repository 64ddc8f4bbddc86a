package edi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"steward/rules/channelmap"
)

var update = flag.Bool("update", false, "rewrite testdata/*.x12 from what the encoder writes now")

var goldenAt = time.Date(2026, 11, 27, 8, 15, 0, 0, time.UTC)

func goldenConfig() Config {
	c, err := ParseConfig(`{"outbound_dir":"/x","partner_name":"Hansa Bürobedarf GmbH","customer_id":42,"customer_code":"HANSA-0042",
		"sender_id":"STEWARD","receiver_id":"HANSAEDI","usage":"T","currency":"EUR"}`)
	if err != nil {
		panic(err)
	}
	return c
}

func goldenLines(t *testing.T) (catalog, stock []channelmap.EDILine) {
	t.Helper()
	cust := int64(42)
	recs := []channelmap.Record{
		{Object: "product", ID: 1, Fields: map[string]any{"sku": "EL-1001", "name": "Cable tie 200 mm, black (100)", "barcode": "4006381333931", "uom": "Units", "list_price": 4.5, "currency": "EUR"}},
		{Object: "price", ID: 2, CustomerID: &cust, Fields: map[string]any{"sku": "EL-1001", "name": "Cable tie 200 mm, black (100)", "uom": "Units", "price": 3.95, "min_quantity": 10.0, "currency": "EUR", "valid_from": "2026-12-01", "valid_to": "2027-03-31T00:00:00Z"}},
		{Object: "stock", ID: 3, Fields: map[string]any{"sku": "EL-1001", "barcode": "036000291452", "uom": "Units", "available": 1250.0}},
		{Object: "stock", ID: 4, Fields: map[string]any{"sku": "HT-2040", "uom": "Box", "available": -3.0}},
	}
	m := channelmap.Mapping{Values: map[string]map[string]string{"uom": {"Units": "EA", "Box": "BX"}}}
	for _, r := range recs {
		raw, err := channelmap.RenderEDI(r, m)
		if err != nil {
			t.Fatal(err)
		}
		var l channelmap.EDILine
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		if l.Set == "846" {
			stock = append(stock, l)
		} else {
			catalog = append(catalog, l)
		}
	}
	return catalog, stock
}

// goldenFiles are the interchanges the golden files hold.
func goldenFiles(t *testing.T) map[string][]byte {
	t.Helper()
	c := goldenConfig()
	catalog, stock := goldenLines(t)
	files := map[string]Interchange{
		"832_catalog.x12": {Control: 1, Groups: []Group{{FunctionalID: "SC", Control: 1, Sets: []Set{{Code: "832", Control: 1, Segments: catalog832(c, catalog, goldenAt, "1")}}}}},
		"846_advice.x12":  {Control: 2, Groups: []Group{{FunctionalID: "IB", Control: 2, Sets: []Set{{Code: "846", Control: 2, Segments: advice846(stock, goldenAt, "2")}}}}},
		"832_846_one_interchange.x12": {Control: 3, Groups: []Group{
			{FunctionalID: "SC", Control: 3, Sets: []Set{{Code: "832", Control: 3, Segments: catalog832(c, catalog, goldenAt, "3")}}},
			{FunctionalID: "IB", Control: 4, Sets: []Set{{Code: "846", Control: 4, Segments: advice846(stock, goldenAt, "3")}}},
		}},
	}
	out := map[string][]byte{}
	for name, ic := range files {
		data, err := Encode(c.Envelope(), ic, goldenAt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = data
	}
	return out
}

// TestGoldenX12 pins exactly what is written; go test ./jobs/edi -run Golden -update
// rewrites the files after an intended change (read the diff before committing).
func TestGoldenX12(t *testing.T) {
	for name, got := range goldenFiles(t) {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the encoder writes:\n got %s\nwant %s", name, got, want)
		}
	}
}

func TestISAIsFixedWidth(t *testing.T) {
	for name, data := range goldenFiles(t) {
		if len(data) < 106 || data[105] != '~' || data[103] != '*' {
			t.Errorf("%s: ISA is not 106 characters: %q", name, data[:min(len(data), 110)])
		}
	}
	// Short ids are padded, never shortened or left ragged.
	env := goldenConfig().Envelope()
	env.SenderID, env.ReceiverID = "A", "123456789012345"
	data, err := Encode(env, Interchange{Control: 7}, goldenAt)
	if err != nil {
		t.Fatal(err)
	}
	if isa := string(data[:106]); isa != "ISA*00*          *00*          *ZZ*A              *ZZ*123456789012345*261127*0815*U*00401*000000007*0*T*>~" {
		t.Errorf("ISA = %q", isa)
	}
}

func TestEncodeRefusesSeparatorsInData(t *testing.T) {
	c := goldenConfig()
	set := Set{Code: "832", Control: 1, Segments: []Segment{{"PID", "F", "", "", "", "Tie *black*"}}}
	_, err := Encode(c.Envelope(), Interchange{Control: 1, Groups: []Group{{FunctionalID: "SC", Control: 1, Sets: []Set{set}}}}, goldenAt)
	if err == nil {
		t.Fatal("data with the element separator was written")
	}
}

func TestParseConfigRefusesBadSettings(t *testing.T) {
	for name, s := range map[string]string{
		"no folder":        `{"customer_id":1,"sender_id":"A","receiver_id":"B"}`,
		"no customer":      `{"outbound_dir":"/x","sender_id":"A","receiver_id":"B"}`,
		"id too long":      `{"outbound_dir":"/x","customer_id":1,"sender_id":"ABCDEFGHIJKLMNOP","receiver_id":"B"}`,
		"usage":            `{"outbound_dir":"/x","customer_id":1,"sender_id":"A","receiver_id":"B","usage":"X"}`,
		"letter separator": `{"outbound_dir":"/x","customer_id":1,"sender_id":"A","receiver_id":"B","element_separator":"E"}`,
		"same separators":  `{"outbound_dir":"/x","customer_id":1,"sender_id":"A","receiver_id":"B","segment_terminator":"*"}`,
	} {
		if _, err := ParseConfig(s); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestParse997 reads partners' acknowledgements: set-level errors become plain words, and a
// group acknowledged only by AK9 speaks for all its sets.
func TestParse997(t *testing.T) {
	acks, is997, err := Parse997(mustReadFile(t, "testdata/997_rejected_input.x12"))
	if err != nil || !is997 || len(acks) != 1 {
		t.Fatalf("acks %+v, %v, %v", acks, is997, err)
	}
	set, ok := acks[0].Sets[1]
	if acks[0].FunctionalID != "SC" || acks[0].GroupControl != 1 || !ok || set.Status != "rejected" {
		t.Fatalf("ack = %+v", acks[0])
	}
	want := `segment CTP (line 9 of the set): the segment has data element errors; element 5: the code is not one the partner accepts ("KG2"); ` +
		`segment DTM (line 10 of the set): the segment has data element errors; element 2: the date is not valid ("20261341"); one or more segments have errors`
	if set.Note != want {
		t.Errorf("note:\n got %s\nwant %s", set.Note, want)
	}
	acks, _, _ = Parse997(mustReadFile(t, "testdata/997_group_only_input.x12"))
	if len(acks) != 1 || len(acks[0].Sets) != 0 || acks[0].Status != "accepted_with_errors" || acks[0].Note != "1 of 2 sets accepted" {
		t.Errorf("group-only ack = %+v", acks)
	}
	if _, is997, _ := Parse997(mustReadFile(t, "testdata/846_advice.x12")); is997 {
		t.Error("an 846 read as a 997")
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
