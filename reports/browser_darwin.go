package reports

import "os/exec"

// OpenBrowser shows u in the system's web browser, for the command line
// (the window uses fyne's App.OpenURL).
func OpenBrowser(u string) error { return exec.Command("open", u).Run() }
