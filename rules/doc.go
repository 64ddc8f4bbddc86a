// Package rules holds Steward's business decisions as pure functions: who may do what, what
// makes a password or a sign-in acceptable, which system owns an attribute and what happens
// to another source's change (DecideOwnership), whether a record passes the validation gates
// of its domain and channel (Validate), and (as the product grows) matching and pricing
// policy. Nothing here touches the database, HTTP or templates, so every rule is tested as a
// plain table.
package rules
