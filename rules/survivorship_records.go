package rules

import (
	"fmt"
	"time"

	"steward/models"
)

// CustomerSurvival is a customer account as survivorship reads it; sources are the names
// of the channels that hold it.
func CustomerSurvival(c models.Customer, sources []string) SurvivalRecord {
	return survival(DomainCustomer, CustomerAttributes, &c, c.ID, c.UpdatedAt, sources)
}

// ProductSurvival is a product as survivorship reads it.
func ProductSurvival(p models.Product, sources []string) SurvivalRecord {
	return survival(DomainProduct, ProductAttributes, &p, p.ID, p.UpdatedAt, sources)
}

func survival[T any](domain string, attrs []Attribute[T], rec *T, id int64, updated time.Time, sources []string) SurvivalRecord {
	r := SurvivalRecord{ID: id, UpdatedAt: updated, Sources: sources, Values: map[string]string{}}
	for _, f := range SurvivableFields(domain) {
		if a, ok := attribute(attrs, f.Name); ok {
			r.Values[f.Name] = FormatValue(a.Get(rec))
		}
	}
	return r
}

// ApplyCustomerSurvival writes the merged values onto the survivor: each from the record
// that won it (records by id), a fixed value as an admin typed it.
func ApplyCustomerSurvival(survivor *models.Customer, records map[int64]*models.Customer, s Survived) error {
	return applySurvival(CustomerAttributes, survivor, records, s)
}

// ApplyProductSurvival writes the merged values onto the surviving product.
func ApplyProductSurvival(survivor *models.Product, records map[int64]*models.Product, s Survived) error {
	return applySurvival(ProductAttributes, survivor, records, s)
}

func applySurvival[T any](attrs []Attribute[T], survivor *T, records map[int64]*T, s Survived) error {
	errs := map[string]string{}
	for _, p := range s.Provenance {
		a, ok := attribute(attrs, p.Field)
		if !ok {
			continue
		}
		if src, ok := records[p.RecordID]; ok {
			// Copy, not Set: the value moves exactly as stored (money, empty numbers).
			a.Copy(survivor, src)
			continue
		}
		if err := a.Set(survivor, p.Value); err != nil {
			errs[p.Field] = fmt.Sprintf("The fixed value %q does not fit: %s", p.Value, err.Error())
		}
	}
	if len(errs) > 0 {
		return InvalidFields(errs)
	}
	return nil
}

func attribute[T any](attrs []Attribute[T], name string) (Attribute[T], bool) {
	for _, a := range attrs {
		if a.Name == name {
			return a, true
		}
	}
	return Attribute[T]{}, false
}

// MergeCustomers is the survivor as a merge would leave it: the domain's rules (saved by
// admins, defaults for the rest) and the overrides applied to survivor and dup, with each
// field's provenance. Sources name the channels holding each record. For a merge made
// without a person (automatic merging), pass no overrides.
func MergeCustomers(survivor, dup models.Customer, survivorSources, dupSources []string, saved []models.SurvivorshipRule, overrides map[string]int64) (models.Customer, Survived, error) {
	s, err := Survive(DomainCustomer, []SurvivalRecord{CustomerSurvival(survivor, survivorSources), CustomerSurvival(dup, dupSources)}, saved, overrides)
	if err != nil {
		return survivor, s, err
	}
	merged := survivor
	err = ApplyCustomerSurvival(&merged, map[int64]*models.Customer{survivor.ID: &survivor, dup.ID: &dup}, s)
	return merged, s, err
}

// MergeProducts is MergeCustomers for products.
func MergeProducts(survivor, dup models.Product, survivorSources, dupSources []string, saved []models.SurvivorshipRule, overrides map[string]int64) (models.Product, Survived, error) {
	s, err := Survive(DomainProduct, []SurvivalRecord{ProductSurvival(survivor, survivorSources), ProductSurvival(dup, dupSources)}, saved, overrides)
	if err != nil {
		return survivor, s, err
	}
	merged := survivor
	err = ApplyProductSurvival(&merged, map[int64]*models.Product{survivor.ID: &survivor, dup.ID: &dup}, s)
	return merged, s, err
}
