package edi

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Config is an EDI channel's settings (models.Channel.Settings JSON).
type Config struct {
	OutboundDir string `json:"outbound_dir"` // where 832/846 files are written
	InboundDir  string `json:"inbound_dir"`  // where the partner's 997s arrive
	// The trading partner and the customer account it buys as: its contract prices are
	// the only customer-specific prices it may receive.
	PartnerName       string `json:"partner_name"`
	CustomerID        int64  `json:"customer_id"`
	CustomerCode      string `json:"customer_code"` // N1*BY id: how the partner knows itself, e.g. its account number
	SenderQualifier   string `json:"sender_qualifier"`
	SenderID          string `json:"sender_id"`
	ReceiverQualifier string `json:"receiver_qualifier"`
	ReceiverID        string `json:"receiver_id"`
	GroupSender       string `json:"group_sender"`   // GS02; the ISA sender id when empty
	GroupReceiver     string `json:"group_receiver"` // GS03; the ISA receiver id when empty
	Usage             string `json:"usage"`          // T or P
	Element           string `json:"element_separator"`
	SubElement        string `json:"sub_element_separator"`
	Segment           string `json:"segment_terminator"`
	Currency          string `json:"currency"` // for 832 lines that name none
}

// ParseConfig reads and checks a channel's settings; defaults fill what is optional.
func ParseConfig(settings string) (Config, error) {
	var c Config
	if err := json.Unmarshal([]byte(settings), &c); err != nil {
		return c, fmt.Errorf("EDI settings are not valid JSON: %w", err)
	}
	if c.SenderQualifier == "" {
		c.SenderQualifier = "ZZ"
	}
	if c.ReceiverQualifier == "" {
		c.ReceiverQualifier = "ZZ"
	}
	if c.GroupSender == "" {
		c.GroupSender = c.SenderID
	}
	if c.GroupReceiver == "" {
		c.GroupReceiver = c.ReceiverID
	}
	if c.Usage == "" {
		c.Usage = "T" // production must be chosen on purpose
	}
	if c.Element == "" {
		c.Element = "*"
	}
	if c.SubElement == "" {
		c.SubElement = ">"
	}
	if c.Segment == "" {
		c.Segment = "~"
	}
	if c.OutboundDir == "" {
		return c, errors.New("outbound_dir: name the folder the partner collects files from")
	}
	if c.CustomerID == 0 {
		return c, errors.New("customer_id: name the customer account this partner buys as")
	}
	for name, s := range map[string]string{"element_separator": c.Element, "sub_element_separator": c.SubElement, "segment_terminator": c.Segment} {
		if len(s) != 1 || s[0] < 0x21 || s[0] > 0x7e || strings.ContainsAny(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ") {
			return c, fmt.Errorf("%s: one printable character that is not a letter or digit", name)
		}
	}
	if err := c.Envelope().check(); err != nil {
		return c, err
	}
	return c, nil
}

// Envelope is the ISA/GS addressing the settings describe.
func (c Config) Envelope() Envelope {
	var u byte
	if len(c.Usage) == 1 {
		u = c.Usage[0]
	}
	return Envelope{
		SenderQualifier: c.SenderQualifier, SenderID: c.SenderID,
		ReceiverQualifier: c.ReceiverQualifier, ReceiverID: c.ReceiverID,
		GroupSender: c.GroupSender, GroupReceiver: c.GroupReceiver, Usage: u,
		Separators: Separators{Element: first(c.Element), SubElement: first(c.SubElement), Segment: first(c.Segment)},
	}
}

func first(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}
