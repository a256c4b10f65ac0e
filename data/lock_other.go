//go:build !unix && !windows

package data

import "os"

// lockFile does nothing on systems without file locks (js, wasip1); the
// app only runs on Linux, macOS and Windows.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }
