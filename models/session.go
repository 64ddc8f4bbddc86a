package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. ID is the SHA-256 of the cookie value, so a copy of the
// database does not hand out live sessions.
type Session struct {
	ID         string
	UserID     int64
	CSRFToken  string `gorm:"column:csrf_token"`
	IP         string `gorm:"column:ip"`
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// CreateSession stores a new session.
func CreateSession(db *gorm.DB, s *Session) error {
	if err := db.Create(s).Error; err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// ActiveSession finds a live session with its active user.
func ActiveSession(db *gorm.DB, id string, now time.Time) (Session, User, error) {
	var s Session
	if err := db.Where("id = ? AND expires_at > ?", id, now).Take(&s).Error; err != nil {
		return s, User{}, notFound(err)
	}
	u, err := UserByID(db, s.UserID)
	if err != nil {
		return s, u, err
	}
	if !u.Active {
		return s, u, ErrNotFound
	}
	return s, u, nil
}

// ExtendSession slides a session's expiry; called at most once a minute per session.
func ExtendSession(db *gorm.DB, id string, seen, expires time.Time) error {
	return db.Model(&Session{}).Where("id = ?", id).
		Updates(map[string]any{"last_seen_at": seen, "expires_at": expires}).Error
}

// DeleteSession ends one session.
func DeleteSession(db *gorm.DB, id string) error {
	return db.Where("id = ?", id).Delete(&Session{}).Error
}

// DeleteUserSessions signs a user out everywhere (on deactivation).
func DeleteUserSessions(db *gorm.DB, userID int64) error {
	return db.Where("user_id = ?", userID).Delete(&Session{}).Error
}

// DeleteExpiredSessions removes sessions past their expiry.
func DeleteExpiredSessions(db *gorm.DB, now time.Time) (int64, error) {
	res := db.Where("expires_at <= ?", now).Delete(&Session{})
	return res.RowsAffected, res.Error
}

// LoginFailure is one failed sign-in, kept for throttling.
type LoginFailure struct {
	ID    int64
	Email string
	IP    string `gorm:"column:ip"`
	At    time.Time
}

// RecordLoginFailure notes a failed sign-in for an email from an address.
func RecordLoginFailure(db *gorm.DB, email, ip string, at time.Time) error {
	return db.Create(&LoginFailure{Email: email, IP: ip, At: at}).Error
}

// LoginFailuresSince counts recent failures for the email and for the address, and the
// time of the oldest failure counted for each (when the window will start to clear).
func LoginFailuresSince(db *gorm.DB, email, ip string, since time.Time) (byEmail, byIP int64, err error) {
	if err = db.Model(&LoginFailure{}).Where("email = ? AND at > ?", email, since).Count(&byEmail).Error; err != nil {
		return
	}
	err = db.Model(&LoginFailure{}).Where("ip = ? AND at > ?", ip, since).Count(&byIP).Error
	return
}

// ClearLoginFailures forgets an account's failures after it signs in.
func ClearLoginFailures(db *gorm.DB, email string) error {
	return db.Where("email = ?", email).Delete(&LoginFailure{}).Error
}
