package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"steward/jobs"
	"steward/jobs/ingest"
	"steward/models"
)

// hookSpec is how one kind of channel signs and describes its webhook deliveries.
type hookSpec struct {
	kind      string
	label     string
	signature string   // header with the base64 HMAC-SHA256 of the raw body
	topic     string   // header naming the event
	delivery  []string // headers with the delivery id, the first present wins
	mapBody   func(topic string, body []byte) (ingest.Change, bool, error)
}

var (
	shopifyHook = hookSpec{kind: models.ChannelShopify, label: "Shopify", signature: "X-Shopify-Hmac-Sha256", topic: "X-Shopify-Topic",
		// The event id is the same for every delivery of one event (retries and other
		// subscriptions alike); the webhook id identifies one delivery and its retries.
		delivery: []string{"X-Shopify-Event-Id", "X-Shopify-Webhook-Id"}, mapBody: jobs.ShopifyChange}
	wooHook = hookSpec{kind: models.ChannelWooCommerce, label: "WooCommerce", signature: "X-WC-Webhook-Signature", topic: "X-WC-Webhook-Topic",
		delivery: []string{"X-WC-Webhook-Delivery-ID"}, mapBody: jobs.WooChange}
)

// wooPing is the body WooCommerce sends, unsigned, when a webhook is saved: it keeps the
// webhook only if the answer is 2xx.
var wooPing = regexp.MustCompile(`^webhook_id=\d+$`)

func (s *server) hookShopify(c *fiber.Ctx) error { return s.hook(c, shopifyHook) }

func (s *server) hookWooCommerce(c *fiber.Ctx) error {
	if c.Get(wooHook.signature) == "" && wooPing.Match(c.Body()) {
		return c.JSON(fiber.Map{"status": "ok"})
	}
	return s.hook(c, wooHook)
}

// hook takes in one signed delivery. Every refusal comes before anything is stored; the
// channel is named by its id in the path, so two shops of one kind never share a secret.
func (s *server) hook(c *fiber.Ctx, spec hookSpec) error {
	if big, err := tooLarge(c); big {
		return err
	}
	ch, found, err := s.hookChannel(spec, c.Params("channel"))
	if err != nil {
		return s.internalError(c, err)
	}
	if !found {
		return apiError(c, fiber.StatusNotFound, "There is no active %s channel %q in Steward: use the address shown by steward channel hook-secret.", spec.label, c.Params("channel"))
	}
	secret, err := s.hookSecret(ch)
	if err != nil {
		s.Log.Warn("webhook refused: no secret", "channel", ch.Name, "err", err)
		return apiError(c, fiber.StatusUnauthorized, "Steward cannot check this delivery's signature: no webhook secret is set for %s.", ch.Name)
	}
	if !validSignature(c.Body(), c.Get(spec.signature), secret) {
		s.Log.Warn("webhook refused: bad signature", "channel", ch.Name, "ip", c.IP())
		return apiError(c, fiber.StatusUnauthorized, "The %s header does not match the body: the delivery was not signed with this channel's webhook secret.", spec.signature)
	}
	if !json.Valid(c.Body()) {
		return apiError(c, fiber.StatusBadRequest, "The body is not valid JSON.")
	}
	topic := c.Get(spec.topic)
	change, wanted, err := spec.mapBody(topic, c.Body())
	if !wanted {
		return c.JSON(fiber.Map{"status": "ignored", "message": "Steward takes in customer and product changes only; " + topic + " is ignored."})
	}
	if err != nil {
		return apiError(c, fiber.StatusBadRequest, "%s", err.Error())
	}
	d := jobs.Delivery{Topic: topic}
	for _, h := range spec.delivery {
		if d.ID = c.Get(h); d.ID != "" {
			break
		}
	}
	rid, _ := c.Locals("requestid").(string)
	who := models.Actor{Name: "webhook: " + ch.Name, RequestID: rid}
	counts, err := s.inbound().ReceiveHook(c.UserContext(), ch, d, []ingest.Change{change}, who)
	if errors.Is(err, jobs.ErrDuplicateDelivery) {
		return c.JSON(fiber.Map{"status": "duplicate", "message": "This delivery was received before; it is ignored."})
	}
	if err != nil {
		return s.internalError(c, err)
	}
	status := "applied"
	switch {
	case counts.Held > 0:
		status = "held"
	case counts.Failed > 0:
		status = "failed"
	case counts.Unchanged > 0:
		status = "unchanged"
	}
	return c.JSON(fiber.Map{"status": status})
}

// hookChannel finds the active channel of the hook's kind named in the path.
func (s *server) hookChannel(spec hookSpec, param string) (models.Channel, bool, error) {
	id, err := strconv.ParseInt(param, 10, 64)
	if err != nil || id <= 0 {
		return models.Channel{}, false, nil
	}
	ch, err := models.ChannelByID(s.DB, id)
	if errors.Is(err, models.ErrNotFound) {
		return ch, false, nil
	}
	return ch, err == nil && ch.Kind == spec.kind && ch.Active, err
}

// hookSettings is the part of a channel's settings that signed hooks read.
type hookSettings struct {
	WebhookSecret string `json:"webhook_secret"` // sealed with the keyring
}

func (s *server) hookSecret(ch models.Channel) (string, error) {
	var st hookSettings
	if err := json.Unmarshal([]byte(ch.Settings), &st); err != nil {
		return "", err
	}
	if st.WebhookSecret == "" {
		return "", errors.New("no webhook_secret in the channel settings")
	}
	return s.Keyring.Open(st.WebhookSecret)
}

// validSignature checks a base64 HMAC-SHA256 of the raw body in constant time.
func validSignature(body []byte, header, secret string) bool {
	got, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(got) != sha256.Size {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}
