//go:build windows

package datatest

import (
	"testing"

	"golang.org/x/sys/windows"
)

// HoldFile opens path the way another program would, allowing others only
// the access in share (0: none, as Excel holds a workbook it has open;
// windows.FILE_SHARE_DELETE among them: a reader that lets the file be
// replaced), and returns a function that closes it. The test's cleanup
// closes it too.
func HoldFile(tb testing.TB, path string, share uint32) (release func()) {
	tb.Helper()
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		tb.Fatal(err)
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ, share, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		tb.Fatalf("hold %s: %v", path, err)
	}
	closed := false
	release = func() {
		if !closed {
			windows.CloseHandle(h)
			closed = true
		}
	}
	tb.Cleanup(release)
	return release
}

// UnderWine reports whether the test runs under Wine rather than Windows
// (Wine's ntdll exports wine_get_version), for the few places where Wine
// behaves differently and a test says so.
func UnderWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
