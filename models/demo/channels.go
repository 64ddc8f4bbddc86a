package demo

import (
	"fmt"
	"math/rand/v2"

	"steward/models"
)

// demoChannels point at hosts under the reserved .example domain, so a demo never reaches
// a real system.
func demoChannels() []models.Channel {
	return []models.Channel{
		{Name: "Odoo ERP", Kind: models.ChannelOdoo, Direction: models.DirectionBoth, BaseURL: "https://erp.demo-distribution.example", Settings: "{}", Active: true, Version: 1},
		{Name: "Shopify storefront", Kind: models.ChannelShopify, Direction: models.DirectionDestination, BaseURL: "https://shop.demo-distribution.example", Public: true, Settings: "{}", Active: true, Version: 1},
		{Name: "WooCommerce shop", Kind: models.ChannelWooCommerce, Direction: models.DirectionDestination, BaseURL: "https://outlet.demo-distribution.example", Public: true, Settings: "{}", Active: true, Version: 1},
		{Name: "EDI: BauMarkt Partner", Kind: models.ChannelEDI, Direction: models.DirectionDestination, BaseURL: "sftp://edi.baumarkt-partner.example/inbound", Settings: "{}", Active: true, Version: 1},
		{Name: "B2B portal", Kind: models.ChannelPortal, Direction: models.DirectionBoth, BaseURL: "https://portal.demo-distribution.example", Settings: "{}", Active: true, Version: 1},
	}
}

// externalRefs links records to the ids the channels know them by: nearly everything to
// Odoo, which holds the full catalogue and customer base; the web shops only carry
// active products with a barcode; the portal knows the accounts that signed up.
func externalRefs(r *rand.Rand, products []models.Product, originals int, accounts []*account) []ref {
	var out []ref
	add := func(channel int, objectType, externalID string, golden int) {
		out = append(out, ref{m: models.ExternalRef{ObjectType: objectType, ExternalID: externalID}, channel: channel, golden: golden})
	}
	odooID := 1000
	for i, p := range products {
		nearDuplicate := i >= originals
		if p.LifecycleStatus == models.LifecycleDraft && (!nearDuplicate || chance(r, 50)) {
			continue // drafts start in Steward; half the near-duplicates came in from Odoo
		}
		odooID += 1 + r.IntN(3)
		add(channelOdoo, models.ObjectProduct, fmt.Sprint(odooID), i)
	}
	shopifyID, wooID := int64(8_100_000_000_000), 200
	for i, p := range products {
		if !p.Active || p.LifecycleStatus != models.LifecycleActive || p.Barcode == "" {
			continue
		}
		if chance(r, 40) {
			shopifyID += 1 + r.Int64N(40_000_000)
			add(channelShopify, models.ObjectProduct, fmt.Sprintf("gid://shopify/Product/%d", shopifyID), i)
		}
		if chance(r, 25) {
			wooID += 1 + r.IntN(12)
			add(channelWoo, models.ObjectProduct, fmt.Sprint(wooID), i)
		}
	}
	partnerID := 7
	for i := range accounts {
		if chance(r, 97) {
			partnerID += 1 + r.IntN(4)
			add(channelOdoo, models.ObjectCustomer, fmt.Sprint(partnerID), i)
		}
	}
	portalID := 0
	for i, a := range accounts {
		if a.dupOf < 0 && a.m.Active && chance(r, 30) {
			portalID += 1 + r.IntN(5)
			add(channelPortal, models.ObjectCustomer, fmt.Sprintf("ACC-%06d", portalID), i)
		}
	}
	return out
}
