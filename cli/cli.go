// Package cli implements Regulars' command-line verbs (demo, export,
// import, kpis, report, backup, restore, …). Each verb lives in its own
// file and registers itself with register; main.go dispatches to Run when
// the first argument names a verb.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
)

// Command is one verb of the command line.
type Command struct {
	Name    string
	Summary string // one line for the verb list
	Usage   string // arguments after the verb, for --help
	// Run executes the verb with the arguments after it.
	Run func(ctx context.Context, env *Env, args []string) error
}

// Env is what a verb may touch: its output streams.
type Env struct {
	Stdout, Stderr io.Writer
}

var commands = map[string]*Command{}

// register adds a verb; every verb file calls it from init.
func register(c *Command) { commands[c.Name] = c }

// IsVerb reports whether name is a command-line verb.
func IsVerb(name string) bool {
	_, ok := commands[name]
	return ok || name == "help"
}

// errUsage marks errors caused by wrong arguments; Run prints the usage.
var errUsage = errors.New("usage")

// Run executes the verb in args[0] and returns the process exit code:
// 0 on success, 1 on failure, 2 on wrong usage.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	LoadLanguage(stderr)
	if len(args) == 0 || args[0] == "help" {
		PrintVerbs(stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintln(stderr, lang.L("regulars: unknown verb {{.Verb}}", map[string]any{"Verb": strconv.Quote(args[0])}))
		PrintVerbs(stderr)
		return 2
	}
	err := cmd.Run(ctx, env, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "regulars %s: %s\n", cmd.Name, usageMessage(err))
		return 2
	}
	fmt.Fprintf(stderr, "regulars %s: %v\n", cmd.Name, err)
	return 1
}

// LoadLanguage makes the command line speak the language LC_ALL, LANG or
// the system names (i18n.Load), before any text is printed or any flag
// is described; a verb that opens a data file switches to the file's
// language then (useLanguage). Problems loading the catalogs go to stderr.
func LoadLanguage(stderr io.Writer) {
	if _, err := i18n.Load(""); err != nil {
		fmt.Fprintf(stderr, "regulars: %v\n", err)
	}
}

// usageMessage is a usage error as printed: its leading "usage" (errUsage,
// wrapped first by the verbs' fmt.Errorf("%w: …")) in the language in use.
func usageMessage(err error) string {
	if rest, ok := strings.CutPrefix(err.Error(), errUsage.Error()+": "); ok {
		return lang.L("usage") + ": " + rest
	}
	return err.Error()
}

// PrintVerbs lists the verbs with their summaries.
func PrintVerbs(w io.Writer) {
	fmt.Fprintln(w, lang.L("Usage: regulars [--db FILE]            open the window"))
	fmt.Fprintln(w, lang.L("       regulars VERB [flags] [args]    run a command; VERB --help for its flags"))
	fmt.Fprintln(w, "\n"+lang.L("Verbs:"))
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, summary(commands[n]))
	}
}

// summary is the verb's one-line summary in the language in use. The
// summaries are written in English where each verb registers itself,
// before the language is known; the key test reads them there
// (Command.Summary) and checks every catalog has them.
func summary(c *Command) string { return lang.L(c.Summary) }

// newFlags returns a flag set for a verb whose --help prints the verb's
// usage and flags to the verb's stderr.
func newFlags(env *Env, cmd *Command) *flag.FlagSet {
	fs := flag.NewFlagSet("regulars "+cmd.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, lang.L("Usage: regulars {{.Verb}} {{.Args}}", map[string]any{"Verb": cmd.Name, "Args": cmd.Usage}))
		fmt.Fprintf(env.Stderr, "\n%s\n\n%s\n", summary(cmd), lang.L("Flags:"))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// dbFlag adds the --db flag every verb shares.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", lang.L("data file (default: {{.Path}})", map[string]any{"Path": data.DefaultPath()}))
}

// dataPath is the file --db names, or the default one.
func dataPath(path string) string {
	if strings.TrimSpace(path) == "" {
		return data.DefaultPath()
	}
	return path
}

// openShared opens the data file named by --db for a verb that reads
// (report, kpis, export, import --dry-run): it runs while a window has the
// file open (data.OpenShared).
func openShared(ctx context.Context, path string) (*data.Store, error) {
	s, err := data.OpenShared(ctx, dataPath(path))
	if err != nil {
		return nil, refusal(err, lang.L("close it and run the command again, so the file can be upgraded first"))
	}
	useLanguage(ctx, s)
	return s, nil
}

// openWriting opens the data file named by --db for a verb that writes
// (import, demo), holding its lock until the verb ends. While a window
// (or another writing command) has the file, it is refused with a message
// that names the holder and says what to do instead.
func openWriting(ctx context.Context, path, verb, instead string) (*data.Store, error) {
	s, err := data.OpenAs(ctx, dataPath(path), "regulars "+verb)
	if err != nil {
		return nil, refusal(err, instead)
	}
	useLanguage(ctx, s)
	return s, nil
}

// useLanguage makes the verb speak, from then on, the language chosen in
// the file's settings, if any (else the one LANG, LC_ALL or the system
// names).
func useLanguage(ctx context.Context, s *data.Store) {
	if code, _, err := s.Setting(ctx, i18n.SettingKey); err == nil && code != "" {
		_, _ = i18n.Load(code) // the catalogs loaded in Run already
	}
}
