package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// runDue is regulars report --due: last month's report, emailed once. The
// sent log decides (reports.SendDue), so the window's own monthly send
// and any number of scheduled runs send it exactly once between them.
func runDue(ctx context.Context, env *Env, db, email, out string) error {
	s, err := openShared(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	acct, err := mailAccount(ctx, s) // a missing set-up fails before the period is claimed
	if err != nil {
		return err
	}
	to := email
	if strings.EqualFold(to, "accountant") {
		to = ""
	}
	d, err := reports.SendDue(ctx, s, reports.DueRequest{
		Today: data.Today(), By: fmt.Sprintf("regulars report --due, process %d", os.Getpid()),
		Account: func(context.Context) (reports.Account, error) { return acct, nil }, To: to,
	})
	if err != nil {
		return err
	}
	if d.Claim.Outcome != data.Claimed {
		fmt.Fprintln(env.Stderr, dueNotSent(d))
		return nil
	}
	if out != "" {
		if err := writeOutput(out, env.Stdout, func(w io.Writer) error { _, err := w.Write(d.Report.Data); return err }); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stdout, sentTo(d.Report.Name, d.To))
	return nil
}

// dueNotSent says why --due sent nothing.
func dueNotSent(d reports.Due) string {
	args := map[string]any{"Period": d.Period.Label()}
	switch d.Claim.Outcome {
	case data.AlreadySent:
		args["When"] = d.Claim.SentAt.Local().Format("2006-01-02 15:04")
		return lang.L("The report for {{.Period}} was already sent on {{.When}}; nothing to do.", args)
	case data.InProgress:
		args["By"], args["When"] = d.Claim.By, d.Claim.At.Local().Format("15:04")
		return lang.L("The report for {{.Period}} is being sent by {{.By}} (since {{.When}}); nothing to do.", args)
	}
	args["When"] = d.Claim.NextTry.Local().Format("2006-01-02 15:04")
	return lang.L("The report for {{.Period}} failed to send; the next try is at {{.When}}.", args)
}
