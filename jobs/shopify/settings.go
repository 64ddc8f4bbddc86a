package shopify

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"steward/models"
)

// Settings are a Shopify channel's settings (models.Channel.Settings JSON); the shop's
// address is the channel's BaseURL.
type Settings struct {
	AccessToken string `json:"access_token"` // sealed with the keyring
	LocationID  string `json:"location_id"`  // gid://shopify/Location/…
}

// FromChannel builds the connector of a Shopify channel; open unseals the token
// (models.Keyring.Open).
func FromChannel(ch models.Channel, open func(sealed string) (string, error)) (*Connector, error) {
	var st Settings
	if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
		return nil, fmt.Errorf("the settings of %s are damaged: %w", ch.Name, err)
	}
	if ch.BaseURL == "" || st.AccessToken == "" {
		return nil, errors.New(ch.Name + ": a Shopify channel needs the shop's address and an Admin API access token")
	}
	token, err := open(st.AccessToken)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ch.Name, err)
	}
	return New(Config{BaseURL: ch.BaseURL, Token: token, LocationID: st.LocationID, Timeout: 30 * time.Second}), nil
}
