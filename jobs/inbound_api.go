package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

// MaxAPIRecords is how many records one API call may carry: enough for a portal's batch,
// small enough that the call's one transaction stays short.
const MaxAPIRecords = 100

// FieldError says what is wrong with one field of a call, named as a JSON path
// (items[3].email).
type FieldError struct {
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// ErrTooManyRecords means a call carried more than MaxAPIRecords.
var ErrTooManyRecords = fmt.Errorf("send at most %d records per call", MaxAPIRecords)

// ErrMalformedJSON means the body is not JSON, or not an object or a list of objects.
var ErrMalformedJSON = errors.New("the body is not valid JSON")

// apiFields are the canonical fields the API takes for each object, besides external_id.
var apiFields = map[string][]string{
	models.ObjectProduct:  attrNames(rules.ProductAttributes),
	models.ObjectCustomer: append(attrNames(rules.CustomerAttributes), "parent_external_id"),
}

func attrNames[T any](attrs []rules.Attribute[T]) []string {
	out := make([]string, len(attrs))
	for i, a := range attrs {
		out[i] = a.Name
	}
	return out
}

var (
	currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
	countryCode  = regexp.MustCompile(`^[A-Z]{2}$`)
)

// DecodeIncoming reads one record or a list of records of an object in the canonical
// model. Only the fields a record carries are changed. A record-level problem names its
// field; the whole call is refused if any record has one, so nothing is half-taken.
func DecodeIncoming(object string, body []byte) ([]ingest.Change, []FieldError, error) {
	trimmed := bytes.TrimSpace(body)
	var raws []json.RawMessage
	single := len(trimmed) > 0 && trimmed[0] == '{'
	if single {
		raws = []json.RawMessage{trimmed}
	} else if err := json.Unmarshal(trimmed, &raws); err != nil || len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, nil, ErrMalformedJSON
	}
	if len(raws) > MaxAPIRecords {
		return nil, nil, ErrTooManyRecords
	}
	if len(raws) == 0 {
		return nil, []FieldError{{Field: "items", Message: "The list is empty: send at least one record."}}, nil
	}
	var errs []FieldError
	seen := map[string]int{}
	changes := make([]ingest.Change, 0, len(raws))
	for i, raw := range raws {
		path := fmt.Sprintf("items[%d].", i)
		if single {
			path = ""
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			if _, isSyntax := err.(*json.SyntaxError); isSyntax {
				return nil, nil, ErrMalformedJSON
			}
			errs = append(errs, FieldError{Field: strings.TrimSuffix(path, "."), Message: "Each record must be a JSON object."})
			continue
		}
		c, ferrs := decodeRecord(object, path, fields)
		errs = append(errs, ferrs...)
		if c.ExternalID != "" {
			if first, dup := seen[c.ExternalID]; dup {
				errs = append(errs, FieldError{Field: path + "external_id", Message: fmt.Sprintf("%q is also items[%d]: send each record once per call.", c.ExternalID, first)})
			}
			seen[c.ExternalID] = i
		}
		changes = append(changes, c)
	}
	return changes, errs, nil
}

func decodeRecord(object, path string, fields map[string]json.RawMessage) (ingest.Change, []FieldError) {
	c := ingest.Change{Object: object, Provided: []string{}}
	var errs []FieldError
	bad := func(field, msg string) { errs = append(errs, FieldError{Field: path + field, Message: msg}) }
	if raw, ok := fields["external_id"]; !ok {
		bad("external_id", "Required: your system's id for the record, so a later change finds it again.")
	} else if err := json.Unmarshal(raw, &c.ExternalID); err != nil || strings.TrimSpace(c.ExternalID) == "" {
		bad("external_id", "Must be a non-empty text.")
		c.ExternalID = ""
	}
	var p models.Product
	var cu models.Customer
	known := apiFields[object]
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names) // errors in a stable order
	for _, name := range names {
		if name == "external_id" {
			continue
		}
		if !inList(known, name) {
			bad(name, "Steward does not know this field. Known fields: external_id, "+strings.Join(known, ", ")+".")
			continue
		}
		text, err := jsonText(fields[name])
		if err != nil {
			bad(name, err.Error())
			continue
		}
		if name == "parent_external_id" {
			c.ParentRef = text
			continue
		}
		if msg := checkAPIFormat(name, text); msg != "" {
			bad(name, msg)
			continue
		}
		if object == models.ObjectProduct {
			err = setAttr(rules.ProductAttributes, &p, name, text)
		} else {
			err = setAttr(rules.CustomerAttributes, &cu, name, text)
		}
		if err != nil {
			bad(name, err.Error())
			continue
		}
		c.Provided = append(c.Provided, name)
	}
	if object == models.ObjectProduct {
		c.Product = &p
	} else {
		c.Customer = &cu
	}
	return c, errs
}

func setAttr[T any](attrs []rules.Attribute[T], r *T, name, text string) error {
	for _, a := range attrs {
		if a.Name == name {
			return a.Set(r, text)
		}
	}
	return fmt.Errorf("unknown field")
}

// jsonText turns a JSON value into the text a person would type for it.
func jsonText(raw json.RawMessage) (string, error) {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "null":
		return "", nil
	case strings.HasPrefix(s, `"`):
		var v string
		err := json.Unmarshal(raw, &v)
		return v, err
	case s == "true", s == "false":
		return s, nil
	case strings.HasPrefix(s, "{"), strings.HasPrefix(s, "["):
		return "", errors.New("Must be a text, a number or true/false, not a list or an object.")
	}
	return s, nil // a number, as written
}

func checkAPIFormat(name, v string) string {
	switch name {
	case "email":
		if v != "" && (!strings.Contains(v, "@") || strings.ContainsAny(v, " ,;")) {
			return "Enter one email address, such as orders@example.com."
		}
	case "currency":
		if !currencyCode.MatchString(v) {
			return "Use a three-letter ISO 4217 code in capitals, such as EUR."
		}
	case "country":
		if v != "" && !countryCode.MatchString(v) {
			return "Use a two-letter ISO 3166 code in capitals, such as DE."
		}
	case "lifecycle_status":
		if !inList([]string{models.LifecycleDraft, models.LifecycleActive, models.LifecyclePhaseOut, models.LifecycleDiscontinued}, v) {
			return "Use draft, active, phase_out or discontinued."
		}
	}
	return ""
}

func inList(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Submitted is what became of one record of an API call.
type Submitted struct {
	ExternalID string   `json:"external_id"`
	Status     string   `json:"status"` // applied, unchanged, held, rejected, failed, duplicate
	IncomingID int64    `json:"incoming_id,omitempty"`
	GoldenID   int64    `json:"golden_id,omitempty"`
	InboxID    int64    `json:"inbox_id,omitempty"`
	Reasons    []string `json:"reasons,omitempty"`
}

// StatusDuplicate is the outcome of a record sent before with the same content.
const StatusDuplicate = "duplicate"

// Submit ingests an API call's records in one transaction and tells, per record, what
// became of it. A record sent again unchanged is stored once and reported as duplicate.
func (in Inbound) Submit(ctx context.Context, ch models.Channel, changes []ingest.Change, who models.Actor, why string) ([]Submitted, models.Counts, error) {
	return in.submit(ctx, ch, changes, who, "api.incoming", why, nil)
}

// submit ingests changes as Submit does, audits them under action and runs then, if set,
// with the outcomes in the same transaction.
func (in Inbound) submit(ctx context.Context, ch models.Channel, changes []ingest.Change, who models.Actor, action, why string,
	then func(tx *gorm.DB, out []Submitted) error) ([]Submitted, models.Counts, error) {
	ing, err := in.ingester()
	if err != nil {
		return nil, models.Counts{}, err
	}
	before, err := latestIncoming(in.DB, ch.ID, changes)
	if err != nil {
		return nil, models.Counts{}, err
	}
	var out []Submitted
	counts, err := ing.Apply(ctx, ch, 0, changes, func(tx *gorm.DB) error {
		after, err := latestIncoming(tx, ch.ID, changes)
		if err != nil {
			return err
		}
		if out, err = outcomes(tx, changes, before, after); err != nil {
			return err
		}
		if then != nil {
			if err := then(tx, out); err != nil {
				return err
			}
		}
		return models.Audit(tx, who, models.Change{Action: action, ObjectType: models.ObjectChannel, ObjectID: ch.ID, After: out, Reason: why})
	})
	return out, counts, err
}

type incomingKey struct{ object, externalID string }

// latestIncoming reads the newest incoming record of each change's record.
func latestIncoming(db *gorm.DB, channelID int64, changes []ingest.Change) (map[incomingKey]models.IncomingRecord, error) {
	byObject := map[string][]string{}
	for _, c := range changes {
		byObject[c.Object] = append(byObject[c.Object], c.ExternalID)
	}
	out := map[incomingKey]models.IncomingRecord{}
	for object, ids := range byObject {
		var recs []models.IncomingRecord
		err := db.Select("id, external_id, status, reasons, golden_id").
			Where("channel_id = ? AND object_type = ? AND external_id IN ?", channelID, object, ids).
			Order("id").Find(&recs).Error
		if err != nil {
			return nil, fmt.Errorf("read incoming %s records: %w", object, err)
		}
		for _, r := range recs {
			out[incomingKey{object, r.ExternalID}] = r // ascending ids: the newest wins
		}
	}
	return out, nil
}

func outcomes(tx *gorm.DB, changes []ingest.Change, before, after map[incomingKey]models.IncomingRecord) ([]Submitted, error) {
	out := make([]Submitted, len(changes))
	var recIDs []int64
	for i, c := range changes {
		k := incomingKey{c.Object, c.ExternalID}
		rec, prev := after[k], before[k]
		s := Submitted{ExternalID: c.ExternalID, Status: rec.Status, IncomingID: rec.ID}
		if rec.ID != 0 && rec.ID == prev.ID && rec.Status == prev.Status {
			s.Status = StatusDuplicate
		}
		if rec.GoldenID != nil {
			s.GoldenID = *rec.GoldenID
		}
		if rec.Reasons != "" {
			_ = json.Unmarshal([]byte(rec.Reasons), &s.Reasons)
		}
		out[i] = s
		if rec.ID != 0 {
			recIDs = append(recIDs, rec.ID)
		}
	}
	if len(recIDs) == 0 {
		return out, nil
	}
	var items []models.InboxItem
	if err := tx.Select("id, incoming_record_id").Where("incoming_record_id IN ?", recIDs).Find(&items).Error; err != nil {
		return nil, fmt.Errorf("find inbox items: %w", err)
	}
	inbox := map[int64]int64{}
	for _, it := range items {
		inbox[*it.IncomingRecordID] = it.ID
	}
	for i := range out {
		out[i].InboxID = inbox[out[i].IncomingID]
	}
	return out, nil
}
