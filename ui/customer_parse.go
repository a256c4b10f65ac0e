package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
)

// splitLabel splits "Mobile: 0171 234" into its label and value; a line
// without a colon is all value.
func splitLabel(line string) (label, value string) {
	if l, v, ok := strings.Cut(line, ":"); ok && !strings.ContainsAny(l, "0123456789@") {
		return strings.TrimSpace(l), strings.TrimSpace(v)
	}
	return "", strings.TrimSpace(line)
}

// lines returns the non-blank lines of s.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// parsePhones reads one phone per line, "Label: number" or just the
// number, and normalises each for the shop's region.
func parsePhones(text, region string) []data.Phone {
	var out []data.Phone
	for _, l := range lines(text) {
		label, number := splitLabel(l)
		out = append(out, data.Phone{Label: label, Number: number, E164: data.NormalizePhone(number, region)})
	}
	return out
}

// formatPhones writes phones one per line for the form.
func formatPhones(phones []data.Phone) string {
	var b []string
	for _, p := range phones {
		b = append(b, joinNonEmpty(": ", p.Label, p.Number))
	}
	return strings.Join(b, "\n")
}

// parseEmails reads one address per line, optionally "Label: address".
func parseEmails(text string) []data.Email {
	var out []data.Email
	for _, l := range lines(text) {
		label, addr := splitLabel(l)
		out = append(out, data.Email{Label: label, Address: addr})
	}
	return out
}

// formatEmails writes addresses one per line for the form.
func formatEmails(emails []data.Email) string {
	var b []string
	for _, e := range emails {
		b = append(b, joinNonEmpty(": ", e.Label, e.Address))
	}
	return strings.Join(b, "\n")
}

// checkPhones reports the first phone line without digits.
func checkPhones(text string) error {
	for i, l := range lines(text) {
		if _, number := splitLabel(l); data.CountDigits(number) == 0 {
			return errors.New(lang.L("line {{.Line}} ({{.Text}}) has no digits", map[string]any{"Line": i + 1, "Text": strconv.Quote(strings.TrimSpace(l))}))
		}
	}
	return nil
}

// checkEmails reports the first line that is not an email address, using
// the same rules as the store.
func checkEmails(text string) error {
	probe := data.Customer{DisplayName: "probe", Emails: parseEmails(text)}
	if _, msg, ok := fieldError(probe.Validate()); ok {
		return errors.New(msg)
	}
	return nil
}

// checkBirthday reports a birthday that is not a possible date.
func checkBirthday(text string) error {
	_, err := data.ParseBirthday(text)
	// The innermost message, "February has no day 29", rather than the
	// input quoted again; in the window's language.
	var m data.Message
	if errors.As(err, &m) {
		return errors.New(i18n.Message(m))
	}
	return err
}
