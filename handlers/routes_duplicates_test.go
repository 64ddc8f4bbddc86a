package handlers_test

import "net/url"

// duplicateWriters may merge, unmerge and dismiss duplicates.
var duplicateWriters = []string{"steward", "admin"}

// duplicatesRouteAccess is routeAccess for the routes in routes_duplicates.go. The walk's
// :id is a product id, which is no candidate or merge: writes end in "not found" or a
// refusal, changing nothing.
var duplicatesRouteAccess = routeTable{
	"GET /duplicates":                  {allowed: everyone},
	"POST /duplicates/dismiss/confirm": {allowed: duplicateWriters, form: url.Values{"domain": {"customer"}}},
	"POST /duplicates/dismiss":         {allowed: duplicateWriters, form: url.Values{"domain": {"customer"}}},
	"GET /duplicates/:id":              {allowed: everyone},
	"GET /duplicates/:id/preview":      {allowed: duplicateWriters},
	"POST /duplicates/:id/preview":     {allowed: duplicateWriters, form: url.Values{"version": {"999"}}},
	"POST /duplicates/:id/merge":       {allowed: duplicateWriters, form: url.Values{"version": {"999"}}},
	"POST /duplicates/:id/dismiss":     {allowed: duplicateWriters, form: url.Values{"version": {"999"}}},
	"GET /merges":                      {allowed: everyone},
	"GET /merges/:id":                  {allowed: everyone},
	"POST /merges/:id/unmerge":         {allowed: duplicateWriters, form: url.Values{"version": {"999"}}},
	"GET /admin/matching":              {allowed: adminOnly},
	"POST /admin/matching":             {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"POST /admin/matching/preview":     {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"POST /admin/matching/scan":        {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
	"GET /admin/survivorship":          {allowed: adminOnly},
	"POST /admin/survivorship":         {allowed: adminOnly, form: url.Values{"domain": {"nothing"}}},
}
