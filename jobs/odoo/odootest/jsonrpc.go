package odootest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

type rpcRequest struct {
	ID     any `json:"id"`
	Params struct {
		Service string `json:"service"`
		Method  string `json:"method"`
		Args    []any  `json:"args"`
	} `json:"params"`
}

// serveJSONRPC answers /jsonrpc: every outcome is HTTP 200, errors travel in the envelope
// with the Python exception in error.data.
func (s *Server) serveJSONRPC(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeHTML(w, http.StatusMethodNotAllowed, "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n")
		return
	}
	body, err := readBody(r)
	var req rpcRequest
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		err = dec.Decode(&req)
	}
	if err != nil {
		msg := pyJSONError(body)
		if msg == "" {
			msg = err.Error()
		}
		s.rpcError(w, nil, errBadRequest("could not parse the body as json: "+msg))
		return
	}
	s.mu.Lock()
	result, oerr := s.dispatchRPC(req.Params.Service, req.Params.Method, req.Params.Args)
	var out pyWriter
	if oerr == nil {
		out.value(obj{{"jsonrpc", "2.0"}, {"id", req.ID}, {"result", result}})
	}
	s.mu.Unlock()
	if oerr != nil {
		s.rpcError(w, req.ID, oerr)
		return
	}
	reply(w, http.StatusOK, &out, nil, true)
}

func (s *Server) rpcError(w http.ResponseWriter, id any, e *odooError) {
	code := int64(200)
	if s.major >= 19 {
		code = 0
	}
	debug := e.traceback(framesServe)
	var data obj
	if s.major >= 19 {
		data = obj{{"name", e.name}, {"message", e.msg}, {"arguments", e.arguments()}, {"context", obj{}}, {"debug", debug}}
	} else {
		data = obj{{"name", e.name}, {"debug", debug}, {"message", e.msg}, {"arguments", e.arguments()}, {"context", obj{}}}
	}
	var out pyWriter
	out.value(obj{{"jsonrpc", "2.0"}, {"id", id}, {"error", obj{{"code", code}, {"message", "Odoo Server Error"}, {"data", data}}}})
	reply(w, http.StatusOK, &out, nil, false)
}

func (s *Server) versionInfo() obj {
	minor := 0
	if _, m, ok := strings.Cut(s.opts.Version, "."); ok {
		minor, _ = strconv.Atoi(m)
	}
	serie := strconv.Itoa(s.major) + "." + strconv.Itoa(minor)
	return obj{
		{"server_version", serie},
		{"server_version_info", []any{int64(s.major), int64(minor), int64(0), "final", int64(0), ""}},
		{"server_serie", serie},
		{"protocol_version", int64(1)},
	}
}

func argAt(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

// checkSecret accepts the password or, where the user has one, the API key: Odoo lets an
// API key stand in for the password on every RPC entry point.
func (s *Server) checkSecret(secret any) bool {
	str, _ := secret.(string)
	return str != "" && (str == s.opts.Password || (s.opts.APIKey != "" && str == s.opts.APIKey))
}

func (s *Server) dispatchRPC(service, method string, args []any) (any, *odooError) {
	switch service {
	case "common":
		switch method {
		case "version":
			return s.versionInfo(), nil
		case "authenticate", "login":
			if db, _ := argAt(args, 0).(string); db != s.opts.Database {
				return nil, errUnknownDatabase(db)
			}
			if login, _ := argAt(args, 1).(string); login != s.opts.Login || !s.checkSecret(argAt(args, 2)) {
				return false, nil
			}
			return s.opts.UID, nil
		}
		return nil, errUnknownMethod(s.major, "common", method, false)
	case "db":
		if method == "list" {
			return []string{s.opts.Database}, nil
		}
		return nil, errUnknownMethod(s.major, "db", method, false)
	case "object":
		if method != "execute_kw" {
			return nil, errUnknownMethod(s.major, "object", method, false)
		}
		return s.executeKW(args)
	}
	return nil, errValue("Unknown service " + pyRepr(service))
}

func (s *Server) executeKW(args []any) (any, *odooError) {
	if db, _ := argAt(args, 0).(string); db != s.opts.Database {
		return nil, errUnknownDatabase(db)
	}
	if uid, _ := toInt(argAt(args, 1)); uid != s.opts.UID || !s.checkSecret(argAt(args, 2)) {
		return nil, errAccessDenied()
	}
	modelName, _ := argAt(args, 3).(string)
	method, _ := argAt(args, 4).(string)
	m := s.db.models[modelName]
	if m == nil {
		return nil, errUnknownModelRPC(modelName)
	}
	if strings.HasPrefix(method, "_") {
		return nil, errPrivateMethod(s.major, modelName, method)
	}
	sig, ok := methods[method]
	if !ok {
		return nil, errUnknownMethod(s.major, modelName, method, false)
	}
	pos, _ := argAt(args, 5).([]any)
	kwargs, _ := argAt(args, 6).(map[string]any)
	c := &call{m: m, method: method, context: map[string]any{}}
	if ctx, ok := kwargs["context"].(map[string]any); ok {
		c.context = ctx
	}
	rest := map[string]any{}
	for k, v := range kwargs {
		if k != "context" {
			rest[k] = v
		}
	}
	if sig.record {
		if len(pos) == 0 {
			return nil, errType("BaseModel." + method + "() missing 1 required positional argument: 'self'")
		}
		ids, ok := parseIDs(pos[0])
		if !ok {
			return nil, errValue("Invalid ids: " + pyRepr(pos[0]))
		}
		c.ids, pos = ids, pos[1:]
	}
	kw, err := bind(sig, method, pos, rest)
	if err != nil {
		return nil, err
	}
	c.kw = kw
	at := s.now
	if method == "write" || method == "create" || method == "unlink" {
		at = s.tick()
	}
	return s.db.execute(c, at)
}
