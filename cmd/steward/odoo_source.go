package main

import (
	"context"
	"fmt"

	"steward/jobs"
	"steward/models"
)

func odooSource(ch models.Channel, keyring *models.Keyring) (jobs.Source, error) {
	return nil, fmt.Errorf("the Odoo connector is not built into this binary yet")
}

func checkOdoo(ctx context.Context, url string, st odooSettings, secret string) (string, error) {
	return "", fmt.Errorf("the Odoo connector is not built into this binary yet")
}
