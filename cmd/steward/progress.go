package main

import (
	"io"

	"github.com/schollz/progressbar/v3"

	"steward/jobs"
)

// progressBar draws a bar on stderr; with an unknown total it counts instead.
func progressBar(w io.Writer, what string, total int64) (jobs.Progress, func()) {
	max := total
	if max <= 0 {
		max = -1
	}
	bar := progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	update := func(done, total int64) {
		if total > 0 && bar.GetMax64() != total {
			bar.ChangeMax64(total)
		}
		bar.Set64(done)
	}
	return update, func() { bar.Finish() }
}
