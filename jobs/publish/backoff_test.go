package publish

import (
	"testing"
	"time"
)

func TestBackoffDoublesWithJitterAndHonoursRetryAfter(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 10 * time.Second}
	for _, tt := range []struct {
		attempt    int
		retryAfter time.Duration
		lo, hi     time.Duration
	}{
		{1, 0, 800 * time.Millisecond, 1200 * time.Millisecond},
		{2, 0, 1600 * time.Millisecond, 2400 * time.Millisecond},
		{4, 0, 6400 * time.Millisecond, 9600 * time.Millisecond},
		{9, 0, 8 * time.Second, 12 * time.Second}, // capped at Max, ± jitter
		{1, 30 * time.Second, 30 * time.Second, 30 * time.Second},
	} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := b.Next(tt.attempt, tt.retryAfter)
			if d < tt.lo || d > tt.hi {
				t.Fatalf("attempt %d retry-after %v: %v outside [%v, %v]", tt.attempt, tt.retryAfter, d, tt.lo, tt.hi)
			}
			seen[d] = true
		}
		if tt.retryAfter == 0 && len(seen) < 10 {
			t.Errorf("attempt %d: only %d different waits in 50: no jitter", tt.attempt, len(seen))
		}
	}
}

func TestLimiterSpacesDeliveriesPerChannel(t *testing.T) {
	var l limiter
	now := time.Unix(1000, 0)
	var waits []time.Duration
	for range 4 {
		w, ok := l.reserve(1, 2, now, time.Second) // 2 a second
		if !ok {
			waits = append(waits, -1)
			continue
		}
		waits = append(waits, w)
	}
	want := []time.Duration{0, 500 * time.Millisecond, time.Second, -1}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v (the 4th is beyond the 1 s horizon: snoozed)", waits, want)
		}
	}
	if w, ok := l.reserve(2, 2, now, time.Second); !ok || w != 0 {
		t.Error("another channel waits for the first one's slots")
	}
	if w, ok := l.reserve(3, 0, now, 0); !ok || w != 0 {
		t.Error("no limit still waits")
	}
}
