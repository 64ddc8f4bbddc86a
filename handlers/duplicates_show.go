package handlers

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/rules/match"
	"steward/web"
)

// compareForm is what a merge or dismiss form sent back with its problems.
type compareForm struct {
	survivor int64
	picks    map[string]int64
	errs     map[string]string
	conflict string
}

// clusterRecords are the golden records of a comparison, loaded once per request.
type clusterRecords struct {
	domain    string
	customers map[int64]*models.CustomerDetail
	products  map[int64]*models.Product
	prices    map[int64][]models.PriceRuleView
	stock     map[int64][]models.InventoryView
	sources   map[int64][]string
}

func (s *server) loadCluster(domain string, ids []int64) (clusterRecords, error) {
	cr := clusterRecords{domain: domain, customers: map[int64]*models.CustomerDetail{}, products: map[int64]*models.Product{},
		prices: map[int64][]models.PriceRuleView{}, stock: map[int64][]models.InventoryView{}, sources: map[int64][]string{}}
	for _, id := range ids {
		var err error
		if domain == rules.DomainProduct {
			p, perr := models.ProductByID(s.DB, id)
			if perr != nil {
				return cr, perr
			}
			cr.products[id] = &p
			if cr.prices[id], err = models.PriceRulesFor(s.DB, id, 0); err != nil {
				return cr, err
			}
			if cr.stock[id], err = models.InventoryFor(s.DB, id); err != nil {
				return cr, err
			}
		} else {
			d, derr := models.CustomerWithDetail(s.DB, id)
			if derr != nil {
				return cr, derr
			}
			cr.customers[id] = &d
			if cr.prices[id], err = models.PriceRulesFor(s.DB, 0, id); err != nil {
				return cr, err
			}
		}
		refs, err := models.ExternalRefsFor(s.DB, domain, id)
		if err != nil {
			return cr, err
		}
		for _, r := range refs {
			cr.sources[id] = append(cr.sources[id], r.ChannelName)
		}
	}
	return cr, nil
}

// survival reads the records for survivorship, in the order given (the survivor first).
func (cr clusterRecords) survival(ids ...int64) []rules.SurvivalRecord {
	var out []rules.SurvivalRecord
	for _, id := range ids {
		if cr.domain == rules.DomainProduct {
			out = append(out, rules.ProductSurvival(*cr.products[id], cr.sources[id]))
		} else {
			out = append(out, rules.CustomerSurvival(cr.customers[id].Customer, cr.sources[id]))
		}
	}
	return out
}

func (cr clusterRecords) version(id int64) int {
	if cr.domain == rules.DomainProduct {
		return cr.products[id].Version
	}
	return cr.customers[id].Customer.Version
}

// record is one golden record as the comparison shows it.
func (cr clusterRecords) record(id int64) web.DupRecord {
	surv := cr.survival(id)[0]
	r := web.DupRecord{ID: id, Values: surv.Values, Sources: cr.sources[id], Lists: map[string][]string{}, UpdatedAt: surv.UpdatedAt.UTC().Format("2006-01-02")}
	for _, p := range cr.prices[id] {
		line := fmt.Sprintf("%s: %s %s", p.PriceListName, p.Price, p.Currency)
		if cr.domain == rules.DomainCustomer {
			line = fmt.Sprintf("%s · %s: %s %s", p.ProductSKU, p.PriceListName, p.Price, p.Currency)
		}
		if p.MinQuantity > 0 {
			line += fmt.Sprintf(" from %g", p.MinQuantity)
		}
		r.Lists["Prices"] = append(r.Lists["Prices"], line)
	}
	if cr.domain == rules.DomainProduct {
		p := cr.products[id]
		r.Title, r.Href, r.Active, r.Version = p.SKU+" · "+p.Name, fmt.Sprintf("/products/%d", id), p.Active, p.Version
		r.Values["sku"] = p.SKU
		for _, l := range cr.stock[id] {
			r.Lists["Stock"] = append(r.Lists["Stock"], fmt.Sprintf("%s: %g on hand", l.LocationCode, l.OnHand))
		}
		return r
	}
	d := cr.customers[id]
	r.Title, r.Href, r.Active, r.Version = d.Customer.Name, fmt.Sprintf("/customers/%d", id), d.Customer.Active, d.Customer.Version
	for _, a := range d.Addresses {
		r.Lists["Addresses"] = append(r.Lists["Addresses"], fmt.Sprintf("%s: %s, %s %s, %s", a.Kind, joinNonEmpty(a.Street, a.Street2), a.Postcode, a.City, a.Country))
	}
	for _, ct := range d.Contacts {
		r.Lists["Contacts"] = append(r.Lists["Contacts"], joinNonEmpty(ct.Name, ct.JobTitle, ct.Email, ct.Phone))
	}
	for _, ch := range d.Children {
		r.Lists["Branches"] = append(r.Lists["Branches"], ch.Name)
	}
	return r
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " · "
		}
		out += p
	}
	return out
}

// entity prepares a record for the matching engine, to explain a pair stored without an
// explanation.
func (cr clusterRecords) entity(id int64) match.Entity {
	if cr.domain == rules.DomainProduct {
		return match.PrepareProduct(rules.ProductMatchRecord(*cr.products[id]))
	}
	d := cr.customers[id]
	var addr *models.Address
	for i, a := range d.Addresses {
		if addr == nil || a.Kind == models.AddressBilling && addr.Kind != models.AddressBilling {
			addr = &d.Addresses[i]
		}
	}
	return match.PrepareCustomer(rules.CustomerMatchRecord(d.Customer, addr))
}

// explain reads the stored explanation, or works it out again when the pair has none.
func (cr clusterRecords) explain(c models.DuplicateCandidate) match.Explanation {
	var e match.Explanation
	if c.Explanation != "" && json.Unmarshal([]byte(c.Explanation), &e) == nil && len(e.Reasons) > 0 {
		return e
	}
	a, b := cr.entity(c.LeftID), cr.entity(c.RightID)
	return match.DefaultModel(match.Domain(cr.domain)).Explain(&a, &b)
}

func (s *server) duplicateShow(c *fiber.Ctx) error {
	return s.renderDuplicate(c, fiber.StatusOK, compareForm{})
}

func (s *server) renderDuplicate(c *fiber.Ctx, status int, form compareForm) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	cand, err := models.CandidateByID(s.DB, id)
	if err != nil {
		return err
	}
	v, err := s.duplicateView(c, cand, form)
	if err != nil {
		return err
	}
	sh := s.shell(c, "Possible duplicate", "duplicates")
	return render(c, status, web.DuplicatePage(sh, v))
}

func (s *server) duplicateView(c *fiber.Ctx, cand models.DuplicateCandidate, form compareForm) (web.DuplicateView, error) {
	v := web.DuplicateView{Candidate: cand, CanWrite: s.canWriteDuplicates(c), CSRF: viewerOf(c).Session.CSRFToken,
		Errors: form.errs, Conflict: form.conflict}
	pairs, err := models.ClusterPairs(s.DB, cand)
	if err != nil {
		return v, err
	}
	ids := []int64{cand.LeftID, cand.RightID}
	for _, p := range pairs {
		for _, x := range []int64{p.LeftID, p.RightID} {
			if !slices.Contains(ids, x) && len(ids) < 6 {
				ids = append(ids, x)
			}
		}
	}
	cr, err := s.loadCluster(cand.Domain, ids)
	if err != nil {
		return v, err
	}
	names, err := models.GoldenNames(s.DB, cand.Domain, ids)
	if err != nil {
		return v, err
	}
	for _, p := range pairs {
		v.Pairs = append(v.Pairs, web.PairLine{ID: p.ID, Left: names[p.LeftID], Right: names[p.RightID], Score: p.Score, Current: p.ID == cand.ID})
	}
	for _, id := range ids {
		r := cr.record(id)
		r.InPair = id == cand.LeftID || id == cand.RightID
		v.Records = append(v.Records, r)
	}
	v.Survivor = form.survivor
	if v.Survivor == 0 {
		v.Survivor = cand.LeftID // the older record: most often the one other systems already use
	}
	dup := cand.RightID
	if v.Survivor == cand.RightID {
		dup = cand.LeftID
	}
	saved, err := models.SurvivorshipRules(s.DB, cand.Domain)
	if err != nil {
		return v, err
	}
	survived, err := rules.Survive(cand.Domain, cr.survival(v.Survivor, dup), saved, form.picks)
	if err != nil {
		survived, _ = rules.Survive(cand.Domain, cr.survival(v.Survivor, dup), saved, nil)
	}
	prov := map[string]rules.Provenance{}
	for _, p := range survived.Provenance {
		prov[p.Field] = p
	}
	if cand.Domain == rules.DomainProduct {
		v.Fields = append(v.Fields, web.DupField{Name: "sku", Label: "SKU", Differs: differs(v.Records, "sku")})
	}
	for _, f := range rules.SurvivableFields(cand.Domain) {
		p := prov[f.Name]
		v.Fields = append(v.Fields, web.DupField{Name: f.Name, Label: f.Label, Differs: differs(v.Records, f.Name), Pick: p.RecordID, Why: p.Why, Mergeable: true})
	}
	v.ListNames = []string{"Addresses", "Contacts", "Branches", "Prices"}
	if cand.Domain == rules.DomainProduct {
		v.ListNames = []string{"Prices", "Stock"}
	}
	e := cr.explain(cand)
	v.Bits = e.Bits
	for _, r := range e.Reasons {
		v.Explain = append(v.Explain, web.ExplainLine{Field: r.Field, Level: r.Level, Weight: r.Weight, Text: r.Text})
	}
	if v.Merges, err = models.MergesOf(s.DB, cand.Domain, cand.LeftID, 5); err != nil {
		return v, err
	}
	more, err := models.MergesOf(s.DB, cand.Domain, cand.RightID, 5)
	for _, m := range more {
		if !slices.ContainsFunc(v.Merges, func(x models.Merge) bool { return x.ID == m.ID }) {
			v.Merges = append(v.Merges, m)
		}
	}
	if cand.DecidedByID != nil {
		if u, err := models.UserByID(s.DB, *cand.DecidedByID); err == nil {
			v.DecidedBy = u.Display() + ":"
		}
	}
	return v, err
}

func differs(rs []web.DupRecord, field string) bool {
	for _, r := range rs[1:] {
		if r.Values[field] != rs[0].Values[field] {
			return true
		}
	}
	return false
}
