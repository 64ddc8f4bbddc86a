package odootest

import (
	"fmt"
	"strconv"
	"strings"
)

// odooError is a Python exception as Odoo serialises it: the JSON-RPC error data and the
// JSON-2 flat error object carry the same fields, only the envelope and the status differ.
type odooError struct {
	name   string // fully qualified Python exception, e.g. "builtins.ValueError"
	msg    string
	args   []any // nil means [msg]
	status int   // the HTTP status the JSON-2 API answers with
}

func (e *odooError) Error() string { return e.name + ": " + e.msg }

func (e *odooError) arguments() []any {
	if e.args != nil {
		return e.args
	}
	return []any{e.msg}
}

// traceback imitates the shape of the "debug" field: real tracebacks name the server's
// files, so clients may show them but never parse them. Only the last line carries meaning,
// and it is written the way Python prints the exception.
func (e *odooError) traceback(frames string) string {
	var last string
	switch {
	case strings.HasPrefix(e.name, "builtins."):
		last = strings.TrimPrefix(e.name, "builtins.") + ": " + e.msg
	case strings.HasPrefix(e.name, "werkzeug.exceptions."):
		last = e.name + ": " + strconv.Itoa(e.status) + " " + statusPhrase(e.status) + ": " + e.msg
	default:
		last = e.name + ": " + e.msg
	}
	return "Traceback (most recent call last):\n" + frames + last + "\n"
}

const framesServe = "  File \"/opt/odoo/odoo/http.py\", line 2273, in _serve_db\n" +
	"    return service_model.retrying(serve_func, env=self.env)\n" +
	"           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n" +
	"  File \"/opt/odoo/odoo/service/model.py\", line 184, in retrying\n" +
	"    result = func()\n" +
	"             ^^^^^^\n"

// statusPhrase is werkzeug's wording, which differs from Go's for a few codes.
func statusPhrase(code int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 422:
		return "Unprocessable Entity"
	}
	return "Internal Server Error"
}

func werkzeugError(status int, class, msg string) *odooError {
	return &odooError{name: "werkzeug.exceptions." + class, msg: msg, args: []any{msg, int64(status)}, status: status}
}

func errAccessDenied() *odooError {
	return &odooError{name: "odoo.exceptions.AccessDenied", msg: "Access Denied", status: 403}
}

func errInvalidAPIKey() *odooError {
	return werkzeugError(401, "Unauthorized", "Invalid apikey")
}

func errNoAPIKey() *odooError {
	return werkzeugError(401, "Unauthorized", "User not authenticated, use an API Key with a Bearer Authorization header.")
}

// errUnknownModelRPC is what execute_kw raises; JSON-2 answers a werkzeug 404 instead.
func errUnknownModelRPC(model string) *odooError {
	return &odooError{name: "odoo.exceptions.UserError", msg: fmt.Sprintf("Object %s doesn't exist", model), status: 422}
}

func errUnknownModelJSON2(model string) *odooError {
	return werkzeugError(404, "NotFound", fmt.Sprintf("the model '%s' does not exist", model))
}

func errUnknownMethod(major int, model, method string, json2 bool) *odooError {
	msg := fmt.Sprintf("The method '%s.%s' does not exist", model, method)
	if json2 {
		return werkzeugError(404, "NotFound", msg)
	}
	if major < 19 {
		msg = fmt.Sprintf("type object '%s' has no attribute '%s'", model, method)
	}
	return &odooError{name: "builtins.AttributeError", msg: msg, status: 404}
}

func errPrivateMethod(major int, model, method string) *odooError {
	msg := fmt.Sprintf("Private methods (such as %s) cannot be called remotely.", method)
	if major >= 19 {
		msg = fmt.Sprintf("Private methods (such as '%s.%s') cannot be called remotely.", model, method)
	}
	return &odooError{name: "odoo.exceptions.AccessError", msg: msg, status: 403}
}

func errValue(msg string) *odooError {
	return &odooError{name: "builtins.ValueError", msg: msg, status: 500}
}

func errType(msg string) *odooError {
	return &odooError{name: "builtins.TypeError", msg: msg, status: 500}
}

// errInvalidLeaf is the domain parser's complaint about an unknown field; Odoo 19 rewrote
// the domain engine and calls a leaf a condition.
func errInvalidLeaf(major int, model, field, leaf string) *odooError {
	word := "leaf"
	if major >= 19 {
		word = "condition"
	}
	return errValue(fmt.Sprintf("Invalid field %s.%s in %s %s", model, field, word, leaf))
}

// errInvalidReadField is raised for an unknown name in `fields`.
func errInvalidReadField(major int, model, field string) *odooError {
	if major >= 19 {
		return errValue(fmt.Sprintf("Invalid field '%s' on '%s'", field, model))
	}
	return errValue(fmt.Sprintf("Invalid field '%s' on model '%s'", field, model))
}

func errInvalidWriteField(model, field string) *odooError {
	return errValue(fmt.Sprintf("Invalid field '%s' on model '%s'", field, model))
}

func errValidation(msg string) *odooError {
	return &odooError{name: "odoo.exceptions.ValidationError", msg: msg, status: 422}
}

func errMissing(model string, ids []int64, uid int64) *odooError {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	rec := strings.Join(parts, ", ")
	if len(ids) == 1 {
		rec += ","
	}
	return &odooError{
		name:   "odoo.exceptions.MissingError",
		msg:    fmt.Sprintf("Record does not exist or has been deleted.\n(Record: %s(%s), User: %d)", model, rec, uid),
		status: 404,
	}
}

// errUnknownDatabase is what psycopg2 says when Odoo tries to open a registry for a
// database that does not exist; JSON-RPC passes it through unchanged.
func errUnknownDatabase(db string) *odooError {
	msg := fmt.Sprintf("connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  database \"%s\" does not exist\n", db)
	return &odooError{name: "psycopg2.OperationalError", msg: msg, status: 500}
}

func errUnprocessable(msg string) *odooError { return werkzeugError(422, "UnprocessableEntity", msg) }

func errBadRequest(msg string) *odooError { return werkzeugError(400, "BadRequest", msg) }
