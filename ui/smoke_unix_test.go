//go:build unix && !darwin

package ui

import (
	"os/exec"
	"testing"

	"github.com/regulars/regulars/reports/mailprogtest"
)

// smokeMailProgram makes "Send with my mail program" find no mail program
// (a temporary XDG configuration without one), so the smoke test runs the
// hand-over up to xdg-email and the fallback it offers, and no real mail
// program opens. Without xdg-email the app says so by itself.
func smokeMailProgram(t *testing.T) []string {
	if _, err := exec.LookPath("xdg-email"); err == nil {
		mailprogtest.Register(t, "")
	}
	return nil
}
