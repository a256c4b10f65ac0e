package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data/demo"
)

func init() {
	register(&Command{
		Name:    "demo",
		Summary: "fill a data file with realistic sample customers, purchases and notes",
		Usage:   "--db FILE [--customers N] [--purchases M] [--seed S]",
		Run:     runDemo,
	})
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["demo"])
	db := dbFlag(fs)
	customers := fs.Int("customers", 300, lang.L("number of customers"))
	purchases := fs.Int("purchases", 3000, lang.L("number of purchases in all"))
	seed := fs.Int64("seed", 1, lang.L("random seed; the same seed gives the same data"))
	if err := parse(fs, args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("%w: %s", errUsage, lang.L("--db FILE is required (demo never writes into your real data file by default)"))
	}
	if *customers < 1 || *purchases < 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("--customers must be at least 1 and --purchases not negative"))
	}
	s, err := openWriting(ctx, *db, "demo", lang.L("close it first"))
	if err != nil {
		return err
	}
	defer s.Close()
	if n, err := s.CountCustomers(ctx, "", true); err != nil {
		return err
	} else if n > 0 {
		return errors.New(lang.L("{{.File}} already holds {{.N}} customers; demo only fills an empty file",
			map[string]any{"File": s.Path(), "N": n}))
	}
	start := time.Now()
	err = demo.Fill(ctx, s, demo.Options{Customers: *customers, Purchases: *purchases, Seed: *seed}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, lang.L("added {{.Customers}} customers and {{.Purchases}} purchases to {{.File}} in {{.Seconds}} s",
		map[string]any{"Customers": *customers, "Purchases": *purchases, "File": s.Path(),
			"Seconds": fmt.Sprintf("%.1f", time.Since(start).Seconds())}))
	return nil
}
