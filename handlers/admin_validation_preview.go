package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// previewBatch bounds memory: 100k products are read a thousand at a time, never at once.
const previewBatch = 1000

// previewExamples is how many failing records the preview links to.
const previewExamples = 10

// gatePreview shows how many stored records the gate in the form would fail, before it is
// saved. HTMX gets the form card back; a browser without scripts gets the whole page.
func (s *server) gatePreview(c *fiber.Ctx) error {
	f := gateFormOf(c)
	f.ID = int64(max(0, atoiOr(c.FormValue("id"))))
	status := fiber.StatusOK
	if g, err := gateOf(f); err != nil {
		f.Errors = fieldErrors(err)
		f.Preview = &web.GatePreview{Problem: "Correct the highlighted fields to see what this gate would do."}
		if !isHTMX(c) {
			status = fiber.StatusUnprocessableEntity
		}
	} else {
		p, err := s.previewGate(g)
		if err != nil {
			return err
		}
		f.Preview = &p
	}
	if isHTMX(c) {
		// Always 200: the page's HTMX error handling would move a 422 into the alert area.
		return render(c, fiber.StatusOK, web.GateFormCard(s.shell(c, "Validation", "admin"), gateFormOptions(f)))
	}
	return s.renderGates(c, status, f)
}

// previewGate runs one gate over every record of its domain, batch by batch.
func (s *server) previewGate(g models.Gate) (web.GatePreview, error) {
	set, err := rules.CompileGates([]models.Gate{g})
	if err != nil {
		return web.GatePreview{}, err
	}
	tally := rules.NewTally(previewExamples)
	check := func(id int64, label string, record map[string]any) {
		tally.Add(id, label, rules.Validate(set, g.Domain, g.Channel, record))
	}
	path := "/products/%d"
	switch g.Domain {
	case rules.DomainProduct:
		err = models.EachProductBatch(s.DB, previewBatch, func(ps []models.Product) error {
			for _, p := range ps {
				check(p.ID, p.SKU+" · "+p.Name, rules.ProductFields(p))
			}
			return nil
		})
	case rules.DomainCustomer:
		path = "/customers/%d"
		err = models.EachCustomerBatch(s.DB, previewBatch, func(cs []models.Customer) error {
			for _, c := range cs {
				check(c.ID, c.Name, rules.CustomerFields(c))
			}
			return nil
		})
	}
	if err != nil {
		return web.GatePreview{}, err
	}
	p := web.GatePreview{
		Domain: rules.DomainLabel(g.Domain), Checked: tally.Checked, Failed: tally.Failed,
		Block: g.Severity == rules.SeverityBlock,
	}
	for _, ex := range tally.Examples {
		e := web.GateExample{Href: fmt.Sprintf(path, ex.ID), Label: ex.Label}
		for _, f := range ex.Failures {
			e.Messages = append(e.Messages, f.Message)
		}
		p.Examples = append(p.Examples, e)
	}
	return p, nil
}
