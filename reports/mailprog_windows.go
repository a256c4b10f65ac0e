package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"unsafe"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/sys/windows"
)

// Simple MAPI, as declared in MAPI.h. MAPI32.dll forwards the call to the
// default mail program (classic Outlook, Thunderbird, …).
var (
	mapi32        = windows.NewLazySystemDLL("MAPI32.dll")
	mapiSendMailW = mapi32.NewProc("MAPISendMailW")
)

const (
	mapiLogonUI = 0x00000001 // MAPI_LOGON_UI: may ask to sign in
	mapiDialog  = 0x00000008 // MAPI_DIALOG: show the message, do not send it
	mapiTo      = 1          // MAPI_TO

	mapiUserAbort    = 1  // MAPI_USER_ABORT: the owner closed the message
	mapiFailure      = 2  // MAPI_E_FAILURE: often "no default mail client"
	mapiLoginFailure = 3  // MAPI_E_LOGIN_FAILURE
	mapiNotSupported = 26 // MAPI_E_NOT_SUPPORTED
)

type mapiRecipDescW struct {
	reserved   uint32
	recipClass uint32
	name       *uint16
	address    *uint16
	eidSize    uint32
	entryID    uintptr
}

type mapiFileDescW struct {
	reserved uint32
	flags    uint32
	position uint32
	pathName *uint16
	fileName *uint16
	fileType uintptr
}

type mapiMessageW struct {
	reserved       uint32
	subject        *uint16
	noteText       *uint16
	messageType    *uint16
	dateReceived   *uint16
	conversationID *uint16
	flags          uint32
	originator     *mapiRecipDescW
	recipCount     uint32
	recips         *mapiRecipDescW
	fileCount      uint32
	files          *mapiFileDescW
}

// openInMailProgram calls MAPISendMailW with MAPI_DIALOG, so the default
// mail program shows the message for the owner to send. The call returns
// when that window closes, so it runs on its own locked thread.
func openInMailProgram(_ context.Context, d MailDraft) error {
	if err := mapi32.Load(); err != nil {
		return &NoMailProgramError{Reason: lang.L("Windows has no Simple MAPI (MAPI32.dll)"), Err: err}
	}
	if err := mapiSendMailW.Find(); err != nil {
		return &NoMailProgramError{Reason: lang.L("this Windows has no MAPISendMailW"), Err: err}
	}
	u := func(s string) *uint16 { p, _ := windows.UTF16PtrFromString(s); return p }
	recip := mapiRecipDescW{recipClass: mapiTo, name: u(d.To), address: u("SMTP:" + d.To)}
	file := mapiFileDescW{position: ^uint32(0), pathName: u(d.Attachment), fileName: u(filepath.Base(d.Attachment))}
	msg := mapiMessageW{subject: u(d.Subject), noteText: u(crlf(d.Body)), fileCount: 1, files: &file}
	if d.To != "" {
		msg.recipCount, msg.recips = 1, &recip
	}
	done := make(chan uintptr, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		r, _, _ := mapiSendMailW.Call(0, 0, uintptr(unsafe.Pointer(&msg)), mapiLogonUI|mapiDialog, 0)
		runtime.KeepAlive(&msg)
		runtime.KeepAlive(&recip)
		runtime.KeepAlive(&file)
		done <- r
	}()
	switch r := <-done; r {
	case 0, mapiUserAbort:
		return nil // shown; closing it unsent is the owner's choice
	case mapiFailure, mapiLoginFailure, mapiNotSupported:
		return &NoMailProgramError{Reason: lang.L("no default mail program answers Simple MAPI; classic " +
			"Outlook and Thunderbird do, the new Outlook and Windows Mail do not"),
			Err: fmt.Errorf("MAPISendMailW returned %d", r)}
	default:
		return &NoMailProgramError{Reason: lang.L("the mail program refused the message"),
			Err: fmt.Errorf("MAPISendMailW returned %d", r)}
	}
}

// crlf writes line ends the Windows way, as mail programs there expect.
func crlf(s string) string {
	out := make([]rune, 0, len(s))
	for i, r := range s {
		if r == '\n' && (i == 0 || s[i-1] != '\r') {
			out = append(out, '\r')
		}
		out = append(out, r)
	}
	return string(out)
}
