// Package synth generates labelled customer and product records for training and measuring
// package match: true entities, duplicates of them with the noise real sources add (typos,
// moved words, legal-form and street-type spellings, missing fields, phone and VAT
// formats, moved addresses), and look-alikes that are not duplicates (family members at
// one address, branch offices sharing a VAT id and a mailbox, namesakes in other towns,
// product variants). The same seed gives the same records on every machine.
package synth
