package cli

import (
	"os"
	"syscall"
)

// AttachConsole lets the verbs print in the Command Prompt or PowerShell
// window they were typed in. Regulars.exe is built as a window program, so
// that opening it shows no black console window; Windows starts such a
// program without a console, and what it prints is lost. When standard
// output or error leads nowhere, AttachConsole joins the console of the
// program that started Regulars, if it has one. Output redirected to a
// file or a pipe is left as it is.
func AttachConsole() {
	out, errOut := stdHandle(syscall.STD_OUTPUT_HANDLE), stdHandle(syscall.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const parentProcess = uintptr(^uint32(0)) // ATTACH_PARENT_PROCESS
	if ok, _, _ := attach.Call(parentProcess); ok == 0 {
		return
	}
	console, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !out {
		os.Stdout = console
	}
	if !errOut {
		os.Stderr = console
	}
}

// stdHandle says whether the standard handle std leads somewhere.
func stdHandle(std int) bool {
	h, err := syscall.GetStdHandle(std)
	return err == nil && h != 0 && h != syscall.InvalidHandle
}
