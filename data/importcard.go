package data

// ImportCard is one contact read from a file, ready to be matched against
// the customers already in the store. Line is the 1-based line of the
// card's BEGIN in the file, for messages.
type ImportCard struct {
	File     string
	Line     int
	Customer Customer
}

// SkippedCard is a card of a file that could not be used, with the reason.
type SkippedCard struct {
	File   string
	Line   int
	Reason string
}
