package models

import "errors"

// ErrNotFound means the record asked for does not exist.
var ErrNotFound = errors.New("not found")

// ErrStale means the record changed since the caller read it (optimistic locking).
var ErrStale = errors.New("record was changed by someone else")

// ErrDuplicate means a unique value (an email, a SKU) is already taken.
var ErrDuplicate = errors.New("already exists")
