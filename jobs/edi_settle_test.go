package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs"
	"steward/jobs/edi"
	"steward/jobs/edi/editest"
	"steward/jobs/publish"
	"steward/models"
	"steward/models/testdb"
	"steward/rules/channelmap"
)

// TestSettleEDICarriesAcknowledgementsToPublications: the scheduled job reads each EDI
// channel's 997s; the accepted catalog stays published, the one with a unit code the partner
// does not know fails with the AK3/AK4 errors in words. A channel with damaged settings is
// reported without keeping the others from settling.
func TestSettleEDICarriesAcknowledgementsToPublications(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		broken := models.Channel{Name: "broken-edi", Kind: models.ChannelEDI, Direction: models.DirectionDestination, Active: true, Settings: `{"customer_id":1}`}
		if err := models.CreateChannel(db, &broken); err != nil {
			t.Fatal(err)
		}
		type partner struct {
			ch  models.Channel
			p   *editest.Partner
			pub models.Publication
		}
		var ps []partner
		for i, uom := range []string{"Units", "Stück"} {
			out, in := t.TempDir(), t.TempDir()
			id := fmt.Sprintf("PARTNER%d", i)
			ch := models.Channel{Name: "edi-" + id, Kind: models.ChannelEDI, Direction: models.DirectionDestination, Active: true,
				Settings: fmt.Sprintf(`{"outbound_dir":%q,"inbound_dir":%q,"customer_id":42,"sender_id":"STEWARD","receiver_id":%q}`, out, in, id)}
			if err := models.CreateChannel(db, &ch); err != nil {
				t.Fatal(err)
			}
			pub := models.Publication{ChannelID: ch.ID, ObjectType: models.ObjectPriceRule, GoldenID: int64(i + 1), GoldenVersion: 1, Status: models.PublicationPublished, Payload: "{}", Version: 1}
			if err := db.Create(&pub).Error; err != nil {
				t.Fatal(err)
			}
			raw, err := channelmap.RenderEDI(channelmap.Record{Object: "price", ID: pub.GoldenID, Fields: map[string]any{"sku": "EL-1001", "uom": uom, "price": 3.95, "currency": "EUR"}},
				channelmap.Mapping{Values: map[string]map[string]string{"uom": {"Units": "EA"}}})
			if err != nil {
				t.Fatal(err)
			}
			conn, err := edi.New(db, ch)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Publish(ctx, []publish.Item{{PublicationID: pub.ID, ObjectType: "price", GoldenID: pub.GoldenID, GoldenVersion: 1, Payload: json.RawMessage(raw)}}); err != nil {
				t.Fatal(err)
			}
			p := editest.New(out, in, id)
			if n, err := p.Process(); err != nil || n != 1 {
				t.Fatalf("partner took %d files: %v", n, err)
			}
			ps = append(ps, partner{ch, p, pub})
		}

		n, err := jobs.SettleEDI(ctx, db, nil)
		if n != 2 {
			t.Errorf("settled %d sets, want 2", n)
		}
		if err == nil || !strings.Contains(err.Error(), "outbound_dir") {
			t.Errorf("err = %v, want the broken channel's settings named", err)
		}
		accepted, _ := models.PublicationByID(db, ps[0].pub.ID)
		if accepted.Status != models.PublicationPublished {
			t.Errorf("accepted set's publication: %s %q", accepted.Status, accepted.Error)
		}
		rejected, _ := models.PublicationByID(db, ps[1].pub.ID)
		if rejected.Status != models.PublicationFailed || rejected.ErrorClass != publish.ClassValidation ||
			!strings.Contains(rejected.Error, "rejected the 832") || !strings.Contains(rejected.ErrorDetail, "segment CTP") ||
			!strings.Contains(rejected.ErrorDetail, "the code is not one the partner accepts") {
			t.Errorf("rejected set's publication: %s %q %q %q", rejected.Status, rejected.ErrorClass, rejected.Error, rejected.ErrorDetail)
		}
		// Read once: a second run finds nothing new and changes nothing.
		if n, _ := jobs.SettleEDI(ctx, db, nil); n != 0 {
			t.Errorf("second run settled %d sets", n)
		}
	})
}
