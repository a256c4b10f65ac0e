package reports

import (
	"fmt"
	"os/exec"
	"strings"
)

// showInFolder asks the Finder, through open -R, to reveal the file.
func showInFolder(path string) error {
	if out, err := exec.Command("open", "-R", path).CombinedOutput(); err != nil {
		return fmt.Errorf("show %s in the Finder: %w: %s", path, err, strings.TrimSpace(string(out)))
	}
	return nil
}
