package models

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Sync run statuses.
const (
	RunQueued    = "queued"
	RunRunning   = "running"
	RunSucceeded = "succeeded"
	RunFailed    = "failed"
)

// SyncRun is one execution of a pull, import, publish, reconcile or scan, with its counts.
type SyncRun struct {
	ID          int64
	ChannelID   int64
	Kind        string
	Object      string
	Status      string
	StartedBy   string
	Total       int64
	Read        int64
	Created     int64
	Updated     int64
	Unchanged   int64
	Held        int64
	Failed      int64
	Error       string
	Problems    string // JSON list of rows that could not be read (imports)
	CursorFrom  string
	CursorTo    string
	QueuedAt    time.Time
	StartedAt   *time.Time
	FinishedAt  *time.Time
	HeartbeatAt *time.Time
}

// Counts are what one batch of a run did.
type Counts struct {
	Read, Created, Updated, Unchanged, Held, Failed int64
}

// Add sums two counts.
func (c Counts) Add(o Counts) Counts {
	return Counts{c.Read + o.Read, c.Created + o.Created, c.Updated + o.Updated, c.Unchanged + o.Unchanged, c.Held + o.Held, c.Failed + o.Failed}
}

// Counts returns the run's counts.
func (r SyncRun) Counts() Counts {
	return Counts{r.Read, r.Created, r.Updated, r.Unchanged, r.Held, r.Failed}
}

// Progress is the share done, 0–100, or -1 when the total is unknown.
func (r SyncRun) Progress() int {
	if r.Status == RunSucceeded {
		return 100
	}
	if r.Total <= 0 {
		return -1
	}
	return int(min(100, r.Read*100/r.Total))
}

// CreateRun records a queued run.
func CreateRun(db *gorm.DB, r *SyncRun) error {
	if r.Status == "" {
		r.Status = RunQueued
	}
	if r.QueuedAt.IsZero() {
		r.QueuedAt = db.NowFunc()
	}
	if err := db.Create(r).Error; err != nil {
		return fmt.Errorf("record sync run: %w", err)
	}
	return nil
}

// OpenRun returns the unfinished run of a channel's object, or records a new one.
func OpenRun(db *gorm.DB, channelID int64, kind, object, startedBy string) (SyncRun, error) {
	var r SyncRun
	err := db.Where("channel_id = ? AND kind = ? AND object = ? AND status IN ?", channelID, kind, object, []string{RunQueued, RunRunning}).
		Order("id DESC").Take(&r).Error
	if err == nil {
		return r, nil
	}
	if notFound(err) != ErrNotFound {
		return r, err
	}
	r = SyncRun{ChannelID: channelID, Kind: kind, Object: object, StartedBy: startedBy}
	return r, CreateRun(db, &r)
}

// StartRun marks a run as running, with the total it expects (0 when unknown).
func StartRun(db *gorm.DB, id int64, total int64, cursorFrom string) error {
	now := db.NowFunc()
	return db.Model(&SyncRun{}).Where("id = ?", id).Updates(map[string]any{
		"status": RunRunning, "started_at": now, "heartbeat_at": now, "total": total, "cursor_from": cursorFrom,
		"error": "",
	}).Error
}

// AddRunCounts adds a batch's counts to a run; call it in the batch's transaction so the
// counts never disagree with what was stored.
func AddRunCounts(db *gorm.DB, id int64, c Counts) error {
	return db.Model(&SyncRun{}).Where("id = ?", id).Updates(map[string]any{
		"read":         gorm.Expr("read + ?", c.Read),
		"created":      gorm.Expr("created + ?", c.Created),
		"updated":      gorm.Expr("updated + ?", c.Updated),
		"unchanged":    gorm.Expr("unchanged + ?", c.Unchanged),
		"held":         gorm.Expr("held + ?", c.Held),
		"failed":       gorm.Expr("failed + ?", c.Failed),
		"heartbeat_at": db.NowFunc(),
	}).Error
}

// FinishRun records how a run ended.
func FinishRun(db *gorm.DB, id int64, runErr error, cursorTo string) error {
	status, msg := RunSucceeded, ""
	if runErr != nil {
		status, msg = RunFailed, runErr.Error()
	}
	return db.Model(&SyncRun{}).Where("id = ?", id).Updates(map[string]any{
		"status": status, "error": msg, "finished_at": db.NowFunc(), "cursor_to": cursorTo,
	}).Error
}

// SetRunProblems records the rows of an import that could not be read and counts them as
// read and failed.
func SetRunProblems(db *gorm.DB, id int64, problems []string, failed int64) error {
	b, err := json.Marshal(problems)
	if err != nil {
		return err
	}
	return db.Model(&SyncRun{}).Where("id = ?", id).Updates(map[string]any{
		"problems": string(b), "failed": gorm.Expr("failed + ?", failed), "read": gorm.Expr("read + ?", failed),
	}).Error
}

// ProblemList decodes the run's unreadable rows.
func (r SyncRun) ProblemList() []string {
	var out []string
	_ = json.Unmarshal([]byte(r.Problems), &out)
	return out
}

// RunByID finds a run.
func RunByID(db *gorm.DB, id int64) (SyncRun, error) {
	var r SyncRun
	return r, notFound(db.Take(&r, id).Error)
}

// SyncRunView is a run with its channel's name.
type SyncRunView struct {
	SyncRun
	ChannelName string
}

// RunViewByID finds a run with its channel's name.
func RunViewByID(db *gorm.DB, id int64) (SyncRunView, error) {
	var out []SyncRunView
	err := db.Table("sync_runs AS r").Select("r.*, c.name AS channel_name").Joins("JOIN channels c ON c.id = r.channel_id").
		Where("r.id = ?", id).Limit(1).Scan(&out).Error
	if err != nil {
		return SyncRunView{}, err
	}
	if len(out) == 0 {
		return SyncRunView{}, ErrNotFound
	}
	return out[0], nil
}

// RunFilter narrows the list of runs.
type RunFilter struct {
	ChannelID int64
	Status    string
	Before    int64
	Limit     int
}

// ListRuns returns runs newest first.
func ListRuns(db *gorm.DB, f RunFilter) ([]SyncRunView, error) {
	q := db.Table("sync_runs AS r").Select("r.*, c.name AS channel_name").Joins("JOIN channels c ON c.id = r.channel_id")
	if f.ChannelID != 0 {
		q = q.Where("r.channel_id = ?", f.ChannelID)
	}
	if f.Status != "" {
		q = q.Where("r.status = ?", f.Status)
	}
	if f.Before > 0 {
		q = q.Where("r.id < ?", f.Before)
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = PageSize
	}
	var out []SyncRunView
	return out, q.Order("r.id DESC").Limit(f.Limit).Scan(&out).Error
}

// Cursor storage: where each channel's pull of an object resumes.

type syncCursor struct {
	ChannelID int64
	Object    string
	Cursor    string
	UpdatedAt time.Time
}

func (syncCursor) TableName() string { return "sync_cursors" }

// LoadCursor returns the stored cursor of a channel's object, "" before the first pull.
func LoadCursor(db *gorm.DB, channelID int64, object string) (string, error) {
	var c syncCursor
	err := db.Where("channel_id = ? AND object = ?", channelID, object).Take(&c).Error
	if err = notFound(err); err == ErrNotFound {
		return "", nil
	}
	return c.Cursor, err
}

// SaveCursor stores the cursor; call it in the transaction that applied the records it
// covers, so a crash never moves the cursor past records that were not stored.
func SaveCursor(db *gorm.DB, channelID int64, object, cursor string) error {
	res := db.Model(&syncCursor{}).Where("channel_id = ? AND object = ?", channelID, object).
		Updates(map[string]any{"cursor": cursor, "updated_at": db.NowFunc()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected > 0 {
		return nil
	}
	return db.Create(&syncCursor{ChannelID: channelID, Object: object, Cursor: cursor, UpdatedAt: db.NowFunc()}).Error
}
