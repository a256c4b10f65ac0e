//go:build !windows

package cli

// AttachConsole does nothing here: programs started from a terminal
// print in it already. (Windows needs it; see console_windows.go.)
func AttachConsole() {}
