package cli_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// crashBatch is cli/internal/crashchild's BatchSize: contacts per import.
const crashBatch = 200

// buildCrashChild builds cli/internal/crashchild, the program the crash
// test kills (or takes REGULARS_TEST_CRASHCHILD's), and returns its path.
func buildCrashChild(t *testing.T) string {
	t.Helper()
	bin, err := program("REGULARS_TEST_CRASHCHILD", t.TempDir(), "github.com/regulars/regulars/cli/internal/crashchild")
	if err != nil {
		t.Fatalf("build crashchild: %v", err)
	}
	return bin
}

// TestCrashSafety kills a process that is writing to a data file (SIGKILL)
// at random moments, during a burst of purchases and during imports. After
// every kill the file must pass integrity_check and hold exactly the
// transactions the process reported committed, plus at most the one it was
// committing when it died, and never a part of one. The next process goes
// on with the same file, so recovery after a crash is exercised too.
//
// REGULARS_CRASH_KILLS sets the kills per kind (default 50);
// REGULARS_CRASH_SEED replays a run.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 100 processes; skipped with -short")
	}
	kills := 50
	if n, err := strconv.Atoi(os.Getenv("REGULARS_CRASH_KILLS")); err == nil && n > 0 {
		kills = n
	}
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("REGULARS_CRASH_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("REGULARS_CRASH_SEED=%d", seed)
	child := buildCrashChild(t)
	for _, kind := range []struct {
		mode     string
		maxDelay int // milliseconds after the child is ready
		check    func(t *testing.T, db *sql.DB) []int
	}{
		{"purchases", 60, purchaseSequence},
		{"import", 150, importSequence},
	} {
		t.Run(kind.mode, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 0xc4a5))
			path := filepath.Join(t.TempDir(), "regulars.db")
			reported := 0 // the highest sequence number reported committed
			for i := 0; i < kills; i++ {
				delay := time.Duration(rng.IntN(kind.maxDelay*1000)) * time.Microsecond
				start, last := runAndKill(t, child, kind.mode, path, delay)
				if start < reported {
					t.Fatalf("kill %d: the restarted process found %d committed transactions, but %d were reported", i, start, reported)
				}
				reported = max(reported, start, last)
				got := checkAfterCrash(t, path, kind.check)
				want := len(got) == reported || len(got) == reported+1
				for j, n := range got {
					want = want && n == j+1
				}
				if !want {
					t.Fatalf("kill %d after %v: %d transactions reported committed, the file holds %v", i, delay, reported, summary(got))
				}
				reported = len(got) // the one in flight is committed for good now
			}
			checkSearchIndex(t, path)
			t.Logf("%d kills, %d transactions survived", kills, reported)
		})
	}
}

// runAndKill starts the child on path, kills it delay after it reported
// "start", and returns the start count and the last committed number it
// reported.
func runAndKill(t *testing.T, child, mode, path string, delay time.Duration) (start, last int) {
	t.Helper()
	cmd := exec.Command(child, mode, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		cmd.Wait()
		t.Fatalf("child %s gave no start line: %s", mode, stderr.String())
	}
	if _, err := fmt.Sscanf(sc.Text(), "start %d", &start); err != nil {
		t.Fatalf("child said %q", sc.Text())
	}
	last = start
	var killed atomic.Bool
	timer := time.AfterFunc(delay, func() { killed.Store(true); cmd.Process.Kill() })
	defer timer.Stop()
	for sc.Scan() {
		var n int
		if _, err := fmt.Sscanf(sc.Text(), "committed %d", &n); err != nil || n != last+1 {
			t.Fatalf("child said %q after committed %d", sc.Text(), last)
		}
		last = n
	}
	err = cmd.Wait()
	// A killed process has no exit code on Unix (-1); on Windows it
	// exits with 1, so the kill itself is what tells.
	if !killed.Load() || cmd.ProcessState.Success() || (runtime.GOOS != "windows" && cmd.ProcessState.ExitCode() != -1) {
		t.Fatalf("child %s ended by itself (%v) instead of being killed: %s", mode, err, stderr.String())
	}
	return start, last
}

// checkAfterCrash opens the file read-only, as found after the crash,
// checks its integrity and returns the sequence numbers it holds, sorted.
func checkAfterCrash(t *testing.T, path string, sequence func(*testing.T, *sql.DB) []int) []int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check after the crash: %q, %v", result, err)
	}
	return sequence(t, db)
}

// checkSearchIndex runs FTS5's own integrity check on both search
// indexes: they must match the customers after all the crashes.
func checkSearchIndex(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"customer_words", "customer_digits"} {
		if _, err := db.Exec(`INSERT INTO ` + table + `(` + table + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("search index %s after the crashes: %v", table, err)
		}
	}
}

// purchaseSequence returns the purchases' amounts (their sequence numbers).
func purchaseSequence(t *testing.T, db *sql.DB) []int {
	t.Helper()
	return queryInts(t, db, `SELECT amount_cents FROM purchases ORDER BY amount_cents`)
}

// importSequence returns the numbers of the imports whose 200 contacts are
// all in the file; an import present in part fails the test.
func importSequence(t *testing.T, db *sql.DB) []int {
	t.Helper()
	counts := queryInts(t, db, `SELECT count(*) FROM customers GROUP BY CAST(substr(display_name, 7, instr(display_name, ' customer') - 7) AS INTEGER) ORDER BY 1`)
	batches := queryInts(t, db, `SELECT DISTINCT CAST(substr(display_name, 7, instr(display_name, ' customer') - 7) AS INTEGER) FROM customers ORDER BY 1`)
	for _, c := range counts {
		if c != crashBatch {
			t.Fatalf("an import is in the file in part: %d of %d contacts (batches %v)", c, crashBatch, summary(batches))
		}
	}
	if imports := queryInts(t, db, `SELECT count(*) FROM imports`); imports[0] != len(batches) {
		t.Fatalf("%d imports recorded for %d batches of contacts", imports[0], len(batches))
	}
	return batches
}

func queryInts(t *testing.T, db *sql.DB, query string) []int {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// summary shortens a long sequence for a message.
func summary(seq []int) string {
	if len(seq) <= 12 {
		return fmt.Sprint(seq)
	}
	parts := make([]string, 0, 12)
	for _, n := range seq[:5] {
		parts = append(parts, strconv.Itoa(n))
	}
	parts = append(parts, "…")
	for _, n := range seq[len(seq)-5:] {
		parts = append(parts, strconv.Itoa(n))
	}
	return fmt.Sprintf("%d items [%s]", len(seq), strings.Join(parts, " "))
}
