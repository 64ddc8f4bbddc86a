package woocommerce

import (
	"encoding/json"
	"fmt"
	"time"

	"steward/models"
)

// Settings are a WooCommerce channel's settings (models.Channel.Settings JSON); the site's
// address is the channel's BaseURL.
type Settings struct {
	ConsumerKey    string `json:"consumer_key"`
	ConsumerSecret string `json:"consumer_secret"` // sealed with the keyring
}

// FromChannel builds the connector of a WooCommerce channel; open unseals the secret
// (models.Keyring.Open).
func FromChannel(ch models.Channel, open func(sealed string) (string, error)) (*Connector, error) {
	var st Settings
	if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
		return nil, fmt.Errorf("the settings of %s are damaged: %w", ch.Name, err)
	}
	secret, err := open(st.ConsumerSecret)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ch.Name, err)
	}
	c, err := New(Config{BaseURL: ch.BaseURL, ConsumerKey: st.ConsumerKey, ConsumerSecret: secret, Timeout: 30 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ch.Name, err)
	}
	return c, nil
}
