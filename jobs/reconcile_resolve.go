package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/rules"
)

// Resolved tells what a steward's resolution of drift did.
type Resolved struct {
	Resolved int
	Held     int      // accepted values that wait in the inbox, as the ownership rules say
	Problems []string // items left open, and why
}

type driftRecord struct {
	channelID int64
	object    string
	key       string
}

func groupDrift(items []models.DriftItem) (map[driftRecord][]models.DriftItem, []driftRecord) {
	groups := map[driftRecord][]models.DriftItem{}
	var order []driftRecord
	for _, it := range items {
		k := driftRecord{it.ChannelID, it.ObjectType, it.RecordKey}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], it)
	}
	return groups, order
}

func driftFields(items []models.DriftItem) []string {
	var fs []string
	for _, it := range items {
		if it.Field != "" {
			fs = append(fs, it.Field)
		}
	}
	sort.Strings(fs)
	return fs
}

// RepublishDrift queues, in tx, a publication of the golden record of each drift item to
// its channel, marked as a replay so that it is sent even though Steward's version did not
// change: the channel's copy did. Items of records Steward does not know are left open.
func RepublishDrift(tx *gorm.DB, items []models.DriftItem, who models.Actor, now time.Time) (Resolved, error) {
	var r Resolved
	groups, order := groupDrift(items)
	chans := map[int64]models.Channel{}
	for _, k := range order {
		its := groups[k]
		first := its[0]
		if first.GoldenID == nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: Steward has no golden record to republish; accept the channel's record instead.", first.Summary))
			continue
		}
		ch, ok := chans[k.channelID]
		if !ok {
			var err error
			if ch, err = models.ChannelByID(tx, k.channelID); err != nil {
				return r, err
			}
			chans[k.channelID] = ch
		}
		version, err := goldenVersion(tx, k.object, *first.GoldenID)
		if err != nil {
			return r, err
		}
		what := "the whole record"
		if fs := driftFields(its); len(fs) > 0 {
			what = strings.Join(fs, ", ")
		}
		summary := fmt.Sprintf("Republished to repair drift on %s: %s", ch.Name, what)
		if _, err := models.EnqueuePublications(tx, []models.Channel{ch}, k.object, *first.GoldenID, version, summary); err != nil {
			return r, fmt.Errorf("queue republication: %w", err)
		}
		if err := tx.Model(&models.Publication{}).
			Where("channel_id = ? AND object_type = ? AND golden_id = ? AND status = ? AND replays = 0", ch.ID, k.object, *first.GoldenID, "pending").
			Update("replays", 1).Error; err != nil {
			return r, fmt.Errorf("mark republication: %w", err)
		}
		for _, it := range its {
			if err := models.ResolveDrift(tx, it.ID, "republished", who.Name, now); err != nil {
				return r, err
			}
			r.Resolved++
		}
		if err := models.Audit(tx, who, models.Change{Action: "drift.republish", ObjectType: k.object, ObjectID: *first.GoldenID,
			After: map[string]any{"channel": ch.Name, "fields": driftFields(its)}, Reason: summary}); err != nil {
			return r, err
		}
	}
	return r, nil
}

func goldenVersion(tx *gorm.DB, object string, id int64) (int, error) {
	if object == models.ObjectProduct {
		p, err := models.ProductByID(tx, id)
		return p.Version, err
	}
	c, err := models.CustomerByID(tx, id)
	return c.Version, err
}

// AcceptDrift takes the channel's values of drift items through the normal change path: an
// incoming record from the channel per record, so the ownership rules and gates decide.
// A value the channel does not own waits in the inbox, and the item says so.
func (in Inbound) AcceptDrift(ctx context.Context, items []models.DriftItem, who models.Actor) (Resolved, error) {
	var r Resolved
	groups, order := groupDrift(items)
	byChannel := map[int64][]driftRecord{}
	var chOrder []int64
	for _, k := range order {
		if groups[k][0].Kind == models.DriftMissing {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: the channel does not hold it, so there is no value to accept; republish it instead.", groups[k][0].Summary))
			continue
		}
		if _, ok := byChannel[k.channelID]; !ok {
			chOrder = append(chOrder, k.channelID)
		}
		byChannel[k.channelID] = append(byChannel[k.channelID], k)
	}
	for _, chID := range chOrder {
		ch, err := models.ChannelByID(in.DB, chID)
		if err != nil {
			return r, err
		}
		keys := byChannel[chID]
		changes := make([]ingest.Change, 0, len(keys))
		accepted := keys[:0:0]
		for _, k := range keys {
			c, problem := acceptedChange(groups[k])
			if problem != "" {
				r.Problems = append(r.Problems, problem)
				continue
			}
			// A new stamp: the same content may have come before and been held or superseded.
			c.Stamp = fmt.Sprintf("drift %d accepted %s", groups[k][0].ID, in.now().Format(time.RFC3339Nano))
			changes = append(changes, c)
			accepted = append(accepted, k)
		}
		if len(changes) == 0 {
			continue
		}
		keys = accepted
		why := fmt.Sprintf("%s accepted %s's values found by reconciliation", who.Name, ch.Name)
		_, _, err = in.submit(ctx, ch, changes, who, "drift.accept", why, func(tx *gorm.DB, out []Submitted) error {
			for i, k := range keys {
				res := out[i]
				resolution := ""
				switch res.Status {
				case models.IncomingApplied, models.IncomingUnchanged, StatusDuplicate:
					resolution = "accepted the channel's value"
				case models.IncomingHeld:
					resolution = fmt.Sprintf("accepted; waits in the inbox (item %d): %s", res.InboxID, strings.Join(res.Reasons, " "))
					r.Held++
				default:
					r.Problems = append(r.Problems, fmt.Sprintf("%s: %s", groups[k][0].Summary, strings.Join(res.Reasons, " ")))
					continue
				}
				for _, it := range groups[k] {
					if err := models.ResolveDrift(tx, it.ID, resolution, who.Name, in.now()); err != nil {
						return err
					}
					r.Resolved++
				}
			}
			return nil
		})
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

// acceptedChange is the change that takes a record's drift values from the channel: for a
// record Steward does not know, the channel's whole record; otherwise only the differing
// values, each read back into its canonical attribute.
func acceptedChange(its []models.DriftItem) (ingest.Change, string) {
	first := its[0]
	if first.Kind == models.DriftUnknown {
		var c ingest.Change
		if first.ChannelRecord == "" || json.Unmarshal([]byte(first.ChannelRecord), &c) != nil {
			return c, fmt.Sprintf("%s: Steward cannot read this record of the channel; create it in Steward instead.", first.Summary)
		}
		return c, ""
	}
	c := ingest.Change{Object: first.ObjectType, ExternalID: first.ExternalID, Provided: []string{}}
	var p models.Product
	var cu models.Customer
	for _, it := range its {
		attr := rules.DriftAttribute(it.ObjectType, it.Field)
		if attr == "" {
			return c, fmt.Sprintf("%s: the channel's %s cannot be taken back as it stands; change it in Steward or republish.", it.Summary, it.Field)
		}
		var err error
		if it.ObjectType == models.ObjectProduct {
			err = setAttr(rules.ProductAttributes, &p, attr, it.ChannelValue)
		} else {
			err = setAttr(rules.CustomerAttributes, &cu, attr, it.ChannelValue)
		}
		if err != nil {
			return c, fmt.Sprintf("%s: the channel's %s %q: %s", it.Summary, it.Field, it.ChannelValue, err)
		}
		c.Provided = append(c.Provided, attr)
	}
	if c.Object == models.ObjectProduct {
		c.Product = &p
	} else {
		c.Customer = &cu
	}
	return c, ""
}
