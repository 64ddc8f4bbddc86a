package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// itemForm is what a decision form sent back with its problems, to show the page again.
type itemForm struct {
	editing  bool
	edits    map[string]string // the edit form's values as typed
	errs     map[string]string
	note     string
	conflict string // someone else decided first, or the change cannot be applied
}

func (s *server) inboxShow(c *fiber.Ctx) error {
	return s.renderItem(c, fiber.StatusOK, itemForm{})
}

func (s *server) inboxEditForm(c *fiber.Ctx) error {
	return s.renderItem(c, fiber.StatusOK, itemForm{editing: true})
}

func (s *server) renderItem(c *fiber.Ctx, status int, form itemForm) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	h, err := ingest.LoadHeld(s.DB, id)
	if err != nil {
		return err
	}
	v, err := s.itemView(c, h, form)
	if err != nil {
		return err
	}
	if form.editing && !v.CanDecide {
		return rules.CheckDecider(nil, h.Item.Domain)
	}
	sh := s.shell(c, h.Item.Summary, "inbox")
	sh.Flash = s.itemFlash(c)
	return render(c, status, web.InboxItemPage(sh, v))
}

func (s *server) itemView(c *fiber.Ctx, h ingest.Held, form itemForm) (web.InboxItemView, error) {
	it := h.Item
	v := web.InboxItemView{
		Item: it, Channel: h.Channel, Record: h.Record, Reasons: it.ReasonList(), Now: s.Now(),
		CanDecide: s.decides(c)[it.Domain], Editing: form.editing && it.Status == models.InboxOpen,
		Errors: form.errs, Note: form.note, Conflict: form.conflict,
	}
	var err error
	if err = s.itemFields(&v, h, form.edits); err != nil {
		return v, err
	}
	if h.Record != nil {
		v.SourceJSON, v.MappedJSON = prettyJSON(h.Record.Source), prettyJSON(h.Record.Payload)
		if v.Incoming, err = models.IncomingHistory(s.DB, h.Channel.ID, h.Record.ObjectType, h.Record.ExternalID, 20); err != nil {
			return v, err
		}
	}
	if v.Decisions, err = models.ListAudit(s.DB, models.AuditFilter{ObjectType: models.ObjectInboxItem, ObjectID: idString(it.ID), Limit: 20}); err != nil {
		return v, err
	}
	if it.AssigneeID != nil {
		if u, err := models.UserByID(s.DB, *it.AssigneeID); err == nil {
			v.Assignee = u.Display()
		}
	}
	if v.CanDecide && it.Status == models.InboxOpen {
		v.People, err = s.deciders(it.Domain)
	}
	return v, err
}

// itemFields lays the change over the golden record field by field, with owners, policy
// and the validation failures of the record as it would be.
func (s *server) itemFields(v *web.InboxItemView, h ingest.Held, edits map[string]string) error {
	p, err := h.Propose(s.DB)
	if rules.KindOf(err) != rules.Internal {
		v.Unavailable = rules.MessageOf(err)
		return nil
	}
	if err != nil {
		return err
	}
	if len(edits) > 0 {
		p.Edit(edits) // unreadable values are in the form's errors and keep the source's value
	}
	matrix, err := models.ListOwnershipRules(s.DB)
	if err != nil {
		return err
	}
	rows := p.Review(matrix, h.Channel.Kind)
	if fields := p.Fields(); fields != nil && v.Item.Status == models.InboxOpen {
		gates, err := models.ListGates(s.DB, v.Item.Domain)
		if err != nil {
			return err
		}
		// A gate that does not compile still fails records, with its message: shown here.
		set, _ := rules.CompileGates(gates)
		fs := rules.Validate(set, v.Item.Domain, "", fields)
		for i := range fs {
			if fs[i].Severity == rules.SeverityWarn {
				fs[i].Message += " (a warning: it does not hold the record)"
			}
		}
		v.General = rules.AttachFailures(rows, fs)
	}
	steward := map[string]string{}
	for _, e := range v.Item.EditList() {
		steward[e.Field] = e.Steward
	}
	for _, r := range rows {
		value := r.Proposed
		if typed, ok := edits[r.Field]; ok {
			value = typed
		}
		v.Fields = append(v.Fields, web.FieldRow{
			Field: r.Field, Label: r.Label, Current: r.Current, Proposed: r.Proposed, Value: value, Changed: r.Changed,
			Owner: capitalized(rules.SystemLabel(r.Owner)), Policy: r.Decision, Reason: r.Reason, Failures: r.Failures,
			Steward: steward[r.Field],
		})
	}
	return s.goldenName(v, h, p.GoldenID())
}

// goldenName names the golden record the change is for, and links its page.
func (s *server) goldenName(v *web.InboxItemView, h ingest.Held, id int64) error {
	object := h.ObjectType()
	v.HistoryType, v.HistoryID = object, id
	if id == 0 {
		v.NewRecord = map[string]string{models.ObjectProduct: "product", models.ObjectCustomer: "customer account",
			models.ObjectPriceRule: "price rule", models.ObjectInventory: "stock level"}[object]
		return nil
	}
	switch object {
	case models.ObjectProduct:
		p, err := models.ProductByID(s.DB, id)
		if err != nil {
			return err
		}
		v.GoldenName, v.GoldenURL = fmt.Sprintf("product %s %s (version %d)", p.SKU, p.Name, p.Version), fmt.Sprintf("/products/%d", id)
	case models.ObjectCustomer:
		cu, err := models.CustomerByID(s.DB, id)
		if err != nil {
			return err
		}
		v.GoldenName, v.GoldenURL = fmt.Sprintf("customer %s (version %d)", cu.Name, cu.Version), fmt.Sprintf("/customers/%d", id)
	default:
		v.GoldenName = fmt.Sprintf("%s %d", map[string]string{models.ObjectPriceRule: "price rule", models.ObjectInventory: "stock level"}[object], id)
	}
	var err error
	v.History, err = recordHistory(s, object, id)
	return err
}

// itemFlash says what the person just did, after the redirect that followed it.
func (s *server) itemFlash(c *fiber.Ctx) string {
	switch c.Query("done") {
	case "assigned":
		return "Assigned."
	case "released":
		return "Released: nobody is assigned now."
	case models.InboxApproved, models.InboxRejected:
		id, _ := strconv.ParseInt(c.Query("item"), 10, 64)
		it, err := models.InboxItemByID(s.DB, id)
		if err != nil {
			return ""
		}
		next := "This is the next waiting item."
		if c.Path() == "/inbox" {
			next = "Nothing else is waiting."
		}
		return fmt.Sprintf("%s “%s”. %s", map[string]string{models.InboxApproved: "Approved", models.InboxRejected: "Rejected"}[it.Status], it.Summary, next)
	}
	return ""
}

// prettyJSON indents a stored JSON document for reading, with <, > and & as themselves
// rather than the \u003c escapes Go writes; anything else is shown as it is.
func prettyJSON(s string) string {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return s
	}
	return strings.TrimSpace(b.String())
}
