package ingest

import (
	"encoding/json"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

// Held is an inbox item with the change it holds: the incoming record as the source sent
// it, the channel it came from, and the change decoded from the record's payload.
type Held struct {
	Item    models.InboxItem
	Record  *models.IncomingRecord // nil when the item holds no incoming change
	Channel models.Channel
	Change  Change
}

// LoadHeld reads an inbox item with the change it holds.
func LoadHeld(db *gorm.DB, id int64) (Held, error) {
	it, err := models.InboxItemByID(db, id)
	if err != nil {
		return Held{}, err
	}
	return held(db, it)
}

func held(db *gorm.DB, it models.InboxItem) (Held, error) {
	return (&channels{}).held(db, it)
}

// channels remembers the channels a run of decisions has read, and where each one's
// changes are published: a bulk decision over 10,000 items from one source reads them once.
type channels struct {
	byID  map[int64]models.Channel
	dests map[int64][]models.Channel
}

func (cs *channels) channel(db *gorm.DB, id int64) (models.Channel, error) {
	if ch, ok := cs.byID[id]; ok {
		return ch, nil
	}
	ch, err := models.ChannelByID(db, id)
	if err != nil {
		return ch, err
	}
	if cs.byID == nil {
		cs.byID = map[int64]models.Channel{}
	}
	cs.byID[id] = ch
	return ch, nil
}

func (cs *channels) destinations(db *gorm.DB, from int64) ([]models.Channel, error) {
	if d, ok := cs.dests[from]; ok {
		return d, nil
	}
	d, err := models.DestinationChannels(db, from)
	if err != nil {
		return nil, err
	}
	if cs.dests == nil {
		cs.dests = map[int64][]models.Channel{}
	}
	cs.dests[from] = d
	return d, nil
}

func (cs *channels) held(db *gorm.DB, it models.InboxItem) (Held, error) {
	h := Held{Item: it}
	if it.ChannelID != nil {
		ch, err := cs.channel(db, *it.ChannelID)
		if err != nil {
			return h, fmt.Errorf("channel of inbox item %d: %w", it.ID, err)
		}
		h.Channel = ch
	}
	if it.IncomingRecordID == nil {
		return h, nil
	}
	rec, err := models.IncomingByID(db, *it.IncomingRecordID)
	if err != nil {
		return h, fmt.Errorf("incoming record of inbox item %d: %w", it.ID, err)
	}
	h.Record = &rec
	if err := json.Unmarshal([]byte(rec.Payload), &h.Change); err != nil {
		return h, fmt.Errorf("decode incoming record %d: %w", rec.ID, err)
	}
	return h, nil
}

// ObjectType is the kind of golden record the held change is about, as audit events and
// external references name it.
func (h Held) ObjectType() string {
	if h.Record != nil {
		return h.Record.ObjectType
	}
	switch h.Item.Domain {
	case rules.DomainPrice:
		return models.ObjectPriceRule
	}
	return h.Item.Domain
}

// Proposal is a held change side by side with the golden record it would change. Edit
// writes a steward's values over the source's before review or approval.
type Proposal interface {
	// GoldenID is the golden record the change would update; 0 when it would create one.
	GoldenID() int64
	// Review lists every attribute: golden value, proposed value, owner and policy.
	Review(matrix []rules.OwnershipRule, source string) []rules.FieldReview
	// Edit applies a steward's values as typed; it returns the attributes they changed
	// and a message for each value that cannot be read.
	Edit(edits map[string]string) (changed []string, errs map[string]string)
	// Value is an attribute's proposed value as text.
	Value(field string) string
	// Fields is the record as it would be, as validation gates read it; nil for records
	// that have no gates.
	Fields() map[string]any
	// put writes the proposed record into the change, to be applied.
	put(c *Change)
}

// side is a Proposal for one record type.
type side[T any] struct {
	attrs    []rules.Attribute[T]
	domain   string
	goldenID int64
	golden   T
	next     T        // the golden record with the source's attributes (and the edits) applied
	provided []string // what the source sent, nil for every attribute
	edited   []string
	fields   func(T) map[string]any
	store    func(c *Change, next T, provided []string)
}

func newSide[T any](attrs []rules.Attribute[T], domain string, goldenID int64, golden T, incoming *T, provided []string) *side[T] {
	s := &side[T]{attrs: attrs, domain: domain, goldenID: goldenID, golden: golden, next: golden, provided: provided}
	names := provided
	if names == nil {
		for _, a := range attrs {
			names = append(names, a.Name)
		}
	}
	if incoming != nil {
		rules.ApplyChanges(attrs, &s.next, incoming, names)
	}
	return s
}

func (s *side[T]) GoldenID() int64 { return s.goldenID }

func (s *side[T]) Review(matrix []rules.OwnershipRule, source string) []rules.FieldReview {
	return rules.Review(s.attrs, s.domain, source, matrix, &s.golden, &s.next, nil)
}

func (s *side[T]) Edit(edits map[string]string) ([]string, map[string]string) {
	changed, errs := rules.ApplyEdits(s.attrs, &s.next, edits)
	s.edited = append(s.edited, changed...)
	return changed, errs
}

func (s *side[T]) Value(field string) string {
	for _, a := range s.attrs {
		if a.Name == field {
			return rules.FormatValue(a.Get(&s.next))
		}
	}
	return ""
}

func (s *side[T]) Fields() map[string]any {
	if s.fields == nil {
		return nil
	}
	return s.fields(s.next)
}

func (s *side[T]) put(c *Change) {
	provided := s.provided
	if provided != nil {
		// What the steward typed counts as sent, even where the source sent nothing.
		for _, f := range s.edited {
			if !contains(provided, f) {
				provided = append(provided, f)
			}
		}
	}
	s.store(c, s.next, provided)
}

// Propose reads the golden record the held change would change, as it is now in db, and
// lays the change over it.
func (h Held) Propose(db *gorm.DB) (Proposal, error) {
	if h.Record == nil {
		return nil, rules.Errorf(rules.Conflict, "This item holds no incoming change to look at or apply.")
	}
	c := h.Change
	goldenID, err := h.goldenID(db)
	if err != nil {
		return nil, err
	}
	switch c.Object {
	case models.ObjectProduct:
		var g models.Product
		if goldenID != 0 {
			if g, err = models.ProductByID(db, goldenID); err != nil {
				return nil, fmt.Errorf("product %d: %w", goldenID, err)
			}
		}
		s := newSide(rules.ProductAttributes, rules.DomainProduct, goldenID, g, c.Product, c.Provided)
		s.fields = rules.ProductFields
		s.store = func(c *Change, p models.Product, provided []string) { c.Product, c.Provided = &p, provided }
		return s, nil
	case models.ObjectCustomer:
		var g models.Customer
		if goldenID != 0 {
			if g, err = models.CustomerByID(db, goldenID); err != nil {
				return nil, fmt.Errorf("customer %d: %w", goldenID, err)
			}
		}
		in := c.Customer
		if in != nil {
			if in, err = withPriceList(db, h.Channel.ID, c, g, nil); err != nil {
				return nil, err
			}
		}
		s := newSide(rules.CustomerAttributes, rules.DomainCustomer, goldenID, g, in, c.Provided)
		s.fields = rules.CustomerFields
		s.store = func(c *Change, cu models.Customer, provided []string) { c.Customer, c.Provided = &cu, provided }
		return s, nil
	case models.ObjectPriceRule:
		var g models.PriceRule
		if goldenID != 0 {
			if err := db.Take(&g, goldenID).Error; err != nil {
				return nil, fmt.Errorf("price rule %d: %w", goldenID, err)
			}
		}
		s := newSide(rules.PriceRuleAttributes, rules.DomainPrice, goldenID, g, c.PriceRule, nil)
		s.store = func(c *Change, r models.PriceRule, _ []string) { c.PriceRule = &r }
		return s, nil
	case models.ObjectInventory:
		var g models.InventoryLevel
		if goldenID != 0 {
			if err := db.Take(&g, goldenID).Error; err != nil {
				return nil, fmt.Errorf("stock level %d: %w", goldenID, err)
			}
		}
		s := newSide(rules.InventoryAttributes, rules.DomainInventory, goldenID, g, c.Inventory, nil)
		s.store = func(c *Change, l models.InventoryLevel, _ []string) { c.Inventory = &l }
		return s, nil
	}
	return nil, rules.Errorf(rules.Conflict, "Steward cannot show or apply a held %s.", c.Object)
}

// goldenID finds the golden record the change is about now: the one it was held against,
// or the one the source's id has been linked to since.
func (h Held) goldenID(db *gorm.DB) (int64, error) {
	c := h.Change
	if c.Object == models.ObjectInventory {
		// Stock is held before its level is looked up: find it by product and location.
		pid, err := linked(db, h.Channel.ID, models.ObjectProduct, c.ProductRef)
		if err != nil || pid == 0 {
			return 0, err
		}
		lid, err := linked(db, h.Channel.ID, ObjectLocation, c.LocationRef)
		if err != nil || lid == 0 {
			return 0, err
		}
		var ids []int64
		err = db.Model(&models.InventoryLevel{}).Where("product_id = ? AND location_id = ?", pid, lid).Limit(1).Pluck("id", &ids).Error
		if err != nil || len(ids) == 0 {
			return 0, err
		}
		return ids[0], nil
	}
	if h.Item.GoldenID != nil {
		return *h.Item.GoldenID, nil
	}
	return linked(db, h.Channel.ID, c.Object, c.ExternalID)
}

func linked(db *gorm.DB, channelID int64, object, externalID string) (int64, error) {
	id, err := models.ExternalRefGolden(db, channelID, object, externalID)
	if errors.Is(err, models.ErrNotFound) {
		return 0, nil
	}
	return id, err
}
