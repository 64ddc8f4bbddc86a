package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"steward/jobs/publish"
)

// Config is a webhook channel's connection.
type Config struct {
	URL    string // where deliveries are POSTed
	Secret string // shared HMAC key, opened from the channel's sealed settings
	// Timeout bounds one delivery; 0 means 30 seconds.
	Timeout time.Duration
	Now     func() time.Time
}

// Connector delivers items one POST each: a webhook has no batch call.
type Connector struct {
	cfg    Config
	client *http.Client
}

// New builds a connector; client is shared between channels so connections are reused.
func New(cfg Config, client *http.Client) *Connector {
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if client == nil {
		client = http.DefaultClient
	}
	return &Connector{cfg: cfg, client: client}
}

// MaxBatch is 1: each record is its own delivery with its own idempotency key.
func (c *Connector) MaxBatch() int { return 1 }

// Publish delivers each item in turn.
func (c *Connector) Publish(ctx context.Context, items []publish.Item) ([]publish.Outcome, error) {
	out := make([]publish.Outcome, len(items))
	for i, it := range items {
		out[i] = c.deliver(ctx, it)
	}
	return out, nil
}

// accepted is what a receiver may answer on success: its own id for the record.
type accepted struct {
	ID string `json:"id"`
}

func (c *Connector) deliver(ctx context.Context, it publish.Item) publish.Outcome {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.URL, bytes.NewReader(it.Payload))
	if err != nil {
		return publish.Outcome{Err: &publish.Error{Class: publish.ClassAuth, Message: "the webhook address is not usable: check the channel settings", Detail: err.Error()}}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Steward-Webhook/1")
	req.Header.Set(HeaderSignature, Sign(c.cfg.Secret, it.Payload))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(c.cfg.Now().Unix(), 10))
	req.Header.Set(HeaderEvent, it.ObjectType+".upsert")
	req.Header.Set(HeaderIdempotency, it.IdempotencyKey)
	res, err := c.client.Do(req)
	if err != nil {
		return publish.Outcome{Err: transportError(err)}
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 == 2 {
		var a accepted
		_ = json.Unmarshal(body, &a)
		if a.ID == "" {
			a.ID = it.ExternalID
		}
		return publish.Outcome{ExternalID: a.ID}
	}
	return publish.Outcome{Err: statusError(res, body, c.cfg.Now())}
}

// transportError classifies a delivery that got no answer: both kinds are worth retrying.
func transportError(err error) *publish.Error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &publish.Error{Class: publish.ClassTimeout, Retry: true, Message: "the webhook did not answer in time", Detail: err.Error()}
	}
	return &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "the webhook could not be reached", Detail: err.Error()}
}

// problem is a receiver's error body: {"errors":[{"field":"sku","message":"…"}]} or
// {"error":"…"}.
type problem struct {
	Error  string `json:"error"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

func statusError(res *http.Response, body []byte, now time.Time) *publish.Error {
	detail := fmt.Sprintf("HTTP %d: %s", res.StatusCode, strings.TrimSpace(string(body)))
	var p problem
	_ = json.Unmarshal(body, &p)
	e := &publish.Error{Detail: detail}
	switch s := res.StatusCode; {
	case s == http.StatusTooManyRequests:
		e.Class, e.Retry, e.Message = publish.ClassThrottled, true, "the webhook asked Steward to slow down"
		e.RetryAfter = retryAfter(res.Header.Get("Retry-After"), now)
	case s >= 500:
		e.Class, e.Retry, e.Message = publish.ClassUnavailable, true, "the webhook's server failed"
	case s == http.StatusRequestTimeout:
		e.Class, e.Retry, e.Message = publish.ClassTimeout, true, "the webhook timed out reading the delivery"
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		e.Class, e.Message = publish.ClassAuth, "the webhook refused Steward's signature or credentials: check the channel's secret"
	case s == http.StatusNotFound || s == http.StatusGone:
		e.Class, e.Message = publish.ClassNotFound, "the webhook address does not exist: check the channel's URL"
	case s == http.StatusConflict:
		e.Class, e.Message = publish.ClassConflict, "the receiver holds a conflicting record"
	default:
		e.Class, e.Message = publish.ClassValidation, "the receiver refused the record"
		if len(p.Errors) > 0 {
			e.Field = p.Errors[0].Field
			e.Message = "the receiver refused the record: " + p.Errors[0].Message
		} else if p.Error != "" {
			e.Message = "the receiver refused the record: " + p.Error
		}
	}
	return e
}

// retryAfter reads Retry-After as seconds or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
