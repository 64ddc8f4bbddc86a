package handlers_test

// publicationsRouteAccess is routeAccess for the routes in routes_publications.go.
var publicationsRouteAccess = routeTable{
	"GET /publications": {allowed: everyone},
}
