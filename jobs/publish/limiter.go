package publish

import (
	"sync"
	"time"
)

// limiter spaces one channel's deliveries at its configured rate, across this instance's
// workers. (Several instances each keep their own: the limit is per instance.)
type limiter struct {
	mu   sync.Mutex
	next map[int64]time.Time
}

// reserve takes the channel's next slot if it comes within maxWait and reports how long to
// wait for it; ok is false (nothing taken) when the slot is further away.
func (l *limiter) reserve(channelID int64, perSecond float64, now time.Time, maxWait time.Duration) (time.Duration, bool) {
	if perSecond <= 0 {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next == nil {
		l.next = map[int64]time.Time{}
	}
	slot := l.next[channelID]
	if slot.Before(now) {
		slot = now
	}
	wait := slot.Sub(now)
	if wait > maxWait {
		return wait, false
	}
	l.next[channelID] = slot.Add(time.Duration(float64(time.Second) / perSecond))
	return wait, true
}
