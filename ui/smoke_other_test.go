//go:build !unix || darwin

package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// smokeMailProgram leaves "Send with my mail program" alone: on Windows
// and macOS it would open the computer's real mail program.
func smokeMailProgram(*testing.T) []string { return []string{lang.L("Send with my mail program")} }
