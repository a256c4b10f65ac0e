package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

func init() {
	register(&Command{
		Name:    "signin",
		Summary: "sign in with Microsoft or Google, so the report is emailed without a password",
		Usage: "microsoft|google --db FILE [--accountant ADDRESS] [--no-browser]\n\n" +
			"Opens the provider's sign-in page in the browser (or prints its address with --no-browser) and\n" +
			"waits for you to sign in. The sign-in is kept in the system keychain, never in the data file;\n" +
			"Settings → Email then says \"Signed in with Microsoft\", and `regulars report --email` uses it.",
		Run: runSignIn,
	})
}

// serversOf are the SMTP servers that take each provider's sign-in.
var serversOf = map[data.SignIn][]string{
	data.SignInMicrosoft: {"smtp-mail.outlook.com", "smtp.office365.com"},
	data.SignInGoogle:    {"smtp.gmail.com"},
}

func runSignIn(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["signin"])
	db := dbFlag(fs)
	accountant := fs.String("accountant", "", lang.L("the accountant's email address, when the settings have none yet"))
	noBrowser := fs.Bool("no-browser", false, lang.L("only print the sign-in page's address"))
	if len(args) == 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("say microsoft or google"))
	}
	method := data.SignIn(args[0])
	p, ok := reports.ProviderFor(method)
	if !ok {
		return fmt.Errorf("%w: %s", errUsage, lang.L("{{.Arg}} is not microsoft or google", map[string]any{"Arg": strconv.Quote(args[0])}))
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if !p.Configured() {
		return &reports.NotSetUpError{Provider: p.Name}
	}
	s, err := openWriting(ctx, *db, "signin", lang.L("close it, or sign in from the window: Settings → Email"))
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.EmailSettings(ctx)
	if err != nil {
		return err
	}
	in, err := reports.SignInWithBrowser(ctx, p, st.Username, func(u *url.URL) error {
		fmt.Fprintf(env.Stderr, "%s\n%s\n", lang.L("Sign in with {{.Provider}} in your browser. If it does not open, visit:",
			map[string]any{"Provider": p.Name}), u)
		if !*noBrowser {
			if err := reports.OpenBrowser(u.String()); err != nil {
				fmt.Fprintln(env.Stderr, lang.L("(the browser did not open: {{.Err}})", map[string]any{"Err": err}))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return keepSignIn(ctx, env, s, st, in, *accountant)
}

// keepSignIn keeps the refresh token in the keychain and saves the
// settings: the address signed in with, and the provider's server when
// the settings name another.
func keepSignIn(ctx context.Context, env *Env, s *data.Store, st data.EmailSettings, in reports.SignedIn,
	accountant string) error {
	if in.Email == "" && st.Username == "" {
		return errors.New(lang.L("the provider did not say which address you signed in with; enter it as the user name " +
			"in Settings → Email and sign in again"))
	}
	st, err := reports.SaveSignIn(st, in)
	if err != nil {
		return err
	}
	if !slices.Contains(serversOf[st.SignIn], st.Host) {
		st.Host, st.Port = reports.DefaultServer(st.SignIn, st.Username)
		st.Security = data.SecuritySTARTTLS
	}
	if accountant != "" {
		st.Accountant = accountant
	}
	if err := s.SaveEmailSettings(ctx, st); err != nil {
		return fmt.Errorf("%s (%w)", lang.L("signed in as {{.User}}, but the email settings could not be saved; "+
			"give --accountant ADDRESS, or fill them in under Settings → Email", map[string]any{"User": st.Username}), err)
	}
	fmt.Fprintln(env.Stdout, lang.L("signed in with {{.Provider}} as {{.User}}; the report goes out through {{.Server}}",
		map[string]any{"Provider": in.Provider.Name, "User": st.Username, "Server": fmt.Sprintf("%s:%d", st.Host, st.Port)}))
	return nil
}
