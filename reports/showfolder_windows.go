package reports

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/windows"
)

// showInFolder starts Explorer with the file selected. Explorer parses its
// own command line, and wants the path quoted after "/select," (a Windows
// path cannot hold a quote), so the command line is given as it is rather
// than quoted by package exec. Explorer's exit code says nothing (it is 1
// on success), so it is not waited for.
func showInFolder(path string) error {
	exe, line, err := explorerCommand(path)
	if err != nil {
		return err
	}
	cmd := exec.Command(exe)
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: line}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("show %s in Explorer: %w", path, err)
	}
	go cmd.Wait()
	return nil
}

// explorerCommand returns Explorer's program file (in the Windows folder,
// never found through PATH) and the command line that selects path.
func explorerCommand(path string) (exe, line string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", fmt.Errorf("show %s in Explorer: %w", path, err)
	}
	dir, err := windows.GetWindowsDirectory()
	if err != nil {
		return "", "", fmt.Errorf("show %s in Explorer: %w", path, err)
	}
	return filepath.Join(dir, "explorer.exe"), `explorer.exe /select,"` + abs + `"`, nil
}
