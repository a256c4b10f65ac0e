package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// securityText is the security choices as the form shows them.
func securityText() map[data.MailSecurity]string {
	return map[data.MailSecurity]string{
		data.SecuritySTARTTLS: lang.L("STARTTLS (usually port 587)"),
		data.SecurityTLS:      lang.L("TLS (usually port 465)"),
		data.SecurityNone:     lang.L("None — only for a server in the shop's own network"),
	}
}

// otherProvider is the provider choice for servers without a preset.
func otherProvider() string { return lang.X("provider.other", "Other") }

// appPasswordHint is shown while no preset's own note applies.
func appPasswordHint() string {
	return lang.L("Outlook.com, Hotmail and Microsoft 365: use “Sign in with Microsoft” (choose the provider " +
		"above). Gmail: “Sign in with Google”, or an app password. iCloud and Yahoo need an app password (made in " +
		"your account's security settings), not your normal password.")
}

// emailSettings is the Email section of Settings: the accountant's
// address and the SMTP account the monthly report goes out through.
type emailSettings struct {
	e          *env
	store      *data.Store
	accountant *field
	host       *field
	port       *field
	user       *field
	from       *field
	fields     fieldSet
	provider   *widget.Select
	security   *widget.Select
	password   *widget.Entry
	note       *widget.Label
	keychain   *widget.Label
	status     *widget.Label
	save, test *widget.Button
	signIn     *signInPart // "Sign in with Microsoft/Google" (email_signin.go)
}

// newEmailSettings builds the Email section and loads the stored values.
func newEmailSettings(e *env) fyne.CanvasObject { return newEmailSettingsFor(e, nil) }

// newEmailSettingsFor is newEmailSettings that also hands the section to
// built (tests look inside).
func newEmailSettingsFor(e *env, built func(*emailSettings)) fyne.CanvasObject {
	s := &emailSettings{e: e, store: e.store}
	if built != nil {
		built(s)
	}
	entry := func(placeholder string) *keyEntry {
		en := newKeyEntry(placeholder)
		en.OnSubmitted = func(string) { s.submit() }
		return en
	}
	s.accountant = newField("accountant", lang.L("Accountant's email"), entry("accountant@example.com"),
		lang.L("Where “Email to accountant” sends the monthly report."), nil)
	s.host = newField("server", lang.L("SMTP server"), entry("smtp.example.com"), "", nil)
	s.port = newField("port", lang.L("Port"), entry("587"), "", checkPort)
	s.user = newField("user", lang.L("User name"), entry("you@example.com"), lang.L("Usually your full email address."), nil)
	s.from = newField("from", lang.L("Send from"), entry("empty: the user name"),
		lang.L("The sender address, when it is not the user name."), nil)
	s.fields = fieldSet{s.accountant, s.host, s.port, s.user, s.from}
	var providers []string
	for _, p := range reports.Presets {
		providers = append(providers, p.Name)
	}
	s.provider = widget.NewSelect(append(providers, otherProvider()), s.applyPreset)
	var secs []string
	for _, m := range data.MailSecurities {
		secs = append(secs, securityText()[m])
	}
	s.security = widget.NewSelect(secs, nil)
	s.password = widget.NewPasswordEntry()
	s.password.SetPlaceHolder(lang.L("unchanged"))
	s.password.OnSubmitted = func(string) { s.submit() } // Enter saves, as in the other boxes
	s.note = widget.NewLabel(appPasswordHint())
	s.note.Wrapping = fyne.TextWrapWord
	s.keychain = widget.NewLabel("")
	s.keychain.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.test = widget.NewButtonWithIcon(lang.L("Send a test email"), theme.MailSendIcon(), s.sendTest)
	signIn := s.newSignInPart()
	s.load()
	form := container.New(layout.NewFormLayout(),
		s.accountant.label, s.accountant.input(), widget.NewLabel(lang.L("Provider")), s.provider,
		s.host.label, s.host.input(), s.port.label, s.port.input(), widget.NewLabel(lang.L("Security")), s.security,
		s.user.label, s.user.input(), widget.NewLabel(lang.L("Password")),
		container.NewVBox(signIn, s.password, muted(s.note), muted(s.keychain)),
		s.from.label, s.from.input())
	return container.NewVBox(heading(lang.L("Emailing the report")),
		quiet(lang.L("The monthly report goes to the accountant from your own mail account. The password is kept in "+
			"this computer's keychain, never in the data file.")),
		form, container.NewHBox(layout.NewSpacer(), s.status, s.test, s.save))
}

func checkPort(v string) error {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 1 || n > 65535 {
		return errors.New(lang.L("enter a port between 1 and 65535, usually 587 or 465"))
	}
	return nil
}

// applyPreset fills server, port and security from the chosen provider
// and shows what the provider needs.
func (s *emailSettings) applyPreset(name string) {
	for _, p := range reports.Presets {
		if p.Name == name {
			s.host.entry.SetText(p.Host)
			s.port.entry.SetText(strconv.Itoa(p.Port))
			s.security.SetSelected(securityText()[p.Security])
			s.note.SetText(p.Note())
			s.offerSignIn(p.SignIn)
			return
		}
	}
	s.note.SetText(appPasswordHint())
	s.offerSignIn(data.SignInPassword)
}

// load fills the form off the UI goroutine, and says whether the
// password can be remembered on this computer.
func (s *emailSettings) load() {
	type loaded struct {
		st       data.EmailSettings
		keychain bool
		stored   bool
	}
	runAsync(context.Background(), func(ctx context.Context) (loaded, error) {
		st, err := s.store.EmailSettings(ctx)
		l := loaded{st: st, keychain: reports.KeychainAvailable()}
		if err == nil && st.Username != "" {
			_, _, perr := reports.LoadPassword(st)
			l.stored = perr == nil
		}
		return l, err
	}, func(l loaded, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not read the email settings"), err)
			return
		}
		st := l.st
		s.accountant.entry.SetText(st.Accountant)
		s.host.entry.SetText(st.Host)
		s.port.entry.SetText(strconv.Itoa(st.Port))
		s.user.entry.SetText(st.Username)
		s.from.entry.SetText(st.From)
		s.security.SetSelected(securityText()[st.Security])
		if p, ok := reports.PresetFor(st.Host); ok {
			s.provider.SetSelected(p.Name) // also shows its note
			s.port.entry.SetText(strconv.Itoa(st.Port))
			s.security.SetSelected(securityText()[st.Security])
		} else if st.Host != "" {
			s.provider.SetSelected(otherProvider())
		}
		s.keychain.SetText(keychainText(l.keychain, l.stored))
		s.signIn.method = st.SignIn // after the provider, whose choice drops another provider's sign-in
		s.showSignIn()
	})
}

// keychainText explains where the password is kept.
func keychainText(available, stored bool) string {
	switch {
	case !available:
		return lang.L("This computer has no keychain Regulars can use, so the password is not remembered: Regulars "+
			"asks for it when it sends. For the report command (a scheduler), set {{.Variable}}.",
			map[string]any{"Variable": reports.PasswordEnv})
	case stored:
		return lang.L("A password is stored in the keychain; leave the field empty to keep it.")
	}
	return lang.L("The password is stored in this computer's keychain when you save.")
}

// read collects the form into settings.
func (s *emailSettings) read() data.EmailSettings {
	port, _ := strconv.Atoi(strings.TrimSpace(s.port.entry.Text))
	st := data.EmailSettings{Accountant: s.accountant.entry.Text, Host: s.host.entry.Text, Port: port,
		Username: s.user.entry.Text, From: s.from.entry.Text, Security: data.SecuritySTARTTLS, SignIn: s.signIn.method}
	for m, text := range securityText() {
		if text == s.security.Selected {
			st.Security = m
		}
	}
	return st
}

// submit saves the settings and, when one was typed, the password.
func (s *emailSettings) submit() {
	s.status.SetText("")
	if bad := s.fields.checkAll(); bad != nil {
		s.e.win.Canvas().Focus(bad.entry)
		return
	}
	st, pw := s.read(), s.password.Text
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		if err := s.store.SaveEmailSettings(ctx, st); err != nil {
			return "", err
		}
		if pw == "" {
			return lang.L("Saved."), nil
		}
		if err := reports.SavePassword(st, pw); errors.Is(err, reports.ErrNoKeychain) {
			return lang.L("Saved, but not the password: this computer has no keychain, so Regulars asks for it " +
				"each time it sends."), nil
		} else if err != nil {
			return "", err
		}
		return lang.L("Saved; the password is in the keychain."), nil
	}, func(msg string, err error) {
		if err != nil {
			if f := s.fields.showStoreError(err); f != nil {
				s.e.win.Canvas().Focus(f.entry)
				return
			}
			showFailed(s.e.win, lang.L("Could not save the email settings"), err)
			return
		}
		s.password.SetText("")
		s.status.SetText(msg)
	})
}

// sendTest sends a short message to the accountant's address with the
// saved settings, so a mistake shows now and not on the first of the month.
func (s *emailSettings) sendTest() {
	s.test.Disable() // until it is sent: a double click sends one test email
	s.status.SetText(lang.L("Sending a test email…"))
	runAsync(context.Background(), func(ctx context.Context) (reports.Account, error) {
		return accountFor(ctx, s.store)
	}, func(acct reports.Account, err error) {
		var missing *missingPassword
		switch {
		case errors.As(err, &missing):
			s.status.SetText("")
			s.test.Enable()
			askPassword(s.e.win, acct.EmailSettings, missing.reason, func(pw string) {
				acct.Password = pw
				s.deliverTest(acct)
			})
		case err != nil:
			s.status.SetText("")
			s.test.Enable()
			dialog.ShowInformation(lang.L("Email settings needed"), capitalize(err.Error()), s.e.win)
		default:
			s.deliverTest(acct)
		}
	})
}

// deliverTest sends the test message.
func (s *emailSettings) deliverTest(acct reports.Account) {
	msg := reports.Message{To: acct.Accountant, Subject: lang.L("Test from Regulars — {{.Name}}", map[string]any{"Name": acct.FromName}),
		Body: lang.L("This is a test. The monthly loyalty report will come from this address.") + "\n"}
	s.test.Disable()
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, reports.SendMail(ctx, acct, msg, nil)
	}, func(_ struct{}, err error) {
		s.test.Enable()
		var me *reports.MailError
		switch {
		case errors.As(err, &me):
			s.status.SetText("")
			dialog.ShowInformation(lang.L("The test email was not sent"), me.Advice, s.e.win)
		case err != nil:
			showFailed(s.e.win, lang.L("Could not send the test email"), err)
		default:
			s.status.SetText(lang.L("Test email sent to {{.To}}.", map[string]any{"To": acct.Accountant}))
		}
	})
}

// missingPassword means no password is stored for the account; reason
// says why, for the question.
type missingPassword struct{ reason string }

func (m *missingPassword) Error() string { return m.reason }

// accountFor loads the email settings and the password (from
// REGULARS_SMTP_PASSWORD or the keychain) or the sign-in, through
// reports.LoadAccount. Without a password it returns the account with a
// *missingPassword: the caller asks for it, uses it for this one email and
// forgets it.
func accountFor(ctx context.Context, store *data.Store) (reports.Account, error) {
	acct, err := reports.LoadAccount(ctx, store)
	switch {
	case errors.Is(err, reports.ErrNoPassword) && errors.Is(err, reports.ErrNoKeychain):
		return acct, &missingPassword{lang.L("This computer has no keychain, so Regulars does not remember the password.")}
	case errors.Is(err, reports.ErrNoPassword):
		return acct, &missingPassword{lang.L("No password is saved for {{.User}} yet.", map[string]any{"User": acct.Username})}
	}
	return acct, err
}

// askPassword asks for the SMTP password and calls use with it.
func askPassword(win fyne.Window, st data.EmailSettings, reason string, use func(pw string)) {
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel(reason + " " + lang.L("Enter the password of {{.User}} on {{.Server}}; it is used for this email only.",
		map[string]any{"User": st.Username, "Server": st.Host}) + " " + appPasswordHint())
	msg.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("", msg), widget.NewFormItem(lang.L("Password"), pw)}
	d := dialog.NewForm(lang.L("Password for {{.Server}}", map[string]any{"Server": st.Host}), lang.L("Send"), lang.L("Cancel"), items, func(ok bool) {
		if ok && pw.Text != "" {
			use(pw.Text)
		}
	}, win)
	pw.OnSubmitted = func(string) { d.Submit() } // Enter sends, as Send does; Fyne's form dialog leaves Enter unused
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
	win.Canvas().Focus(pw)
}
