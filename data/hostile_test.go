package data_test

// Hostile files: huge, odd or broken input must give a clear message, take
// bounded memory and lose nothing already in the data file. The vCard
// cases go through the real reader (data/vcard) and the real import.

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/vcard"
)

// peakHeap runs fn and returns the most heap it had in use at once above
// what was in use before, sampled every few milliseconds.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base && ms.HeapAlloc-base > peak.Load() {
				peak.Store(ms.HeapAlloc - base)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// writeFile streams what gen writes into a new file in dir.
func writeFile(t *testing.T, dir, name string, gen func(w *bufio.Writer)) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	gen(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

const nextCard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card After\r\nEMAIL:after@example.org\r\nEND:VCARD\r\n"

// fold writes a long value as folded lines of 75 characters.
func fold(w *bufio.Writer, s string) {
	for i := 0; i < len(s); i += 74 {
		if i > 0 {
			w.WriteString("\r\n ")
		}
		w.WriteString(s[i:min(i+74, len(s))])
	}
	w.WriteString("\r\n")
}

// bigFile is a 200 MB export: 800 cards, each with a 250 KB photo that is
// not an image (so the reader must drop it) and a phone.
func bigFile(w *bufio.Writer) {
	rng := rand.New(rand.NewPCG(1, 2))
	raw := make([]byte, 250<<10*3/4)
	for i := 0; i < 800; i++ {
		for j := range raw {
			raw[j] = byte(rng.Uint32())
		}
		fmt.Fprintf(w, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card %d\r\nTEL;TYPE=CELL:+49 170 %07d\r\nPHOTO;ENCODING=b;TYPE=JPEG:", i, i)
		fold(w, base64.StdEncoding.EncodeToString(raw))
		w.WriteString("END:VCARD\r\n")
	}
}

// bigPhoto is one card with a 50 MB photo on one line, then a normal card.
func bigPhoto(w *bufio.Writer) {
	w.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nTEL:+49 170 7654321\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
	enc := base64.NewEncoder(base64.StdEncoding, w)
	enc.Write([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte(i * 31)
	}
	for i := 0; i < 50; i++ {
		enc.Write(chunk)
	}
	enc.Close()
	w.WriteString("\r\nEND:VCARD\r\n" + nextCard)
}

// manyPhones is one card with 10,000 phone numbers, then a normal card.
func manyPhones(w *bufio.Writer) {
	w.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Phones\r\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(w, "TEL;TYPE=CELL:+49 170 %07d\r\n", i)
	}
	w.WriteString("END:VCARD\r\n" + nextCard)
}

// garbage is 5 MB of binary noise.
func garbage(w *bufio.Writer) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5<<20; i++ {
		w.WriteByte(byte(rng.Uint32()))
	}
}

func TestHostileVCards(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 270 MB of hostile files; skipped with -short")
	}
	dir := t.TempDir()
	tests := []struct {
		name     string
		gen      func(*bufio.Writer)
		maxHeap  uint64 // bytes
		wantErr  string // the message of a file that cannot be read at all
		cards    int    // usable cards
		maxPhoto int    // bytes of photo kept per card
		phones   int    // phones of the first card
	}{
		{"a 200 MB file", bigFile, 64 << 20, "", 800, vcard.DefaultMaxPhotoBytes, 1},
		{"a 50 MB photo", bigPhoto, 256 << 20, "", 2, vcard.DefaultMaxPhotoBytes, 1},
		{"10,000 phones on one card", manyPhones, 64 << 20, "", 2, 0, 10000},
		{"binary garbage", garbage, 16 << 20, "is not a vCard file", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".vcf", tt.gen)
			s := datatest.NewStore(t)
			datatest.AddCustomer(t, s, "Anna Müller", "+49 171 5550000")
			var res *vcard.Result
			var readErr, importErr error
			start := time.Now()
			peak := peakHeap(func() {
				f, err := os.Open(path)
				if err != nil {
					readErr = err
					return
				}
				defer f.Close()
				if res, readErr = vcard.Read(f, vcard.Options{File: filepath.Base(path), Region: "DE"}); readErr == nil {
					_, _, importErr = s.ImportCards(context.Background(), res.Cards, res.Skipped)
				}
			})
			t.Logf("read and imported in %v, peak heap %d MB", time.Since(start).Round(time.Millisecond), peak>>20)
			if peak > tt.maxHeap {
				t.Errorf("peak heap %d MB, want at most %d MB", peak>>20, tt.maxHeap>>20)
			}
			checkNothingLost(t, s)
			if tt.wantErr != "" {
				if readErr == nil || !strings.Contains(readErr.Error(), tt.wantErr) || !strings.Contains(readErr.Error(), filepath.Base(path)) {
					t.Fatalf("read: %v; want a message naming the file and saying %q", readErr, tt.wantErr)
				}
				return
			}
			if readErr != nil || importErr != nil {
				t.Fatalf("read: %v, import: %v", readErr, importErr)
			}
			if len(res.Cards) != tt.cards {
				t.Fatalf("%d usable cards, want %d (skipped: %v)", len(res.Cards), tt.cards, res.Skipped)
			}
			for _, c := range res.Cards {
				if len(c.Customer.Photo) > tt.maxPhoto {
					t.Errorf("card at line %d keeps a %d-byte photo", c.Line, len(c.Customer.Photo))
				}
			}
			if got := len(res.Cards[0].Customer.Phones); got != tt.phones {
				t.Errorf("the first card has %d phones, want %d", got, tt.phones)
			}
			if n, _ := s.CountCustomers(context.Background(), "", true); n != 1+tt.cards {
				t.Errorf("%d customers after the import, want %d", n, 1+tt.cards)
			}
		})
	}
}

// checkNothingLost checks that the customer who was there before is still
// there, unchanged, and the file is sound.
func checkNothingLost(t *testing.T, s *data.Store) {
	t.Helper()
	found, err := s.SearchCustomers(context.Background(), data.SearchQuery{Text: "muller"})
	if err != nil || len(found) != 1 || found[0].Phone != "+49 171 5550000" {
		t.Errorf("the customer from before: %+v, %v", found, err)
	}
	if err := s.QuickCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestHostileDataFiles(t *testing.T) {
	ctx := context.Background()
	good := healthyFile(t, 500)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		bytes []byte
	}{
		{"truncated to a tenth", goodBytes[:len(goodBytes)/10]},
		{"truncated to 3 pages", goodBytes[:3*4096]},
		{"truncated inside the header", goodBytes[:50]},
		{"binary garbage", []byte(strings.Repeat("\x00\x13\x37\xff garbage", 100000))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".db")
			if err := os.WriteFile(path, tt.bytes, 0o600); err != nil {
				t.Fatal(err)
			}
			var checkErr, openErr error
			peak := peakHeap(func() {
				checkErr = data.CheckFile(ctx, path)
				s, err := data.Open(ctx, path)
				if err == nil {
					openErr = s.QuickCheck(ctx)
					s.Close()
				} else {
					openErr = err
				}
			})
			for _, err := range []error{checkErr, openErr} {
				var ce *data.CorruptError
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), path) {
					t.Errorf("%v; want a CorruptError naming the file", err)
				}
			}
			if peak > 32<<20 {
				t.Errorf("peak heap %d MB", peak>>20)
			}
			if after, _ := os.ReadFile(path); string(after) != string(tt.bytes) {
				t.Error("looking at the damaged file changed it")
			}
		})
	}
	if err := data.CheckFile(ctx, good); err != nil {
		t.Fatalf("the good file: %v", err)
	}
}
