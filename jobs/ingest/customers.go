package ingest

import (
	"fmt"

	"steward/models"
	"steward/rules"
)

func (b *batch) applyCustomer(c Change, rec *models.IncomingRecord) (outcome, error) {
	in := c.Customer
	goldenID, err := b.golden(models.ObjectCustomer, c.ExternalID)
	if err != nil {
		return outcome{}, err
	}
	// The parent account arrives by the source's id; it is linked if Steward has it.
	var parentID *int64
	if c.ParentRef != "" {
		pid, err := b.golden(models.ObjectCustomer, c.ParentRef)
		if err != nil {
			return outcome{}, err
		}
		if pid != 0 {
			parentID = &pid
		}
	}
	var golden models.Customer
	isNew := goldenID == 0
	// Before a new account is created: is it one Steward has already (matching.go)?
	var found ranked
	var decision matchDecision
	linkTo := false
	if isNew {
		var exclude int64
		if parentID != nil {
			exclude = *parentID
		}
		if goldenID, found, decision, err = b.matchNew(c, models.ObjectCustomer, exclude); err != nil {
			return outcome{}, err
		}
		isNew, linkTo = goldenID == 0, goldenID != 0
	}
	if isNew {
		// New accounts are created as they come; the duplicate scan pairs them with any
		// existing account they may repeat.
		golden = models.Customer{Currency: in.Currency, Active: true}
	} else if golden, err = models.CustomerByID(b.tx, goldenID); err != nil {
		return outcome{}, fmt.Errorf("load customer %d: %w", goldenID, err)
	}
	if in, err = withPriceList(b.tx, b.ch.ID, c, golden, b.golden); err != nil {
		return outcome{}, err
	}
	changes := rules.Diff(rules.CustomerAttributes, &golden, in, c.Provided)
	parentProvided := c.Provided == nil || contains(c.Provided, "parent_id")
	parentChanged := parentProvided && !sameParent(golden.ParentID, parentID) && (c.ParentRef == "" || parentID != nil)
	if parentChanged {
		changes = append(changes, rules.FieldChange{Field: "parent_id", Before: golden.ParentID, After: parentID})
	}
	if linkTo {
		if err := b.linkMatched(c, models.ObjectCustomer, goldenID, found, decision); err != nil {
			return outcome{}, err
		}
	}
	if len(changes) == 0 && !isNew {
		return outcome{status: models.IncomingUnchanged, goldenID: goldenID}, nil
	}
	v := b.decide.Ownership("customer", b.ch.Kind, fieldNames(changes))
	merged := golden
	apply := v.Apply
	if isNew {
		apply = fieldNames(changes)
	}
	rules.ApplyChanges(rules.CustomerAttributes, &merged, in, apply)
	if parentChanged && contains(apply, "parent_id") {
		merged.ParentID = parentID
	}
	blocking, warnings := b.decide.Validate("customer", b.ch, merged)
	summary := in.Name
	if len(blocking) > 0 {
		return b.hold(c, rec, goldenID, models.ReasonValidation, append(blocking, v.Reasons...), summary)
	}
	if len(v.Held) > 0 || (isNew && len(v.Rejected) > 0) {
		return b.hold(c, rec, goldenID, models.ReasonOwnership, v.Reasons, summary)
	}
	if len(v.Apply) == 0 {
		return outcome{status: models.IncomingRejected, reasons: v.Reasons, goldenID: goldenID}, nil
	}
	before, after := changeMaps(changes, apply)
	action := "customer.update"
	if isNew {
		action = "customer.create"
		if err := models.CreateCustomer(b.tx, &merged); err != nil {
			return outcome{}, err
		}
		goldenID, before = merged.ID, nil
		if err := b.link(models.ObjectCustomer, c.ExternalID, goldenID); err != nil {
			return outcome{}, err
		}
		if err := b.created(found, decision, goldenID, summary); err != nil {
			return outcome{}, err
		}
	} else if err := models.UpdateCustomer(b.tx, &merged); err != nil {
		return outcome{}, fmt.Errorf("update customer %d: %w", goldenID, err)
	} else if err := b.matchFieldsChanged(models.MatchCustomer, goldenID, apply); err != nil {
		return outcome{}, err
	}
	if err := namePriceLists(b.tx, before, after); err != nil {
		return outcome{}, err
	}
	notes := append(v.Reasons, warnings...)
	if err := b.audit(action, models.ObjectCustomer, goldenID, before, after, c, notes); err != nil {
		return outcome{}, err
	}
	if _, err := models.EnqueuePublications(b.tx, b.dests, models.ObjectCustomer, goldenID, merged.Version, summary); err != nil {
		return outcome{}, err
	}
	return outcome{status: models.IncomingApplied, goldenID: goldenID, version: merged.Version, created: isNew, reasons: notes}, nil
}

func sameParent(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// owner finds the golden account a contact or address belongs to.
func (b *batch) owner(c Change) (int64, error) {
	id, err := b.golden(models.ObjectCustomer, c.ParentRef)
	if err != nil {
		return 0, err
	}
	if id == 0 {
		return 0, bad("%s %s belongs to account %s, which Steward does not have yet", c.Object, c.ExternalID, c.ParentRef)
	}
	return id, nil
}

// applyContact upserts a person at an account. Contacts carry no policy of their own: they
// follow their account.
func (b *batch) applyContact(c Change) (outcome, error) {
	customerID, err := b.owner(c)
	if err != nil {
		return outcome{}, err
	}
	in := *c.Contact
	in.CustomerID = customerID
	id, err := b.golden(ObjectContact, c.ExternalID)
	if err != nil {
		return outcome{}, err
	}
	if id == 0 {
		in.Version = 1
		if err := b.tx.Create(&in).Error; err != nil {
			return outcome{}, fmt.Errorf("create contact: %w", err)
		}
		if err := b.link(ObjectContact, c.ExternalID, in.ID); err != nil {
			return outcome{}, err
		}
		return outcome{status: models.IncomingApplied, goldenID: in.ID, created: true}, b.audit("contact.create", ObjectContact, in.ID, nil, in, c, nil)
	}
	var cur models.Contact
	if err := b.tx.Take(&cur, id).Error; err != nil {
		return outcome{}, err
	}
	if cur.CustomerID == in.CustomerID && cur.Name == in.Name && cur.JobTitle == in.JobTitle && cur.Email == in.Email && cur.Phone == in.Phone {
		return outcome{status: models.IncomingUnchanged, goldenID: id}, nil
	}
	res := b.tx.Model(&models.Contact{}).Where("id = ?", id).Updates(map[string]any{
		"customer_id": in.CustomerID, "name": in.Name, "job_title": in.JobTitle, "email": in.Email, "phone": in.Phone,
		"version": cur.Version + 1, "updated_at": b.tx.NowFunc(),
	})
	if res.Error != nil {
		return outcome{}, res.Error
	}
	return outcome{status: models.IncomingApplied, goldenID: id}, b.audit("contact.update", ObjectContact, id, cur, in, c, nil)
}

// applyAddress upserts a billing, delivery or ship-to address of an account.
func (b *batch) applyAddress(c Change) (outcome, error) {
	customerID, err := b.owner(c)
	if err != nil {
		return outcome{}, err
	}
	in := *c.Address
	in.CustomerID = customerID
	in.ParentID = nil // the ship-to hierarchy is kept in Steward; sources send flat addresses
	id, err := b.golden(ObjectAddress, c.ExternalID)
	if err != nil {
		return outcome{}, err
	}
	if id == 0 {
		in.Version = 1
		if err := b.tx.Create(&in).Error; err != nil {
			return outcome{}, fmt.Errorf("create address: %w", err)
		}
		if err := b.link(ObjectAddress, c.ExternalID, in.ID); err != nil {
			return outcome{}, err
		}
		return outcome{status: models.IncomingApplied, goldenID: in.ID, created: true}, b.audit("address.create", ObjectAddress, in.ID, nil, in, c, nil)
	}
	var cur models.Address
	if err := b.tx.Take(&cur, id).Error; err != nil {
		return outcome{}, err
	}
	in.ID, in.CreatedAt, in.Version, in.ParentID = cur.ID, cur.CreatedAt, cur.Version, cur.ParentID
	in.UpdatedAt = cur.UpdatedAt
	if in == cur {
		return outcome{status: models.IncomingUnchanged, goldenID: id}, nil
	}
	res := b.tx.Model(&models.Address{}).Where("id = ?", id).Updates(map[string]any{
		"customer_id": in.CustomerID, "kind": in.Kind, "label": in.Label, "street": in.Street, "street2": in.Street2,
		"city": in.City, "postcode": in.Postcode, "state": in.State, "country": in.Country,
		"version": cur.Version + 1, "updated_at": b.tx.NowFunc(),
	})
	if res.Error != nil {
		return outcome{}, res.Error
	}
	return outcome{status: models.IncomingApplied, goldenID: id}, b.audit("address.update", ObjectAddress, id, cur, in, c, nil)
}
