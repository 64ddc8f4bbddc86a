package publish

import (
	"math/rand/v2"
	"time"
)

// Backoff is the wait before attempt n+1 after n failed attempts: doubling from Base up to
// Max, with ±20 % jitter so that a channel back from an outage is not hit by every retry in
// the same second; never shorter than what the channel asked for (Retry-After).
type Backoff struct {
	Base time.Duration
	Max  time.Duration
}

// DefaultBackoff waits 5 s, 10 s, 20 s … up to 30 minutes.
var DefaultBackoff = Backoff{Base: 5 * time.Second, Max: 30 * time.Minute}

// Next is the wait after the n-th failed attempt (n ≥ 1).
func (b Backoff) Next(n int, retryAfter time.Duration) time.Duration {
	d := b.Base
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return max(d, retryAfter)
}
