package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// startHarness drives the start-up on the data file at path with the test
// driver, running UI work on the test goroutine.
type startHarness struct {
	t  *testing.T
	q  *uiQueue
	st *starter
}

func newStartHarness(t *testing.T, path string) *startHarness {
	t.Helper()
	a := test.NewTempApp(t)
	q := &uiQueue{}
	old := onMain
	onMain = q.do
	h := &startHarness{t: t, q: q, st: newStarter(a, path, Options{})}
	t.Cleanup(func() {
		h.settle()
		onMain = old
		if h.st.main != nil {
			h.st.main.win.Close()
		}
		h.st.closeProblem()
		h.st.close()
	})
	h.st.begin()
	return h
}

func (h *startHarness) settle() {
	quiet := time.Now()
	for time.Since(quiet) < 100*time.Millisecond {
		if h.q.drain() {
			quiet = time.Now()
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *startHarness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; the start-up window shows:\n%s", what, h.problemText())
		}
		h.q.drain()
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *startHarness) problemText() string {
	if h.st.win == nil {
		return "(no start-up window)"
	}
	return texts(h.st.win.Content())
}

// tap taps the start-up window's button whose label starts with text.
func (h *startHarness) tap(text string) {
	h.t.Helper()
	var found *widget.Button
	walk(h.st.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, text) {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q in:\n%s", text, h.problemText())
	}
	test.Tap(found)
}

// shopFile makes a closed data file with n customers and returns its path.
func shopFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		addCustomer(t, s, "Customer "+string(rune('A'+i)), "", "")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestStartHealthyFileMakesTheDailyBackup(t *testing.T) {
	path := shopFile(t, 3)
	h := newStartHarness(t, path)
	if h.st.main == nil || h.st.win != nil {
		t.Fatalf("a healthy file did not open the main window; start-up window: %s", h.problemText())
	}
	h.waitFor("today's backup", func() bool { return strings.Contains(h.st.main.status.Text, "Today's backup is made") })
	if list, _ := data.ListBackups(path); len(list) != 1 || list[0].Reason != data.ReasonDaily {
		t.Errorf("backups after start: %+v", list)
	}
}

func TestStartSecondCopyIsRefused(t *testing.T) {
	path := shopFile(t, 1)
	lock, err := data.Lock(path) // the first copy of the app
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	h := newStartHarness(t, path)
	if h.st.main != nil || !strings.Contains(h.problemText(), "Another Regulars window is already working on") {
		t.Fatalf("second copy: %s", h.problemText())
	}
}

// damageFile overwrites the middle of the data file at path.
func damageFile(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(b) && i < 4096*6; i++ {
		b[i] = 0xa5
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestStartDamagedFileRestoresNewestGoodBackup(t *testing.T) {
	path := shopFile(t, 2)
	if _, err := data.BackupFile(context.Background(), path, ""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // backups are named to the second
	s, _ := data.Open(context.Background(), path)
	addCustomer(t, s, "Third", "", "")
	s.Close()
	newer, err := data.BackupFile(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	damageFile(t, newer) // the newest backup is damaged too: the older one must be offered
	damageFile(t, path)
	h := newStartHarness(t, path)
	if h.st.main != nil || !strings.Contains(h.problemText(), "damaged") {
		t.Fatalf("damaged file: main window %v, start-up window %s", h.st.main != nil, h.problemText())
	}
	h.waitFor("the offer", func() bool { return strings.Contains(h.problemText(), "The newest good backup is from") })
	h.tap("Restore this backup")
	h.waitFor("the main window", func() bool { return h.st.main != nil })
	if h.st.win != nil {
		t.Error("the start-up window stayed open")
	}
	if n, err := h.st.store.CountCustomers(context.Background(), "", true); err != nil || n != 2 {
		t.Errorf("after restoring: %d customers (%v); want the older backup's 2", n, err)
	}
	damaged, _ := filepath.Glob(filepath.Join(data.BackupDir(path), "damaged-*", "regulars.db"))
	if len(damaged) != 1 {
		t.Errorf("the damaged file was not kept: %v", damaged)
	}
}

func TestStartDamagedFileWithoutBackup(t *testing.T) {
	path := shopFile(t, 2)
	damageFile(t, path)
	h := newStartHarness(t, path)
	h.waitFor("the explanation", func() bool { return strings.Contains(h.problemText(), "There is no good backup") })
	h.tap("Start with an empty file")
	h.waitFor("the main window", func() bool { return h.st.main != nil })
	if n, _ := h.st.store.CountCustomers(context.Background(), "", true); n != 0 {
		t.Errorf("the new file holds %d customers", n)
	}
	if damaged, _ := filepath.Glob(filepath.Join(data.BackupDir(path), "damaged-*", "regulars.db")); len(damaged) != 1 {
		t.Errorf("the damaged file was not kept: %v", damaged)
	}
}

func TestStartGarbageFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	os.WriteFile(path, []byte(strings.Repeat("this is not a database ", 500)), 0o600)
	h := newStartHarness(t, path)
	h.waitFor("the explanation", func() bool { return strings.Contains(h.problemText(), "does not start like an SQLite database") })
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "this is not") {
		t.Error("the start-up changed the file before anyone chose anything")
	}
}

// A window started while a writing command (regulars import) holds the
// file says which command and when to try again, not "another window".
func TestStartWhileACommandWrites(t *testing.T) {
	path := shopFile(t, 1)
	lock, err := data.LockAs(path, "regulars import")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	h := newStartHarness(t, path)
	want := fmt.Sprintf("regulars import is using this file (process %d since ", os.Getpid())
	if h.st.main != nil || !strings.Contains(h.problemText(), want) || !strings.Contains(h.problemText(), path) {
		t.Fatalf("start while an import runs: %s", h.problemText())
	}
}
