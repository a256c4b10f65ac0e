//go:build unix && !darwin

package reports

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/godbus/dbus/v5"
)

// showInFolder asks the desktop's file manager over D-Bus to show the file
// selected; without one that answers, it opens the folder with xdg-open.
func showInFolder(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("show %s in the file manager: %w", path, err)
	}
	if showItems(fileURI(abs)) == nil {
		return nil
	}
	return xdgOpen(filepath.Dir(abs))
}

// fileURI is the file:// URI of an absolute path, with spaces and letters
// beyond ASCII escaped as file managers expect.
func fileURI(abs string) string { return (&url.URL{Scheme: "file", Path: abs}).String() }

// showItems calls org.freedesktop.FileManager1.ShowItems on the session
// bus, which file managers (and D-Bus activation) answer.
func showItems(uri string) error {
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return err
	}
	if err := conn.Hello(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fm := conn.Object("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1")
	return fm.CallWithContext(ctx, "org.freedesktop.FileManager1.ShowItems", 0, []string{uri}, "").Err
}

// xdgOpen opens dir with xdg-open. It waits a moment for xdg-open to fail
// (no file manager set up), and leaves it running after that.
func xdgOpen(dir string) error {
	cmd := exec.Command("xdg-open", dir)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open the folder %s: %w", dir, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("open the folder %s: xdg-open: %w", dir, err)
		}
	case <-time.After(3 * time.Second):
	}
	return nil
}
