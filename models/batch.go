package models

import (
	"fmt"

	"gorm.io/gorm"
)

// EachProductBatch hands fn every product, size at a time in id order, so a check over
// 100k products never holds them all in memory. It stops at fn's first error.
func EachProductBatch(db *gorm.DB, size int, fn func([]Product) error) error {
	return eachBatch(db, "products", size, func(p Product) int64 { return p.ID }, fn)
}

// EachCustomerBatch hands fn every customer account, size at a time in id order.
func EachCustomerBatch(db *gorm.DB, size int, fn func([]Customer) error) error {
	return eachBatch(db, "customers", size, func(c Customer) int64 { return c.ID }, fn)
}

// eachBatch pages by id (keyset) rather than OFFSET, which rescans the skipped rows on
// every page, and opens no transaction, so SQLite's single connection stays free between
// batches.
func eachBatch[T any](db *gorm.DB, table string, size int, id func(T) int64, fn func([]T) error) error {
	if size <= 0 {
		size = 1000
	}
	var last int64
	for {
		var batch []T
		if err := db.Table(table).Where("id > ?", last).Order("id").Limit(size).Find(&batch).Error; err != nil {
			return fmt.Errorf("read %s after id %d: %w", table, last, err)
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < size {
			return nil
		}
		last = id(batch[len(batch)-1])
	}
}
