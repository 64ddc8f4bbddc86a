// Package web holds the templ components Steward renders: the layout, each page, and the
// HTMX fragments that pages swap in. Components receive plain view structs; they never query.
package web
