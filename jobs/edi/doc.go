// Package edi publishes to EDI trading partners as X12 004010 files: 832 price/sales
// catalogs (the partner's contract prices and catalog prices) and 846 inventory advice,
// written atomically to the channel's outbound folder inside ISA/GS/ST envelopes whose
// control numbers come from the database; 997 functional acknowledgements read from the
// inbound folder settle what was sent. editest is a trading partner for tests and the demo.
package edi
