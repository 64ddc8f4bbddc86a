package ingest

import (
	"fmt"
	"strconv"
	"strings"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
)

// maxKeyHolders bounds the golden records one blocking key may propose: a key more records
// share (a common word) says too little to be worth comparing, as in the engine's own scan.
const maxKeyHolders = 50

// IndexedKeys are the blocking keys of an entity that match_keys files: the identifying ones
// (VAT id, email, phone, postcode with name or street, GTIN, model number, SKU, brand with
// name or sizes). Single name words are left to the full scan: they are most of the keys,
// each shared by many records, and filing them made ingestion several times slower.
func IndexedKeys(e *match.Entity) []string {
	keys := match.BlockingKeys(e)
	out := keys[:0]
	for _, k := range keys {
		if !strings.HasPrefix(k, "w:") {
			out = append(out, k)
		}
	}
	return out
}

// matcher finds, before an incoming customer or product becomes a new golden record, the
// existing golden records it may repeat. It answers from the blocking keys filed in
// match_keys (by the last full scan, and by ingestion since) and from the records this
// batch created, and caches per batch what it read.
type matcher struct {
	settings map[string]models.MatchSettings
	holders  map[string][]int64              // domain + "|" + key → golden ids; a cached key
	golden   map[string]map[int64]goldenItem // domain → golden id → prepared record
	newKeys  map[string]map[int64][]string   // domain → golden id → keys to file at flush
	refile   map[string][]int64              // domain → golden ids whose old keys go at flush
	prepared map[any]preparedIn              // by the change's *Customer or *Product: prepared by the page's preload
}

type goldenItem struct {
	entity match.Entity
	label  string
}

func (b *batch) matcher() *matcher {
	if b.match == nil {
		b.match = &matcher{settings: map[string]models.MatchSettings{}, holders: map[string][]int64{},
			golden: map[string]map[int64]goldenItem{}, newKeys: map[string]map[int64][]string{}}
	}
	return b.match
}

func (m *matcher) thresholds(b *batch, domain string) (match.Thresholds, error) {
	s, ok := m.settings[domain]
	if !ok {
		var err error
		if s, err = MatchSettings(b.tx, domain); err != nil {
			return match.Thresholds{}, err
		}
		m.settings[domain] = s
	}
	return Thresholds(s), nil
}

// incomingEntity prepares an incoming record for matching; ok is false for changes that
// carry no customer or product.
func incomingEntity(c Change) (domain string, e match.Entity, ok bool) {
	switch {
	case c.Object == models.ObjectCustomer && c.Customer != nil:
		return models.MatchCustomer, match.PrepareCustomer(rules.CustomerMatchRecord(*c.Customer, nil)), true
	case c.Object == models.ObjectProduct && c.Product != nil:
		return models.MatchProduct, match.PrepareProduct(rules.ProductMatchRecord(*c.Product)), true
	}
	return "", match.Entity{}, false
}

type preparedIn struct {
	domain string
	entity match.Entity
}

// payloadOf names a change's record by its pointer, which no other change shares.
func payloadOf(c Change) any {
	if c.Customer != nil {
		return c.Customer
	}
	return c.Product
}

// preloadMatches reads, for the changes of a page that will create golden records, the
// key holders and golden records their matching needs, in a few queries for the page.
func (b *batch) preloadMatches(changes []Change) error {
	keys := map[string][]string{}
	for _, c := range changes {
		if c.Object != models.ObjectCustomer && c.Object != models.ObjectProduct {
			continue
		}
		if id, known := b.refs[refKey{c.Object, c.ExternalID}]; !known || id != 0 {
			continue
		}
		if c.Product != nil && c.Product.SKU != "" && b.skus[c.Product.SKU] != 0 {
			continue // linked by its SKU
		}
		domain, e, ok := incomingEntity(c)
		if !ok {
			continue
		}
		m := b.matcher()
		if m.prepared == nil {
			m.prepared = map[any]preparedIn{}
		}
		m.prepared[payloadOf(c)] = preparedIn{domain, e}
		keys[domain] = append(keys[domain], IndexedKeys(&e)...)
	}
	for domain, ks := range keys {
		if _, err := b.matcher().holdersOf(b, domain, ks); err != nil {
			return err
		}
	}
	return nil
}

// holdersOf returns the golden ids filed under keys, querying the keys not cached yet, and
// makes sure those golden records are loaded.
func (m *matcher) holdersOf(b *batch, domain string, keys []string) ([]int64, error) {
	var missing []string
	for _, k := range keys {
		if _, ok := m.holders[domain+"|"+k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		found, err := models.MatchKeyHolders(b.tx, domain, missing, maxKeyHolders)
		if err != nil {
			return nil, err
		}
		for _, k := range missing {
			m.holders[domain+"|"+k] = found[k] // nil: known to hold nothing (or too much)
		}
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, k := range keys {
		for _, id := range m.holders[domain+"|"+k] {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if m.golden[domain] == nil {
		m.golden[domain] = map[int64]goldenItem{}
	}
	var load []int64
	for _, id := range ids {
		if _, ok := m.golden[domain][id]; !ok {
			load = append(load, id)
		}
	}
	if len(load) > 0 {
		set, err := LoadMatchSet(b.tx, domain, load)
		if err != nil {
			return nil, err
		}
		for _, id := range load {
			m.golden[domain][id] = goldenItem{} // archived or gone: never a candidate
		}
		for i := range set.Entities {
			m.golden[domain][set.GoldenID(i)] = goldenItem{entity: set.Entities[i], label: set.Labels[i]}
		}
	}
	return ids, nil
}

// ranked is the golden records an incoming record may repeat, best first.
type ranked struct {
	domain  string
	in      match.Entity
	results []match.Result
	ids     []int64 // golden id of each result
	items   []goldenItem
}

// rankIncoming scores an incoming record that would become a new golden record against the
// golden records sharing a blocking key with it. exclude (its own parent account) is never
// a candidate: a branch shares its head office's VAT id by design.
func (b *batch) rankIncoming(c Change, exclude int64) (ranked, error) {
	m := b.matcher()
	p, ok := m.prepared[payloadOf(c)]
	if !ok {
		if p.domain, p.entity, ok = incomingEntity(c); !ok {
			return ranked{}, nil
		}
	}
	domain, in := p.domain, p.entity
	t, err := m.thresholds(b, domain)
	if err != nil {
		return ranked{}, err
	}
	keys := IndexedKeys(&in)
	ids, err := m.holdersOf(b, domain, keys)
	if err != nil {
		return ranked{}, err
	}
	r := ranked{domain: domain, in: in}
	var cands []match.Entity
	var candIDs []int64
	for _, id := range ids {
		g := m.golden[domain][id]
		if id == exclude || g.entity.ID == "" {
			continue
		}
		cands, candIDs = append(cands, g.entity), append(candIDs, id)
	}
	if len(cands) == 0 {
		return r, nil
	}
	r.results = match.DefaultModel(match.Domain(domain)).Rank(&in, cands, t)
	for _, res := range r.results {
		r.ids = append(r.ids, candIDs[res.Index])
		r.items = append(r.items, m.golden[domain][candIDs[res.Index]])
	}
	return r, nil
}

// matchDecision is what becomes of an incoming record that no external reference links yet.
type matchDecision struct {
	Link       int   // index of the result to link to, -1 for a new golden record
	Candidates []int // results to store as duplicate candidates of the new record
}

// decideMatch links an incoming record to an existing golden record only when a strong id
// (VAT id with its country, GTIN) agrees exactly and the score is in the match band, and
// the golden record is not already another record of the same channel (then the channel
// holds the duplicate itself, and a steward decides). Anything else scoring at least the
// review threshold becomes a candidate beside the new record.
func decideMatch(results []match.Result, linkedInChannel func(i int) bool) matchDecision {
	d := matchDecision{Link: -1}
	for i, r := range results {
		if d.Link < 0 && r.Band == match.BandMatch && r.StrongID && !linkedInChannel(i) {
			d.Link = i
		}
	}
	if d.Link >= 0 {
		return d
	}
	for i, r := range results {
		if r.Band == match.BandMatch || r.Band == match.BandReview {
			d.Candidates = append(d.Candidates, i)
		}
	}
	return d
}

// linkedInChannel says whether this batch's channel already knows the golden record under
// another external id.
func (b *batch) linkedInChannel(objectType string, goldenID int64, externalID string) (bool, error) {
	refs, err := models.ExternalRefsFor(b.tx, objectType, goldenID)
	if err != nil {
		return false, err
	}
	for _, r := range append(refs, b.pendingRefsTo(objectType, goldenID)...) {
		if r.ChannelID == b.ch.ID && r.ExternalID != externalID {
			return true, nil
		}
	}
	return false, nil
}

// matchNew decides what becomes of an incoming customer or product that no reference
// links yet: the golden id to link it to (0: create a new one), and the ranking to store
// candidates from once it is created.
func (b *batch) matchNew(c Change, objectType string, exclude int64) (int64, ranked, matchDecision, error) {
	r, err := b.rankIncoming(c, exclude)
	if err != nil || len(r.results) == 0 {
		return 0, r, matchDecision{Link: -1}, err
	}
	var lerr error
	d := decideMatch(r.results, func(i int) bool {
		if !r.results[i].StrongID || r.results[i].Band != match.BandMatch {
			return false
		}
		linked, err := b.linkedInChannel(objectType, r.ids[i], c.ExternalID)
		if err != nil {
			lerr = err
		}
		return linked
	})
	if lerr != nil {
		return 0, r, d, lerr
	}
	if d.Link >= 0 {
		return r.ids[d.Link], r, d, nil
	}
	return 0, r, d, nil
}

// linkNote is the audit note of an incoming record attached to an existing golden record.
func linkNote(r ranked, d matchDecision) string {
	res := r.results[d.Link]
	return fmt.Sprintf("linked to %s (match %.2f: %s)", r.items[d.Link].label, res.Score, res.Explanation.Short())
}

// created files a new golden record under its blocking keys (at the end of the page) and
// stores the candidates its matching found, with source the channel's name.
func (b *batch) created(r ranked, d matchDecision, goldenID int64, label string) error {
	if r.domain == "" {
		return nil
	}
	m := b.matcher()
	in := r.in
	in.ID = strconv.FormatInt(goldenID, 10)
	keys := IndexedKeys(&in)
	if err := m.file(b, r.domain, goldenID, keys); err != nil {
		return err
	}
	// Later records of the batch find this one too.
	for _, k := range keys {
		hk := r.domain + "|" + k
		if hs, ok := m.holders[hk]; ok && len(hs) < maxKeyHolders {
			m.holders[hk] = append(hs, goldenID)
		}
	}
	if m.golden[r.domain] == nil {
		m.golden[r.domain] = map[int64]goldenItem{}
	}
	m.golden[r.domain][goldenID] = goldenItem{entity: in, label: label}
	if len(d.Candidates) == 0 {
		return nil
	}
	// The pair is stored as a scan would find it: from the golden record as created (its
	// fingerprint must be what "not a duplicate" compares against later).
	set, err := LoadMatchSet(b.tx, r.domain, []int64{goldenID})
	if err != nil {
		return err
	}
	if len(set.Entities) == 1 {
		in = set.Entities[0]
	}
	model := match.DefaultModel(match.Domain(r.domain))
	pairs := make([]models.FoundPair, 0, len(d.Candidates))
	t, err := m.thresholds(b, r.domain)
	if err != nil {
		return err
	}
	for _, i := range d.Candidates {
		ex := model.Explain(&in, &r.items[i].entity)
		band := t.Band(ex.Score)
		if band == match.BandNew {
			continue
		}
		p, err := NewFoundPair(&in, &r.items[i].entity, label, r.items[i].label, ex, band)
		if err != nil {
			return err
		}
		pairs = append(pairs, p)
	}
	if len(pairs) == 0 {
		return nil
	}
	_, _, err = models.SaveCandidates(b.tx, r.domain, b.ch.Name, pairs, false)
	return err
}

// refiled notes that a golden record's matching fields changed, so its keys are filed again
// at the end of the page (at once for a batch that does not defer writes).
func (b *batch) refiled(domain string, goldenID int64, e match.Entity) error {
	m := b.matcher()
	delete(m.golden[domain], goldenID)
	if b.deferred == nil {
		return models.SetMatchKeys(b.tx, domain, goldenID, IndexedKeys(&e))
	}
	if m.refile == nil {
		m.refile = map[string][]int64{}
	}
	m.refile[domain] = append(m.refile[domain], goldenID)
	return m.file(b, domain, goldenID, IndexedKeys(&e))
}

func (m *matcher) file(b *batch, domain string, goldenID int64, keys []string) error {
	if b.deferred == nil {
		return models.AddMatchKeys(b.tx, domain, map[int64][]string{goldenID: keys})
	}
	if m.newKeys[domain] == nil {
		m.newKeys[domain] = map[int64][]string{}
	}
	m.newKeys[domain][goldenID] = keys
	return nil
}

// flushMatches files the keys of the records this page created or changed.
func (b *batch) flushMatches() error {
	if b.match == nil {
		return nil
	}
	for domain, ids := range b.match.refile {
		for start := 0; start < len(ids); start += 500 {
			if err := b.tx.Where("domain = ? AND golden_id IN ?", domain, ids[start:min(start+500, len(ids))]).Delete(&models.MatchKey{}).Error; err != nil {
				return fmt.Errorf("refile match keys: %w", err)
			}
		}
		delete(b.match.refile, domain)
	}
	for domain, keys := range b.match.newKeys {
		if err := models.AddMatchKeys(b.tx, domain, keys); err != nil {
			return err
		}
		b.match.newKeys[domain] = map[int64][]string{}
	}
	return nil
}

// linkMatched attaches an incoming record's external reference to the existing golden
// record matching found, instead of creating a second one, and audits the link.
func (b *batch) linkMatched(c Change, objectType string, goldenID int64, r ranked, d matchDecision) error {
	if err := b.link(objectType, c.ExternalID, goldenID); err != nil {
		return err
	}
	res := r.results[d.Link]
	return b.writeAudit(models.Change{
		Action: objectType + ".link", ObjectType: objectType, ObjectID: goldenID,
		After:  map[string]any{"channel": b.ch.Name, "external_id": c.ExternalID, "score": res.Score},
		Reason: fmt.Sprintf("from %s (%s %s): %s", b.ch.Name, c.Object, c.ExternalID, linkNote(r, d)),
	})
}

// matchFields are the attributes whose change moves a golden record's indexed keys; a
// price or a description does not, and refiling on every price change would cost a bulk
// approval three statements an item.
var matchFields = map[string][]string{
	models.MatchCustomer: {"name", "tax_id", "email", "phone", "country"},
	models.MatchProduct:  {"sku", "name", "brand", "barcode"},
}

// matchFieldsChanged files an updated golden record's keys again when a field matching
// reads changed (an address change waits for the next full scan).
func (b *batch) matchFieldsChanged(domain string, goldenID int64, applied []string) error {
	moved := false
	for _, f := range matchFields[domain] {
		if contains(applied, f) {
			moved = true
		}
	}
	if !moved {
		return nil
	}
	set, err := LoadMatchSet(b.tx, domain, []int64{goldenID})
	if err != nil || len(set.Entities) == 0 {
		return err
	}
	return b.refiled(domain, goldenID, set.Entities[0])
}
