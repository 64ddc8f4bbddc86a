// Package shopifytest is a Shopify shop speaking the Admin GraphQL API 2026-10 for tests and
// the demo: it checks the access token, parses each document and refuses unknown fields,
// arguments and input fields with Shopify's GraphQL errors, answers productSet,
// productVariantsBulkUpdate, inventorySetQuantities (with its mandatory @idempotent key and
// changeFromQuantity), customerSet and the paged products / customers / productVariants
// queries from state it keeps, prices every request with a leaky-bucket query cost
// (THROTTLED when the bucket is short) and can be told to fail with 429, 5xx, 401, 402,
// 423 or a hang.
package shopifytest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Version is the API version the server answers; other versions are 404 as on a real shop.
const Version = "2026-10"

// Server is one shop. Its zero value is not usable; call New.
type Server struct {
	Token string
	// Bucket: Shopify's standard plan allows 2000 points, restored at 100 a second.
	MaxAvailable, RestoreRate float64
	RetryAfter                string // the Retry-After a 429 carries
	Now                       func() time.Time

	mu       sync.Mutex
	faults   []string
	avail    float64
	availAt  time.Time
	requests int
	shop     *state
	subs     []subscription
	events   int64
}

// New starts an empty shop that accepts token.
func New(token string) *Server {
	return &Server{Token: token, MaxAvailable: 2000, RestoreRate: 100, RetryAfter: "1.0", Now: time.Now, avail: -1, shop: newState()}
}

// Fail makes the next n requests fail: "429", "500", "502", "503", "401", "402", "403", "404",
// "423" or "timeout" (the request hangs until the client gives up).
func (s *Server) Fail(kind string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, kind)
	}
}

// Drain empties the cost bucket, as a burst of other apps' calls would.
func (s *Server) Drain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.avail, s.availAt = 0, s.Now()
}

// Requests counts the GraphQL requests answered, faults included.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

type request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// gqlError is one entry of a response's "errors".
type gqlError struct {
	Message    string         `json:"message"`
	Locations  []pos          `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func (p pos) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{"line":%d,"column":%d}`, p.Line, p.Column)), nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	var fault string
	if len(s.faults) > 0 {
		fault, s.faults = s.faults[0], s.faults[1:]
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.URL.Path != "/admin/api/"+Version+"/graphql.json" {
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"errors": "Method Not Allowed"})
		return
	}
	switch fault {
	case "":
	case "timeout":
		// Reading the body first lets net/http notice the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
		return
	case "429":
		w.Header().Set("Retry-After", s.RetryAfter)
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})
		return
	case "401":
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
		return
	case "403":
		writeJSON(w, http.StatusForbidden, map[string]any{"errors": "[API] This action requires merchant approval for write_products scope."})
		return
	case "402":
		writeJSON(w, http.StatusPaymentRequired, map[string]any{"errors": "Unavailable Shop"})
		return
	case "404":
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
		return
	case "423":
		writeJSON(w, http.StatusLocked, map[string]any{"errors": "This shop is unavailable"})
		return
	default: // 500, 502, 503
		code := 500
		fmt.Sscan(fault, &code)
		writeJSON(w, code, map[string]any{"errors": "Internal Server Error"})
		return
	}
	if r.Header.Get("X-Shopify-Access-Token") != s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
		return
	}
	var req request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil || strings.TrimSpace(req.Query) == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"query": "Required parameter missing or invalid"}})
		return
	}
	writeJSON(w, http.StatusOK, s.execute(req))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// execute validates, prices and runs one document.
func (s *Server) execute(req request) map[string]any {
	op, err := parseOperation(req.Query)
	if err != nil {
		return map[string]any{"errors": []gqlError{{Message: err.Error()}}}
	}
	if errs := validate(op); len(errs) > 0 {
		return map[string]any{"errors": errs}
	}
	if req.Variables == nil {
		req.Variables = map[string]any{}
	}
	for _, v := range op.Vars {
		if ps := coerce(req.Variables[v.Name], v.Type, nil); len(ps) > 0 {
			return map[string]any{"errors": []gqlError{variableError(v, req.Variables[v.Name], ps)}}
		}
	}
	requested := requestedCost(op, req.Variables)
	s.mu.Lock()
	defer s.mu.Unlock()
	avail := s.available()
	if requested > avail {
		return map[string]any{
			"errors":     []gqlError{{Message: "Throttled", Extensions: map[string]any{"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}},
			"extensions": s.costExtension(requested, -1, avail),
		}
	}
	data, errs := s.shop.run(op, req.Variables, s.Now())
	actual := actualCost(op, req.Variables, data)
	s.avail = avail - actual
	out := map[string]any{"data": data, "extensions": s.costExtension(requested, actual, s.avail)}
	if len(errs) > 0 {
		out["errors"] = errs
	}
	return out
}

// available is the bucket now: what was left, plus what has leaked back since.
func (s *Server) available() float64 {
	now := s.Now()
	if s.avail < 0 {
		s.avail, s.availAt = s.MaxAvailable, now
	}
	a := s.avail + now.Sub(s.availAt).Seconds()*s.RestoreRate
	if a > s.MaxAvailable {
		a = s.MaxAvailable
	}
	s.avail, s.availAt = a, now
	return a
}

func (s *Server) costExtension(requested, actual, avail float64) map[string]any {
	c := map[string]any{
		"requestedQueryCost": requested,
		"actualQueryCost":    nil,
		"throttleStatus": map[string]any{
			"maximumAvailable": s.MaxAvailable, "currentlyAvailable": int(avail), "restoreRate": s.RestoreRate,
		},
	}
	if actual >= 0 {
		c["actualQueryCost"] = actual
	}
	return map[string]any{"cost": c}
}

func variableError(v varDef, value any, ps []problem) gqlError {
	// Shopify lists every problem in the message: "for 0.a (why), 1.b (why)".
	msg := fmt.Sprintf("Variable $%s of type %s was provided invalid value", v.Name, v.Type)
	var parts []string
	for _, p := range ps {
		var path []string
		for _, e := range p.Path {
			path = append(path, fmt.Sprint(e))
		}
		if len(path) > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", strings.Join(path, "."), p.Explanation))
		}
	}
	if len(parts) > 0 {
		msg += " for " + strings.Join(parts, ", ")
	}
	return gqlError{Message: msg, Locations: []pos{v.At}, Extensions: map[string]any{"value": value, "problems": ps}}
}
