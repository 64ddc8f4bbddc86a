package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"steward/jobs"
	"steward/jobs/odoo"
	"steward/jobs/odoosync"
	"steward/models"
)

// odooHTTP is shared by every Odoo client: connections are kept alive between pages.
var odooHTTP = &http.Client{Timeout: 2 * time.Minute}

func odooClient(url string, st odooSettings, secret string) *odoo.Client {
	return odoo.New(odoo.Config{URL: url, Database: st.Database, Login: st.Login, Secret: secret, Protocol: st.Protocol, Timeout: time.Minute}, odooHTTP)
}

// odooSource opens a channel's sealed credentials and builds its pull source.
func odooSource(ch models.Channel, keyring *models.Keyring) (jobs.Source, error) {
	var st odooSettings
	if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
		return nil, fmt.Errorf("the settings of %s are damaged: add the channel again", ch.Name)
	}
	secret, err := keyring.Open(st.Secret)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ch.Name, err)
	}
	return &odoosync.Source{Client: odooClient(ch.BaseURL, st, secret)}, nil
}

// checkOdoo signs in once and reports the server's version.
func checkOdoo(ctx context.Context, url string, st odooSettings, secret string) (string, error) {
	c := odooClient(url, st, secret)
	if _, err := c.Authenticate(ctx); err != nil {
		return "", err
	}
	v, err := c.Version(ctx)
	if err != nil {
		return "", err
	}
	return v.ServerVersion, nil
}
