// Package windowstest drives the Windows build of Regulars under Wine, as a
// shop owner's laptop would run it: the command line on C:\ paths, checked
// against the Linux build from the same input; the installer and
// uninstaller; and the window, photographed on a virtual screen.
//
// make test-windows runs these tests after make windows, naming the dist
// folder in REGULARS_WINDOWS_DIST; without it they are skipped.
package windowstest
