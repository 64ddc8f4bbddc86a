package models

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Keyring seals channel credentials at rest with AES-256-GCM under a key derived from
// STEWARD_SECRET_KEY. A database copy without the key reveals no password or API key.
type Keyring struct {
	aead cipher.AEAD
}

// ErrNoSecretKey means credentials cannot be stored or read because no key is configured.
var ErrNoSecretKey = errors.New("STEWARD_SECRET_KEY is not set: Steward refuses to store or read channel credentials without it (use a long random value, e.g. openssl rand -base64 32)")

// MinSecretKeyLength keeps keys long enough to resist guessing.
const MinSecretKeyLength = 24

// NewKeyring derives the sealing key from a configured secret.
func NewKeyring(secret string) (*Keyring, error) {
	if secret == "" {
		return nil, ErrNoSecretKey
	}
	if len(secret) < MinSecretKeyLength {
		return nil, fmt.Errorf("STEWARD_SECRET_KEY is too short: use at least %d characters", MinSecretKeyLength)
	}
	key := sha256.Sum256([]byte("steward channel credentials\x00" + secret))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keyring{aead: aead}, nil
}

const sealedPrefix = "v1:"

// Seal encrypts a credential; each call uses a fresh nonce.
func (k *Keyring) Seal(plain string) (string, error) {
	if k == nil {
		return "", ErrNoSecretKey
	}
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := k.aead.Seal(nonce, nonce, []byte(plain), nil)
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a credential sealed with the same key.
func (k *Keyring) Open(sealed string) (string, error) {
	if k == nil {
		return "", ErrNoSecretKey
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, sealedPrefix))
	if err != nil || !strings.HasPrefix(sealed, sealedPrefix) || len(raw) < k.aead.NonceSize() {
		return "", errors.New("the stored credential is damaged: enter it again in the channel settings")
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", errors.New("the stored credential cannot be read with this STEWARD_SECRET_KEY: was the key changed? Enter the credential again")
	}
	return string(plain), nil
}
