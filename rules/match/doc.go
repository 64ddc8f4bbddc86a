// Package match decides whether two customer accounts or two products are the same real-world
// entity, and says why.
//
// It is pure: no database, no files, no clock. The steps are the classic record-linkage ones:
//
//   - Prepare normalises a record once (PrepareCustomer, PrepareProduct): case, accents,
//     punctuation, legal forms and street types go; phones become E.164, VAT ids get their
//     country prefix, GTINs are padded to 14 digits.
//   - Blocking (BlockingKeys, Dedupe, Link) proposes candidate pairs from shared keys (ids,
//     rare name tokens, postcode + name prefix, a sorted neighbourhood on the name) so that the
//     cost grows with the number of records, not its square.
//   - Comparators (JaroWinkler, TokenSet, Trigram, ExactID, NumericCloseness) measure each
//     field; the Model turns the agreement level of every field into a Fellegi–Sunter weight
//     and the sum into a calibrated match probability.
//   - Explain lists what agreed and what did not, with each field's weight, in words a
//     data steward can check; Thresholds put a score into a band (link, review, new) and
//     Preview says what new thresholds would change.
//
// The default models (DefaultModel) were estimated from the training split of the labelled
// data that package synth generates; cmd/matchbench regenerates them and measures quality
// and speed on the test split.
package match
