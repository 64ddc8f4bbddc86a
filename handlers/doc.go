// Package handlers turns HTTP requests into calls on rules and models and renders web
// components. Every route is listed in routes.go with the permission it needs; handlers stay
// thin: parse, decide (in rules), store (in models), render.
package handlers
