package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"steward/jobs/publish"
	"steward/models"
	"steward/rules"
)

// loadSchedules replaces the periodic jobs with the enabled schedules of active channels.
// River enqueues periodic jobs on the elected leader only, so N instances run each once.
func (r *Runner) loadSchedules() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now().UTC()
	schedules, err := models.ListSchedules(r.cfg.DB, 0)
	if err != nil {
		return fmt.Errorf("load schedules: %w", err)
	}
	chans, err := models.ListChannels(r.cfg.DB)
	if err != nil {
		return fmt.Errorf("load channels: %w", err)
	}
	active := map[int64]bool{}
	for _, ch := range chans {
		active[ch.ID] = ch.Active
	}
	// The inbox's fold runs whatever the channels' schedules.
	periodic := []*river.PeriodicJob{compactJob(), publish.SweepJob(), priceApplyJob()}
	for _, s := range schedules {
		if !s.Enabled || !active[s.ChannelID] {
			continue
		}
		sched, err := rules.ParseSchedule(s.Cron)
		if err != nil {
			r.cfg.Log.Warn("schedule skipped", "channel_id", s.ChannelID, "object", s.Object, "err", err)
			continue
		}
		args := PullArgs{ChannelID: s.ChannelID, Object: s.Object}
		periodic = append(periodic, river.NewPeriodicJob(sched, func() (river.JobArgs, *river.InsertOpts) {
			return args, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
		}, &river.PeriodicJobOpts{ID: fmt.Sprintf("pull-%d-%s", s.ChannelID, s.Object)}))
	}
	scans, err := r.scanSchedules()
	if err != nil {
		return err
	}
	periodic = append(periodic, scans...)
	periodic = append(periodic, r.reconcileJobs(chans)...)
	periodic = append(periodic, pruneDeliveriesJob(), ediSettleJob())
	bundle := r.client.PeriodicJobs()
	bundle.Clear()
	bundle.AddMany(periodic)
	r.loadedAt = now
	return nil
}

// watchSchedules picks up schedule changes made on any instance.
func (r *Runner) watchSchedules(ctx context.Context) {
	defer close(r.watchDone)
	t := time.NewTicker(r.cfg.ScheduleCheck)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		r.mu.Lock()
		since := r.loadedAt
		r.mu.Unlock()
		changed, err := models.SchedulesChangedSince(r.cfg.DB, since.Add(-time.Second))
		if err == nil && !changed {
			changed, err = models.MatchSettingsChangedSince(r.cfg.DB, since.Add(-time.Second))
		}
		if err != nil {
			r.cfg.Log.Warn("check schedules", "err", err)
			continue
		}
		if changed {
			if err := r.loadSchedules(); err != nil {
				r.cfg.Log.Warn("reload schedules", "err", err)
			}
		}
	}
}

// ReloadSchedules applies schedule changes at once on this instance.
func (r *Runner) ReloadSchedules() error {
	if r.cfg.InsertOnly {
		return nil
	}
	return r.loadSchedules()
}
