package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ChannelMapping is an admin's field map and value maps for one channel and object type,
// stored as channelmap.Mapping JSON (models does not know the rules' types).
type ChannelMapping struct {
	ID         int64
	ChannelID  int64
	ObjectType string
	Mapping    string
	UpdatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// ChannelMappingsFor maps a channel's object types to their stored mappings.
func ChannelMappingsFor(db *gorm.DB, channelID int64) (map[string]ChannelMapping, error) {
	var ms []ChannelMapping
	if err := db.Where("channel_id = ?", channelID).Find(&ms).Error; err != nil {
		return nil, err
	}
	out := map[string]ChannelMapping{}
	for _, m := range ms {
		out[m.ObjectType] = m
	}
	return out, nil
}

// SaveChannelMapping stores a mapping if version is the one the editor read (0 for a new
// one), and audits the change; another admin's save in between is ErrStale.
func SaveChannelMapping(tx *gorm.DB, who Actor, channelID int64, objectType, mapping string, version int) error {
	cur, err := ChannelMappingsFor(tx, channelID)
	if err != nil {
		return err
	}
	old, exists := cur[objectType]
	if old.Version != version {
		return fmt.Errorf("mapping of %s: %w", objectType, ErrStale)
	}
	if !exists {
		m := ChannelMapping{ChannelID: channelID, ObjectType: objectType, Mapping: mapping, UpdatedBy: who.Name, Version: 1}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
	} else {
		res := tx.Model(&ChannelMapping{}).Where("id = ? AND version = ?", old.ID, version).
			Updates(map[string]any{"mapping": mapping, "updated_by": who.Name, "updated_at": tx.NowFunc(), "version": version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("mapping of %s: %w", objectType, ErrStale)
		}
	}
	return Audit(tx, who, Change{Action: "channel.mapping", ObjectType: ObjectChannel, ObjectID: channelID,
		Before: map[string]any{"object": objectType, "mapping": old.Mapping}, After: map[string]any{"object": objectType, "mapping": mapping}})
}
