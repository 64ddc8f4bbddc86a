package models

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EDI control-number counters: each must never repeat for a trading partner.
const (
	EDICounterInterchange = "interchange" // ISA13
	EDICounterGroup       = "group"       // GS06
	EDICounterTransaction = "transaction" // ST02
)

// EDI transaction statuses, from the 997 acknowledgement.
const (
	EDIWriting            = "writing"  // numbered and recorded; the file is being written
	EDINotSent            = "not_sent" // the file could not be written; the numbers stay used
	EDISent               = "sent"
	EDIAccepted           = "accepted"
	EDIAcceptedWithErrors = "accepted_with_errors"
	EDIRejected           = "rejected"
)

// EDIControlMax is the largest ISA13 (nine digits); X12 leaves no room past it.
const EDIControlMax = 999999999

// NextEDIControlNumbers hands out n consecutive numbers of a counter for a channel and
// returns the first. Call it inside the transaction that records what was sent: the
// counter row stays locked until commit, so concurrent publishers queue instead of reusing a
// number, and a rolled-back send gives its numbers back only together with its rows.
func NextEDIControlNumbers(tx *gorm.DB, channelID int64, counter string, n int) (int64, error) {
	if n < 1 {
		return 0, fmt.Errorf("edi control numbers: asked for %d", n)
	}
	row := map[string]any{"channel_id": channelID, "counter": counter, "last_value": 0}
	if err := tx.Table("edi_control_numbers").Clauses(clause.OnConflict{DoNothing: true}).Create(row).Error; err != nil {
		return 0, fmt.Errorf("edi %s counter: %w", counter, err)
	}
	var last int64
	err := tx.Raw("UPDATE edi_control_numbers SET last_value = last_value + ? WHERE channel_id = ? AND counter = ? RETURNING last_value",
		n, channelID, counter).Scan(&last).Error
	if err != nil {
		return 0, fmt.Errorf("edi %s counter: %w", counter, err)
	}
	if last > EDIControlMax {
		return 0, fmt.Errorf("edi %s counter of channel %d is past %d", counter, channelID, EDIControlMax)
	}
	return last - int64(n) + 1, nil
}

// EDITransaction is one X12 transaction set sent to a trading partner.
type EDITransaction struct {
	ID                 int64
	ChannelID          int64
	InterchangeControl int64
	GroupControl       int64
	TransactionControl int64
	SetCode            string
	FileName           string
	PublicationIDs     string // JSON array
	Status             string
	AckNote            string
	AckFile            string
	SentAt             time.Time
	AckedAt            *time.Time
}

// TableName keeps GORM from pluralising the initialism oddly.
func (EDITransaction) TableName() string { return "edi_transactions" }

// Publications decodes the publication ids the transaction carries.
func (t EDITransaction) Publications() []int64 {
	var ids []int64
	_ = json.Unmarshal([]byte(t.PublicationIDs), &ids)
	return ids
}

// CreateEDITransactions records sent transaction sets.
func CreateEDITransactions(tx *gorm.DB, ts []EDITransaction) error {
	if len(ts) == 0 {
		return nil
	}
	if err := tx.Create(&ts).Error; err != nil {
		return fmt.Errorf("record edi transactions: %w", err)
	}
	return nil
}

// EDITransactionsOfGroup lists what was sent under one GS06 to a partner.
func EDITransactionsOfGroup(db *gorm.DB, channelID, groupControl int64) ([]EDITransaction, error) {
	var ts []EDITransaction
	err := db.Where("channel_id = ? AND group_control = ?", channelID, groupControl).Order("transaction_control").Find(&ts).Error
	return ts, err
}

// SetEDITransactionsStatus records how writing the file of some sets ended.
func SetEDITransactionsStatus(db *gorm.DB, ids []int64, status string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := db.Model(&EDITransaction{}).Where("id IN ?", ids).Update("status", status).Error; err != nil {
		return fmt.Errorf("edi transactions %v: %w", ids, err)
	}
	return nil
}

// AckEDITransaction stores what a 997 said about one transaction set.
func AckEDITransaction(db *gorm.DB, id int64, status, note, file string, at time.Time) error {
	err := db.Model(&EDITransaction{}).Where("id = ?", id).
		Updates(map[string]any{"status": status, "ack_note": note, "ack_file": file, "acked_at": at}).Error
	if err != nil {
		return fmt.Errorf("acknowledge edi transaction %d: %w", id, err)
	}
	return nil
}
