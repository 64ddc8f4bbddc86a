package models_test

import "steward/rules"

func ruleRead(resource string) rules.Permission {
	return rules.Permission{Resource: resource, Action: rules.Read}
}
