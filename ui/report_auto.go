package ui

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// monthlyCheckEvery is how often the open window checks whether last
// month's report is still to be sent.
const monthlyCheckEvery = time.Hour

// monthlySender sends last month's report by itself while the window is
// open (Settings ▸ Email ▸ "Send last month's report on the 1st"): at
// start, then every hour, in the background. Whether it is due is decided
// by the sent log (reports.SendDue), so a scheduled `regulars report
// --due` on the same morning and the window send it once between them.
type monthlySender struct {
	store *data.Store
	// account loads the mail account (reports.LoadAccount: password or
	// sign-in); tests trust their own server's certificate here.
	account func(ctx context.Context) (reports.Account, error)
	today   func() data.Date
	every   time.Duration
	by      string                         // names the window in the claim
	done    func(d reports.Due, err error) // on the UI goroutine, after an attempt
	wake    chan struct{}
}

func newMonthlySender(s *data.Store, done func(reports.Due, error)) *monthlySender {
	account := func(ctx context.Context) (reports.Account, error) { return reports.LoadAccount(ctx, s) }
	return &monthlySender{store: s, account: account, today: data.Today, every: monthlyCheckEvery,
		by: fmt.Sprintf("Regulars window, process %d", os.Getpid()), done: done, wake: make(chan struct{}, 1)}
}

// start runs the checks off the UI goroutine until ctx ends.
func (m *monthlySender) start(ctx context.Context) {
	go func() {
		for {
			wait := m.check(ctx)
			select {
			case <-ctx.Done():
				return
			case <-m.wake:
			case <-time.After(wait):
			}
		}
	}()
}

// poke asks for a check now (the setting was switched on).
func (m *monthlySender) poke() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// check sends the report when it is switched on and due, and returns how
// long to wait before the next check: sooner than an hour when a failed
// attempt may be retried earlier (15 minutes after the first failure).
func (m *monthlySender) check(ctx context.Context) time.Duration {
	on, err := m.store.MonthlyReportOn(ctx)
	if err != nil || !on {
		return m.every
	}
	d, err := reports.SendDue(ctx, m.store, reports.DueRequest{Today: m.today(), By: m.by, Backoff: true,
		Account: m.account})
	switch {
	case d.Claim.Outcome == data.Claimed:
		onMain(func() { m.done(d, err) })
		if err != nil { // logged as a failed attempt; the claim waits for its backoff
			return min(m.every, data.RetryAfter(d.Claim.Attempts+1))
		}
	case err != nil: // the sent log could not be read or written (a long write elsewhere)
		return min(m.every, data.RetryAfter(1))
	case d.Claim.Outcome == data.NotYet:
		return min(m.every, max(time.Until(d.Claim.NextTry)+time.Second, time.Minute))
	}
	return m.every
}

// startMonthly starts the window's monthly send; it stops when the window
// closes.
func (m *mainWindow) startMonthly() {
	ctx, cancel := context.WithCancel(context.Background())
	m.win.SetOnClosed(cancel)
	m.monthly.start(ctx)
}

// monthlyDone tells the owner what the monthly send did and has the sent
// log reload.
func (m *mainWindow) monthlyDone(d reports.Due, err error) {
	m.bus.publish(change{kind: emailSent})
	args := map[string]any{"Period": d.Period.Label(), "To": d.To}
	if err != nil {
		args["Error"] = err.Error()
		m.setStatus(lang.L("Could not send the report for {{.Period}}; Regulars tries again later: {{.Error}}", args))
		return
	}
	m.setStatus(lang.L("Sent the report for {{.Period}} to {{.To}} by itself.", args))
}

// newEmailTab is Settings ▸ Email: the mail account, and whether the
// monthly report sends itself.
func newEmailTab(e *env) fyne.CanvasObject {
	return container.NewVBox(newEmailSettings(e), widget.NewSeparator(), newMonthlySetting(e))
}

// newMonthlySetting is the "Send last month's report on the 1st" box. It
// is saved as soon as it is ticked, and ticking it has the window check
// at once (through the settingsChanged event).
func newMonthlySetting(e *env) fyne.CanvasObject {
	check := widget.NewCheck(lang.L("Send last month's report on the 1st"), nil)
	check.Disable()
	runAsync(context.Background(), e.store.MonthlyReportOn, func(on bool, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not read the settings"), err)
			return
		}
		check.SetChecked(on)
		check.OnChanged = func(on bool) { saveMonthly(e, on) }
		check.Enable()
	})
	return container.NewVBox(heading(lang.L("Sending it by itself")), check,
		quiet(lang.L("While Regulars is open on or after the 1st of a month, it emails last month's report to the "+
			"accountant once, shows it under Reports ▸ Sent, and tries again later when it cannot send. "+
			"For days Regulars is not open, let the computer run “regulars report --due” every day (see the README).")))
}

// saveMonthly stores the box's state off the UI goroutine.
func saveMonthly(e *env, on bool) {
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, e.store.SetMonthlyReportOn(ctx, on)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not save the settings"), err)
			return
		}
		e.bus.publish(change{kind: settingsChanged})
	})
}
