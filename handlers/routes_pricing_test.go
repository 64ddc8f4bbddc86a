package handlers_test

import (
	"net/url"

	"steward/rules"
)

var (
	// pricingProposers hold "pricing propose"; approvers hold "pricing approve".
	pricingProposers = []string{rules.RolePricingSteward, rules.RoleAdmin}
	pricingApprovers = []string{rules.RoleManager, rules.RoleAdmin}
)

// pricingRouteAccess is routeAccess for the routes in routes_pricing.go.
var pricingRouteAccess = routeTable{
	"GET /pricing":                  {allowed: everyone},
	"POST /pricing":                 {allowed: pricingProposers, form: url.Values{"kind": {"list_price"}, "sku": {""}}},
	"GET /pricing/new":              {allowed: pricingProposers},
	"POST /pricing/upload":          {allowed: pricingProposers, form: url.Values{}},
	"POST /pricing/adjust":          {allowed: pricingProposers, form: url.Values{"percent": {"nothing"}}},
	"POST /pricing/bulk":            {allowed: pricingApprovers, form: url.Values{"do": {"nothing"}}},
	"POST /pricing/:id/approve":     {allowed: pricingApprovers, form: url.Values{"version": {"999"}}},
	"POST /pricing/:id/reject":      {allowed: pricingApprovers, form: url.Values{"version": {"999"}}},
	"GET /products/:id/prices":      {allowed: everyone},
	"GET /products/:id/prices.csv":  {allowed: everyone},
	"GET /customers/:id/prices":     {allowed: everyone},
	"GET /customers/:id/prices.csv": {allowed: everyone},
	"GET /admin/pricing":            {allowed: adminOnly},
	"POST /admin/pricing":           {allowed: adminOnly, form: url.Values{"margin_floor": {"not a number"}}},
}
