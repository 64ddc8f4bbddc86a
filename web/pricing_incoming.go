package web

import "steward/models"

// incomingStatusWords says what became of an incoming record, in a steward's words where
// the status alone would mislead: a "proposed" change is not live yet.
func incomingStatusWords(status string) string {
	if status == models.IncomingProposed {
		return "sent to pricing approval"
	}
	return status
}

// pricingWaits tells whether an approved item's price still waits for a manager.
func (v InboxItemView) pricingWaits() bool {
	return v.Record != nil && v.Record.Status == models.IncomingProposed
}
