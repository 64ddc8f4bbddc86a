package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/web"
)

// idParam reads a positive numeric :id; anything else is "not found", not an error page
// about parsing.
func idParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

func pageRequest(c *fiber.Ctx) models.PageRequest {
	return models.PageRequest{After: c.Query("after"), Before: c.Query("before")}
}

func recordHistory(s *server, objectType string, id int64) ([]models.AuditEvent, error) {
	return models.ListAudit(s.DB, models.AuditFilter{ObjectType: objectType, ObjectID: strconv.FormatInt(id, 10), Limit: 50})
}

func (s *server) productList(c *fiber.Ctx) error {
	v := web.ProductsView{Filter: models.ProductFilter{
		Query: c.Query("q"), Category: c.Query("category"), Brand: c.Query("brand"),
		Lifecycle: c.Query("lifecycle"), Active: c.Query("active"), Page: pageRequest(c),
	}}
	var err error
	if v.Page, err = models.ListProducts(s.DB, v.Filter); err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, fiber.StatusOK, web.ProductResults(v))
	}
	if v.Categories, v.Brands, err = models.ProductFacets(s.DB); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.ProductsPage(s.shell(c, "Products", "products"), v))
}

func (s *server) productShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var v web.ProductView
	if v.Product, err = models.ProductByID(s.DB, id); err != nil {
		return err
	}
	if v.Prices, err = models.PriceRulesFor(s.DB, id, 0); err != nil {
		return err
	}
	if v.Inventory, err = models.InventoryFor(s.DB, id); err != nil {
		return err
	}
	if v.Refs, err = models.ExternalRefsFor(s.DB, models.ObjectProduct, id); err != nil {
		return err
	}
	if v.History, err = recordHistory(s, models.ObjectProduct, id); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.ProductPage(s.shell(c, v.Product.Name, "products"), v))
}

func (s *server) customerList(c *fiber.Ctx) error {
	pl, _ := strconv.ParseInt(c.Query("price_list"), 10, 64)
	v := web.CustomersView{Filter: models.CustomerFilter{
		Query: c.Query("q"), Country: c.Query("country"), PriceListID: pl, Active: c.Query("active"), Page: pageRequest(c),
	}}
	var err error
	if v.Page, err = models.ListCustomers(s.DB, v.Filter); err != nil {
		return err
	}
	if v.PriceLists, err = models.ListPriceLists(s.DB); err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, fiber.StatusOK, web.CustomerResults(v))
	}
	if v.Countries, err = models.CustomerCountries(s.DB); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.CustomersPage(s.shell(c, "Customers", "customers"), v))
}

func (s *server) customerShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var v web.CustomerView
	if v.CustomerDetail, err = models.CustomerWithDetail(s.DB, id); err != nil {
		return err
	}
	if v.Prices, err = models.PriceRulesFor(s.DB, 0, id); err != nil {
		return err
	}
	if v.Refs, err = models.ExternalRefsFor(s.DB, models.ObjectCustomer, id); err != nil {
		return err
	}
	if v.History, err = recordHistory(s, models.ObjectCustomer, id); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.CustomerPage(s.shell(c, v.Customer.Name, "customers"), v))
}

func (s *server) auditList(c *fiber.Ctx) error {
	v := web.AuditView{Filter: models.AuditFilter{
		Actor: c.Query("actor"), Action: c.Query("action"), ObjectType: c.Query("object_type"),
		ObjectID: c.Query("object_id"), Before: int64(c.QueryInt("before")), Limit: models.PageSize,
	}}
	var err error
	if v.Events, err = models.ListAudit(s.DB, v.Filter); err != nil {
		return err
	}
	if len(v.Events) == models.PageSize {
		v.Next = v.Events[len(v.Events)-1].ID
	}
	v.Actions = models.AuditActionNames
	return render(c, fiber.StatusOK, web.AuditPage(s.shell(c, "Audit trail", "audit"), v))
}
