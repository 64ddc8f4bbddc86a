package rules

import (
	"strings"

	"github.com/robfig/cron/v3"
)

// ParseSchedule reads a standard five-field cron expression ("*/15 * * * *") or a
// descriptor ("@hourly", "@every 10m"), with a message a person can act on when it is wrong.
func ParseSchedule(expr string) (cron.Schedule, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, Errorf(Invalid, "Enter a schedule, such as */15 * * * * (every 15 minutes) or @hourly.")
	}
	s, err := cron.ParseStandard(expr)
	if err != nil {
		return nil, Errorf(Invalid, "%q is not a schedule: use five fields (minute hour day month weekday) such as */15 * * * *, or @hourly, @daily, @every 10m.", expr)
	}
	return s, nil
}
