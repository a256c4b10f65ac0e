package ui

// changeKind says what part of the data file changed.
type changeKind int

// The changes screens listen for.
const (
	customerSaved     changeKind = iota // created, edited, archived or restored
	customerDeleted                     // removed with purchases and notes
	purchaseAdded                       // a purchase was recorded
	noteAdded                           // a note, call, visit … was logged
	followUpChanged                     // a follow-up was ticked off or reopened
	settingsChanged                     // shop name, currency or region
	everythingChanged                   // bulk work such as sample data or an import
	pointsChanged                       // a reward redeemed or points adjusted (loyalty)
	purchaseVoided                      // a purchase voided or refunded (loyalty)
	emailSent                           // a report was emailed (or tried) by itself
)

// change tells screens that data changed, so they reload what they show.
type change struct {
	kind       changeKind
	customerID int64 // 0 when the change is not about one customer
}

// bus passes changes between screens, so that a purchase recorded with
// Ctrl+P on any screen also updates the customer panel and the purchase
// list. It is used on the UI goroutine only.
type bus struct {
	listeners []func(change)
}

// subscribe registers fn to be called for every published change.
func (b *bus) subscribe(fn func(change)) { b.listeners = append(b.listeners, fn) }

// publish tells every listener about c.
func (b *bus) publish(c change) {
	for _, fn := range b.listeners {
		fn(c)
	}
}
