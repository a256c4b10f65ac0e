package reports

// ShowInFolder opens the system's file manager on the folder that holds
// path, with the file selected where the system can do that: Explorer
// (explorer /select) on Windows, the Finder (open -R) on macOS, on Linux
// the file manager that answers the freedesktop FileManager1 D-Bus
// interface (Files, Dolphin, Nemo, Thunar, …), else xdg-open on the
// folder. It returns once the file manager was asked; an error means it
// could not be.
func ShowInFolder(path string) error { return showInFolder(path) }
