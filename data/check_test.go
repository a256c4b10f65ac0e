package data_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// healthyFile returns a closed data file with n customers, each with a
// purchase, large enough to span many pages.
func healthyFile(t *testing.T, n int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(ctx, func(tx *data.Tx) error {
		for i := 0; i < n; i++ {
			c := &data.Customer{DisplayName: "Customer " + strings.Repeat("x", i%50), Note: strings.Repeat("note ", 20)}
			if err := tx.CreateCustomer(c); err != nil {
				return err
			}
			if err := tx.AddPurchase(&data.Purchase{CustomerID: c.ID, At: c.CreatedAt, AmountCents: 1250}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// damage overwrites bytes of the file at path from offset with junk.
func damage(t *testing.T, path string, offset int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", n/4+1)[:n]), offset); err != nil {
		t.Fatal(err)
	}
}

// pageOf returns the first page of the named table or index.
func pageOf(t *testing.T, path, name string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var page int64
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, name).Scan(&page); err != nil {
		t.Fatal(err)
	}
	return page
}

func TestCheckFile(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		make    func(t *testing.T) string
		corrupt bool
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "none.db") }, false},
		{"empty file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "empty.db")
			os.WriteFile(p, nil, 0o600)
			return p
		}, false},
		{"healthy", func(t *testing.T) string { return healthyFile(t, 300) }, false},
		{"binary garbage", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "garbage.db")
			os.WriteFile(p, []byte(strings.Repeat("\x00\xff garbage \x13\x37", 5000)), 0o600)
			return p
		}, true},
		{"a vCard saved as .db", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "contacts.db")
			os.WriteFile(p, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n"), 0o600)
			return p
		}, true},
		{"truncated to its header", func(t *testing.T) string {
			p := healthyFile(t, 300)
			os.Truncate(p, 100)
			return p
		}, true},
		{"truncated in the middle", func(t *testing.T) string {
			p := healthyFile(t, 300)
			info, _ := os.Stat(p)
			os.Truncate(p, info.Size()/2)
			return p
		}, true},
		{"a damaged index page", func(t *testing.T) string {
			p := healthyFile(t, 300)
			page := pageOf(t, p, "customers_sort")
			damage(t, p, (page-1)*4096+8, 200)
			return p
		}, true},
		{"a damaged table page", func(t *testing.T) string {
			p := healthyFile(t, 300)
			page := pageOf(t, p, "purchases")
			damage(t, p, (page-1)*4096, 64)
			return p
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.make(t)
			err := data.CheckFile(ctx, path)
			if tt.corrupt {
				var ce *data.CorruptError
				if !errors.Is(err, data.ErrCorrupt) || !errors.As(err, &ce) || ce.Path != path || len(ce.Problems) == 0 {
					t.Fatalf("CheckFile = %v; want a CorruptError for %s", err, path)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("message %q does not name the file", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("CheckFile = %v; want nil", err)
			}
		})
	}
}

func TestCheckFileFolder(t *testing.T) {
	err := data.CheckFile(context.Background(), t.TempDir())
	if err == nil || errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("CheckFile on a folder = %v", err)
	}
}

func TestOpenDamagedFileSaysSo(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		bytes []byte
	}{
		{"garbage", []byte(strings.Repeat("not a database at all ", 1000))},
		{"truncated", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "regulars.db")
			if tt.bytes != nil {
				os.WriteFile(path, tt.bytes, 0o600)
			} else {
				src := healthyFile(t, 300)
				b, _ := os.ReadFile(src)
				os.WriteFile(path, b[:len(b)/3], 0o600)
			}
			before, _ := os.ReadFile(path)
			s, err := data.Open(ctx, path)
			if err == nil {
				defer s.Close()
				err = s.QuickCheck(ctx)
			}
			if !errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open of a damaged file: %v; want a CorruptError naming it", err)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Error("opening the damaged file changed it")
			}
		})
	}
}

func TestStoreQuickCheck(t *testing.T) {
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	if err := s.QuickCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyBackup(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	good, err := s.Backup(ctx, data.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec(`CREATE TABLE t (x)`)
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	b, _ := os.ReadFile(good)
	os.WriteFile(newer, b, 0o600)
	db, _ = sql.Open("sqlite", newer)
	if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		name, path, want string
	}{
		{"good", good, ""},
		{"another program's database", other, "not one of Regulars"},
		{"from a newer Regulars", newer, "newer Regulars"},
		// The message names the file; its wording is the system's own.
		{"missing", filepath.Join(dir, "missing.db"), "missing.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := data.VerifyBackup(ctx, tt.path)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("VerifyBackup = %v; want %q", err, tt.want)
			}
			if tt.name == "missing" && !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("VerifyBackup = %v; want fs.ErrNotExist", err)
			}
		})
	}
}
