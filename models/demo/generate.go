package demo

import (
	"math/rand/v2"
	"time"

	"steward/models"
)

// Sizes of the demo data set. Near-duplicates are included in the totals.
const (
	Products           = 3000
	DuplicateProducts  = 40
	Customers          = 2500
	DuplicateCustomers = 150
)

// Options tune the demo data set. The zero value gives the standard set as of now.
type Options struct {
	Seed uint64    // the same seed gives the same data
	Now  time.Time // dates (validity periods, creation times) are placed around it
}

// Indexes of the fixed records, in the order they are generated.
const (
	listStandard = iota
	listWholesale
	listExport
)

const (
	channelOdoo = iota
	channelShopify
	channelWoo
	channelEDI
	channelPortal
)

// dataset is a whole demo data set before it is stored. Records refer to each other by
// index, because ids exist only once rows are inserted.
type dataset struct {
	channels   []models.Channel
	priceLists []models.PriceList
	locations  []models.Location
	products   []models.Product // originals, then near-duplicates from index originals on
	originals  int
	accounts   []*account // originals with their branches, then near-duplicates
	rules      []rule
	stock      []stock
	refs       []ref
}

type rule struct {
	m        models.PriceRule
	list     int
	product  int
	customer int // -1: the rule holds for everyone on the list
}

type stock struct {
	m                 models.InventoryLevel
	product, location int
}

type ref struct {
	m       models.ExternalRef
	channel int
	golden  int // index into products or accounts, by m.ObjectType
}

// generate builds the data set; it touches no database, so the same options always give
// the same records.
func generate(opt Options) *dataset {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	now := opt.Now.UTC().Truncate(time.Second)
	r := rand.New(rand.NewPCG(opt.Seed, 0x5374657761726400)) // "Steward\0": any fixed word will do
	ds := &dataset{
		channels:   demoChannels(),
		priceLists: demoPriceLists(),
		locations:  demoLocations(),
	}
	pg := newProductGen(r, now)
	ds.products = pg.generate(Products - DuplicateProducts)
	ds.originals = len(ds.products)
	ds.products = append(ds.products, pg.duplicates(ds.products, DuplicateProducts)...)
	cg := newCustomerGen(r, now)
	ds.accounts = cg.generate(Customers - DuplicateCustomers)
	ds.accounts = append(ds.accounts, cg.duplicates(ds.accounts, DuplicateCustomers)...)
	ds.rules = priceRules(r, now, ds.products, ds.accounts)
	ds.stock = inventory(r, ds.products)
	ds.refs = externalRefs(r, ds.products, ds.originals, ds.accounts)
	return ds
}
