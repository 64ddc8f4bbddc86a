package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Upload is a file a person uploaded for import, kept until its import job has read it.
type Upload struct {
	ID         int64
	ChannelID  int64
	Object     string
	Filename   string
	Content    []byte
	UploadedBy string
	CreatedAt  time.Time
}

// CreateUpload stores an uploaded file.
func CreateUpload(db *gorm.DB, u *Upload) error {
	if err := db.Create(u).Error; err != nil {
		return fmt.Errorf("store upload %s: %w", u.Filename, err)
	}
	return nil
}

// UploadByID loads an uploaded file.
func UploadByID(db *gorm.DB, id int64) (Upload, error) {
	var u Upload
	return u, notFound(db.Take(&u, id).Error)
}

// DeleteUpload removes a file once imported.
func DeleteUpload(db *gorm.DB, id int64) error {
	return db.Delete(&Upload{}, id).Error
}

// SourceChannel finds the channel of a named file source, creating it on first use: a CSV
// file is a source like any other, with its own external references.
func SourceChannel(db *gorm.DB, name, kind string) (Channel, error) {
	ch, err := ChannelByName(db, name)
	if err == nil {
		return ch, nil
	}
	if err != ErrNotFound {
		return ch, err
	}
	ch = Channel{Name: name, Kind: kind, Direction: DirectionSource, Active: true}
	if err := CreateChannel(db, &ch); err != nil {
		return ch, err
	}
	return ch, nil
}
