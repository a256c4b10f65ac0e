package reports

import "golang.org/x/sys/windows"

// OpenBrowser shows u in the system's web browser, for the command line
// (the window uses fyne's App.OpenURL).
func OpenBrowser(u string) error {
	verb, _ := windows.UTF16PtrFromString("open")
	target, err := windows.UTF16PtrFromString(u)
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, verb, target, nil, nil, windows.SW_SHOWNORMAL)
}
