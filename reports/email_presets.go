package reports

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

// Preset is the SMTP set-up of a common mail provider, so the shop owner
// picks "Gmail" instead of typing server, port and security.
type Preset struct {
	Name     string
	Host     string
	Port     int
	Security data.MailSecurity
	// SignIn is the provider's own sign-in ("Sign in with Microsoft"),
	// when it has one Regulars can use; SignInPassword otherwise.
	SignIn data.SignIn
	// Note tells, in the owner's language, the way of signing in that
	// works for this provider and what it needs (an app password, a
	// setting to switch on); shown beside the password field.
	Note func() string
}

// Presets lists common providers; the settings screen offers them by name,
// with "Other" for everything else.
var Presets = []Preset{
	{Name: "Gmail", Host: "smtp.gmail.com", Port: 587, Security: data.SecuritySTARTTLS, SignIn: data.SignInGoogle,
		Note: func() string {
			return lang.L("Gmail: use “Sign in with Google”. Or use an app password (not your normal Google " +
				"password): it needs 2-Step Verification on your Google account; then create one under Google " +
				"Account → Security → App passwords and enter it here.")
		}},
	{Name: "Outlook.com / Hotmail", Host: "smtp-mail.outlook.com", Port: 587, Security: data.SecuritySTARTTLS,
		SignIn: data.SignInMicrosoft, Note: func() string {
			return lang.L("Outlook.com and Hotmail: use “Sign in with Microsoft”. Since September 2024 they take " +
				"no password from other programs, not even an app password (the server answers " +
				"“535 5.7.139 basic authentication is disabled”).")
		}},
	{Name: "Microsoft 365 / Office 365", Host: "smtp.office365.com", Port: 587, Security: data.SecuritySTARTTLS,
		SignIn: data.SignInMicrosoft, Note: func() string {
			return lang.L("Microsoft 365: use “Sign in with Microsoft”. From the end of December 2026 Microsoft " +
				"turns password sign-in for SMTP off by default, and the mailbox's administrator must allow " +
				"“Authenticated SMTP” for this mailbox.")
		}},
	{Name: "iCloud Mail", Host: "smtp.mail.me.com", Port: 587, Security: data.SecuritySTARTTLS, Note: func() string {
		return lang.L("iCloud Mail needs an app-specific password, not your Apple Account password: with " +
			"two-factor authentication on, create one at account.apple.com → Sign-In and Security → " +
			"App-Specific Passwords. The user name is your full iCloud address.")
	}},
	{Name: "Yahoo Mail", Host: "smtp.mail.yahoo.com", Port: 465, Security: data.SecurityTLS, Note: func() string {
		return lang.L("Yahoo Mail needs an app password, not your normal password: create one under Account " +
			"Info → Account Security → Generate app password.")
	}},
	{Name: "GMX", Host: "mail.gmx.net", Port: 587, Security: data.SecuritySTARTTLS, Note: func() string {
		return lang.L("GMX: your GMX password works once you allow “POP3/IMAP access” in the GMX settings " +
			"(E-Mail → Settings → POP3 & IMAP). With two-factor authentication on, use an application-specific " +
			"password instead.")
	}},
	{Name: "WEB.DE", Host: "smtp.web.de", Port: 587, Security: data.SecuritySTARTTLS, Note: func() string {
		return lang.L("WEB.DE: your WEB.DE password works once you allow “POP3/IMAP access” in the WEB.DE " +
			"settings (E-Mail → Settings → POP3/IMAP). With two-factor authentication on, use an " +
			"application-specific password instead.")
	}},
	{Name: "T-Online", Host: "securesmtp.t-online.de", Port: 465, Security: data.SecurityTLS, Note: func() string {
		return lang.L("T-Online uses a separate e-mail password, not your Telekom login password: set it in " +
			"the Telekom e-mail centre (Settings → Passwords).")
	}},
	{Name: "IONOS", Host: "smtp.ionos.de", Port: 587, Security: data.SecuritySTARTTLS, Note: func() string {
		return lang.L("IONOS (your web host's mailbox): the user name is the full e-mail address, the password " +
			"the one of that mailbox, set in the IONOS control panel.")
	}},
	{Name: "Fastmail", Host: "smtp.fastmail.com", Port: 465, Security: data.SecurityTLS, Note: func() string {
		return lang.L("Fastmail needs an app password, not your normal password: create one under Settings → " +
			"Privacy & Security → App passwords, with access to SMTP.")
	}},
}

// PresetFor returns the preset whose server is host, so the settings
// screen can show the right provider (and its note) for saved settings.
func PresetFor(host string) (Preset, bool) {
	host = strings.ToLower(strings.TrimSpace(host))
	for _, p := range Presets {
		if p.Host == host {
			return p, true
		}
	}
	return Preset{}, false
}

// Apply copies the preset's server, port and security into e, keeping
// the addresses and user name.
func (p Preset) Apply(e *data.EmailSettings) {
	e.Host, e.Port, e.Security = p.Host, p.Port, p.Security
}
