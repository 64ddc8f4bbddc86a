package odoo

import (
	"context"
	"testing"

	"steward/jobs/odoo/odootest"
)

const (
	testKey      = "k3y-0123456789abcdef"
	testPassword = "s3cret-pw"
)

var protocols = []string{ProtocolJSONRPC, ProtocolJSON2}

func newServer(t testing.TB, opts odootest.Options) *odootest.Server {
	t.Helper()
	if opts.Version == "" {
		opts.Version = "19.0"
	}
	if opts.Database == "" {
		opts.Database = "steward"
	}
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	if opts.Password == "" {
		opts.Password = testPassword
	}
	s := odootest.New(opts)
	t.Cleanup(s.Close)
	return s
}

// clientFor connects with the API key over JSON-2 and with the password over JSON-RPC, so
// both kinds of secret get exercised.
func clientFor(s *odootest.Server, protocol string) *Client {
	secret := testPassword
	if protocol == ProtocolJSON2 {
		secret = testKey
	}
	return New(Config{URL: s.URL(), Database: s.Database(), Login: "admin", Secret: secret, Protocol: protocol}, nil)
}

func forEachProtocol(t *testing.T, f func(t *testing.T, protocol string)) {
	for _, p := range protocols {
		t.Run(p, func(t *testing.T) { f(t, p) })
	}
}

func mustCreate(t testing.TB, s *odootest.Server, model string, vals map[string]any) int64 {
	t.Helper()
	id, err := s.Create(model, vals)
	if err != nil {
		t.Fatalf("create %s: %v", model, err)
	}
	return id
}

var bg = context.Background()
