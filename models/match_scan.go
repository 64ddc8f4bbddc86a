package models

import (
	"errors"

	"gorm.io/gorm"
)

// ChannelSteward is the kind of the channel that stands for Steward itself: duplicate scans
// are recorded as its sync runs, so /sync shows them with every other run.
const ChannelSteward = "steward"

// ScanChannelName is the name the Steward channel is created with.
const ScanChannelName = "Steward"

// ScanRunKind is the sync run kind of a duplicate scan; its object is the domain.
const ScanRunKind = "scan"

// ScanChannel returns the channel duplicate scans are recorded under, creating it the first
// time. It pulls nothing and publishes nothing.
func ScanChannel(db *gorm.DB) (Channel, error) {
	var ch Channel
	err := notFound(db.Where("kind = ?", ChannelSteward).Order("id").Take(&ch).Error)
	if !errors.Is(err, ErrNotFound) {
		return ch, err
	}
	ch = Channel{Name: ScanChannelName, Kind: ChannelSteward, Direction: DirectionSource, Active: true}
	if err := CreateChannel(db, &ch); err != nil {
		if !errors.Is(err, ErrDuplicate) {
			return ch, err
		}
		// Another instance created it meanwhile, or a person named a channel "Steward".
		var again Channel
		if err := notFound(db.Where("kind = ?", ChannelSteward).Order("id").Take(&again).Error); err == nil {
			return again, nil
		}
		ch = Channel{Name: ScanChannelName + " (matching)", Kind: ChannelSteward, Direction: DirectionSource, Active: true}
		return ch, CreateChannel(db, &ch)
	}
	return ch, nil
}

// LastScanRun returns the newest duplicate scan of a domain (ErrNotFound before the first).
func LastScanRun(db *gorm.DB, domain string) (SyncRun, error) {
	var r SyncRun
	err := db.Where("kind = ? AND object = ?", ScanRunKind, domain).Order("id DESC").Take(&r).Error
	return r, notFound(err)
}
