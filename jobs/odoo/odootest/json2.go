package odootest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// serveJSON2 answers POST /json/2/<model>/<method> (Odoo 19): named arguments in, the bare
// return value out, real HTTP statuses and a flat error object.
func (s *Server) serveJSON2(w http.ResponseWriter, r *http.Request) {
	if db := r.Header.Get("X-Odoo-Database"); (db != "" && db != s.opts.Database) || (db == "" && s.opts.MultiDB) {
		writeHTML(w, http.StatusNotFound, noDatabasePage)
		return
	}
	modelName, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/json/2/"), "/")
	if !ok || method == "" || strings.Contains(method, "/") {
		writeHTML(w, http.StatusNotFound, notFoundPage)
		return
	}
	if r.Method != http.MethodPost {
		writeHTML(w, http.StatusMethodNotAllowed, "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n")
		return
	}
	scheme, key, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(key) == "" {
		s.json2Error(w, errNoAPIKey())
		return
	}
	if s.opts.APIKey == "" || strings.TrimSpace(key) != s.opts.APIKey {
		s.json2Error(w, errInvalidAPIKey())
		return
	}
	body, err := readBody(r)
	var args map[string]any
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		err = dec.Decode(&args)
	}
	if err != nil {
		msg := pyJSONError(body)
		if msg == "" {
			msg = err.Error()
		}
		s.json2Error(w, errBadRequest("could not parse the body as json: "+msg))
		return
	}
	s.mu.Lock()
	result, oerr := s.dispatchJSON2(modelName, method, args)
	var out pyWriter
	if oerr == nil {
		out.value(result)
	}
	s.mu.Unlock()
	if oerr != nil {
		s.json2Error(w, oerr)
		return
	}
	reply(w, http.StatusOK, &out, nil, true)
}

func (s *Server) dispatchJSON2(modelName, method string, args map[string]any) (any, *odooError) {
	m := s.db.models[modelName]
	if m == nil {
		return nil, errUnknownModelJSON2(modelName)
	}
	if strings.HasPrefix(method, "_") {
		return nil, errPrivateMethod(s.major, modelName, method)
	}
	sig, ok := methods[method]
	if !ok {
		return nil, errUnknownMethod(s.major, modelName, method, true)
	}
	c := &call{m: m, method: method, context: map[string]any{}, json2: true, kw: map[string]any{}}
	if ctx, ok := args["context"].(map[string]any); ok {
		c.context = ctx
	}
	if raw, has := args["ids"]; has {
		if !sig.record {
			return nil, errUnprocessable(fmt.Sprintf("cannot call %s.%s with ids", modelName, method))
		}
		ids, ok := parseIDs(raw)
		if !ok {
			return nil, errUnprocessable(fmt.Sprintf("invalid ids: %s", pyRepr(raw)))
		}
		c.ids = ids
	}
	for k, v := range args {
		if k == "ids" || k == "context" {
			continue
		}
		if !contains(sig.params, k) && !sig.varKW {
			return nil, errUnprocessable(fmt.Sprintf("got an unexpected keyword argument '%s'", k))
		}
		c.kw[k] = v
	}
	for _, req := range sig.required {
		if _, ok := c.kw[req]; !ok {
			return nil, errUnprocessable(fmt.Sprintf("missing a required argument: '%s'", req))
		}
	}
	at := s.now
	if method == "write" || method == "create" || method == "unlink" {
		at = s.tick()
	}
	return s.db.execute(c, at)
}

func (s *Server) json2Error(w http.ResponseWriter, e *odooError) {
	var out pyWriter
	out.value(obj{{"name", e.name}, {"message", e.msg}, {"arguments", e.arguments()}, {"context", obj{}}, {"debug", e.traceback(framesServe)}})
	var extra http.Header
	if e.status == http.StatusUnauthorized {
		extra = http.Header{"Www-Authenticate": {"Bearer "}}
	}
	reply(w, e.status, &out, extra, false)
}
