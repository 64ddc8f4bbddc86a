package channelmap

import "encoding/json"

// WebhookPayload is the body of a generic webhook delivery: the record's canonical fields
// under the channel's names. No version or time: an unchanged record renders byte for byte
// the same, so the outbox can skip it.
type WebhookPayload struct {
	Object string         `json:"object"`
	ID     int64          `json:"id"`
	Fields map[string]any `json:"fields"`
}

// RenderWebhook renders canonical JSON; encoding/json sorts map keys, so equal records give
// equal bytes.
func RenderWebhook(r Record, m Mapping) (json.RawMessage, error) {
	return json.Marshal(WebhookPayload{Object: r.Object, ID: r.ID, Fields: Apply(m, r)})
}
