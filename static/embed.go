// Package static holds the browser assets (htmx, CSS, the keyboard helper) embedded in the
// binary. htmx.min.js is vendored unchanged from the npm package htmx.org.
package static

import "embed"

// Files are served under /static/.
//
//go:embed *.js *.css
var Files embed.FS
