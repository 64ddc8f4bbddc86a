package rules

import "steward/models"

// PriceChannels decides which channels receive a price that changed: every active
// destination channel for a general price; for a customer-specific price only the
// non-public channels that carry that customer (a B2B portal, the customer's EDI partner),
// never a public storefront, whatever else is configured. carriers holds the channels that
// hold a reference for the customer; skip those told already (the Odoo written back to).
func PriceChannels(chans []models.Channel, customerSpecific bool, carriers, skip map[int64]bool) []models.Channel {
	var out []models.Channel
	for _, ch := range chans {
		if !ch.Active || skip[ch.ID] {
			continue
		}
		if ch.Direction != models.DirectionDestination && ch.Direction != models.DirectionBoth {
			continue
		}
		if customerSpecific && (ch.Public || !carriers[ch.ID]) {
			continue
		}
		out = append(out, ch)
	}
	return out
}
