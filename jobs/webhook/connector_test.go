package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"steward/jobs/publish"
	"steward/jobs/webhook"
	"steward/jobs/webhook/webhooktest"
)

func item(key string) publish.Item {
	return publish.Item{PublicationID: 1, ObjectType: "product", GoldenID: 7, GoldenVersion: 2,
		Payload: json.RawMessage(`{"object":"product","id":7,"fields":{"sku":"A-1"}}`), IdempotencyKey: key}
}

func TestConnectorClassifiesEveryAnswer(t *testing.T) {
	srv := webhooktest.New("s3cret")
	defer srv.Close()
	srv.SetHang(2 * time.Second)
	srv.SetRetryAfter(7)
	c := webhook.New(webhook.Config{URL: srv.URL(), Secret: "s3cret", Timeout: 300 * time.Millisecond}, &http.Client{})
	for _, tt := range []struct {
		name       string
		mode       webhooktest.Mode
		class      string
		retry      bool
		retryAfter time.Duration
		field      string
	}{
		{"accepted", webhooktest.Accept, "", false, 0, ""},
		{"429 with Retry-After", webhooktest.Throttle, publish.ClassThrottled, true, 7 * time.Second, ""},
		{"500", webhooktest.Fail, publish.ClassUnavailable, true, 0, ""},
		{"timeout", webhooktest.Hang, publish.ClassTimeout, true, 0, ""},
		{"422 validation", webhooktest.Invalid, publish.ClassValidation, false, 0, "sku"},
		{"400", webhooktest.BadRequest, publish.ClassValidation, false, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetMode(tt.mode, 1)
			out, err := c.Publish(context.Background(), []publish.Item{item("k-" + tt.name)})
			if err != nil || len(out) != 1 {
				t.Fatalf("Publish: %v %v", out, err)
			}
			if tt.class == "" {
				if out[0].Err != nil || out[0].ExternalID != "portal-product-7" {
					t.Fatalf("outcome %+v, want accepted with the portal's id", out[0])
				}
				return
			}
			var pe *publish.Error
			if !errors.As(out[0].Err, &pe) {
				t.Fatalf("error %v is not a *publish.Error", out[0].Err)
			}
			if pe.Class != tt.class || pe.Retry != tt.retry || pe.RetryAfter != tt.retryAfter || pe.Field != tt.field {
				t.Errorf("error %+v, want class %s retry %v after %v field %q", pe, tt.class, tt.retry, tt.retryAfter, tt.field)
			}
			if pe.Detail == "" && tt.mode != webhooktest.Hang {
				t.Error("the channel's own words are missing")
			}
		})
	}
}

func TestWrongSecretIsAuthAndRedeliveryIsNotProcessedTwice(t *testing.T) {
	srv := webhooktest.New("right")
	defer srv.Close()
	bad := webhook.New(webhook.Config{URL: srv.URL(), Secret: "wrong"}, nil)
	out, _ := bad.Publish(context.Background(), []publish.Item{item("k1")})
	var pe *publish.Error
	if !errors.As(out[0].Err, &pe) || pe.Class != publish.ClassAuth || pe.Retry {
		t.Fatalf("wrong secret: %+v, want a permanent auth error", out[0].Err)
	}
	good := webhook.New(webhook.Config{URL: srv.URL(), Secret: "right"}, nil)
	for range 3 {
		if out, _ := good.Publish(context.Background(), []publish.Item{item("k2")}); out[0].Err != nil {
			t.Fatal(out[0].Err)
		}
	}
	if srv.Processed() != 1 || len(srv.Duplicates()) != 0 || srv.Requests() != 4 {
		t.Errorf("processed %d, duplicates %v, requests %d: want one processed of 3 deliveries", srv.Processed(), srv.Duplicates(), srv.Requests())
	}
}

func TestSignatureIsHMACOfTheRawBody(t *testing.T) {
	// Known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
	got := webhook.Sign("key", []byte("The quick brown fox jumps over the lazy dog"))
	if want := "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if webhook.Verify("key", []byte("other"), got) || !webhook.Verify("key", []byte("The quick brown fox jumps over the lazy dog"), got) {
		t.Error("Verify accepts a wrong body or refuses the right one")
	}
}

func TestStaleTimestampIsRefused(t *testing.T) {
	srv := webhooktest.New("s")
	defer srv.Close()
	c := webhook.New(webhook.Config{URL: srv.URL(), Secret: "s", Now: func() time.Time { return time.Now().Add(-time.Hour) }}, nil)
	out, _ := c.Publish(context.Background(), []publish.Item{item("old")})
	var pe *publish.Error
	if !errors.As(out[0].Err, &pe) || pe.Class != publish.ClassAuth {
		t.Fatalf("an hour-old delivery: %v, want refused", out[0].Err)
	}
}
