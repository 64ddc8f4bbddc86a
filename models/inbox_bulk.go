package models

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Bulk decisions.
const (
	BulkApprove = "approve"
	BulkReject  = "reject"
)

// maxBulkProblems bounds what a bulk run keeps of the items it could not decide; the count
// stays exact.
const maxBulkProblems = 50

// BulkRun is a decision on every item of an inbox filter, worked by a background job. Its
// counts move with each chunk of items, in the chunk's transaction, so the progress shown
// is what is stored, and a resumed run continues after LastItemID.
type BulkRun struct {
	ID          int64
	Action      string
	Reason      string
	Filter      string // InboxFilter as JSON
	MaxItemID   int64
	LastItemID  int64
	Status      string // RunQueued, RunRunning, RunSucceeded, RunFailed
	StartedBy   string
	StartedByID *int64
	Total       int64
	Decided     int64
	Skipped     int64
	Failed      int64
	Problems    string
	Error       string
	QueuedAt    time.Time
	StartedAt   *time.Time
	FinishedAt  *time.Time
}

// TableName names the table of bulk runs.
func (BulkRun) TableName() string { return "inbox_bulk_runs" }

// Done is how many items the run has dealt with, whatever became of them.
func (r BulkRun) Done() int64 { return r.Decided + r.Skipped + r.Failed }

// Progress is the share done, 0–100.
func (r BulkRun) Progress() int {
	if r.Status == RunSucceeded || r.Total <= 0 {
		return 100
	}
	return int(min(100, r.Done()*100/r.Total))
}

// Finished tells whether the run has ended, well or not.
func (r BulkRun) Finished() bool { return r.Status == RunSucceeded || r.Status == RunFailed }

// InboxFilter decodes the filter the run works through.
func (r BulkRun) InboxFilter() (InboxFilter, error) {
	var f InboxFilter
	if err := json.Unmarshal([]byte(r.Filter), &f); err != nil {
		return f, fmt.Errorf("bulk run %d filter: %w", r.ID, err)
	}
	f.MaxID = r.MaxItemID
	return f, nil
}

// ProblemList decodes the items the run could not decide, with why.
func (r BulkRun) ProblemList() []string {
	var out []string
	_ = json.Unmarshal([]byte(r.Problems), &out)
	return out
}

// CreateBulkRun records a queued bulk decision over a filter.
func CreateBulkRun(tx *gorm.DB, r *BulkRun, f InboxFilter) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	r.Filter, r.MaxItemID, r.Status, r.QueuedAt = string(b), f.MaxID, RunQueued, tx.NowFunc()
	if err := tx.Create(r).Error; err != nil {
		return fmt.Errorf("record bulk run: %w", err)
	}
	return nil
}

// BulkRunByID finds a bulk run.
func BulkRunByID(db *gorm.DB, id int64) (BulkRun, error) {
	var r BulkRun
	return r, notFound(db.Take(&r, id).Error)
}

// StartBulkRun marks a run as running; a resumed run keeps its counts.
func StartBulkRun(db *gorm.DB, id int64) error {
	return db.Model(&BulkRun{}).Where("id = ?", id).Updates(map[string]any{
		"status": RunRunning, "started_at": db.NowFunc(), "error": "",
	}).Error
}

// BulkTally is what became of a chunk of a bulk run's items.
type BulkTally struct {
	Decided, Skipped, Failed int64
	Problems                 []string
}

// Add sums two tallies, keeping the first problems.
func (t BulkTally) Add(o BulkTally) BulkTally {
	t.Decided, t.Skipped, t.Failed = t.Decided+o.Decided, t.Skipped+o.Skipped, t.Failed+o.Failed
	t.Problems = append(t.Problems, o.Problems...)
	return t
}

// AdvanceBulkRun adds a chunk's tally and moves the point a resumed run continues from.
// Call it in the chunk's transaction, so the counts never disagree with the decisions.
func AdvanceBulkRun(tx *gorm.DB, id, lastItemID int64, t BulkTally) error {
	upd := map[string]any{
		"last_item_id": lastItemID,
		"decided":      gorm.Expr("decided + ?", t.Decided),
		"skipped":      gorm.Expr("skipped + ?", t.Skipped),
		"failed":       gorm.Expr("failed + ?", t.Failed),
	}
	if len(t.Problems) > 0 {
		r, err := BulkRunByID(tx, id)
		if err != nil {
			return err
		}
		ps := append(r.ProblemList(), t.Problems...)
		b, _ := json.Marshal(ps[:min(len(ps), maxBulkProblems)])
		upd["problems"] = string(b)
	}
	return tx.Model(&BulkRun{}).Where("id = ?", id).Updates(upd).Error
}

// FinishBulkRun records how a run ended.
func FinishBulkRun(db *gorm.DB, id int64, runErr error) error {
	status, msg := RunSucceeded, ""
	if runErr != nil {
		status, msg = RunFailed, runErr.Error()
	}
	return db.Model(&BulkRun{}).Where("id = ?", id).Updates(map[string]any{
		"status": status, "error": msg, "finished_at": db.NowFunc(),
	}).Error
}
