package odoo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

type rpcEnvelopeError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    struct {
		Name      string `json:"name"`
		Message   string `json:"message"`
		Debug     string `json:"debug"`
		Arguments []any  `json:"arguments"`
	} `json:"data"`
}

// rpc makes one JSON-RPC call. The envelope is walked token by token so the result is
// decoded once, straight into out.
func (c *Client) rpc(ctx context.Context, service, method string, args []any, out any, model, what string) error {
	body, err := json.Marshal(map[string]any{
		"jsonrpc": "2.0", "method": "call", "id": c.seq.Add(1),
		"params": map[string]any{"service": service, "method": method, "args": args},
	})
	if err != nil {
		e := c.newError(model, what)
		e.Kind, e.Err = KindBadRequest, err
		return e
	}
	resp, data, err := c.post(ctx, "/jsonrpc", body, http.Header{"Content-Type": {"application/json"}}, model, what)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !isJSON(resp, data) {
		return c.httpError(resp, data, model, what)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return c.decodeError(model, what, fmt.Errorf("not a JSON-RPC envelope"))
	}
	var rerr *rpcEnvelopeError
	got := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return c.decodeError(model, what, err)
		}
		switch tok {
		case "result":
			got = true
			if out == nil {
				out = new(json.RawMessage)
			}
			if err := dec.Decode(out); err != nil {
				return c.decodeError(model, what, err)
			}
		case "error":
			rerr = new(rpcEnvelopeError)
			if err := dec.Decode(rerr); err != nil {
				return c.decodeError(model, what, err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return c.decodeError(model, what, err)
			}
		}
	}
	if rerr != nil {
		e := c.newError(model, what)
		e.Status, e.Name, e.Message, e.Debug = resp.StatusCode, rerr.Data.Name, rerr.Data.Message, rerr.Data.Debug
		if e.Message == "" {
			e.Message = rerr.Message
		}
		e.classify()
		return e
	}
	if !got {
		return c.decodeError(model, what, fmt.Errorf("JSON-RPC answer without result"))
	}
	return nil
}

func (c *Client) executeKW(ctx context.Context, cl call, out any) error {
	uid, err := c.uidFor(ctx)
	if err != nil {
		return err
	}
	pos := cl.args
	if cl.record {
		pos = append([]any{cl.ids}, cl.args...)
	}
	if pos == nil {
		pos = []any{}
	}
	args := []any{c.cfg.Database, uid, c.cfg.Secret, cl.model, cl.method, pos}
	if len(cl.kwargs) > 0 {
		args = append(args, cl.kwargs)
	}
	return c.rpc(ctx, "object", "execute_kw", args, out, cl.model, cl.method)
}
