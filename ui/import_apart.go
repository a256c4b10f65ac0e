package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// keptApartNote is the preview's line about the customers who share a
// phone number or email address with someone of another name and are
// kept apart from them (see the identity rule in data); "" when none.
func keptApartNote(p *data.ImportPlan) string {
	n := p.KeptApartCount()
	if n == 0 {
		return ""
	}
	return lang.L("kept apart: {{.N}} share a phone or email with someone of another name", map[string]any{"N": n}) +
		" " + lang.L("(File ▸ Possible duplicates shows them, to merge any who really are one person)")
}

// keptApartTab lists the customers kept apart, one row per pair; nil when
// there are none.
func keptApartTab(p *data.ImportPlan) *container.TabItem {
	if len(p.KeptApart) == 0 {
		return nil
	}
	rows := p.KeptApart
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			k := rows[i]
			other := lang.L("in Regulars")
			if k.OtherID == 0 {
				other = lang.L("in the file")
			}
			o.(*twoLineRow).set(k.Name+"  ·  "+k.OtherName+" ("+other+")",
				sharedText(k.Why)+" — "+cardsText(k.Cards))
		})
	return container.NewTabItem(lang.L("Kept apart ({{.N}})", map[string]any{"N": len(rows)}), list)
}

// cardsText names the cards of a customer: "phone.vcf, line 12".
func cardsText(refs []data.CardRef) string {
	var parts []string
	for _, r := range refs {
		parts = append(parts, lang.L("{{.File}}, line {{.Line}}", map[string]any{"File": filepath.Base(r.File), "Line": r.Line}))
	}
	return strings.Join(parts, "; ")
}

// sharedText says, in the owner's language, what two customers share:
// "same landline +49 30 1234567".
func sharedText(r data.DuplicateReason) string {
	var what string
	switch r.What {
	case data.SharedLandline:
		what = lang.L("same landline")
	case data.SharedPhone:
		what = lang.L("same phone number")
	case data.SharedEmail:
		what = lang.L("same email address")
	case data.SharedName:
		what = lang.L("same name")
	case data.SimilarNames:
		what = lang.L("similar names")
	default:
		what = string(r.What)
	}
	return joinNonEmpty(" ", what, r.Value)
}

// reasonsText joins the reasons of a duplicate pair.
func reasonsText(why []data.DuplicateReason) string {
	parts := make([]string, len(why))
	for i, r := range why {
		parts[i] = sharedText(r)
	}
	return strings.Join(parts, ", ")
}
