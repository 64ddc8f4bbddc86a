package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Headers of a delivery.
const (
	HeaderSignature   = "X-Steward-Signature"
	HeaderTimestamp   = "X-Steward-Timestamp"
	HeaderEvent       = "X-Steward-Event"
	HeaderIdempotency = "Idempotency-Key"
)

// Sign returns the signature header value of a raw body: sha256=<hex HMAC-SHA256>.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a signature header against the raw body in constant time.
func Verify(secret string, body []byte, header string) bool {
	if !strings.HasPrefix(header, "sha256=") {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}
