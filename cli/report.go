package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

func init() {
	register(&Command{
		Name:    "report",
		Summary: "write the Excel loyalty report of a period, and email it to the accountant",
		Usage: "--db FILE [--from DATE --to DATE] [-o OUT.xlsx] [--email ADDRESS]\n" +
			"       regulars report --db FILE --due [--email ADDRESS] [-o OUT.xlsx]\n\n" +
			"DATE is YYYY-MM-DD, a calendar day in the local time zone (set TZ to choose another); both\n" +
			"ends count. Without --from and --to: last month, so a scheduler can run it on the 1st.\n" +
			"--email sends the workbook through the SMTP account of Settings → Email (the password comes\n" +
			"from " + reports.PasswordEnv + " or the system keychain, or the sign-in kept by `regulars signin`)\n" +
			"and records it in the sent log; --email accountant uses the accountant's address from the settings.\n" +
			"--mail-program hands the saved workbook to your own mail program instead, to check and send there.\n" +
			"--due (for a daily scheduled task) sends last month's report only if it has not been sent yet\n" +
			"(by the window or an earlier run), else says so and exits 0; it runs while the window is open.",
		Run: runReport,
	})
}

func runReport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["report"])
	db := dbFlag(fs)
	fromS := fs.String("from", "", lang.L("first day, YYYY-MM-DD (default: the first day of last month)"))
	toS := fs.String("to", "", lang.L("last day, YYYY-MM-DD (default: the last day of last month)"))
	out := fs.String("o", "", lang.L("output file (default: loyalty-report-YYYY-MM.xlsx in the current folder; - for standard output)"))
	email := fs.String("email", "", lang.L("also email the workbook to this address (“accountant”: the one in the settings)"))
	mailProgram := fs.Bool("mail-program", false, lang.L("hand the saved workbook, addressed to the accountant, to the system's mail program"))
	due := fs.Bool("due", false, lang.L("send last month's report unless it was sent already (for a scheduler); --email defaults to the accountant"))
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("unexpected argument “{{.Arg}}”", map[string]any{"Arg": fs.Arg(0)}))
	}
	if *mailProgram && *out == "-" {
		return fmt.Errorf("%w: %s", errUsage, lang.L("--mail-program needs the workbook in a file; give -o FILE"))
	}
	if *due {
		if *fromS != "" || *toS != "" {
			return fmt.Errorf("%w: %s", errUsage, lang.L("--due always sends last month; leave out --from and --to"))
		}
		return runDue(ctx, env, *db, *email, *out)
	}
	p, err := reportPeriod(*fromS, *toS, data.Today())
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	s, err := openShared(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	// Check the email set-up before spending time on the workbook.
	var acct reports.Account
	if *email != "" {
		if acct, err = mailAccount(ctx, s); err != nil {
			return err
		}
	}
	r, err := reports.BuildReport(ctx, s, p, reports.WorkbookOptions{})
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = r.Name
	}
	err = writeOutput(name, env.Stdout, func(w io.Writer) error {
		_, err := w.Write(r.Data)
		return err
	})
	if err != nil {
		return err
	}
	info := env.Stdout
	if name == "-" {
		info = env.Stderr // the workbook itself went to standard output
	}
	k := r.Headline.Current
	fmt.Fprintln(info, lang.L("wrote {{.File}}: {{.Period}}, {{.Purchases}} purchases, revenue {{.Revenue}}, {{.Customers}} customers",
		map[string]any{"File": name, "Period": p.Label(), "Purchases": k.Purchases,
			"Revenue": r.Headline.Locale.Money(k.RevenueCents), "Customers": r.Headline.CustomerRows}))
	if *mailProgram {
		return handToMailProgram(ctx, env, s, r, name)
	}
	if *email == "" {
		return nil
	}
	to := *email
	if strings.EqualFold(to, "accountant") {
		to = acct.Accountant
	}
	if err := reports.EmailReport(ctx, s, r, acct, to, nil); err != nil {
		return err
	}
	fmt.Fprintln(info, sentTo(r.Name, to))
	return nil
}

// sentTo says a report went out to an address.
func sentTo(report, to string) string {
	return lang.L("sent {{.Report}} to {{.To}}", map[string]any{"Report": report, "To": to})
}

// reportPeriod reads --from and --to; both empty means last month.
func reportPeriod(from, to string, today data.Date) (reports.Period, error) {
	switch {
	case from == "" && to == "":
		return reports.LastMonth(today), nil
	case from == "" || to == "":
		return reports.Period{}, errors.New(lang.L("give both --from and --to, or neither for last month"))
	}
	return reports.ParsePeriod(from, to)
}

// mailAccount loads the email settings and the SMTP password or the
// sign-in (reports.LoadAccount), and says what is missing in terms a
// scheduler's log makes clear.
func mailAccount(ctx context.Context, s *data.Store) (reports.Account, error) {
	acct, err := reports.LoadAccount(ctx, s)
	switch {
	case errors.Is(err, reports.ErrNoPassword):
		return reports.Account{}, fmt.Errorf("%s: %w", lang.L("SMTP password for {{.User}} on {{.Host}}",
			map[string]any{"User": acct.Username, "Host": acct.Host}), err)
	case errors.Is(err, reports.ErrNotSignedIn):
		return reports.Account{}, fmt.Errorf("%w; %s", err, lang.L("run \"regulars signin {{.Provider}}\" or sign in under Settings → Email",
			map[string]any{"Provider": acct.SignIn}))
	}
	return acct, err
}
