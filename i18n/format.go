package i18n

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
)

// Message is m in the current language: m.Format, an English fmt format
// that is its own catalog key (data's validation errors and import
// reasons), is translated and formatted with m.Args; translations keep the
// format's %-verbs. An argument that is itself a data.Message or a
// *data.ValidationError is translated first, so "the card cannot be used:
// %v" reads in one language throughout.
func Message(m data.Message) string {
	if m.Format == "" {
		return ""
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = translatedArg(a)
	}
	return fmt.Sprintf(lang.L(m.Format), args...)
}

// Validation is what ve says, in the current language, without its field.
func Validation(ve *data.ValidationError) string {
	if ve.Format == "" {
		return ve.Message
	}
	return Message(data.Message{Format: ve.Format, Args: ve.Args})
}

// translatedArg is a, translated when it is a message of data's; a
// validation error keeps its field's name in front, as in English.
func translatedArg(a any) any {
	switch v := a.(type) {
	case data.Message:
		return Message(v)
	case time.Month:
		return calendar.Month(v)
	case error:
		var m data.Message
		if errors.As(v, &m) {
			return Message(m)
		}
		var ve *data.ValidationError
		if errors.As(v, &ve) {
			return ve.Field + ": " + Validation(ve)
		}
	}
	return a
}

// Reason is why a card was skipped or a part of it left out, in the
// current language (in English when the reader gave no Message).
func Reason(sk data.SkippedCard) string {
	if sk.Why.Format == "" {
		return sk.Reason
	}
	return Message(sk.Why)
}
