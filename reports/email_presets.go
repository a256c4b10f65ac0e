package reports

import (
	"strings"

	"github.com/regulars/regulars/data"
)

// Preset is the SMTP set-up of a common mail provider, so the shop owner
// picks "Gmail" instead of typing server, port and security.
type Preset struct {
	Name     string
	Host     string
	Port     int
	Security data.MailSecurity
	// Note tells what the provider needs besides the address and password,
	// e.g. an app password; shown beside the password field.
	Note string
}

// appPasswordNote is shown for providers that refuse the normal password
// from mail programs.
const appPasswordNote = "needs an app password, not your normal password: turn on two-step verification, " +
	"then create an app password in your account's security settings and enter it here."

// Presets lists common providers; the settings screen offers them by name,
// with "Other" for everything else.
var Presets = []Preset{
	{"Gmail", "smtp.gmail.com", 587, data.SecuritySTARTTLS, "Gmail " + appPasswordNote},
	{"Outlook.com / Hotmail", "smtp-mail.outlook.com", 587, data.SecuritySTARTTLS, "Outlook.com " + appPasswordNote},
	{"Microsoft 365 / Office 365", "smtp.office365.com", 587, data.SecuritySTARTTLS, "Microsoft 365 " +
		appPasswordNote + " The mailbox's administrator must also allow \"Authenticated SMTP\"."},
	{"iCloud Mail", "smtp.mail.me.com", 587, data.SecuritySTARTTLS, "iCloud " + appPasswordNote +
		" The user name is your full iCloud address."},
	{"Yahoo Mail", "smtp.mail.yahoo.com", 465, data.SecurityTLS, "Yahoo " + appPasswordNote},
	{"GMX", "mail.gmx.net", 587, data.SecuritySTARTTLS,
		"GMX: first allow \"POP3/IMAP access\" in the GMX settings (E-Mail → Settings → POP3 & IMAP)."},
	{"WEB.DE", "smtp.web.de", 587, data.SecuritySTARTTLS,
		"WEB.DE: first allow \"POP3/IMAP access\" in the WEB.DE settings (E-Mail → Settings → POP3/IMAP)."},
	{"T-Online", "securesmtp.t-online.de", 465, data.SecurityTLS,
		"T-Online uses a separate e-mail password, set in the Telekom e-mail centre."},
	{"IONOS", "smtp.ionos.de", 587, data.SecuritySTARTTLS, "IONOS: the user name is the full e-mail address."},
	{"Fastmail", "smtp.fastmail.com", 465, data.SecurityTLS, "Fastmail " + appPasswordNote},
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
