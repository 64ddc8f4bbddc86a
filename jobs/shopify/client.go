package shopify

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"steward/jobs/publish"
)

// APIVersion is the Admin GraphQL API version Steward speaks.
const APIVersion = "2026-10"

//go:embed graphql/*.graphql
var documents embed.FS

// document returns an embedded GraphQL document by name.
func document(name string) string {
	b, err := documents.ReadFile("graphql/" + name + ".graphql")
	if err != nil {
		panic("shopify: missing document " + name) // embedded at build time: a typo, not a runtime state
	}
	return string(b)
}

// Client calls one shop's Admin GraphQL API and keeps within its query-cost budget.
type Client struct {
	BaseURL string // https://{shop}.myshopify.com, or a test server
	Token   string // X-Shopify-Access-Token
	HTTP    *http.Client
	Now     func() time.Time
	// Sleep waits for the bucket to refill; tests replace it to count waits.
	Sleep func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	bucket throttle
	costs  map[string]float64 // last requested cost per document
}

// throttle is the last throttleStatus Shopify reported and when.
type throttle struct {
	max, available, rate float64
	at                   time.Time
}

// NewClient makes a client with sane timeouts.
func NewClient(baseURL, token string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), Token: token, HTTP: &http.Client{Timeout: 30 * time.Second},
		Now: time.Now, Sleep: sleep, costs: map[string]float64{}}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// response is a GraphQL answer; Data is decoded by the caller.
type response struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions struct {
		Cost *struct {
			RequestedQueryCost float64  `json:"requestedQueryCost"`
			ActualQueryCost    *float64 `json:"actualQueryCost"`
			ThrottleStatus     struct {
				MaximumAvailable   float64 `json:"maximumAvailable"`
				CurrentlyAvailable float64 `json:"currentlyAvailable"`
				RestoreRate        float64 `json:"restoreRate"`
			} `json:"throttleStatus"`
		} `json:"cost"`
	} `json:"extensions"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// maxThrottledTries bounds how often one call waits out THROTTLED before handing the wait
// to the outbox as a retry.
const maxThrottledTries = 3

// Do runs a named document with variables and decodes data into out. It waits first when
// the bucket Shopify last reported cannot cover the document's cost, and waits and tries
// again when Shopify answers THROTTLED anyway.
func (c *Client) Do(ctx context.Context, name string, vars map[string]any, out any) error {
	doc := document(name)
	for try := 1; ; try++ {
		if err := c.waitForBudget(ctx, name); err != nil {
			return err
		}
		resp, err := c.post(ctx, doc, vars)
		if err != nil {
			return err
		}
		c.record(name, resp)
		if wait, throttled := c.throttledWait(resp); throttled {
			if try >= maxThrottledTries {
				return &publish.Error{Class: publish.ClassThrottled, Retry: true, RetryAfter: wait,
					Message: "Shopify is throttling Steward's calls (query cost budget spent)", Detail: "THROTTLED"}
			}
			if err := c.Sleep(ctx, wait); err != nil {
				return timeoutError(err)
			}
			continue
		}
		if len(resp.Errors) > 0 {
			return graphQLError(resp.Errors)
		}
		if out != nil {
			if err := json.Unmarshal(resp.Data, out); err != nil {
				return &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify's answer could not be read", Detail: err.Error()}
			}
		}
		return nil
	}
}

// waitForBudget sleeps until the bucket, refilled at the restore rate since Shopify last
// reported it, holds what the document cost last time.
func (c *Client) waitForBudget(ctx context.Context, name string) error {
	c.mu.Lock()
	need, known := c.costs[name]
	b := c.bucket
	c.mu.Unlock()
	if !known || b.rate <= 0 {
		return nil
	}
	avail := math.Min(b.max, b.available+c.Now().Sub(b.at).Seconds()*b.rate)
	if avail >= need {
		return nil
	}
	wait := time.Duration((need - avail) / b.rate * float64(time.Second))
	if err := c.Sleep(ctx, wait); err != nil {
		return timeoutError(err)
	}
	return nil
}

func (c *Client) record(name string, r *response) {
	cost := r.Extensions.Cost
	if cost == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.costs[name] = cost.RequestedQueryCost
	t := cost.ThrottleStatus
	c.bucket = throttle{max: t.MaximumAvailable, available: t.CurrentlyAvailable, rate: t.RestoreRate, at: c.Now()}
}

// throttledWait tells whether Shopify refused for cost, and how long the bucket needs to
// hold the requested cost again.
func (c *Client) throttledWait(r *response) (time.Duration, bool) {
	for _, e := range r.Errors {
		if e.Extensions["code"] == "THROTTLED" {
			wait := time.Second
			if cost := r.Extensions.Cost; cost != nil && cost.ThrottleStatus.RestoreRate > 0 {
				short := cost.RequestedQueryCost - cost.ThrottleStatus.CurrentlyAvailable
				wait = time.Duration(math.Max(short, 0) / cost.ThrottleStatus.RestoreRate * float64(time.Second))
				if wait < 100*time.Millisecond {
					wait = 100 * time.Millisecond
				}
			}
			return wait, true
		}
	}
	return 0, false
}

func (c *Client) post(ctx context.Context, doc string, vars map[string]any) (*response, error) {
	body, err := json.Marshal(map[string]any{"query": doc, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/admin/api/"+APIVersion+"/graphql.json", bytes.NewReader(body))
	if err != nil {
		return nil, &publish.Error{Class: publish.ClassAuth, Message: "The shop's address is not valid; fix the channel settings", Detail: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Shopify-Access-Token", c.Token)
	res, err := c.HTTP.Do(req)
	if err != nil {
		return nil, transportError(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if err != nil {
		return nil, transportError(err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, &shopWide{statusError(res, raw)}
	}
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify answered with something that is not JSON", Detail: clip(string(raw))}
	}
	return &r, nil
}

// shopWide marks an error of the shop as a whole (an HTTP status rather than an answer
// about one record): every item of the call fails with it.
type shopWide struct{ err *publish.Error }

func (e *shopWide) Error() string { return e.err.Error() }
func (e *shopWide) Unwrap() error { return e.err }

// statusError classifies Shopify's HTTP failures.
func statusError(res *http.Response, raw []byte) *publish.Error {
	detail := fmt.Sprintf("HTTP %d: %s", res.StatusCode, clip(shopifyErrors(raw)))
	switch code := res.StatusCode; {
	case code == http.StatusTooManyRequests:
		return &publish.Error{Class: publish.ClassThrottled, Retry: true, RetryAfter: retryAfter(res.Header.Get("Retry-After")),
			Message: "Shopify asked Steward to slow down", Detail: detail}
	case code == http.StatusUnauthorized:
		return &publish.Error{Class: publish.ClassAuth, Message: "Shopify refused the access token; renew it in the channel settings", Detail: detail}
	case code == http.StatusForbidden:
		return &publish.Error{Class: publish.ClassAuth, Message: "The app lacks an access scope this needs; grant it in Shopify", Detail: detail}
	case code == http.StatusPaymentRequired:
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, RetryAfter: time.Hour, Message: "The shop is frozen for an unpaid bill", Detail: detail}
	case code == http.StatusLocked:
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, RetryAfter: time.Hour, Message: "The shop is locked by Shopify", Detail: detail}
	case code == http.StatusNotFound:
		return &publish.Error{Class: publish.ClassNotFound, Message: "No shop answers at this address and API version; check the channel's base URL", Detail: detail}
	case code >= 500:
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, RetryAfter: retryAfter(res.Header.Get("Retry-After")),
			Message: "Shopify is having trouble; Steward will try again", Detail: detail}
	default:
		return &publish.Error{Class: publish.ClassValidation, Message: "Shopify refused the request", Detail: detail}
	}
}

// shopifyErrors pulls the "errors" text out of a REST-style error body.
func shopifyErrors(raw []byte) string {
	var body struct {
		Errors any `json:"errors"`
	}
	if json.Unmarshal(raw, &body) == nil && body.Errors != nil {
		if s, ok := body.Errors.(string); ok {
			return s
		}
		b, _ := json.Marshal(body.Errors)
		return string(b)
	}
	return string(raw)
}

// retryAfter reads Retry-After: Shopify sends seconds with a fraction ("2.0").
func retryAfter(h string) time.Duration {
	if f, err := strconv.ParseFloat(strings.TrimSpace(h), 64); err == nil && f >= 0 {
		return time.Duration(f * float64(time.Second))
	}
	if t, err := http.ParseTime(h); err == nil {
		return time.Until(t)
	}
	return 0
}

func transportError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return timeoutError(err)
	}
	if errors.Is(err, context.Canceled) {
		return &publish.Error{Class: publish.ClassTimeout, Retry: true, Message: "The call to Shopify was cancelled", Detail: err.Error()}
	}
	return &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify could not be reached", Detail: err.Error()}
}

func timeoutError(err error) error {
	return &publish.Error{Class: publish.ClassTimeout, Retry: true, Message: "Shopify did not answer in time", Detail: err.Error()}
}

// graphQLError: errors at the GraphQL level mean the document or its variables are wrong
// (a bug or a value Shopify cannot take), except ACCESS_DENIED and internal errors.
func graphQLError(errs []gqlError) error {
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Message)
	}
	detail := strings.Join(msgs, "; ")
	code, _ := errs[0].Extensions["code"].(string)
	switch code {
	case "ACCESS_DENIED":
		return &publish.Error{Class: publish.ClassAuth, Message: "The app lacks an access scope this needs; grant it in Shopify", Detail: detail}
	case "INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE":
		return &publish.Error{Class: publish.ClassUnavailable, Retry: true, Message: "Shopify is having trouble; Steward will try again", Detail: detail}
	}
	return &publish.Error{Class: publish.ClassValidation, Message: "Shopify refused the data Steward sent", Detail: detail}
}

func clip(s string) string {
	if len(s) > 500 {
		return s[:500] + "…"
	}
	return s
}
