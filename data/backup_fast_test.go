package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

func TestSnapshotFile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CreateCustomer(ctx, &Customer{DisplayName: "Ada"}); err != nil {
		t.Fatal(err)
	}
	reader, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	tx.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if err := s.CreateCustomer(ctx, &Customer{DisplayName: "Bo"}); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if ok, err := s.snapshotFile(ctx, dst); ok || err != nil {
		t.Fatalf("snapshot while a reader holds an older snapshot: %v, %v; want a fall-back", ok, err)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Fatalf("the refused snapshot left a file: %v", err)
	}
	tx.Rollback()
	if ok, err := s.snapshotFile(ctx, dst); !ok || err != nil {
		t.Fatalf("snapshot without readers: %v, %v", ok, err)
	}
	head := make([]byte, 20)
	f, _ := os.Open(dst)
	f.Read(head)
	f.Close()
	if head[18] != 1 || head[19] != 1 {
		t.Errorf("the copy is still marked as a WAL database: % x", head[18:20])
	}
	if _, err := VerifyBackup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite", "file:"+dst+"?mode=ro")
	defer db.Close()
	if err := db.QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the copy holds %d customers (%v), want 2", n, err)
	}
	if _, err := os.Stat(dst + "-wal"); !os.IsNotExist(err) {
		t.Errorf("reading the copy made a log: %v", err)
	}
	if err := s.CreateCustomer(ctx, &Customer{DisplayName: "Cy"}); err != nil {
		t.Fatalf("writing after the snapshot: %v", err)
	}
}
