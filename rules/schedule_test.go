package rules

import (
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	from := time.Date(2026, 11, 27, 9, 7, 0, 0, time.UTC)
	tests := []struct {
		expr string
		next time.Time // zero: invalid
	}{
		{"*/15 * * * *", time.Date(2026, 11, 27, 9, 15, 0, 0, time.UTC)},
		{"0 2 * * *", time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)},
		{"@hourly", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)},
		{"@every 10m", time.Date(2026, 11, 27, 9, 17, 0, 0, time.UTC)},
		{"  */5 * * * *  ", time.Date(2026, 11, 27, 9, 10, 0, 0, time.UTC)},
		{"", time.Time{}},
		{"every day", time.Time{}},
		{"61 * * * *", time.Time{}},
		{"* * * *", time.Time{}},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.expr)
		if tt.next.IsZero() {
			if err == nil || KindOf(err) != Invalid {
				t.Errorf("%q: want an Invalid error, got %v", tt.expr, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.expr, err)
			continue
		}
		if got := s.Next(from); !got.Equal(tt.next) {
			t.Errorf("%q: next after %v is %v, want %v", tt.expr, from, got, tt.next)
		}
	}
}
