package demo

import (
	"math/rand/v2"
	"time"
)

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chance is true with probability pct percent.
func chance(r *rand.Rand, pct int) bool { return r.IntN(100) < pct }

// between is a time uniformly between two offsets before now, to the second.
func between(r *rand.Rand, now time.Time, from, to time.Duration) time.Time {
	span := int64(from - to)
	if span <= 0 {
		return now.Add(-to)
	}
	return now.Add(-to - time.Duration(r.Int64N(span))).Truncate(time.Second)
}

const day = 24 * time.Hour
