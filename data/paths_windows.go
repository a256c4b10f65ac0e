//go:build windows

package data

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// appDataDir is the user's roaming application data folder: %AppData%
// when set (e.g. C:\Users\Zoë Müller\AppData\Roaming), else what Windows
// itself says it is (the known folder RoamingAppData), which is right even
// when a program was started without the usual environment.
func appDataDir() string {
	if dir := os.Getenv("APPDATA"); filepath.IsAbs(dir) {
		return dir
	}
	if dir, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, windows.KF_FLAG_DEFAULT); err == nil {
		return dir
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "AppData", "Roaming")
	}
	return "."
}
