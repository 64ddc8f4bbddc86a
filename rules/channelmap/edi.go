package channelmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// EDILine is one line of an X12 832 price/sales catalog or 846 inventory advice, as the EDI
// connector (jobs/edi) puts it into a transaction set. Quantities and prices are decimal
// text, as X12's R type writes them.
type EDILine struct {
	Set         string `json:"set"`  // 832 or 846
	SKU         string `json:"sku"`  // LIN vendor's item number (VN)
	GTIN        string `json:"gtin"` // LIN UPC / EAN / GTIN-14, when known
	Description string `json:"description,omitempty"`
	UoM         string `json:"uom"`
	// 832 only: the unit price, the quantity it starts at, and whether it is the partner's
	// contract price (a customer-specific price) or the catalog price.
	Price       string `json:"price,omitempty"`
	Currency    string `json:"currency,omitempty"`
	MinQuantity string `json:"min_quantity,omitempty"`
	Contract    bool   `json:"contract,omitempty"`
	CustomerID  *int64 `json:"customer_id,omitempty"`
	ValidFrom   string `json:"valid_from,omitempty"` // YYYY-MM-DD
	ValidTo     string `json:"valid_to,omitempty"`
	// 846 only: the quantity available for sale.
	Quantity string `json:"quantity,omitempty"`
}

// EDI channel fields a mapping may point elsewhere: item, gtin, description, uom, price,
// currency, min_quantity, valid_from, valid_to, quantity.

// RenderEDI renders a product (its list price), a price rule or a stock level as one X12
// line. A customer's price goes only to the partner whose customer it is: the connector
// compares CustomerID with the channel's settings.
func RenderEDI(r Record, m Mapping) (json.RawMessage, error) {
	l := EDILine{
		SKU:         connectorString(r, m, "item", "sku"),
		GTIN:        connectorString(r, m, "gtin", "barcode"),
		Description: connectorString(r, m, "description", "name"),
		UoM:         connectorString(r, m, "uom", "uom"),
	}
	if r.Object != "product" && r.Object != "price" && r.Object != "stock" {
		// Asked before the SKU: a customer has none, and is no line to repair.
		return nil, fmt.Errorf("EDI partners take products, prices and stock, not %ss (%w)", r.Object, ErrNotForChannel)
	}
	if l.SKU == "" {
		return nil, errors.New("sku: an EDI line needs the item's SKU")
	}
	if l.UoM == "" {
		l.UoM = "EA"
	}
	switch r.Object {
	case "product", "price":
		l.Set = "832"
		def := "list_price"
		if r.Object == "price" {
			def = "price"
		}
		price, ok, err := connectorNumber(r, m, "price", def)
		if err != nil {
			return nil, err
		}
		if !ok || price < 0 {
			return nil, fmt.Errorf("%s: an 832 line needs a price of zero or more", def)
		}
		l.Price = decimalText(price)
		l.Currency = strings.ToUpper(connectorString(r, m, "currency", "currency"))
		l.MinQuantity = "1"
		if q, ok, err := connectorNumber(r, m, "min_quantity", "min_quantity"); err != nil {
			return nil, err
		} else if ok && q > 0 {
			l.MinQuantity = decimalText(q)
		}
		l.ValidFrom = dateText(connectorString(r, m, "valid_from", "valid_from"))
		l.ValidTo = dateText(connectorString(r, m, "valid_to", "valid_to"))
		if r.CustomerID != nil {
			id := *r.CustomerID
			l.CustomerID, l.Contract = &id, true
		}
	case "stock":
		l.Set = "846"
		q, ok, err := connectorNumber(r, m, "quantity", "available")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("available: an 846 line needs the quantity available")
		}
		if q < 0 {
			q = 0 // a partner cannot act on an oversold count; nothing is available
		}
		l.Quantity = decimalText(q)
	default:
		return nil, fmt.Errorf("EDI partners take products, prices and stock, not %ss (%w)", r.Object, ErrNotForChannel)
	}
	return json.Marshal(l)
}

// dateText keeps the date part of an ISO date or timestamp.
func dateText(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}
