package woocommerce

import (
	"context"
	"encoding/json"
)

// Check reads one product, the cheapest request that proves the address and the REST API key
// work, so a channel is refused when it is added rather than at its first publication.
func (c *Connector) Check(ctx context.Context) error {
	var raw []json.RawMessage
	_, err := c.Client.do(ctx, "GET", "/products?per_page=1", nil, &raw)
	return err
}
