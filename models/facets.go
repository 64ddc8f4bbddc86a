package models

import (
	"fmt"

	"gorm.io/gorm"
)

// maxFacetValues bounds a filter menu; a column with more values wants a search box.
const maxFacetValues = 500

// distinctValues lists a column's distinct non-empty values by hopping through its index
// (a loose index scan): one index probe per value, where SELECT DISTINCT would read every
// row of a 100k-row table on each page load. column must lead an index of table.
func distinctValues(db *gorm.DB, table, column string) ([]string, error) {
	sql := fmt.Sprintf(`WITH RECURSIVE v(x, n) AS (
    SELECT (SELECT min(%[2]s) FROM %[1]s WHERE %[2]s > ''), 1
    UNION ALL
    SELECT (SELECT min(%[2]s) FROM %[1]s WHERE %[2]s > v.x), v.n + 1 FROM v WHERE v.x IS NOT NULL AND v.n < %[3]d
) SELECT x FROM v WHERE x IS NOT NULL`, table, column, maxFacetValues)
	var out []string
	if err := db.Raw(sql).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("list %s values of %s: %w", column, table, err)
	}
	return out, nil
}

// ProductFacets lists the categories and brands in use, for filter menus.
func ProductFacets(db *gorm.DB) (categories, brands []string, err error) {
	if categories, err = distinctValues(db, "products", "category"); err != nil {
		return
	}
	brands, err = distinctValues(db, "products", "brand")
	return
}

// CustomerCountries lists the countries in use, for the filter menu.
func CustomerCountries(db *gorm.DB) ([]string, error) {
	return distinctValues(db, "customers", "country")
}
