package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"mime/quotedprintable"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/demo"
	"github.com/regulars/regulars/data/vcard"
)

// benchBigFile is a data file with 100,000 customers and 1,000,000 purchases,
// made with demo.Fill. Making it takes about 20 s, so it is kept in the
// temporary directory between runs (made again when demo.Version changes;
// delete regulars-bench/ to rebuild it) and copied for every iteration.
var benchBigFile = struct {
	once sync.Once
	path string
	err  error
}{}

// benchMigrate brings a kept file up to the current schema once, so that
// the copies the benchmark opens are not migrated inside the measurement.
func benchMigrate(path string) error {
	s, err := data.Open(context.Background(), path)
	if err != nil {
		return err
	}
	return s.Close()
}

func benchBigStorePath(b *testing.B) string {
	benchBigFile.once.Do(func() {
		dir := filepath.Join(os.TempDir(), "regulars-bench")
		benchBigFile.path = filepath.Join(dir, "demo-100k-1m-import-v"+demo.Version+".db")
		if _, err := os.Stat(benchBigFile.path); err == nil {
			benchBigFile.err = benchMigrate(benchBigFile.path)
			return
		}
		if benchBigFile.err = os.MkdirAll(dir, 0o700); benchBigFile.err != nil {
			return
		}
		tmp := benchBigFile.path + ".tmp"
		os.Remove(tmp)
		ctx := context.Background()
		s, err := data.Open(ctx, tmp)
		if err != nil {
			benchBigFile.err = err
			return
		}
		now := time.Date(2026, 6, 1, 18, 0, 0, 0, time.UTC)
		benchBigFile.err = demo.Fill(ctx, s, demo.Options{Customers: 100_000, Purchases: 1_000_000, Seed: 1, Now: now}, nil)
		if err := s.Close(); benchBigFile.err == nil {
			benchBigFile.err = err
		}
		if benchBigFile.err == nil {
			benchBigFile.err = os.Rename(tmp, benchBigFile.path)
		}
	})
	if benchBigFile.err != nil {
		b.Fatalf("make the 100k-customer file: %v", benchBigFile.err)
	}
	return benchBigFile.path
}

// benchPhoneCards builds n vCard 2.1 cards as Android writes them: QP-encoded
// UTF-8 names, three phones, two emails and a small JPEG photo each.
func benchPhoneCards(n int) []byte {
	photo := base64.StdEncoding.EncodeToString(benchJPEG())
	var folded strings.Builder
	for i := 0; i < len(photo); i += 76 {
		folded.WriteString("\r\n  " + photo[i:min(i+76, len(photo))])
	}
	qp := func(s string) string {
		var b strings.Builder
		w := quotedprintable.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	var b bytes.Buffer
	for i := range n {
		given, family := "Zoë-Élodie "+strconv.Itoa(i), "Müller-Żółć Ørsted "+strconv.Itoa(i)
		b.WriteString("BEGIN:VCARD\r\nVERSION:2.1\r\n")
		fmt.Fprintf(&b, "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:%s;%s;;;\r\n", qp(family), qp(given))
		fmt.Fprintf(&b, "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:%s\r\n", qp(given+" "+family))
		fmt.Fprintf(&b, "TEL;CELL;PREF:+49 170 %07d\r\nTEL;HOME:030 %07d\r\nTEL;WORK;FAX:089 %07d\r\n", i, i, i)
		fmt.Fprintf(&b, "EMAIL;HOME:zoe%d@example.com\r\nEMAIL;WORK:zoe.mueller%d@firma.example\r\n", i, i)
		fmt.Fprintf(&b, "PHOTO;ENCODING=BASE64;JPEG:%s\r\n\r\nEND:VCARD\r\n", folded.String())
	}
	return b.Bytes()
}

// benchJPEG is a noisy 48×48 JPEG of about 2 KB.
func benchJPEG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 48, 48))
	seed := uint32(7)
	for i := 0; i < len(img.Pix); i += 4 {
		seed = seed*1664525 + 1013904223
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(seed>>24), uint8(seed>>16), 120, 255
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 50})
	return b.Bytes()
}

func benchCopyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// benchImportRun measures reading a file of 10,000 phone cards from disk
// and importing them the way importRuns[kind] does into a copy of the
// 100k-customer file. Its peak-RSS-MB is the peak resident memory of a
// fresh process doing one such import (see benchImportPeak).
func benchImportRun(b *testing.B, kind string) {
	benchImportFile(b, kind, "contacts.vcf", benchPhoneCards(10_000))
}

// benchImportFile is benchImportRun for the given file, written to disk
// as name.
func benchImportFile(b *testing.B, kind, name string, file []byte) {
	run := importRuns[kind]
	src := benchBigStorePath(b)
	dir := b.TempDir()
	vcf := filepath.Join(dir, name)
	if err := os.WriteFile(vcf, file, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(file)))
	file = nil
	ctx := context.Background()
	b.ReportAllocs()
	var cpu time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		i++
		if err := benchCopyFile(path, src); err != nil {
			b.Fatal(err)
		}
		s, err := data.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		data.SkipChangeBackups(s) // BenchmarkBackup100k times the backup the import makes first
		debug.FreeOSMemory()
		cpu0 := datatest.ProcessCPU()
		b.StartTimer()
		counts, err := run(s, vcf)
		b.StopTimer()
		cpu += datatest.ProcessCPU() - cpu0
		if err == nil {
			err = checkImportCounts(counts)
		}
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		removeDataFile(path)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(benchImportPeak(b, kind, src, vcf), "peak-RSS-MB")
	b.ReportMetric(cpu.Seconds()/float64(i), "cpu-s/op")
}

// importRuns are the ways the import benchmarks import the contacts file,
// by name, so that a child process can run one too.
var importRuns = map[string]func(s *data.Store, vcf string) (data.ImportCounts, error){
	// The command line's way: plan and apply in one transaction.
	"cli": func(s *data.Store, vcf string) (data.ImportCounts, error) {
		res, err := readContacts(vcf)
		if err != nil {
			return data.ImportCounts{}, err
		}
		plan, _, err := s.ImportCards(context.Background(), res.Cards, res.Skipped)
		if err != nil {
			return data.ImportCounts{}, err
		}
		return plan.Counts(), nil
	},
	// The window's way: plan (the preview), then apply, which plans again
	// inside the transaction.
	"preview": func(s *data.Store, vcf string) (data.ImportCounts, error) {
		ctx := context.Background()
		res, err := readContacts(vcf)
		if err != nil {
			return data.ImportCounts{}, err
		}
		plan, err := s.PlanImport(ctx, res.Cards, res.Skipped)
		if err != nil {
			return data.ImportCounts{}, err
		}
		_, err = s.ApplyImport(ctx, plan)
		return plan.Counts(), err
	},
	// Read, then Tx.CreateCustomer for every card in one transaction: no
	// matching, no bookkeeping for undo.
	"store-floor": func(s *data.Store, vcf string) (data.ImportCounts, error) {
		res, err := readContacts(vcf)
		if err != nil {
			return data.ImportCounts{}, err
		}
		err = s.Write(context.Background(), func(tx *data.Tx) error {
			for _, c := range res.Cards {
				if err := tx.CreateCustomer(&c.Customer); err != nil {
					return err
				}
			}
			return nil
		})
		return data.ImportCounts{Added: len(res.Cards)}, err
	},
	// The vCard reader alone.
	"read-only": func(s *data.Store, vcf string) (data.ImportCounts, error) {
		res, err := readContacts(vcf)
		if err != nil {
			return data.ImportCounts{}, err
		}
		return data.ImportCounts{Added: len(res.Cards)}, nil
	},
}

// checkImportCounts fails an import of the benchmark's file that did not
// take nearly every card (a few share a phone number with a customer).
func checkImportCounts(c data.ImportCounts) error {
	if c.Added+c.Updated < 9_900 || c.Skipped != 0 {
		return fmt.Errorf("import: %v", c)
	}
	return nil
}

// removeDataFile removes a benchmark's copy of the data file with its
// log, shared-memory and lock files.
func removeDataFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		os.Remove(path + suffix)
	}
}

// benchImportPeak runs one import of the given kind in a fresh process
// (this test binary, running only TestImportBenchChild) on a new copy of
// src, and returns that process's peak resident memory in MB: a process
// that does nothing else, as `regulars import` is, whatever earlier
// benchmarks left in this one (SQLite's allocator keeps what it had).
func benchImportPeak(b *testing.B, kind, src, vcf string) float64 {
	path := filepath.Join(b.TempDir(), "peak.db")
	if err := benchCopyFile(path, src); err != nil {
		b.Fatal(err)
	}
	defer removeDataFile(path)
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportBenchChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REGULARS_BENCH_IMPORT="+kind, "REGULARS_BENCH_DB="+path, "REGULARS_BENCH_VCF="+vcf)
	out, err := cmd.CombinedOutput()
	// Not the child's rusage: Linux counts the parent's memory at the fork
	// in it. The child reads its own peak instead.
	_, after, _ := bytes.Cut(out, []byte("peak-RSS-MB: "))
	line, _, _ := bytes.Cut(after, []byte("\n"))
	peak, perr := strconv.ParseFloat(string(line), 64)
	if err != nil || perr != nil {
		b.Fatalf("import in a child process: %v\n%s", err, out)
	}
	return peak
}

// TestImportBenchChild is benchImportPeak's child process: one import and
// nothing else. In a normal test run it is skipped.
func TestImportBenchChild(t *testing.T) {
	kind := os.Getenv("REGULARS_BENCH_IMPORT")
	if kind == "" {
		t.Skip("run by the import benchmarks in a process of its own")
	}
	s, err := data.Open(context.Background(), os.Getenv("REGULARS_BENCH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	data.SkipChangeBackups(s)
	counts, err := importRuns[kind](s, os.Getenv("REGULARS_BENCH_VCF"))
	if err == nil {
		err = checkImportCounts(counts)
	}
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("imported: %v\npeak-RSS-MB: %.1f\n", counts, datatest.PeakRSS())
}

// readContacts reads the vCard file as the command line does.
func readContacts(vcf string) (*vcard.Result, error) {
	f, err := os.Open(vcf)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return vcard.Read(f, vcard.Options{File: vcf, Region: "DE"})
}

// BenchmarkImport10kInto100k is the command line's import: 10,000 phone
// cards (QP names, three phones, two emails, a small photo each) read from
// a file and imported into a file holding 100,000 customers and 1,000,000
// purchases. Target: ≤ 0.5 s and ≤ 150 MB peak memory.
func BenchmarkImport10kInto100k(b *testing.B) { benchImportRun(b, "cli") }

// BenchmarkImport10kInto100kPreview is the window's import: read, plan
// (the preview), then apply.
func BenchmarkImport10kInto100kPreview(b *testing.B) { benchImportRun(b, "preview") }

// BenchmarkImport10kInto100kStoreFloor is the floor the import stands on:
// the same file read, and its customers stored with Tx.CreateCustomer in
// one transaction — no matching, no bookkeeping for undo.
func BenchmarkImport10kInto100kStoreFloor(b *testing.B) { benchImportRun(b, "store-floor") }

// BenchmarkImport10kReadOnly is the vCard reader alone on the same file,
// read from disk (compare BenchmarkGoVcardFloor in data/vcard).
func BenchmarkImport10kReadOnly(b *testing.B) { benchImportRun(b, "read-only") }

// BenchmarkImport10kSQLiteFloor is the least SQLite work the import can
// do, with the pure-Go driver the app uses: the rows that storing the same
// 10,000 cards writes (a customer, three phones, two emails, a photo and two
// search index rows each), inserted with prepared statements in one
// transaction into a copy of the 100k-customer file, their values worked
// out beforehand. No reading, matching, ranking or undo records. If this
// alone takes longer than the import's target, the target cannot be met
// by any import code over this driver.
func BenchmarkImport10kSQLiteFloor(b *testing.B) {
	src := benchBigStorePath(b)
	dir := b.TempDir()
	vcf := filepath.Join(dir, "contacts.vcf")
	if err := os.WriteFile(vcf, benchPhoneCards(10_000), 0o600); err != nil {
		b.Fatal(err)
	}
	res, err := readContacts(vcf)
	if err != nil {
		b.Fatal(err)
	}
	cards := res.Cards
	var cpu time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("floor%d.db", i))
		i++
		if err := benchCopyFile(path, src); err != nil {
			b.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)"+
			"&_pragma=synchronous(NORMAL)&_pragma=cache_size(-16384)&_pragma=temp_store(MEMORY)&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		var top int64
		if err := db.QueryRow(`SELECT max(sort_rank) FROM customers`).Scan(&top); err != nil {
			b.Fatal(err)
		}
		cpu0 := datatest.ProcessCPU()
		b.StartTimer()
		if err := sqliteFloorInsert(db, cards, top); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += datatest.ProcessCPU() - cpu0
		db.Close()
		removeDataFile(path)
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(i), "cpu-s/op")
}

func sqliteFloorInsert(db *sql.DB, cards []data.ImportCard, top int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := map[string]*sql.Stmt{}
	exec := func(q string, args ...any) (sql.Result, error) {
		st, ok := stmts[q]
		if !ok {
			if st, err = tx.Prepare(q); err != nil {
				return nil, err
			}
			stmts[q] = st
		}
		return st.Exec(args...)
	}
	for k, card := range cards {
		c := card.Customer
		rank := top + int64(k+1)<<16
		res, err := exec(`INSERT INTO customers (display_name, sort_key, given_name, family_name, created_at, updated_at, sort_rank)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.DisplayName, data.Fold(c.DisplayName), c.GivenName, c.FamilyName, 1, 1, rank)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		var digits []string
		for pos, p := range c.Phones {
			if _, err := exec(`INSERT INTO customer_phones (customer_id, position, label, number, e164) VALUES (?, ?, ?, ?, ?)`,
				id, pos, p.Label, p.Number, p.E164); err != nil {
				return err
			}
			digits = append(digits, data.Digits(p.Number), data.Digits(p.E164))
		}
		var emails []string
		for pos, e := range c.Emails {
			if _, err := exec(`INSERT INTO customer_emails (customer_id, position, label, address, folded) VALUES (?, ?, ?, ?, ?)`,
				id, pos, e.Label, e.Address, strings.ToLower(e.Address)); err != nil {
				return err
			}
			emails = append(emails, e.Address)
		}
		if _, err := exec(`INSERT INTO customer_photos (customer_id, image) VALUES (?, ?)`, id, c.Photo); err != nil {
			return err
		}
		if _, err := exec(`INSERT INTO customer_words (rowid, name, company, email, tags) VALUES (?, ?, '', ?, '')`,
			rank, c.DisplayName+" "+c.GivenName+" "+c.FamilyName, strings.Join(emails, " ")); err != nil {
			return err
		}
		if _, err := exec(`INSERT INTO customer_digits (rowid, digits) VALUES (?, ?)`, rank, strings.Join(digits, " ")); err != nil {
			return err
		}
	}
	return tx.Commit()
}
