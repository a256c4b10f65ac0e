//go:build unix && !darwin

package reports

import "os/exec"

// OpenBrowser shows u in the system's web browser, for the command line
// (the window uses fyne's App.OpenURL).
func OpenBrowser(u string) error { return startDetached(exec.Command("xdg-open", u)) }

// startDetached runs cmd without waiting for it: a browser may keep running.
func startDetached(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
