package data

import (
	"context"
	"fmt"
)

// backupBeforeMigrate backs the file up (ReasonMigration) when it already
// holds applied migrations and at least one embedded migration is still
// to be applied: a schema upgrade never runs on
// the only copy of a shop's data. A new, empty file needs no backup.
func (s *Store) backupBeforeMigrate(ctx context.Context) error {
	var applied int
	if err := s.write.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&applied); err != nil || applied == 0 {
		return err
	}
	pending, err := pendingMigrations(ctx, s.write)
	if err != nil || len(pending) == 0 {
		return err
	}
	if _, err := s.Backup(ctx, ReasonMigration); err != nil {
		return fmt.Errorf("backing up before the schema upgrade (nothing was changed): %w", err)
	}
	return nil
}
