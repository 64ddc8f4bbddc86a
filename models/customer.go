package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Customer is the golden record of a customer account. A parent account groups the
// accounts of one company (head office and branches).
type Customer struct {
	ID           int64
	Name         string
	LegalName    string
	TaxID        string `gorm:"column:tax_id"`
	Email        string
	Phone        string
	Website      string
	PaymentTerms string
	CreditLimit  Money
	Currency     string
	Country      string
	PriceListID  *int64
	ParentID     *int64
	Active       bool
	SearchText   string `json:"-"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

// BeforeSave keeps the search column in step with the fields people search by.
func (c *Customer) BeforeSave(*gorm.DB) error {
	c.SearchText = foldText(c.Name, c.LegalName, c.TaxID, c.Email, c.Phone)
	return nil
}

// Address kinds. A ship-to address hangs below a delivery address of the same account.
const (
	AddressBilling  = "billing"
	AddressDelivery = "delivery"
	AddressShipTo   = "ship_to"
)

// Address is a billing, delivery or ship-to address of a customer account.
type Address struct {
	ID         int64
	CustomerID int64
	ParentID   *int64
	Kind       string
	Label      string
	Street     string
	Street2    string
	City       string
	Postcode   string
	State      string
	Country    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// Contact is a person at a customer account.
type Contact struct {
	ID         int64
	CustomerID int64
	Name       string
	JobTitle   string
	Email      string
	Phone      string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
}

// CreateCustomer stores a new customer account.
func CreateCustomer(db *gorm.DB, c *Customer) error {
	c.Version = 1
	if err := db.Create(c).Error; err != nil {
		return fmt.Errorf("create customer %s: %w", c.Name, err)
	}
	return nil
}

// CustomerByID finds a customer account.
func CustomerByID(db *gorm.DB, id int64) (Customer, error) {
	var c Customer
	return c, notFound(db.Take(&c, id).Error)
}

// CustomerDetail is an account with everything hanging off it.
type CustomerDetail struct {
	Customer  Customer
	Parent    *Customer
	Children  []Customer
	PriceList *PriceList
	Addresses []Address
	Contacts  []Contact
}

// CustomerWithDetail loads an account with its parent, branches, price list, addresses and
// contacts.
func CustomerWithDetail(db *gorm.DB, id int64) (CustomerDetail, error) {
	var d CustomerDetail
	var err error
	if d.Customer, err = CustomerByID(db, id); err != nil {
		return d, err
	}
	if d.Customer.ParentID != nil {
		if p, err := CustomerByID(db, *d.Customer.ParentID); err == nil {
			d.Parent = &p
		}
	}
	if d.Customer.PriceListID != nil {
		var pl PriceList
		if err := db.Take(&pl, *d.Customer.PriceListID).Error; err == nil {
			d.PriceList = &pl
		}
	}
	if err = db.Where("parent_id = ?", id).Order("name, id").Limit(200).Find(&d.Children).Error; err != nil {
		return d, err
	}
	if err = db.Where("customer_id = ?", id).Order("kind, id").Find(&d.Addresses).Error; err != nil {
		return d, err
	}
	err = db.Where("customer_id = ?", id).Order("name, id").Find(&d.Contacts).Error
	return d, err
}

// CustomerFilter narrows the customer list. Zero fields do not filter.
type CustomerFilter struct {
	Query       string
	Country     string
	PriceListID int64
	Active      string // "", "active", "archived"
	Page        PageRequest
}

func (f CustomerFilter) apply(q *gorm.DB) *gorm.DB {
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	if f.PriceListID != 0 {
		q = q.Where("price_list_id = ?", f.PriceListID)
	}
	return activeFilter(q, f.Active)
}

// ListCustomers returns one page of customer accounts by name.
func ListCustomers(db *gorm.DB, f CustomerFilter) (Page[Customer], error) {
	return listPage(db, listSpec[Customer]{
		table: "customers", terms: searchTerms(f.Query), filters: f.apply, page: f.Page,
		key: func(c Customer) Cursor { return Cursor{Name: c.Name, ID: c.ID} },
	})
}

// UpdateCustomer writes every field of a customer account if nobody changed it since it was
// read (Version as read), and moves its version on.
func UpdateCustomer(db *gorm.DB, c *Customer) error {
	c.BeforeSave(db)
	c.UpdatedAt = db.NowFunc()
	next := *c
	next.Version = c.Version + 1
	res := db.Model(&Customer{}).Where("id = ? AND version = ?", c.ID, c.Version).
		Select("*").Omit("id", "created_at").Updates(&next)
	if res.Error != nil {
		return fmt.Errorf("update customer %d: %w", c.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	c.Version++
	return nil
}
