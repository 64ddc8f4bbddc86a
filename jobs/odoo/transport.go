package odoo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

const userAgent = "steward-odoo/1"

// post sends one request and reads the whole answer; failing to get an answer is a
// transient error.
func (c *Client) post(ctx context.Context, path string, body []byte, header http.Header, model, method string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		e := c.newError(model, method)
		e.Kind, e.subject, e.Err = KindNotFound, subjEndpoint, errors.New("invalid server URL")
		return nil, nil, e
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, c.networkError(model, method, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, c.networkError(model, method, err)
	}
	return resp, data, nil
}

func isJSON(resp *http.Response, data []byte) bool {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "application/json" {
		return true
	}
	t := bytes.TrimSpace(data)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// httpError turns a non-JSON answer (a proxy page, Odoo's HTML 404) into an Error.
func (c *Client) httpError(resp *http.Response, data []byte, model, method string) *Error {
	e := c.newError(model, method)
	e.Status = resp.StatusCode
	e.Message = http.StatusText(resp.StatusCode)
	e.classify()
	if resp.StatusCode == http.StatusOK {
		// A web page where JSON was due: a proxy's login page, a web site, not Odoo's API.
		e.Kind, e.subject, e.Message = KindNotFound, subjEndpoint, "the server answered with a web page, not Odoo's API"
	}
	if resp.StatusCode == http.StatusNotFound && strings.HasPrefix(c.pathOf(resp), "/json/2/") {
		e.subject = subjNoJSON2
		if bytes.Contains(data, []byte("No database is selected")) {
			e.subject = subjDatabase
			e.Message = "No database is selected"
		}
	}
	return e
}

func (c *Client) pathOf(resp *http.Response) string {
	if resp.Request != nil && resp.Request.URL != nil {
		return resp.Request.URL.Path
	}
	return ""
}

func (c *Client) decodeError(model, method string, err error) *Error {
	e := c.newError(model, method)
	e.Kind, e.Err = KindServer, fmt.Errorf("unreadable answer: %w", err)
	return e
}

func asError(err error, target **Error) bool { return errors.As(err, target) }
