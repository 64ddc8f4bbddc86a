package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/edi/editest"
	"steward/models"
)

// TestChannelAddEDIPublishesOnlyItsCustomersPrices: an EDI partner added with the command
// gets an 832 through the real worker with its own customer's contract price; another
// customer's price and a customer record are skipped with the reason, not failed; the
// partner's 997 accepts the file.
func TestChannelAddEDIPublishesOnlyItsCustomersPrices(t *testing.T) {
	t.Setenv("STEWARD_SECRET_KEY", channelTestKey)
	dsn := filepath.Join(t.TempDir(), "s.db")
	out, in := t.TempDir(), t.TempDir()
	db, cfg := startPublishing(t, dsn)
	hansa := models.Customer{Name: "Hansa Bürobedarf", Currency: "EUR", Active: true, Version: 1}
	other := models.Customer{Name: "Other Trading", Currency: "EUR", Active: true, Version: 1}
	for _, c := range []*models.Customer{&hansa, &other} {
		if err := db.Create(c).Error; err != nil {
			t.Fatal(err)
		}
	}
	addChannel(t, "", "edi", "--db", dsn, "--name", "EDI: Hansa", "--partner", "Hansa", "--outbound", out, "--inbound", in,
		"--sender-id", "STEWARD", "--receiver-id", "HANSAEDI", "--customer-id", fmt.Sprint(hansa.ID), "--customer-code", "HANSA-0042")
	ch, err := models.ChannelByName(db, "EDI: Hansa")
	if err != nil {
		t.Fatal(err)
	}

	importProducts(t, db, cfg, "sku,name,barcode,list_price,currency,uom\nEL-1001,Cable tie 200 mm,4006381333931,12.50,EUR,EA\n")
	settled(t, db, ch.Name)
	p, err := models.ProductBySKU(db, "EL-1001")
	if err != nil {
		t.Fatal(err)
	}
	var rules []models.PriceRule
	err = db.Transaction(func(tx *gorm.DB) error {
		pl := models.PriceList{Name: "Contracts", Currency: "EUR", Active: true, Version: 1}
		if err := tx.Create(&pl).Error; err != nil {
			return err
		}
		for _, c := range []struct {
			customer int64
			price    models.Money
		}{{hansa.ID, 39500}, {other.ID, 31000}} {
			r := models.PriceRule{PriceListID: pl.ID, ProductID: p.ID, CustomerID: &c.customer, MinQuantity: 10, Price: c.price, Version: 1}
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			rules = append(rules, r)
			if _, err := models.EnqueuePublications(tx, []models.Channel{ch}, models.ObjectPriceRule, r.ID, 1, "contract price"); err != nil {
				return err
			}
		}
		_, err := models.EnqueuePublications(tx, []models.Channel{ch}, models.ObjectCustomer, hansa.ID, 1, hansa.Name)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	byKey := map[string]models.Publication{}
	for _, pub := range settled(t, db, ch.Name) {
		byKey[fmt.Sprintf("%s-%d", pub.ObjectType, pub.GoldenID)] = pub
	}
	for key, want := range map[string]string{
		fmt.Sprintf("%s-%d", models.ObjectProduct, p.ID):          models.PublicationPublished,
		fmt.Sprintf("%s-%d", models.ObjectPriceRule, rules[0].ID): models.PublicationPublished,
		fmt.Sprintf("%s-%d", models.ObjectPriceRule, rules[1].ID): models.PublicationSkipped,
		fmt.Sprintf("%s-%d", models.ObjectCustomer, hansa.ID):     models.PublicationSkipped,
	} {
		got := byKey[key]
		if got.Status != want {
			t.Errorf("%s: %s (%q %q), want %s", key, got.Status, got.Error, got.ErrorDetail, want)
		}
		if want == models.PublicationSkipped && got.SkipReason == "" {
			t.Errorf("%s skipped without a reason", key)
		}
	}
	if r := byKey[fmt.Sprintf("%s-%d", models.ObjectPriceRule, rules[1].ID)].SkipReason; !strings.Contains(r, "another customer") {
		t.Errorf("skip reason of the other customer's price = %q", r)
	}

	files, _ := filepath.Glob(filepath.Join(out, "*.x12"))
	var all strings.Builder
	for _, f := range files {
		data, _ := os.ReadFile(f)
		all.Write(data)
	}
	x12 := all.String()
	if !strings.Contains(x12, "ST*832*") || !strings.Contains(x12, "N1*BY*Hansa*91*HANSA-0042") || !strings.Contains(x12, "*3.95*") {
		t.Errorf("the 832 lacks the partner or its contract price:\n%s", x12)
	}
	if strings.Contains(x12, "*3.1*") {
		t.Errorf("another customer's price reached the partner:\n%s", x12)
	}
	partner := editest.New(out, in, "HANSAEDI")
	if n, err := partner.Process(); err != nil || n != len(files) {
		t.Fatalf("partner took %d of %d files: %v", n, len(files), err)
	}
	if got := partner.Price("EL-1001"); got == "" {
		t.Errorf("the partner accepted no price for EL-1001")
	}
}
