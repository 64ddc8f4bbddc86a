package models

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// WebhookDelivery is a channel's webhook delivery that Steward has taken in, kept so that a
// redelivery of the same id is dropped.
type WebhookDelivery struct {
	ID         int64
	ChannelID  int64
	DeliveryID string
	Topic      string
	Records    int
	ReceivedAt time.Time
}

// DeliverySeen tells whether a channel's delivery id was taken in before.
func DeliverySeen(db *gorm.DB, channelID int64, deliveryID string) (bool, error) {
	var n int64
	err := db.Model(&WebhookDelivery{}).Where("channel_id = ? AND delivery_id = ?", channelID, deliveryID).Limit(1).Count(&n).Error
	return n > 0, err
}

// RecordDelivery notes a delivery in the transaction that stores its records; it reports
// false, storing nothing, when the id was taken in meanwhile (the caller rolls back).
func RecordDelivery(tx *gorm.DB, d *WebhookDelivery) (bool, error) {
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(d)
	return res.RowsAffected == 1, res.Error
}

// PruneDeliveries forgets deliveries received before cutoff, a batch at a time, and says
// how many it removed. Shops give up redelivering within days, so old ids drop nothing.
func PruneDeliveries(db *gorm.DB, cutoff time.Time, batch int) (int64, error) {
	var total int64
	for {
		sub := db.Model(&WebhookDelivery{}).Select("id").Where("received_at < ?", cutoff).Order("id").Limit(batch)
		res := db.Where("id IN (?)", sub).Delete(&WebhookDelivery{})
		if res.Error != nil {
			return total, res.Error
		}
		total += res.RowsAffected
		if res.RowsAffected < int64(batch) {
			return total, nil
		}
	}
}
