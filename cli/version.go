package cli

import (
	"context"
	"fmt"
)

// Version is the program's version. It must equal Version in FyneApp.toml
// (version_test.go checks); release builds may override it with
// -ldflags "-X github.com/regulars/regulars/cli.Version=1.2.3".
var Version = "0.1.0"

func init() {
	register(&Command{
		Name:    "version",
		Summary: "print the version (same as regulars --version)",
		Run: func(ctx context.Context, env *Env, args []string) error {
			if err := parse(newFlags(env, commands["version"]), args); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "regulars", Version)
			return nil
		},
	})
}
