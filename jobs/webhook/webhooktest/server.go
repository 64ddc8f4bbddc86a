// Package webhooktest is a webhook receiver for tests and serve --demo: it checks each
// delivery's HMAC signature over the raw body, its timestamp (five minutes either way) and
// its Idempotency-Key, answering a redelivery with the first answer instead of processing it
// again, and counts what it processed. It can be told to answer 429 with Retry-After, 500,
// to hang past the client's timeout, or to refuse records with 422, as real receivers do.
package webhooktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"steward/jobs/webhook"
)

// Mode is how the receiver answers the next deliveries.
type Mode int

// Modes.
const (
	Accept     Mode = iota
	Throttle        // 429 with Retry-After
	Fail            // 500
	Hang            // no answer until the client gives up
	Invalid         // 422 with a field error
	BadRequest      // 400 without details
)

// MaxBody is the largest delivery accepted (413 above it).
const MaxBody = 1 << 20

// Server is a running receiver.
type Server struct {
	secret string
	srv    *httptest.Server

	mu         sync.Mutex
	mode       Mode
	modeLeft   int // deliveries the mode still applies to; <0 for all
	retryAfter int
	hang       time.Duration
	invalid    func(body map[string]any) (field, message string, bad bool)
	answered   map[string]answer // by idempotency key
	processed  map[string]int    // by idempotency key: times processed (must stay 1)
	requests   int
	bodies     map[string][]byte
}

type answer struct {
	status int
	body   []byte
}

// New starts a receiver with a shared secret.
func New(secret string) *Server {
	s := &Server{secret: secret, modeLeft: -1, answered: map[string]answer{}, processed: map[string]int{}, bodies: map[string][]byte{}, hang: 5 * time.Second, retryAfter: 1}
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

// URL is where to POST deliveries.
func (s *Server) URL() string { return s.srv.URL + "/hooks/steward" }

// Close stops the receiver.
func (s *Server) Close() { s.srv.CloseClientConnections(); s.srv.Close() }

// SetMode answers the next n deliveries (n < 0: all) in mode; then it accepts again.
func (s *Server) SetMode(m Mode, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode, s.modeLeft = m, n
}

// SetRetryAfter sets the seconds a 429 asks for.
func (s *Server) SetRetryAfter(sec int) { s.mu.Lock(); s.retryAfter = sec; s.mu.Unlock() }

// SetHang sets how long Hang waits before answering.
func (s *Server) SetHang(d time.Duration) { s.mu.Lock(); s.hang = d; s.mu.Unlock() }

// RejectWhen refuses, with 422, deliveries whose body the function finds bad (whatever the mode).
func (s *Server) RejectWhen(fn func(body map[string]any) (field, message string, bad bool)) {
	s.mu.Lock()
	s.invalid = fn
	s.mu.Unlock()
}

// Processed is how many distinct deliveries (idempotency keys) were accepted.
func (s *Server) Processed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.processed {
		if c > 0 {
			n++
		}
	}
	return n
}

// Duplicates lists keys processed more than once (must be none).
func (s *Server) Duplicates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, c := range s.processed {
		if c > 1 {
			out = append(out, k)
		}
	}
	return out
}

// Requests is how many requests arrived, redeliveries and refusals included.
func (s *Server) Requests() int { s.mu.Lock(); defer s.mu.Unlock(); return s.requests }

// Body returns the accepted body of a delivery.
func (s *Server) Body(key string) []byte { s.mu.Lock(); defer s.mu.Unlock(); return s.bodies[key] }

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "POST deliveries"})
		return
	}
	s.mu.Lock()
	s.requests++
	s.mu.Unlock()
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": "Content-Type must be application/json"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "could not read the body"})
		return
	}
	if len(body) > MaxBody {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body over 1 MiB"})
		return
	}
	if !webhook.Verify(s.secret, body, r.Header.Get(webhook.HeaderSignature)) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "signature does not match the body"})
		return
	}
	ts, err := strconv.ParseInt(r.Header.Get(webhook.HeaderTimestamp), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "timestamp missing or more than 5 minutes off"})
		return
	}
	key := r.Header.Get(webhook.HeaderIdempotency)
	if key == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "Idempotency-Key header is required"})
		return
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed JSON: " + err.Error()})
		return
	}

	s.mu.Lock()
	if a, ok := s.answered[key]; ok {
		s.mu.Unlock()
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		w.Write(a.body)
		return
	}
	mode := Accept
	if s.modeLeft != 0 {
		mode = s.mode
		if s.modeLeft > 0 {
			s.modeLeft--
		}
	}
	retry, hang, invalid := s.retryAfter, s.hang, s.invalid
	s.mu.Unlock()

	if invalid != nil {
		if field, msg, bad := invalid(doc); bad {
			mode = Invalid
			s.reject(w, key, field, msg)
			return
		}
	}
	switch mode {
	case Throttle:
		w.Header().Set("Retry-After", strconv.Itoa(retry))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "rate limit exceeded"})
		return
	case Fail:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	case Hang:
		select {
		case <-time.After(hang):
		case <-r.Context().Done():
		}
		writeJSON(w, http.StatusGatewayTimeout, map[string]string{"error": "upstream timeout"})
		return
	case Invalid:
		s.reject(w, key, "sku", "sku is not in the portal's catalog format")
		return
	case BadRequest:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad request"})
		return
	}
	id := fmt.Sprintf("portal-%v-%v", doc["object"], doc["id"])
	res, _ := json.Marshal(map[string]string{"id": id, "status": "accepted"})
	s.mu.Lock()
	s.answered[key] = answer{http.StatusOK, res}
	s.processed[key]++
	s.bodies[key] = body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(res)
}

// reject answers 422. A refusal is not remembered: the record may be fixed and sent again.
func (s *Server) reject(w http.ResponseWriter, key, field, msg string) {
	res, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"field": field, "message": msg}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnprocessableEntity)
	w.Write(res)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
