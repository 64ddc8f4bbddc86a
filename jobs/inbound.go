package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
)

// Inbound takes in the records channels push to Steward (webhooks) and portals or CRMs send
// through the JSON API. It ingests them at once, in one short transaction per request, so
// the sender learns the outcome and nothing is accepted without being stored: a webhook
// carries one record and a call at most MaxAPIRecords, which applies in milliseconds
// (measured in the README), well inside Shopify's five-second answer window.
type Inbound struct {
	DB *gorm.DB
	// Decider loads the current ownership rules and gates; nil accepts everything.
	Decider func(db *gorm.DB) (ingest.Decider, error)
	Now     func() time.Time
}

// ErrDuplicateDelivery means a webhook delivery with this id was taken in before.
var ErrDuplicateDelivery = errors.New("this delivery was received before")

// Delivery identifies one webhook delivery of a channel.
type Delivery struct {
	ID    string // the channel's delivery id; "" if it sent none
	Topic string
}

func (in Inbound) ingester() (*ingest.Ingester, error) {
	var decide ingest.Decider = ingest.AcceptAll{}
	if in.Decider != nil {
		d, err := in.Decider(in.DB)
		if err != nil {
			return nil, err
		}
		decide = d
	}
	return &ingest.Ingester{DB: in.DB, Decide: decide, Now: in.Now}, nil
}

func (in Inbound) now() time.Time {
	if in.Now != nil {
		return in.Now().UTC()
	}
	return time.Now().UTC()
}

// ReceiveHook stores a delivery's records as incoming records and applies or holds them,
// with the delivery id, in one transaction. The delivery id is written first: a redelivery
// racing the first waits on its unique index and, once the first commits, stores nothing
// and is ErrDuplicateDelivery.
func (in Inbound) ReceiveHook(ctx context.Context, ch models.Channel, d Delivery, changes []ingest.Change, who models.Actor) (models.Counts, error) {
	if d.ID != "" {
		seen, err := models.DeliverySeen(in.DB, ch.ID, d.ID)
		if err != nil {
			return models.Counts{}, err
		}
		if seen {
			return models.Counts{}, ErrDuplicateDelivery
		}
	}
	ing, err := in.ingester()
	if err != nil {
		return models.Counts{}, err
	}
	var counts models.Counts
	err = in.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if d.ID != "" {
			stored, err := models.RecordDelivery(tx, &models.WebhookDelivery{ChannelID: ch.ID, DeliveryID: d.ID, Topic: d.Topic, Records: len(changes), ReceivedAt: in.now()})
			if err != nil {
				return fmt.Errorf("record delivery %s: %w", d.ID, err)
			}
			if !stored {
				return ErrDuplicateDelivery
			}
		}
		// The ingester's transaction becomes a savepoint of this one.
		ing.DB = tx
		ids := make([]string, len(changes))
		for i, c := range changes {
			ids[i] = c.Object + " " + c.ExternalID
		}
		var err error
		counts, err = ing.Apply(ctx, ch, 0, changes, func(tx *gorm.DB) error {
			return models.Audit(tx, who, models.Change{Action: "hook.receive", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
				After:  map[string]any{"delivery_id": d.ID, "topic": d.Topic, "records": ids},
				Reason: fmt.Sprintf("%s sent %s", ch.Name, d.Topic)})
		})
		return err
	})
	return counts, err
}
