package models

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// User is a person who signs in to Steward. Roles live in the access policy, not here.
type User struct {
	ID           int64
	Email        string
	Name         string
	PasswordHash string `json:"-"`
	Active       bool
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

// CreateUser stores a new user; an email already in use (any case) is ErrDuplicate.
func CreateUser(db *gorm.DB, u *User) error {
	u.Email = strings.TrimSpace(u.Email)
	u.Version = 1
	if err := db.Create(u).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("user %s: %w", u.Email, ErrDuplicate)
		}
		return fmt.Errorf("create user %s: %w", u.Email, err)
	}
	return nil
}

// UserByEmail finds a user by email, ignoring case.
func UserByEmail(db *gorm.DB, email string) (User, error) {
	var u User
	err := db.Where("lower(email) = ?", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error
	return u, notFound(err)
}

// UserByID finds a user by id.
func UserByID(db *gorm.DB, id int64) (User, error) {
	var u User
	err := db.Take(&u, id).Error
	return u, notFound(err)
}

// ListUsers returns every user, by email.
func ListUsers(db *gorm.DB) ([]User, error) {
	var us []User
	err := db.Order("lower(email)").Find(&us).Error
	return us, err
}

// SaveUser writes the user's changeable fields if nobody changed it since it was read.
func SaveUser(db *gorm.DB, u *User) error {
	res := db.Model(&User{}).Where("id = ? AND version = ?", u.ID, u.Version).Updates(map[string]any{
		"name":          u.Name,
		"active":        u.Active,
		"password_hash": u.PasswordHash,
		"version":       u.Version + 1,
		"updated_at":    db.NowFunc(),
	})
	if res.Error != nil {
		return fmt.Errorf("save user %d: %w", u.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	u.Version++
	return nil
}

// TouchLogin records a successful sign-in.
func TouchLogin(db *gorm.DB, id int64, at time.Time) error {
	return db.Model(&User{}).Where("id = ?", id).UpdateColumn("last_login_at", at).Error
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// Display is the name to show for a user: the name, or the email when there is none.
func (u User) Display() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}
