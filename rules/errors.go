package rules

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the person asking should be told.
type Kind int

// The kinds of error a request can end in.
const (
	Internal     Kind = iota // something broke; the details are logged, not shown
	Invalid                  // the input is wrong; Fields says where
	NotFound                 // the thing asked for does not exist
	Forbidden                // the person may not do this
	Unauthorized             // nobody is signed in
	Conflict                 // someone else changed it first, or it already exists
	TooMany                  // slow down (sign-in throttling)
)

// Error carries a message a steward can read, apart from the internal cause.
type Error struct {
	Kind    Kind
	Message string            // safe to show
	Fields  map[string]string // field name → what is wrong with it
	Err     error             // internal cause, logged only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error of a kind with a formatted, safe message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// InvalidFields builds an Invalid error from field problems.
func InvalidFields(fields map[string]string) *Error {
	return &Error{Kind: Invalid, Message: "Please correct the highlighted fields.", Fields: fields}
}

// KindOf tells the kind of any error; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// MessageOf returns the safe message of an error, or a generic one for internal errors.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != Internal {
		return e.Message
	}
	return "Something went wrong on our side. The error was logged; please try again."
}
