package handlers_test

// pricingRouteAccess is routeAccess for the routes in routes_pricing.go.
var pricingRouteAccess = routeTable{
	"GET /pricing": {allowed: everyone},
}
