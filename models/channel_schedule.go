package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Objects a channel syncs.
const (
	SyncProducts  = "products"
	SyncCustomers = "customers"
	SyncPrices    = "prices"
	SyncStock     = "stock"
)

// SyncObjects lists them in the order a full sync runs them: customers and products before
// the prices and stock that refer to them.
var SyncObjects = []string{SyncCustomers, SyncProducts, SyncPrices, SyncStock}

// ChannelSchedule is when a channel's object is pulled: a standard five-field cron expression.
type ChannelSchedule struct {
	ID        int64
	ChannelID int64
	Object    string
	Cron      string
	Enabled   bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// ListSchedules returns every schedule, optionally of one channel (0 = all).
func ListSchedules(db *gorm.DB, channelID int64) ([]ChannelSchedule, error) {
	q := db.Order("channel_id, id")
	if channelID != 0 {
		q = q.Where("channel_id = ?", channelID)
	}
	var out []ChannelSchedule
	return out, q.Find(&out).Error
}

// ScheduleByID finds a schedule.
func ScheduleByID(db *gorm.DB, id int64) (ChannelSchedule, error) {
	var s ChannelSchedule
	return s, notFound(db.Take(&s, id).Error)
}

// SaveSchedule creates or updates a channel's schedule for an object, with optimistic
// locking on update (Version as read).
func SaveSchedule(db *gorm.DB, s *ChannelSchedule) error {
	if s.ID == 0 {
		s.Version = 1
		if err := db.Create(s).Error; err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("schedule for %s: %w", s.Object, ErrDuplicate)
			}
			return err
		}
		return nil
	}
	res := db.Model(&ChannelSchedule{}).Where("id = ? AND version = ?", s.ID, s.Version).Updates(map[string]any{
		"cron": s.Cron, "enabled": s.Enabled, "version": s.Version + 1, "updated_at": db.NowFunc(),
	})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	s.Version++
	return nil
}

// SchedulesChangedSince tells whether any schedule changed after t, so that every instance
// can pick up an admin's change without restarting.
func SchedulesChangedSince(db *gorm.DB, t time.Time) (bool, error) {
	var n int64
	err := db.Model(&ChannelSchedule{}).Where("updated_at > ?", t).Count(&n).Error
	return n > 0, err
}

// ChannelByName finds a channel by its name.
func ChannelByName(db *gorm.DB, name string) (Channel, error) {
	var c Channel
	return c, notFound(db.Where("name = ?", name).Take(&c).Error)
}

// ChannelByID finds a channel.
func ChannelByID(db *gorm.DB, id int64) (Channel, error) {
	var c Channel
	return c, notFound(db.Take(&c, id).Error)
}

// SaveChannel writes a channel's changeable fields if nobody changed it since it was read.
func SaveChannel(db *gorm.DB, c *Channel) error {
	res := db.Model(&Channel{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
		"base_url": c.BaseURL, "settings": c.Settings, "active": c.Active, "public": c.Public,
		"version": c.Version + 1, "updated_at": db.NowFunc(),
	})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	c.Version++
	return nil
}
