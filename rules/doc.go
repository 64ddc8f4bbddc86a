// Package rules holds Steward's business decisions as pure functions: who may do what, what
// makes a password or a sign-in acceptable, and (as the product grows) ownership, validation
// gates, matching and pricing policy. Nothing here touches the database, HTTP or templates,
// so every rule is tested as a plain table.
package rules
