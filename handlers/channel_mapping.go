package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/models"
	"steward/rules"
	"steward/rules/channelmap"
	"steward/web"
)

var mappingObjects = []string{channelmap.ObjectProduct, channelmap.ObjectCustomer, channelmap.ObjectPrice, channelmap.ObjectStock}

// mappingView reads a channel's stored mapping of one object type into the editor's form.
func (s *server) mappingView(c *fiber.Ctx, ch models.Channel, object string) (web.MappingView, error) {
	v := web.MappingView{Channel: ch, Object: object, Objects: mappingObjects, Errors: map[string]string{}}
	for _, f := range rules.FieldsOf(channelmap.DomainOf(object)) {
		v.Fields = append(v.Fields, web.Option{Value: f.Name, Label: f.Label})
	}
	maps, err := models.ChannelMappingsFor(s.DB, ch.ID)
	if err != nil {
		return v, err
	}
	m, err := channelmap.ParseMapping(maps[object].Mapping)
	if err != nil {
		return v, err
	}
	v.Version, v.FieldMap, v.Values = maps[object].Version, channelmap.FieldLines(m.Fields), channelmap.ValueLines(m.Values)
	st, err := models.PublicationSettingsFor(s.DB, ch.ID)
	v.Rate = st.RatePerSecond
	return v, err
}

func (s *server) mappingChannel(c *fiber.Ctx) (models.Channel, string, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Channel{}, "", err
	}
	ch, err := models.ChannelByID(s.DB, id)
	object := c.Query("object", c.FormValue("object", channelmap.ObjectProduct))
	return ch, object, err
}

func validObject(o string) bool {
	for _, x := range mappingObjects {
		if x == o {
			return true
		}
	}
	return false
}

// mappingEdit shows the editor.
func (s *server) mappingEdit(c *fiber.Ctx) error {
	ch, object, err := s.mappingChannel(c)
	if err != nil {
		return err
	}
	if !validObject(object) {
		return models.ErrNotFound
	}
	v, err := s.mappingView(c, ch, object)
	if err != nil {
		return err
	}
	switch c.Query("saved") {
	case "mapping":
		v.Saved = "Saved. The next publications to this channel use the new mapping."
	case "rate":
		v.Saved = "Rate limit saved."
	}
	return render(c, fiber.StatusOK, web.MappingPage(s.shell(c, ch.Name+" mapping", "admin"), v))
}

// mappingForm reads and checks the editor's form; v carries the input back with errors.
func (s *server) mappingForm(c *fiber.Ctx, ch models.Channel) (web.MappingView, channelmap.Mapping, bool, error) {
	object := c.FormValue("object")
	if !validObject(object) {
		return web.MappingView{}, channelmap.Mapping{}, false, rules.Errorf(rules.Invalid, "Choose what to map: %s.", strings.Join(mappingObjects, ", "))
	}
	v, err := s.mappingView(c, ch, object)
	if err != nil {
		return v, channelmap.Mapping{}, false, err
	}
	v.FieldMap, v.Values, v.Record = c.FormValue("fields"), c.FormValue("values"), strings.TrimSpace(c.FormValue("record"))
	v.Version = atoiOr(c.FormValue("version"))
	var m channelmap.Mapping
	if m.Fields, err = channelmap.ParseFieldLines(v.FieldMap); err != nil {
		v.Errors["fields"] = err.Error()
	}
	if m.Values, err = channelmap.ParseValueLines(v.Values); err != nil {
		v.Errors["values"] = err.Error()
	}
	if len(v.Errors) == 0 {
		var fe *channelmap.FieldError
		if err := channelmap.Validate(object, m); errors.As(err, &fe) {
			v.Errors[fe.Field] = fe.Message
		} else if err != nil {
			v.Errors[""] = err.Error()
		}
	}
	return v, m, len(v.Errors) == 0, nil
}

// mappingPreview renders a real record with the mapping as typed, without saving it.
func (s *server) mappingPreview(c *fiber.Ctx) error {
	ch, _, err := s.mappingChannel(c)
	if err != nil {
		return err
	}
	v, m, ok, err := s.mappingForm(c, ch)
	if err != nil {
		return err
	}
	if ok {
		s.preview(&v, ch, m)
	}
	status := fiber.StatusOK
	if len(v.Errors) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return render(c, status, web.MappingPage(s.shell(c, ch.Name+" mapping", "admin"), v))
}

// preview finds the record by SKU or name and renders it as the channel would receive it.
func (s *server) preview(v *web.MappingView, ch models.Channel, m channelmap.Mapping) {
	if v.Record == "" {
		v.Errors["record"] = "Enter a SKU or a name to preview with."
		return
	}
	rec, label, err := s.findPreviewRecord(v.Object, v.Record)
	if err != nil {
		v.Errors["record"] = err.Error()
		return
	}
	out, err := channelmap.Render(ch.Kind, ch.Public, rec, m)
	if err != nil {
		v.Errors["record"] = "This record cannot be published to " + ch.Name + ": " + err.Error()
		return
	}
	var b bytes.Buffer
	if json.Indent(&b, out, "", "  ") != nil {
		b.Reset()
		b.Write(out)
	}
	v.Preview, v.Previewed = b.String(), label
}

func (s *server) findPreviewRecord(object, q string) (channelmap.Record, string, error) {
	notFound := fmt.Errorf("No %s matches %q: try a SKU or part of the name.", object, q)
	if object == channelmap.ObjectCustomer {
		page, err := models.ListCustomers(s.DB, models.CustomerFilter{Query: q, Page: models.PageRequest{Size: 1}})
		if err != nil || len(page.Items) == 0 {
			return channelmap.Record{}, "", notFound
		}
		cu := page.Items[0]
		return channelmap.CustomerRecord(cu), fmt.Sprintf("Customer %s (id %d)", cu.Name, cu.ID), nil
	}
	p, err := models.ProductBySKU(s.DB, q)
	if err != nil {
		page, lerr := models.ListProducts(s.DB, models.ProductFilter{Query: q, Page: models.PageRequest{Size: 1}})
		if lerr != nil || len(page.Items) == 0 {
			return channelmap.Record{}, "", notFound
		}
		p = page.Items[0]
	}
	label := fmt.Sprintf("Product %s, %s", p.SKU, p.Name)
	switch object {
	case channelmap.ObjectPrice:
		var ids []int64
		s.DB.Model(&models.PriceRule{}).Where("product_id = ?", p.ID).Order("id").Limit(1).Pluck("id", &ids)
		if len(ids) == 0 {
			return channelmap.Record{}, "", fmt.Errorf("%s has no price rules to preview.", p.SKU)
		}
		rec, err := publish.LoadRecord(s.DB, models.ObjectPriceRule, ids[0])
		return rec, "First price rule of " + label, err
	case channelmap.ObjectStock:
		var ids []int64
		s.DB.Model(&models.InventoryLevel{}).Where("product_id = ?", p.ID).Order("id").Limit(1).Pluck("id", &ids)
		if len(ids) == 0 {
			return channelmap.Record{}, "", fmt.Errorf("%s has no stock levels to preview.", p.SKU)
		}
		rec, err := publish.LoadRecord(s.DB, models.ObjectInventory, ids[0])
		return rec, "First stock level of " + label, err
	}
	return channelmap.ProductRecord(p), label, nil
}

// mappingSave stores the mapping after checking it, audited; a record to preview with is
// rendered too, so a mapping that breaks rendering is refused.
func (s *server) mappingSave(c *fiber.Ctx) error {
	ch, _, err := s.mappingChannel(c)
	if err != nil {
		return err
	}
	v, m, ok, err := s.mappingForm(c, ch)
	if err != nil {
		return err
	}
	if ok && v.Record != "" {
		s.preview(&v, ch, m)
	}
	if len(v.Errors) > 0 {
		return render(c, fiber.StatusUnprocessableEntity, web.MappingPage(s.shell(c, ch.Name+" mapping", "admin"), v))
	}
	raw, _ := json.Marshal(m)
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		return models.SaveChannelMapping(tx, s.actor(c), ch.ID, v.Object, string(raw), v.Version)
	})
	if errors.Is(err, models.ErrStale) {
		v.Errors[""] = "Someone else saved this mapping while you edited it. Reload the page to see their version."
		return render(c, fiber.StatusConflict, web.MappingPage(s.shell(c, ch.Name+" mapping", "admin"), v))
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/admin/channels/%d/mapping?object=%s&saved=mapping", ch.ID, v.Object), fiber.StatusSeeOther)
}
