package jobs

import (
	"fmt"

	"github.com/riverqueue/river"

	"steward/models"
	"steward/rules"
)

// scanSchedules are the periodic duplicate scans admins set under /admin/matching, one per
// domain with a schedule. Like pulls, River enqueues them on the elected leader only.
func (r *Runner) scanSchedules() ([]*river.PeriodicJob, error) {
	settings, err := models.ListMatchSettings(r.cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("load scan schedules: %w", err)
	}
	var out []*river.PeriodicJob
	for _, s := range settings {
		if s.ScanCron == "" {
			continue
		}
		sched, err := rules.ParseSchedule(s.ScanCron)
		if err != nil {
			r.cfg.Log.Warn("scan schedule skipped", "domain", s.Domain, "err", err)
			continue
		}
		args := ScanArgs{Domain: s.Domain}
		out = append(out, river.NewPeriodicJob(sched, func() (river.JobArgs, *river.InsertOpts) {
			return args, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
		}, &river.PeriodicJobOpts{ID: "scan-" + s.Domain}))
	}
	return out, nil
}
