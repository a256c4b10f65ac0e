package reports_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/regulars/regulars/reports"
)

// sessionBus starts a D-Bus session bus of the test's own and makes it the
// session bus for the rest of the test; it returns its address.
func sessionBus(t *testing.T) string {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed; Show in folder over D-Bus is not tested")
	}
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon gave no address: %v", err)
	}
	addr = strings.TrimSpace(addr)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	return addr
}

// fileManager answers org.freedesktop.FileManager1 as Files or Dolphin do,
// passing on what it is asked to show.
type fileManager struct{ shown chan []string }

// ShowItems is the D-Bus method.
func (f *fileManager) ShowItems(uris []string, _ string) *dbus.Error {
	f.shown <- uris
	return nil
}

// savedReport makes a workbook in a folder with spaces and accents.
func savedReport(t *testing.T) (path, uri string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Zoë Müller")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "loyalty report 2026-10.xlsx")
	if err := os.WriteFile(path, []byte("PK"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, "file://" + filepath.Dir(dir) + "/Zo%C3%AB%20M%C3%BCller/loyalty%20report%202026-10.xlsx"
}

func TestShowInFolderAsksTheFileManager(t *testing.T) {
	conn, err := dbus.Connect(sessionBus(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fm := &fileManager{shown: make(chan []string, 1)}
	if err := conn.Export(fm, "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.FileManager1", dbus.NameFlagDoNotQueue); err != nil ||
		reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the file manager's name: %v, %v", reply, err)
	}
	path, uri := savedReport(t)
	if err := reports.ShowInFolder(path); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-fm.shown:
		if len(got) != 1 || got[0] != uri {
			t.Errorf("the file manager was asked to show %q, want %q", got, uri)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the file manager was not asked")
	}
}

// Without a file manager on the session bus, the folder is opened with
// xdg-open (here a stand-in that records what it is given).
func TestShowInFolderFallsBackToXdgOpen(t *testing.T) {
	sessionBus(t)
	bin := t.TempDir()
	record := filepath.Join(bin, "opened.txt")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + ".tmp' && mv '" + record + ".tmp' '" + record + "'\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	path, _ := savedReport(t)
	if err := reports.ShowInFolder(path); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, err := os.ReadFile(record)
		if err == nil {
			if want := filepath.Dir(path) + "\n"; string(got) != want {
				t.Errorf("xdg-open was given %q, want %q", got, want)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("xdg-open was not run")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
