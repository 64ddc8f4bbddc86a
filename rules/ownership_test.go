package rules

import (
	"fmt"
	"strings"
	"testing"
)

func attrs(ds []AttributeDecision) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Attribute)
	}
	return strings.Join(out, ",")
}

func TestDecideOwnership(t *testing.T) {
	defaults := DefaultOwnership()
	custom := []OwnershipRule{
		{Domain: DomainProduct, Attribute: AnyAttribute, Owner: "odoo", Policy: PolicyHold},
		{Domain: DomainProduct, Attribute: "description", Owner: "shopify", Policy: PolicyHold},
		{Domain: DomainProduct, Attribute: "brand", Owner: "odoo", Policy: PolicyAccept},
		{Domain: DomainProduct, Attribute: "tax_class", Owner: "odoo", Policy: "shrug"},
	}
	tests := []struct {
		name                string
		matrix              []OwnershipRule
		domain, source      string
		changed             []string
		apply, hold, reject string
	}{
		{"owner's change applies", defaults, DomainProduct, "odoo", []string{"list_price", "name"}, "list_price,name", "", ""},
		{"source compared without case", defaults, DomainProduct, " Odoo ", []string{"list_price"}, "list_price", "", ""},
		{"storefront price waits", defaults, DomainProduct, "shopify", []string{"list_price"}, "", "list_price", ""},
		{"credit terms from the portal are rejected, the rest applies", defaults, DomainCustomer, "portal",
			[]string{"email", "credit_limit", "phone", "payment_terms"}, "email,phone", "", "credit_limit,payment_terms"},
		{"Odoo may change credit terms", defaults, DomainCustomer, "odoo", []string{"credit_limit"}, "credit_limit", "", ""},
		{"stock from a channel is rejected", defaults, DomainInventory, "shopify", []string{"on_hand"}, "", "", "on_hand"},
		{"attribute rule beats the domain's *", custom, DomainProduct, "odoo", []string{"description", "name"}, "name", "description", ""},
		{"attribute owner's change applies", custom, DomainProduct, "shopify", []string{"description", "name"}, "description", "name", ""},
		{"accept lets another source through", custom, DomainProduct, "csv", []string{"brand"}, "brand", "", ""},
		{"unknown policy is held", custom, DomainProduct, "csv", []string{"tax_class"}, "", "tax_class", ""},
		{"no rule for the domain applies", custom, DomainCustomer, "portal", []string{"email"}, "email", "", ""},
		{"no rules at all", nil, DomainPrice, "shopify", []string{"price"}, "price", "", ""},
		{"an attribute named twice is decided once", defaults, DomainProduct, "shopify", []string{"name", "name"}, "", "name", ""},
		{"nothing changed", defaults, DomainProduct, "shopify", nil, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DecideOwnership(tt.matrix, tt.domain, tt.source, tt.changed)
			if attrs(d.Apply) != tt.apply || attrs(d.Hold) != tt.hold || attrs(d.Reject) != tt.reject {
				t.Errorf("apply %q hold %q reject %q, want %q %q %q", attrs(d.Apply), attrs(d.Hold), attrs(d.Reject), tt.apply, tt.hold, tt.reject)
			}
			if d.Clean() != (tt.hold == "" && tt.reject == "") {
				t.Errorf("Clean() = %v", d.Clean())
			}
			for _, ad := range append(append(d.Apply, d.Hold...), d.Reject...) {
				if ad.Reason == "" {
					t.Errorf("%s has no reason", ad.Attribute)
				}
			}
		})
	}
}

func TestOwnershipReasons(t *testing.T) {
	reason := func(matrix []OwnershipRule, domain, source, attr string) string {
		d := DecideOwnership(matrix, domain, source, []string{attr})
		all := append(append(d.Apply, d.Hold...), d.Reject...)
		return all[0].Reason
	}
	tests := []struct{ domain, source, attr, want string }{
		{DomainProduct, "shopify", "list_price", "Odoo owns the list price of products; a change from Shopify waits for a steward"},
		{DomainProduct, "odoo", "sku", "Odoo owns the SKU of products; its change is applied"},
		{DomainCustomer, "portal", "credit_limit", "Odoo owns the credit limit of customers; a change from the B2B portal is rejected"},
		{DomainCustomer, "shopify", "email", "Nobody in particular owns the email of customers; a change from Shopify is accepted"},
		{DomainInventory, "woocommerce", "on_hand", "Odoo owns the on hand of inventory levels; a change from WooCommerce is rejected"},
	}
	for _, tt := range tests {
		if got := reason(DefaultOwnership(), tt.domain, tt.source, tt.attr); got != tt.want {
			t.Errorf("%s %s from %s:\n got %q\nwant %q", tt.domain, tt.attr, tt.source, got, tt.want)
		}
	}
	if got := reason(nil, DomainPrice, "csv", "price"); got != "No ownership rule covers the price of prices; the change from a CSV import is applied" {
		t.Errorf("no rule: %q", got)
	}
}

func TestDefaultOwnership(t *testing.T) {
	seen := map[string]bool{}
	wild := map[string]bool{}
	for _, r := range DefaultOwnership() {
		if err := CheckOwnershipRule(r); err != nil {
			t.Errorf("default %+v is refused: %v", r, err)
		}
		key := r.Domain + "." + r.Attribute
		if seen[key] {
			t.Errorf("two defaults for %s", key)
		}
		seen[key] = true
		if r.Attribute == AnyAttribute {
			wild[r.Domain] = true
		}
	}
	for _, d := range Domains {
		if !wild[d] {
			t.Errorf("no default * rule for %s", d)
		}
	}
}

func TestCheckOwnershipRule(t *testing.T) {
	tests := []struct {
		rule      OwnershipRule
		wantField string // "" = valid
	}{
		{OwnershipRule{Domain: "product", Attribute: "*", Owner: "odoo", Policy: "hold"}, ""},
		{OwnershipRule{Domain: "customer", Attribute: "email", Owner: "portal", Policy: "reject"}, ""},
		{OwnershipRule{Domain: "customer", Attribute: "email", Owner: "", Policy: "accept"}, ""},
		{OwnershipRule{Domain: "supplier", Attribute: "*", Owner: "odoo", Policy: "hold"}, "domain"},
		{OwnershipRule{Domain: "product", Attribute: "", Owner: "odoo", Policy: "hold"}, "attribute"},
		{OwnershipRule{Domain: "product", Attribute: "credit_limit", Owner: "odoo", Policy: "hold"}, "attribute"},
		{OwnershipRule{Domain: "product", Attribute: "*", Owner: "sap", Policy: "hold"}, "owner"},
		{OwnershipRule{Domain: "product", Attribute: "*", Owner: "odoo", Policy: "ignore"}, "policy"},
		{OwnershipRule{Domain: "product", Attribute: "*", Owner: "", Policy: "hold"}, "policy"},
	}
	for _, tt := range tests {
		err := CheckOwnershipRule(tt.rule)
		if tt.wantField == "" {
			if err != nil {
				t.Errorf("%+v refused: %v", tt.rule, err)
			}
			continue
		}
		var fields map[string]string
		if e, ok := err.(*Error); ok {
			fields = e.Fields
		}
		if fields[tt.wantField] == "" {
			t.Errorf("%+v: errors %v, want one on %s", tt.rule, fields, tt.wantField)
		}
	}
	err := CheckOwnershipRule(OwnershipRule{Domain: "product", Attribute: "credit_limit", Owner: "odoo", Policy: "hold"})
	if msg := fmt.Sprint(err.(*Error).Fields["attribute"]); !strings.Contains(msg, "Products have no attribute “credit_limit”") || !strings.Contains(msg, "list_price") {
		t.Errorf("unknown attribute message %q should name it and list the known ones", msg)
	}
}

func TestExplainRule(t *testing.T) {
	tests := []struct {
		rule OwnershipRule
		want string
	}{
		{OwnershipRule{Domain: "product", Attribute: "*", Owner: "odoo", Policy: "hold"}, "Odoo owns every attribute of products; a change from another source waits for a steward"},
		{OwnershipRule{Domain: "customer", Attribute: "*", Policy: "accept"}, "Nobody in particular owns the attributes of customers; a change from any source is accepted"},
		{OwnershipRule{Domain: "customer", Attribute: "tax_id", Owner: "portal", Policy: "reject"}, "The B2B portal owns the VAT id of customers; a change from another source is rejected"},
	}
	for _, tt := range tests {
		if got := ExplainRule(tt.rule); got != tt.want {
			t.Errorf("ExplainRule(%+v)\n got %q\nwant %q", tt.rule, got, tt.want)
		}
	}
}
