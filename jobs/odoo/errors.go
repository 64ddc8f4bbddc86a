package odoo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"
)

// Kind sorts Odoo failures by what a person or the job queue should do about them.
type Kind string

// Kinds of failure.
const (
	KindAuth       Kind = "auth"        // wrong login, password or API key
	KindAccess     Kind = "access"      // the user lacks rights, or the method is private
	KindNotFound   Kind = "not_found"   // no such database, model, method, record or endpoint
	KindValidation Kind = "validation"  // Odoo refused the data (constraint, duplicate barcode…)
	KindBadRequest Kind = "bad_request" // the request does not fit this server (unknown field, bad arguments)
	KindServer     Kind = "server"      // an unexpected error inside Odoo
	KindTransient  Kind = "transient"   // network trouble, timeout, overload: retry later
)

// subject narrows a Kind to what the steward message talks about.
type subject int

const (
	subjNone subject = iota
	subjCredentials
	subjDatabase
	subjModel
	subjMethod
	subjField
	subjRecord
	subjPrivate
	subjEndpoint
	subjNoJSON2
)

// Error is every failure the client returns. It never holds the secret: requests are not
// kept, and messages are built from the server's answer and the configuration's public
// parts.
type Error struct {
	Kind Kind
	// Name is the Python exception: error.data.name over JSON-RPC, name over JSON-2, e.g.
	// "odoo.exceptions.ValidationError". Empty for network errors and non-JSON answers.
	Name string
	// Status is the HTTP status; JSON-RPC reports its errors with 200.
	Status int
	// Message is the server's message (the exception text).
	Message string
	// Debug is the server's traceback, for logs.
	Debug string
	// Model and Method name the call that failed.
	Model, Method string
	// Field is the unknown field named by an "Invalid field" error.
	Field string
	// Login, Database and Server (host) say where; Protocol is "jsonrpc" or "json2".
	Login, Database, Server, Protocol string
	// Err is the underlying network or decoding error, if any.
	Err error

	subject subject
}

// Error is the technical form, for logs: call, kind, exception, status and server message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("odoo")
	if e.Model != "" || e.Method != "" {
		b.WriteString(": ")
		b.WriteString(strings.Trim(e.Model+"."+e.Method, "."))
	}
	b.WriteString(": ")
	b.WriteString(string(e.Kind))
	if e.Name != "" {
		b.WriteString(": " + e.Name)
	}
	if e.Status != 0 && e.Status != 200 {
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	}
	if e.Message != "" {
		b.WriteString(": " + oneLine(e.Message))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes the underlying network error.
func (e *Error) Unwrap() error { return e.Err }

// Transient tells whether retrying the same call later may succeed.
func (e *Error) Transient() bool { return e.Kind == KindTransient }

// IsTransient reports whether err is an Odoo or network failure worth retrying: timeouts,
// refused connections, 502/503/504, serialization failures. Retrying is the caller's job.
func IsTransient(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind == KindTransient
	}
	return false
}

// KindOf returns the Kind of an Odoo error, or "" for other errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

var friendlyModels = map[string]string{
	"product.product":        "products",
	"product.template":       "product templates",
	"res.partner":            "customers and contacts",
	"product.pricelist":      "price lists",
	"product.pricelist.item": "price rules",
	"stock.quant":            "stock levels",
	"stock.location":         "stock locations",
	"res.country":            "countries",
	"res.users":              "users",
}

func friendly(model string) string {
	if f := friendlyModels[model]; f != "" {
		return f
	}
	if model == "" {
		return "records"
	}
	return model + " records"
}

func verb(method string) string {
	switch method {
	case "create":
		return "create"
	case "write":
		return "change"
	case "unlink":
		return "delete"
	}
	return "read"
}

// StewardMessage is one sentence for a data steward: what went wrong, in Odoo terms they
// know, and what to do next.
func (e *Error) StewardMessage() string {
	where := e.Server
	if where == "" {
		where = "the configured address"
	}
	switch e.Kind {
	case KindAuth:
		if e.Protocol == ProtocolJSON2 {
			return fmt.Sprintf("Odoo refused the API key for user %q on database %q: check the key in the channel settings.", e.Login, e.Database)
		}
		return fmt.Sprintf("Odoo refused the password or API key for user %q on database %q: check them in the channel settings.", e.Login, e.Database)
	case KindAccess:
		if e.subject == subjPrivate {
			return fmt.Sprintf("Odoo does not let outside systems call %s on %s: Steward's Odoo connector needs fixing, please report it.", e.Method, e.Model)
		}
		return fmt.Sprintf("Odoo user %q may not %s %s: ask an Odoo administrator to grant the access rights.", e.Login, verb(e.Method), friendly(e.Model))
	case KindNotFound:
		switch e.subject {
		case subjDatabase:
			return fmt.Sprintf("Odoo at %s has no database %q: check the database name in the channel settings.", where, e.Database)
		case subjModel:
			return fmt.Sprintf("Odoo has no model %s on database %q: the module that provides it is not installed, or the Odoo version differs.", e.Model, e.Database)
		case subjMethod:
			return fmt.Sprintf("Odoo has no method %s on %s: the Odoo version differs from what Steward expects.", e.Method, e.Model)
		case subjRecord:
			return fmt.Sprintf("The Odoo %s Steward refers to no longer exist: they were probably deleted in Odoo.", friendly(e.Model))
		case subjNoJSON2:
			return fmt.Sprintf("Odoo at %s does not offer the JSON-2 API, which needs Odoo 19 or later: switch the channel to JSON-RPC.", where)
		}
		return fmt.Sprintf("There is no Odoo external API at %s: check the server address in the channel settings.", where)
	case KindBadRequest:
		if e.subject == subjField {
			return fmt.Sprintf("Odoo has no field '%s' on %s: the Odoo version or installed modules differ.", e.Field, e.Model)
		}
		return fmt.Sprintf("Odoo could not process Steward's request on %s (%s): Steward's Odoo connector needs fixing, please report it.", friendly(e.Model), shorten(oneLine(e.Message), 120))
	case KindValidation:
		return fmt.Sprintf("Odoo rejected the change to %s: %s.", friendly(e.Model), strings.TrimRight(shorten(validationText(e.Message), 300), ". "))
	case KindTransient:
		reason := "no answer"
		if e.Status >= 500 {
			reason = fmt.Sprintf("HTTP %d", e.Status)
		} else if e.Err != nil {
			reason = transientReason(e.Err)
		} else if e.Message != "" {
			reason = shorten(oneLine(e.Message), 80)
		}
		return fmt.Sprintf("Odoo at %s could not be reached or was busy (%s): Steward will try again automatically.", where, reason)
	}
	msg := "an internal error"
	if e.Message != "" {
		msg = shorten(oneLine(e.Message), 120)
	}
	return fmt.Sprintf("Odoo failed while handling %s (%s): try again later, and tell the Odoo administrator if it keeps happening.", friendly(e.Model), msg)
}

func transientReason(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "unknown host"
	}
	return "connection failed"
}

// validationText keeps what Odoo said to the user, without the note about records the user
// cannot see, on one line.
func validationText(msg string) string {
	if i := strings.Index(msg, "\n\nNote:"); i >= 0 {
		msg = msg[:i]
	}
	return oneLine(msg)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

var (
	reLeafField   = regexp.MustCompile(`Invalid field ([\w.]+)\.(\w+) in (?:leaf|condition)`)
	reNamedField  = regexp.MustCompile(`Invalid field '([^']+)' (?:on|in) (?:model )?'([^']+)'`)
	reAnyField    = regexp.MustCompile(`Invalid field '?([\w.]+)'?`)
	reObjMissing  = regexp.MustCompile(`Object (\S+) doesn't exist`)
	reDBMissing   = regexp.MustCompile(`database "([^"]*)" does not exist`)
	reNoMethod    = regexp.MustCompile(`(?:method '[^']*' does not exist|has no attribute)`)
	transientPyEx = map[string]bool{
		"psycopg2.OperationalError":                    true,
		"psycopg2.InterfaceError":                      true,
		"psycopg2.errors.SerializationFailure":         true,
		"psycopg2.errors.LockNotAvailable":             true,
		"psycopg2.errors.DeadlockDetected":             true,
		"psycopg2.extensions.TransactionRollbackError": true,
		"odoo.exceptions.ConcurrencyError":             true,
		"werkzeug.exceptions.ServiceUnavailable":       true,
		"werkzeug.exceptions.TooManyRequests":          true,
		"werkzeug.exceptions.GatewayTimeout":           true,
		"werkzeug.exceptions.BadGateway":               true,
		"psycopg2.errors.QueryCanceled":                true,
		"psycopg2.errors.AdminShutdown":                true,
		"psycopg2.errors.CannotConnectNow":             true,
		"psycopg2.errors.TooManyConnections":           true,
	}
	validationPyEx = map[string]bool{
		"odoo.exceptions.ValidationError":           true,
		"odoo.exceptions.UserError":                 true,
		"odoo.exceptions.RedirectWarning":           true,
		"odoo.exceptions.except_orm":                true,
		"psycopg2.IntegrityError":                   true,
		"psycopg2.errors.UniqueViolation":           true,
		"psycopg2.errors.NotNullViolation":          true,
		"psycopg2.errors.ForeignKeyViolation":       true,
		"psycopg2.errors.CheckViolation":            true,
		"psycopg2.errors.RestrictViolation":         true,
		"psycopg2.errors.ExclusionViolation":        true,
		"psycopg2.errors.StringDataRightTruncation": true,
	}
)

// classify sets Kind (and what the message is about) from the exception name, the HTTP
// status and, where Odoo gives nothing better, the wording of the message.
func (e *Error) classify() {
	name, msg := e.Name, e.Message
	switch {
	case name == "odoo.exceptions.AccessDenied", name == "werkzeug.exceptions.Unauthorized",
		name == "odoo.http.SessionExpiredException", e.Status == 401:
		e.Kind, e.subject = KindAuth, subjCredentials
	case name == "odoo.exceptions.AccessError":
		e.Kind = KindAccess
		if strings.Contains(msg, "Private methods") {
			e.subject = subjPrivate
		}
	case strings.HasPrefix(name, "psycopg2") && reDBMissing.MatchString(msg):
		e.Kind, e.subject = KindNotFound, subjDatabase
		if e.Database == "" {
			e.Database = reDBMissing.FindStringSubmatch(msg)[1]
		}
	case reObjMissing.MatchString(msg) && (name == "odoo.exceptions.UserError" || name == "builtins.KeyError"),
		name == "werkzeug.exceptions.NotFound" && strings.Contains(msg, "the model"):
		e.Kind, e.subject = KindNotFound, subjModel
	case name == "werkzeug.exceptions.NotFound" && strings.Contains(msg, "method"),
		name == "builtins.AttributeError" && reNoMethod.MatchString(msg):
		e.Kind, e.subject = KindNotFound, subjMethod
	case name == "odoo.exceptions.MissingError":
		e.Kind, e.subject = KindNotFound, subjRecord
	case transientPyEx[name], e.Status == 429, e.Status == 502, e.Status == 503, e.Status == 504:
		e.Kind = KindTransient
	case validationPyEx[name]:
		e.Kind = KindValidation
	case name == "builtins.ValueError" && strings.HasPrefix(msg, "Invalid field"):
		e.Kind, e.subject = KindBadRequest, subjField
		if g := reLeafField.FindStringSubmatch(msg); g != nil {
			e.Field = g[2]
		} else if g := reNamedField.FindStringSubmatch(msg); g != nil {
			e.Field = g[1]
		} else if g := reAnyField.FindStringSubmatch(msg); g != nil {
			e.Field = g[1]
		}
	case name == "werkzeug.exceptions.BadRequest", name == "werkzeug.exceptions.UnprocessableEntity",
		name == "builtins.TypeError", e.Status == 400, e.Status == 422:
		e.Kind = KindBadRequest
	case e.Status == 403, name == "werkzeug.exceptions.Forbidden":
		e.Kind = KindAccess
	case e.Status == 404:
		e.Kind, e.subject = KindNotFound, subjEndpoint
	default:
		e.Kind = KindServer
	}
}

// networkError wraps a failure to get an answer at all; all of them are worth retrying.
func (c *Client) networkError(model, method string, err error) *Error {
	e := c.newError(model, method)
	e.Kind = KindTransient
	var ue *url.Error
	if errors.As(err, &ue) {
		// url.Error repeats the URL, which may carry a user name; the host is enough.
		err = ue.Err
	}
	e.Err = err
	return e
}

func (c *Client) newError(model, method string) *Error {
	return &Error{Model: model, Method: method, Login: c.cfg.Login, Database: c.cfg.Database, Server: c.host, Protocol: c.protocol()}
}
