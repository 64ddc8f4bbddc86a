package handlers_test

// duplicatesRouteAccess is routeAccess for the routes in routes_duplicates.go.
var duplicatesRouteAccess = routeTable{
	"GET /duplicates": {allowed: everyone},
}
