package cli

// Version is the program's version, set at build time with
// -ldflags "-X github.com/regulars/regulars/cli.Version=1.2.3".
var Version = "0.1.0-dev"
