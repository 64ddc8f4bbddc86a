// Package publish sends golden records to channels: the outbox worker, the contract every
// channel connector (jobs/shopify, jobs/woocommerce, jobs/edi, jobs/webhook) implements, and
// how their errors are classified for retries and for the failed-publications page.
package publish

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Item is one golden record version rendered for one channel by rules/channelmap.
type Item struct {
	PublicationID int64
	ObjectType    string // product, customer, price, stock
	GoldenID      int64
	GoldenVersion int
	// ExternalID is the channel's id for the record from an earlier publication, "" if none.
	ExternalID string
	// Payload is the channel's representation of the record (rules/channelmap output).
	Payload json.RawMessage
	// IdempotencyKey is stable for a publication, so a retry of it is recognised by
	// channels that take one (Shopify inventory, webhooks).
	IdempotencyKey string
}

// Outcome is what became of one item.
type Outcome struct {
	// ExternalID is the channel's id for the record; stored as an external reference.
	ExternalID string
	// Err is nil when the channel accepted the item; otherwise usually an *Error.
	Err error
}

// Connector pushes items to one channel.
type Connector interface {
	// MaxBatch is how many items one Publish call may carry (1 where the channel has no batch
	// call, 100 for WooCommerce's products/batch).
	MaxBatch() int
	// Publish sends items and returns one outcome per item, in order. An error instead
	// means the call as a whole failed (network, credentials, throttling) for every item.
	Publish(ctx context.Context, items []Item) ([]Outcome, error)
}

// ErrNoConnector is what a Factory wraps for a channel kind Steward has no connector for:
// its publications are skipped with that reason rather than failed.
var ErrNoConnector = errors.New("no connector for this kind of channel")

// Remote is a record as a channel holds it now, for reconciliation.
type Remote struct {
	ExternalID string
	Payload    json.RawMessage
}

// Reader reads a channel's current state page by page, for reconciliation.
type Reader interface {
	// Read returns one page of objectType from cursor ("" for the first); next is "" after
	// the last page.
	Read(ctx context.Context, objectType, cursor string) (page []Remote, next string, err error)
}

// Error classes: the failed-publications page groups by channel and class, so 300 failures
// with one cause read as one problem.
const (
	ClassThrottled   = "throttled"   // 429, Shopify THROTTLED: retry after the wait
	ClassUnavailable = "unavailable" // 5xx, connection refused
	ClassTimeout     = "timeout"
	ClassValidation  = "validation" // the channel refused the data: fix the record
	ClassAuth        = "auth"       // credentials or scopes: fix the channel settings
	ClassNotFound    = "not_found"  // the channel no longer has the record
	ClassConflict    = "conflict"
)

// Error is a connector's error in a form the outbox can act on.
type Error struct {
	Class string
	// Retry tells whether trying again later may succeed.
	Retry bool
	// RetryAfter is the channel's own wait (Retry-After, Shopify's restore rate); 0 if none.
	RetryAfter time.Duration
	// Message says what went wrong in a steward's words.
	Message string
	// Detail is the channel's own error text, shown verbatim (escaped) for support.
	Detail string
	// Field names the canonical field a validation error is about, when the channel says.
	Field string
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Message + ": " + e.Detail
	}
	return e.Message
}

// StewardMessage and Transient let jobs explain the error without knowing this type.
func (e *Error) StewardMessage() string { return e.Message }

// Transient tells whether trying again later may succeed.
func (e *Error) Transient() bool { return e.Retry }
