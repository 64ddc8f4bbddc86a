package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Lifecycle statuses of a product.
const (
	LifecycleDraft        = "draft"
	LifecycleActive       = "active"
	LifecyclePhaseOut     = "phase_out"
	LifecycleDiscontinued = "discontinued"
)

// Product is the golden record of a sellable item.
type Product struct {
	ID              int64
	SKU             string `gorm:"column:sku"`
	Name            string
	Description     string
	Category        string
	Brand           string
	UoM             string `gorm:"column:uom"`
	Barcode         string
	WeightKg        *float64
	LengthCm        *float64
	WidthCm         *float64
	HeightCm        *float64
	HSCode          string `gorm:"column:hs_code"`
	TaxClass        string
	ListPrice       Money
	Cost            Money
	Currency        string
	LifecycleStatus string
	Active          bool
	SearchText      string `json:"-"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
}

// BeforeSave keeps the search column in step with the fields people search by.
func (p *Product) BeforeSave(*gorm.DB) error {
	p.SearchText = foldText(p.SKU, p.Name, p.Brand, p.Category, p.Barcode)
	return nil
}

// CreateProduct stores a new product; a SKU in use is ErrDuplicate.
func CreateProduct(db *gorm.DB, p *Product) error {
	p.Version = 1
	if err := db.Create(p).Error; err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("product %s: %w", p.SKU, ErrDuplicate)
		}
		return fmt.Errorf("create product %s: %w", p.SKU, err)
	}
	return nil
}

// ProductByID finds a product.
func ProductByID(db *gorm.DB, id int64) (Product, error) {
	var p Product
	return p, notFound(db.Take(&p, id).Error)
}

// ProductBySKU finds a product by its SKU.
func ProductBySKU(db *gorm.DB, sku string) (Product, error) {
	var p Product
	return p, notFound(db.Where("sku = ?", sku).Take(&p).Error)
}

// ProductFilter narrows the product list. Zero fields do not filter.
type ProductFilter struct {
	Query     string
	Category  string
	Brand     string
	Lifecycle string
	Active    string // "", "active", "archived"
	Page      PageRequest
}

func (f ProductFilter) apply(q *gorm.DB) *gorm.DB {
	if f.Category != "" {
		q = q.Where("category = ?", f.Category)
	}
	if f.Brand != "" {
		q = q.Where("brand = ?", f.Brand)
	}
	if f.Lifecycle != "" {
		q = q.Where("lifecycle_status = ?", f.Lifecycle)
	}
	return activeFilter(q, f.Active)
}

// ListProducts returns one page of products by name.
func ListProducts(db *gorm.DB, f ProductFilter) (Page[Product], error) {
	return listPage(db, listSpec[Product]{
		table: "products", terms: searchTerms(f.Query), filters: f.apply, page: f.Page,
		key: func(p Product) Cursor { return Cursor{Name: p.Name, ID: p.ID} },
	})
}

// ProductsByIDs loads products by id, for showing names next to ids.
func ProductsByIDs(db *gorm.DB, ids []int64) (map[int64]Product, error) {
	var ps []Product
	out := map[int64]Product{}
	if len(ids) == 0 {
		return out, nil
	}
	if err := db.Where("id IN ?", ids).Find(&ps).Error; err != nil {
		return nil, err
	}
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, nil
}

func activeFilter(q *gorm.DB, active string) *gorm.DB {
	switch active {
	case "active":
		return q.Where("active = ?", true)
	case "archived":
		return q.Where("active = ?", false)
	}
	return q
}

// UpdateProduct writes every field of a product if nobody changed it since it was read
// (Version as read), and moves its version on.
func UpdateProduct(db *gorm.DB, p *Product) error {
	p.BeforeSave(db)
	p.UpdatedAt = db.NowFunc()
	res := db.Model(&Product{}).Where("id = ? AND version = ?", p.ID, p.Version).
		Select("*").Omit("id", "created_at").Updates(withVersion(p, p.Version+1))
	if res.Error != nil {
		if isUniqueViolation(res.Error) {
			return fmt.Errorf("product %s: %w", p.SKU, ErrDuplicate)
		}
		return fmt.Errorf("update product %d: %w", p.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	p.Version++
	return nil
}

func withVersion(p *Product, v int) *Product {
	c := *p
	c.Version = v
	return &c
}
