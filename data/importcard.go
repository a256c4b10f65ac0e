package data

import "fmt"

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
	Warnings []Message
	// Legacy holds what a till system counted for the customer (points
	// balance, visits, lifetime spend); nil when the file has none.
	Legacy *LegacyFigures
}

// SkippedCard is a card of a file that could not be used, with the reason.
type SkippedCard struct {
	File   string
	Line   int
	Reason string  // Why in English
	Why    Message // the reason, to show in the owner's language
}

// Message is an import's reason to skip a card or leave a part out, in
// English with its values kept apart: Format is the catalog key of the
// window and the command line, which format its translation with the
// same Args (translations keep Format's %-verbs). An Arg that is itself a
// Message or a *ValidationError is translated the same way.
type Message struct {
	Format string
	Args   []any
}

// Because makes the Message format says with args.
func Because(format string, args ...any) Message {
	return Message{Format: format, Args: args}
}

// String is the message in English.
func (m Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

// Error is the message in English, so a Message can travel as an error.
func (m Message) Error() string { return m.String() }

// Skip is card file:line skipped because of why.
func Skip(file string, line int, why Message) SkippedCard {
	return SkippedCard{File: file, Line: line, Reason: why.String(), Why: why}
}
