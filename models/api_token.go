package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// API token scopes: what a token may send.
const (
	ScopeIncomingCustomers = "incoming:customers"
	ScopeIncomingProducts  = "incoming:products"
)

// TokenScopes lists every scope in the order the token form shows them.
var TokenScopes = []string{ScopeIncomingCustomers, ScopeIncomingProducts}

// APIToken lets a portal or CRM send records to the JSON API. Only the SHA-256 of the token
// is stored; the token itself is shown once, when it is created.
type APIToken struct {
	ID          int64
	Name        string
	ChannelID   int64
	TokenHash   string
	Prefix      string
	Scopes      string
	CreatedBy   string
	CreatedByID *int64
	CreatedAt   time.Time
	LastUsedAt  *time.Time
	RevokedAt   *time.Time
	RevokedBy   string
}

// APITokenView is a token with its channel's name, for the list.
type APITokenView struct {
	APIToken
	ChannelName string
}

// tokenPrefix marks Steward's tokens, so a leaked one is recognised by secret scanners.
const tokenPrefix = "stw_"

// NewTokenSecret makes a fresh random token.
func NewTokenSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a token: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken is how a token is stored and looked up. A plain SHA-256 suffices: tokens are
// 256 random bits, so there is nothing to guess that a slow hash would protect.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// HasScope tells whether the token carries a scope.
func (t APIToken) HasScope(scope string) bool {
	for _, s := range strings.Fields(t.Scopes) {
		if s == scope {
			return true
		}
	}
	return false
}

// CreateAPIToken stores a token for secret (which is not kept).
func CreateAPIToken(db *gorm.DB, t *APIToken, secret string) error {
	t.TokenHash = HashToken(secret)
	t.Prefix = secret[:min(len(secret), len(tokenPrefix)+6)]
	if err := db.Create(t).Error; err != nil {
		return fmt.Errorf("create API token %s: %w", t.Name, err)
	}
	return nil
}

// APITokenBySecret finds the token a caller presented, revoked or not.
func APITokenBySecret(db *gorm.DB, secret string) (APIToken, error) {
	var t APIToken
	return t, notFound(db.Where("token_hash = ?", HashToken(secret)).Take(&t).Error)
}

// APITokenByID finds a token.
func APITokenByID(db *gorm.DB, id int64) (APIToken, error) {
	var t APIToken
	return t, notFound(db.Take(&t, id).Error)
}

// TouchAPIToken records that a token was used. At most once a minute per token, so a busy
// integration does not turn every call into a write on the same row.
func TouchAPIToken(db *gorm.DB, t APIToken, now time.Time) error {
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < time.Minute {
		return nil
	}
	return db.Model(&APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now).Error
}

// RevokeAPIToken switches a token off for good; ErrStale if it was revoked already.
func RevokeAPIToken(db *gorm.DB, id int64, by string, now time.Time) error {
	res := db.Model(&APIToken{}).Where("id = ? AND revoked_at IS NULL", id).Updates(map[string]any{"revoked_at": now, "revoked_by": by})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// ListAPITokens lists tokens, newest first, revoked ones after the live ones. There are a
// handful per installation, so no paging.
func ListAPITokens(db *gorm.DB) ([]APITokenView, error) {
	var out []APITokenView
	err := db.Table("api_tokens AS t").Select("t.*, c.name AS channel_name").
		Joins("JOIN channels c ON c.id = t.channel_id").
		Order("t.revoked_at IS NOT NULL, t.id DESC").Limit(500).Scan(&out).Error
	return out, err
}
