package odoo

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

type json2Error struct {
	Name      string `json:"name"`
	Message   string `json:"message"`
	Debug     string `json:"debug"`
	Arguments []any  `json:"arguments"`
}

// json2Call makes one JSON-2 call: the body holds the named arguments, the answer is the
// bare return value, and errors come with a real status and a flat error object.
func (c *Client) json2Call(ctx context.Context, cl call, out any) error {
	body := cl.body
	if body == nil {
		body = map[string]any{}
		for k, v := range cl.kwargs {
			body[k] = v
		}
	}
	if cl.record {
		ids := cl.ids
		if ids == nil {
			ids = []int64{}
		}
		body["ids"] = ids
	}
	data, err := json.Marshal(body)
	if err != nil {
		e := c.newError(cl.model, cl.method)
		e.Kind, e.Err = KindBadRequest, err
		return e
	}
	h := http.Header{
		"Content-Type":  {"application/json; charset=utf-8"},
		"Authorization": {"bearer " + c.cfg.Secret},
	}
	if c.cfg.Database != "" {
		h.Set("X-Odoo-Database", c.cfg.Database)
	}
	path := "/json/2/" + url.PathEscape(cl.model) + "/" + url.PathEscape(cl.method)
	resp, answer, err := c.post(ctx, path, data, h, cl.model, cl.method)
	if err != nil {
		return err
	}
	if !isJSON(resp, answer) {
		return c.httpError(resp, answer, cl.model, cl.method)
	}
	dec := json.NewDecoder(bytes.NewReader(answer))
	dec.UseNumber()
	if resp.StatusCode != http.StatusOK {
		var je json2Error
		if err := dec.Decode(&je); err != nil {
			return c.httpError(resp, answer, cl.model, cl.method)
		}
		e := c.newError(cl.model, cl.method)
		e.Status, e.Name, e.Message, e.Debug = resp.StatusCode, je.Name, je.Message, je.Debug
		e.classify()
		return e
	}
	if out == nil {
		return nil
	}
	if err := dec.Decode(out); err != nil {
		return c.decodeError(cl.model, cl.method, err)
	}
	return nil
}
