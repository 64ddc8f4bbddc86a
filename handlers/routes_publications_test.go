package handlers_test

import (
	"net/url"
	"strings"
)

// publicationWriters may retry, replay, skip, pause and resume publications.
var publicationWriters = []string{"steward", "admin"}

// publicationsRouteAccess is routeAccess for the routes in routes_publications.go.
var publicationsRouteAccess = routeTable{
	"GET /publications":                        {allowed: everyone},
	"GET /publications/group":                  {allowed: everyone},
	"GET /publications/record":                 {allowed: everyone},
	"POST /publications/groups/retry":          {allowed: publicationWriters, form: url.Values{"channel_id": {"0"}}},
	"POST /publications/channels/:id/pause":    {allowed: publicationWriters, form: url.Values{"reason": {strings.Repeat("x", 300)}}},
	"POST /publications/channels/:id/resume":   {allowed: publicationWriters, form: url.Values{"reason": {strings.Repeat("x", 300)}}},
	"POST /publications/channels/:id/rate":     {allowed: adminOnly, form: url.Values{"rate": {"-1"}}},
	"GET /publications/:id/diff":               {allowed: everyone},
	"POST /publications/:id/retry":             {allowed: publicationWriters, form: url.Values{}},
	"POST /publications/:id/replay":            {allowed: publicationWriters, form: url.Values{}},
	"POST /publications/:id/skip":              {allowed: publicationWriters, form: url.Values{"reason": {""}}},
	"GET /admin/channels/:id/mapping":          {allowed: adminOnly},
	"POST /admin/channels/:id/mapping":         {allowed: adminOnly, form: url.Values{"object": {"nothing"}}},
	"POST /admin/channels/:id/mapping/preview": {allowed: adminOnly, form: url.Values{"object": {"nothing"}}},
}
