package models

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PublicationSettings are a channel's publishing switches: paused while the channel is
// being repaired, and a rate limit the channel's API can bear.
type PublicationSettings struct {
	ChannelID     int64 `gorm:"primaryKey;autoIncrement:false"`
	Paused        bool
	PausedReason  string
	RatePerSecond float64 // 0: as fast as the workers go
	UpdatedBy     string
	UpdatedAt     time.Time
	Version       int
}

// PublicationSettingsFor returns a channel's settings; a channel never configured is
// running without a limit.
func PublicationSettingsFor(db *gorm.DB, channelID int64) (PublicationSettings, error) {
	var ss []PublicationSettings
	if err := db.Where("channel_id = ?", channelID).Limit(1).Find(&ss).Error; err != nil {
		return PublicationSettings{}, err
	}
	if len(ss) == 0 {
		return PublicationSettings{ChannelID: channelID}, nil
	}
	return ss[0], nil
}

// AllPublicationSettings maps channel ids to their settings.
func AllPublicationSettings(db *gorm.DB) (map[int64]PublicationSettings, error) {
	var ss []PublicationSettings
	if err := db.Find(&ss).Error; err != nil {
		return nil, err
	}
	out := map[int64]PublicationSettings{}
	for _, s := range ss {
		out[s.ChannelID] = s
	}
	return out, nil
}

// SavePublicationSettings stores a channel's settings and audits the change.
func SavePublicationSettings(tx *gorm.DB, who Actor, s PublicationSettings) error {
	before, err := PublicationSettingsFor(tx, s.ChannelID)
	if err != nil {
		return err
	}
	s.UpdatedBy, s.UpdatedAt, s.Version = who.Name, tx.NowFunc(), before.Version+1
	err = tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "channel_id"}}, UpdateAll: true}).Create(&s).Error
	if err != nil {
		return err
	}
	action := "publications.settings"
	switch {
	case s.Paused && !before.Paused:
		action = "publications.pause"
	case !s.Paused && before.Paused:
		action = "publications.resume"
	}
	return Audit(tx, who, Change{Action: action, ObjectType: ObjectChannel, ObjectID: s.ChannelID,
		Before: map[string]any{"paused": before.Paused, "rate_per_second": before.RatePerSecond},
		After:  map[string]any{"paused": s.Paused, "rate_per_second": s.RatePerSecond}, Reason: s.PausedReason})
}
