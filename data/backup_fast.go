package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// copyTo writes a consistent copy of the store's file to dst (which must
// not exist): byte for byte while writes are held back, when the
// write-ahead log can be emptied first (about ten times faster), else page
// by page with SQLite's online backup API.
func (s *Store) copyTo(ctx context.Context, dst string) error {
	done, err := s.snapshotFile(ctx, dst)
	if done || err != nil {
		return err
	}
	src, err := openReadOnly(s.path, false)
	if err != nil {
		return err
	}
	defer src.Close()
	return copyDatabase(ctx, src, dst)
}

// snapshotFile moves the write-ahead log into the data file (a passive
// checkpoint, which never waits), and when that got all of it, takes the
// write lock (writers wait; readers go on) and copies the data file, which
// then is the whole database. It reports false, having done nothing, when
// the store has no write connection (a file backed up from outside) or a
// reader's snapshot kept part of the log out of the data file.
func (s *Store) snapshotFile(ctx context.Context, dst string) (bool, error) {
	if s.write == nil {
		return false, nil
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var busy, frames, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &done); err != nil {
		return false, err
	}
	if busy != 0 || frames != done {
		return false, nil
	}
	// Nothing can commit between the checkpoint and this: the store has
	// one write connection, held here, and other processes are locked out.
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return false, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	if err := copyRawDB(s.path, dst); err != nil {
		os.Remove(dst)
		return false, err
	}
	return true, nil
}

// copyRawDB copies the closed-to-writers database file src to a new file
// dst, marks the copy as a rollback-journal database (header bytes 18 and
// 19), so that it is one self-contained file, and syncs it to disk.
func copyRawDB(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	head := make([]byte, 2)
	if _, err := out.ReadAt(head, 18); err != nil {
		out.Close()
		return fmt.Errorf("read the copy's header: %w", err)
	}
	if head[0] != 1 && head[0] != 2 || head[1] != 1 && head[1] != 2 {
		out.Close()
		return errors.New("the data file's header is not one of SQLite's")
	}
	if _, err := out.WriteAt([]byte{1, 1}, 18); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
