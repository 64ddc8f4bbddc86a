package rules

import (
	"slices"
	"strings"

	"steward/models"
)

// OwnershipRule says which system owns an attribute of a domain ("*" for all of them) and
// what happens when another source changes it. It is stored as models.OwnershipRule.
type OwnershipRule = models.OwnershipRule

// AnyAttribute in a rule covers every attribute of its domain that has no rule of its own.
const AnyAttribute = "*"

// SystemSteward owns what people edit in Steward's own pages.
const SystemSteward = "steward"

// Systems lists what can own an attribute: every channel kind, and Steward itself.
var Systems = []string{
	models.ChannelOdoo, models.ChannelShopify, models.ChannelWooCommerce, models.ChannelEDI,
	models.ChannelPortal, models.ChannelWebhook, models.ChannelCSV, SystemSteward,
}

// SystemLabel is a system's name as people write it.
func SystemLabel(system string) string {
	switch system {
	case models.ChannelOdoo:
		return "Odoo"
	case models.ChannelShopify:
		return "Shopify"
	case models.ChannelWooCommerce:
		return "WooCommerce"
	case models.ChannelEDI:
		return "EDI"
	case models.ChannelPortal:
		return "the B2B portal"
	case models.ChannelWebhook:
		return "a webhook"
	case models.ChannelCSV:
		return "a CSV import"
	case SystemSteward:
		return "Steward"
	case "":
		return "nobody in particular"
	}
	return system
}

// What happens to a change from a source that does not own the attribute.
const (
	PolicyReject = "reject" // dropped, with the reason recorded
	PolicyHold   = "hold"   // waits in the inbox for a steward
	PolicyAccept = "accept" // applied like the owner's own change
)

// Policies lists the policies in the order the admin form offers them.
var Policies = []string{PolicyHold, PolicyReject, PolicyAccept}

// PolicyLabel says what a policy does, for the matrix.
func PolicyLabel(p string) string {
	switch p {
	case PolicyReject:
		return "rejected"
	case PolicyHold:
		return "held for a steward"
	case PolicyAccept:
		return "accepted"
	}
	return p
}

// DefaultOwnership is the matrix of a new installation: Odoo, the ERP, owns products,
// prices, stock and the credit terms of customers. A storefront's idea of a price waits for
// a steward; stock and credit terms are never taken from a channel, because a channel's
// stock is a copy of Odoo's and a customer must not raise their own credit limit through
// the portal. Everything else about a customer may come from any source.
func DefaultOwnership() []OwnershipRule {
	return []OwnershipRule{
		{Domain: DomainProduct, Attribute: AnyAttribute, Owner: models.ChannelOdoo, Policy: PolicyHold},
		{Domain: DomainCustomer, Attribute: AnyAttribute, Owner: "", Policy: PolicyAccept},
		{Domain: DomainCustomer, Attribute: "credit_limit", Owner: models.ChannelOdoo, Policy: PolicyReject},
		{Domain: DomainCustomer, Attribute: "payment_terms", Owner: models.ChannelOdoo, Policy: PolicyReject},
		{Domain: DomainPrice, Attribute: AnyAttribute, Owner: models.ChannelOdoo, Policy: PolicyHold},
		{Domain: DomainInventory, Attribute: AnyAttribute, Owner: models.ChannelOdoo, Policy: PolicyReject},
	}
}

// AttributeDecision is what happens to one changed attribute, and why in plain words.
type AttributeDecision struct {
	Attribute string
	Owner     string // "" when nobody owns it
	Reason    string
}

// OwnershipDecision sorts the changed attributes of one incoming change by what happens
// to them. Every changed attribute is in exactly one list, in the order it was given.
type OwnershipDecision struct {
	Apply  []AttributeDecision
	Hold   []AttributeDecision
	Reject []AttributeDecision
}

// Clean tells whether the whole change may be applied at once.
func (d OwnershipDecision) Clean() bool { return len(d.Hold) == 0 && len(d.Reject) == 0 }

// DecideOwnership decides, for a change from source to the changed attributes of a record
// of domain, which attributes apply, which wait for a steward and which are rejected.
//
// matrix is the stored ownership rules (models.ListOwnershipRules). For each attribute the
// rule naming it wins over the domain's "*" rule. source is the system the change comes
// from: a channel kind ("odoo", "shopify", …) or "steward"; it is compared without regard
// to case. A change from the owner always applies; a change from anyone else follows the
// rule's policy; an attribute no rule covers applies. Attributes are canonical field names
// (FieldsOf); a name given twice is decided once.
func DecideOwnership(matrix []OwnershipRule, domain, source string, changed []string) OwnershipDecision {
	source = strings.ToLower(strings.TrimSpace(source))
	var d OwnershipDecision
	seen := map[string]bool{}
	for _, attr := range changed {
		attr = strings.TrimSpace(attr)
		if seen[attr] {
			continue
		}
		seen[attr] = true
		r, ok := ruleFor(matrix, domain, attr)
		ad := AttributeDecision{Attribute: attr, Owner: r.Owner}
		subject := inSentence(label(domain, attr)) + " of " + DomainLabel(domain)
		switch {
		case !ok:
			ad.Reason = "No ownership rule covers the " + subject + "; the change from " + SystemLabel(source) + " is applied"
			d.Apply = append(d.Apply, ad)
		case r.Owner != "" && strings.EqualFold(r.Owner, source):
			ad.Reason = capitalize(SystemLabel(r.Owner)) + " owns the " + subject + "; its change is applied"
			d.Apply = append(d.Apply, ad)
		default:
			ad.Reason = ownerPhrase(r.Owner, subject) + "; " + policyPhrase(r.Policy, "a change from "+SystemLabel(source))
			switch r.Policy {
			case PolicyReject:
				d.Reject = append(d.Reject, ad)
			case PolicyAccept:
				d.Apply = append(d.Apply, ad)
			default:
				// An unknown policy is treated as the cautious one: a person looks at it.
				d.Hold = append(d.Hold, ad)
			}
		}
	}
	return d
}

// ruleFor finds the most specific rule for an attribute: its own, else the domain's "*".
func ruleFor(matrix []OwnershipRule, domain, attr string) (OwnershipRule, bool) {
	var wild *OwnershipRule
	for i, r := range matrix {
		if r.Domain != domain {
			continue
		}
		if r.Attribute == attr {
			return r, true
		}
		if r.Attribute == AnyAttribute && wild == nil {
			wild = &matrix[i]
		}
	}
	if wild != nil {
		return *wild, true
	}
	return OwnershipRule{}, false
}

// ExplainRule says what a rule means, for the matrix page: "Odoo owns the credit limit of
// customers; a change from another source is rejected".
func ExplainRule(r OwnershipRule) string {
	subject := "every attribute of " + DomainLabel(r.Domain)
	if r.Owner == "" {
		subject = "the attributes of " + DomainLabel(r.Domain)
	}
	if r.Attribute != AnyAttribute {
		subject = "the " + inSentence(label(r.Domain, r.Attribute)) + " of " + DomainLabel(r.Domain)
	}
	if r.Owner == "" {
		return "Nobody in particular owns " + subject + "; " + policyPhrase(r.Policy, "a change from any source")
	}
	return capitalize(SystemLabel(r.Owner)) + " owns " + subject + "; " + policyPhrase(r.Policy, "a change from another source")
}

func ownerPhrase(owner, subject string) string {
	if owner == "" {
		return "Nobody in particular owns the " + subject
	}
	return capitalize(SystemLabel(owner)) + " owns the " + subject
}

func policyPhrase(policy, change string) string {
	switch policy {
	case PolicyReject:
		return change + " is rejected"
	case PolicyAccept:
		return change + " is accepted"
	}
	return change + " waits for a steward"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// CheckOwnershipRule tells what is wrong with a rule an admin wants to save, field by
// field, or nil.
func CheckOwnershipRule(r OwnershipRule) error {
	errs := map[string]string{}
	switch {
	case !isDomain(r.Domain):
		errs["domain"] = "Choose products, customers, prices or inventory."
	case r.Attribute == "":
		errs["attribute"] = "Name an attribute, or * for every attribute."
	case r.Attribute != AnyAttribute:
		if _, ok := FieldOf(r.Domain, r.Attribute); !ok {
			errs["attribute"] = capitalize(DomainLabel(r.Domain)) + " have no attribute “" + r.Attribute + "”. Use * or one of: " + fieldNames(r.Domain) + "."
		}
	}
	if r.Owner != "" && !slices.Contains(Systems, r.Owner) {
		errs["owner"] = "Choose one of the systems listed."
	}
	switch {
	case !slices.Contains(Policies, r.Policy):
		errs["policy"] = "Choose what happens to a change from another source."
	case r.Owner == "" && r.Policy != PolicyAccept:
		errs["policy"] = "With no owner, every source is “another source”: choose an owner, or accept changes."
	}
	if len(errs) > 0 {
		return InvalidFields(errs)
	}
	return nil
}
