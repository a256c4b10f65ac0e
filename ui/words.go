package ui

import (
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

// segmentLabel is the name of an RFM segment in the window's language; the
// data file and the command line keep the English one.
func segmentLabel(s data.Segment) string {
	switch s {
	case data.Champions:
		return lang.L("Champions")
	case data.Loyal:
		return lang.L("Loyal")
	case data.Potential:
		return lang.L("Potential")
	case data.NewSegment:
		return lang.X("segment.new", "New")
	case data.AtRisk:
		return lang.L("At risk")
	case data.CantLose:
		return lang.L("Can't lose")
	case data.Hibernating:
		return lang.L("Hibernating")
	case data.Lost:
		return lang.L("Lost")
	}
	return string(s)
}

// kindLabel is the word shown for a note kind: "Call", "Complaint".
func kindLabel(k data.NoteKind) string {
	switch k {
	case data.KindNote:
		return lang.X("kind.note", "Note")
	case data.KindCall:
		return lang.L("Call")
	case data.KindVisit:
		return lang.L("Visit")
	case data.KindEmail:
		return lang.X("kind.email", "Email")
	case data.KindComplaint:
		return lang.L("Complaint")
	case data.KindFeedback:
		return lang.L("Feedback")
	}
	return capitalize(string(k))
}

// paymentLabel is a stored payment method ("Cash", "Card", "Other") in
// the window's language; a method typed elsewhere is shown as it is.
func paymentLabel(m string) string {
	switch m {
	case "Cash":
		return lang.L("Cash")
	case "Card":
		return lang.L("Card")
	case "Other":
		return lang.X("payment.other", "Other")
	}
	return m
}

// changeField names a field of an import change ("phone", "given name")
// in the window's language; a field it does not know is shown as it is.
func changeField(f string) string {
	switch f {
	case "name":
		return lang.X("field.name", "name")
	case "given name":
		return lang.X("field.given-name", "given name")
	case "family name":
		return lang.X("field.family-name", "family name")
	case "company":
		return lang.X("field.company", "company")
	case "address":
		return lang.X("field.address", "address")
	case "note":
		return lang.X("field.note", "note")
	case "birthday":
		return lang.X("field.birthday", "birthday")
	case "photo":
		return lang.X("field.photo", "photo")
	case "contact ID":
		return lang.X("field.contact-id", "contact ID")
	case "phone":
		return lang.X("field.phone", "phone")
	case "email":
		return lang.X("field.email", "email")
	case "tag":
		return lang.X("field.tag", "tag")
	case "points":
		return lang.X("field.points", "points")
	}
	return f
}
