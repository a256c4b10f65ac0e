package data

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// migrationVersions returns the embedded migrations' versions in order,
// with their file names.
func migrationVersions(t *testing.T) ([]int, map[int]string) {
	t.Helper()
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var versions []int
	files := map[int]string{}
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(n), "_", 2)[0])
		if err != nil {
			t.Fatalf("migration %s: %v", n, err)
		}
		versions = append(versions, v)
		files[v] = n
	}
	return versions, files
}

// buildAtVersion writes a data file at path whose schema stops at
// version: it applies the migrations up to it one by one, and after each
// inserts that version's sample rows (migrationSeeds) with the SQL of that
// time, as a shop that used that version of Regulars would have.
func buildAtVersion(t *testing.T, path string, version int) {
	t.Helper()
	ctx := context.Background()
	write, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer write.Close()
	write.SetMaxOpenConns(1)
	s := &Store{path: path, write: write, now: time.Now}
	if _, err := write.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	versions, files := migrationVersions(t)
	for _, v := range versions {
		if v > version {
			break
		}
		if err := s.migrateFile(ctx, files[v]); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
		if seed := migrationSeeds[v]; seed != nil {
			for _, q := range seed {
				if _, err := write.Exec(q); err != nil {
					t.Fatalf("sample rows of version %d: %v\n%s", v, err, q)
				}
			}
		}
	}
}

// migrationSeeds are sample rows written right after the migration with
// the key's version, in that version's SQL. Later migrations must carry
// them over; TestMigrateFromEveryVersion checks that they do. When a
// migration adds a table that holds data, add its rows here.
var migrationSeeds = map[int][]string{
	1: {
		`INSERT INTO customers (id, display_name, sort_key, given_name, family_name, company, address,
			birth_year, birth_month, birth_day, marketing_consent, note, uid, created_at, updated_at, archived_at)
			VALUES (1, 'Anna Müller', 'anna muller', 'Anna', 'Müller', 'Bäckerei Müller', 'Hauptstr. 1',
			1980, 5, 4, 1, 'likes rye', 'uid-anna', 1700000000, 1700000000, NULL),
			(2, 'Иван Петров', 'иван петров', 'Иван', 'Петров', '', '', NULL, 2, 29, 0, '', '', 1700000000, 1700000000, 1700001000)`,
		`INSERT INTO customer_phones (customer_id, position, label, number, e164) VALUES
			(1, 0, 'Mobile', '+49 170 1234567', '+491701234567'), (1, 1, 'Work', '030 555', ''),
			(2, 0, 'Home', '+7 912 345-67-89', '+79123456789')`,
		`INSERT INTO customer_emails (customer_id, position, label, address, folded) VALUES
			(1, 0, 'Home', 'Anna@Example.org', 'anna@example.org')`,
		`INSERT INTO customer_tags (customer_id, tag) VALUES (1, 'regular'), (1, 'rye')`,
		`INSERT INTO customer_photos (customer_id, image) VALUES (1, x'89504e470d0a1a0a')`,
		`INSERT INTO customer_words (rowid, name, company, email, tags) VALUES
			(1, 'Anna Müller Anna Müller', 'Bäckerei Müller', 'Anna@Example.org', 'regular rye'),
			(2, 'Иван Петров Иван Петров', '', '', '')`,
		`INSERT INTO customer_digits (rowid, digits) VALUES (1, '491701234567 491701234567 030555 '),
			(2, '79123456789 79123456789')`,
		`INSERT INTO purchases (id, customer_id, at, amount_cents, description, payment_method, created_at) VALUES
			(1, 1, 1700100000, 1250, 'rye bread', 'cash', 1700100000),
			(2, 1, 1700200000, 8900, 'cake', 'card', 1700200000),
			(3, 2, 1700300000, 300, '', '', 1700300000)`,
		`INSERT INTO notes (id, customer_id, kind, body, satisfaction, follow_up, done_at, created_at) VALUES
			(1, 1, 'complaint', 'crust too dark', 4, NULL, NULL, 1700150000),
			(2, 1, 'call', 'call back about the cake', NULL, '2023-11-20', NULL, 1700160000),
			(3, 2, 'visit', '', 9, NULL, NULL, 1700170000)`,
		`INSERT INTO settings (key, value) VALUES ('shop_name', 'Bäckerei Sonnenschein'), ('currency', 'EUR'), ('region', 'DE')`,
	},
	2: {
		`INSERT INTO imports (id, at, files, added, updated, unchanged, skipped, undone_at)
			VALUES (1, 1700400000, '["phone.vcf"]', 1, 0, 0, 0, NULL)`,
		`INSERT INTO not_duplicates (customer_a, customer_b, at) VALUES (1, 2, 1700400000)`,
	},
}

func TestMigrateFromEveryVersion(t *testing.T) {
	versions, _ := migrationVersions(t)
	latest := versions[len(versions)-1]
	for _, from := range versions[:len(versions)-1] {
		t.Run("from version "+strconv.Itoa(from), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "regulars.db")
			buildAtVersion(t, path, from)
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("open a version %d file: %v", from, err)
			}
			defer s.Close()
			if v, err := s.SchemaVersion(ctx); err != nil || v != latest {
				t.Fatalf("schema version after migrating: %d, %v; want %d", v, err, latest)
			}
			checkMigratedBackup(t, path, from)
			checkSeedRows(t, s)
			if from >= 2 {
				if imports, err := s.Imports(ctx); err != nil || len(imports) != 1 || imports[0].Added != 1 {
					t.Errorf("import history after migrating: %+v, %v", imports, err)
				}
			}
			if err := s.QuickCheck(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkMigratedBackup checks that exactly one backup was made before the
// upgrade, and that it still holds the old schema version.
func checkMigratedBackup(t *testing.T, path string, from int) {
	t.Helper()
	list, err := ListBackups(path)
	if err != nil || len(list) != 1 || list[0].Reason != ReasonMigration {
		t.Fatalf("backups after migrating: %+v, %v; want one made before the migration", list, err)
	}
	if v, err := VerifyBackup(context.Background(), list[0].Path); err != nil || v != from {
		t.Errorf("the backup before migrating: version %d, %v; want %d", v, err, from)
	}
}

// checkSeedRows checks that version 1's sample rows read back through the
// store unchanged.
func checkSeedRows(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	anna, err := s.Customer(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if anna.DisplayName != "Anna Müller" || anna.Company != "Bäckerei Müller" || len(anna.Phones) != 2 ||
		anna.Phones[0].E164 != "+491701234567" || len(anna.Emails) != 1 || len(anna.Tags) != 2 ||
		anna.Birthday != (Birthday{1980, time.May, 4}) || !anna.MarketingConsent || len(anna.Photo) != 8 {
		t.Errorf("Anna after migrating: %+v", anna)
	}
	ivan, err := s.Customer(ctx, 2)
	if err != nil || !ivan.Archived() || ivan.Birthday != (Birthday{0, time.February, 29}) {
		t.Errorf("Ivan after migrating: %+v, %v", ivan, err)
	}
	st, err := s.CustomerStats(ctx, 1)
	if err != nil || st.Purchases != 2 || st.TotalCents != 10150 {
		t.Errorf("Anna's purchases after migrating: %+v, %v", st, err)
	}
	notes, err := s.Notes(ctx, 1)
	if err != nil || len(notes) != 2 || notes[1].Satisfaction == nil || *notes[1].Satisfaction != 4 {
		t.Errorf("Anna's notes after migrating: %+v, %v", notes, err)
	}
	for _, q := range []string{"muller", "müll", "1234", "anna@example", "rye"} {
		if found, err := s.SearchCustomers(ctx, SearchQuery{Text: q}); err != nil || len(found) != 1 || found[0].ID != 1 {
			t.Errorf("search %q after migrating: %+v, %v", q, found, err)
		}
	}
	if st, err := s.Settings(ctx); err != nil || st.ShopName != "Bäckerei Sonnenschein" {
		t.Errorf("settings after migrating: %+v, %v", st, err)
	}
}

func TestMigrateEmptyFileMakesNoBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if list, _ := ListBackups(path); len(list) != 0 {
		t.Errorf("a new file got %d backups", len(list))
	}
}
