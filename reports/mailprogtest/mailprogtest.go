// Package mailprogtest registers a stand-in mail program for email links
// through a temporary XDG configuration (a desktop entry and
// mimeapps.list, the way a desktop registers Thunderbird), so tests can
// check what xdg-email hands it: a script that records its arguments.
package mailprogtest

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// DesktopEntry is the stand-in's desktop entry name, for Register.
const DesktopEntry = "standin-mail.desktop"

// Register makes handler (a desktop entry name; "" for none) the program
// for email links for the rest of the test, with the stand-in installed
// (unless handler is ""),
// and returns the file where the stand-in records what it is handed. It
// skips the test when xdg-email is not installed.
func Register(tb testing.TB, handler string) (record string) {
	tb.Helper()
	if _, err := exec.LookPath("xdg-email"); err != nil {
		tb.Skip("xdg-email is not installed (Debian package xdg-utils); the mail program hand-over is not tested")
	}
	dir := tb.TempDir()
	record = filepath.Join(dir, "handed.txt")
	script := filepath.Join(dir, "record-mail")
	WriteFile(tb, script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n", 0o755)
	config := filepath.Join(dir, "config")
	if handler != "" {
		// Installed only with a handler: xdg-mime falls back to any
		// program that declares it takes email links.
		WriteFile(tb, filepath.Join(dir, "data", "applications", DesktopEntry), "[Desktop Entry]\nType=Application\n"+
			"Name=Stand-in mail\nExec="+script+" %u\nMimeType=x-scheme-handler/mailto;\n", 0o644)
		WriteFile(tb, filepath.Join(config, "mimeapps.list"),
			"[Default Applications]\nx-scheme-handler/mailto="+handler+"\n", 0o644)
	}
	setenv(tb, map[string]string{"XDG_CONFIG_HOME": config, "XDG_DATA_HOME": filepath.Join(dir, "data"),
		"XDG_CONFIG_DIRS": filepath.Join(dir, "none"), "XDG_DATA_DIRS": filepath.Join(dir, "none"),
		// xdg-open looks for a handler only with a display; the stand-in needs none.
		"DISPLAY": ":99"})
	// Generic mode: no desktop's own tools, no $MAILER or $BROWSER.
	for _, v := range []string{"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID",
		"MATE_DESKTOP_SESSION_ID", "WAYLAND_DISPLAY", "MAILER", "BROWSER"} {
		setenv(tb, map[string]string{v: ""})
		os.Unsetenv(v)
	}
	return record
}

func setenv(tb testing.TB, vars map[string]string) {
	for k, v := range vars {
		if t, ok := tb.(interface{ Setenv(string, string) }); ok {
			t.Setenv(k, v)
		}
	}
}

// WriteFile writes content to path, making its folder.
func WriteFile(tb testing.TB, path, content string, mode os.FileMode) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		tb.Fatal(err)
	}
}

// Handed waits for the stand-in to have been run and returns the mailto:
// link it was handed.
func Handed(tb testing.TB, record string) *url.URL {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(record); err == nil && len(b) > 0 {
			u, err := url.Parse(strings.TrimSpace(string(b)))
			if err != nil || u.Scheme != "mailto" {
				tb.Fatalf("the mail program was handed %q, want a mailto: link", b)
			}
			return u
		}
	}
	tb.Fatal("the stand-in mail program was not run")
	return nil
}
