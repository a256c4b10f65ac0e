package data

// ImportCard is one contact read from a file, ready to be matched against
// the customers already in the store. Line is the 1-based line of the
// card's BEGIN (or of a CSV row) in the file, for messages.
type ImportCard struct {
	File     string
	Line     int
	Customer Customer
	// Warnings name values of the card the reader left out, and why
	// ("phone "4,91512E+12" in column "Phone" …"); they are listed with
	// the plan's warnings.
	Warnings []string
	// Legacy holds what a till system counted for the customer (points
	// balance, visits, lifetime spend); nil when the file has none.
	Legacy *LegacyFigures
}

// SkippedCard is a card of a file that could not be used, with the reason.
type SkippedCard struct {
	File   string
	Line   int
	Reason string
}
