package channelmap

import (
	"encoding/json"
	"fmt"
)

// renderers lists the renderer of each channel kind (models.Channel.Kind). A new connector
// adds its line here.
var renderers = map[string]Renderer{
	"webhook":     RenderWebhook,
	"portal":      RenderWebhook,
	"edi":         RenderEDI,
	"shopify":     RenderShopify,
	"woocommerce": RenderWooCommerce,
	"odoo":        RenderOdoo,
}

// RendererFor returns a channel kind's renderer.
func RendererFor(kind string) (Renderer, bool) {
	r, ok := renderers[kind]
	return r, ok
}

// Render checks that the record may go to the channel, then renders it with the channel
// kind's renderer.
func Render(kind string, public bool, r Record, m Mapping) (json.RawMessage, error) {
	if err := Allowed(r, public); err != nil {
		return nil, err
	}
	fn, ok := renderers[kind]
	if !ok {
		return nil, fmt.Errorf("Steward does not publish to %s channels (%w)", kind, ErrNotForChannel)
	}
	return fn(r, m)
}

// ParseMapping reads a stored mapping; empty text is the renderer's defaults.
func ParseMapping(s string) (Mapping, error) {
	var m Mapping
	if s == "" {
		return m, nil
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return m, fmt.Errorf("the stored mapping is damaged: %w", err)
	}
	return m, nil
}
