package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// backupBeforeMigrate backs the file up (ReasonMigration) when it already
// holds applied migrations and at least one of names (the embedded
// migration files) is still to be applied: a schema upgrade never runs on
// the only copy of a shop's data. A new, empty file needs no backup.
func (s *Store) backupBeforeMigrate(ctx context.Context, names []string) error {
	applied := map[int]bool{}
	err := queryEach(ctx, s.write, `SELECT version FROM schema_migrations`, nil, func(r *sql.Rows) error {
		var v int
		err := r.Scan(&v)
		applied[v] = true
		return err
	})
	if err != nil || len(applied) == 0 {
		return err
	}
	pending := false
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err == nil && !applied[v] {
			pending = true
		}
	}
	if !pending {
		return nil
	}
	if _, err := s.Backup(ctx, ReasonMigration); err != nil {
		return fmt.Errorf("backing up before the schema upgrade (nothing was changed): %w", err)
	}
	return nil
}
