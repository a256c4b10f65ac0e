package vcard

import (
	"io"
	"runtime"
	"strings"
	"testing"
)

// genReader produces n cards on the fly, each with a long note and no
// name (so each ends up as a small SkippedCard), and samples the heap as
// it goes.
type genReader struct {
	n, i    int
	card    string
	pending string
	peak    uint64
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.pending == "" {
		if g.i == g.n {
			return 0, io.EOF
		}
		g.i++
		g.pending = g.card
		if g.i%500 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			g.peak = max(g.peak, ms.HeapAlloc)
		}
	}
	n := copy(p, g.pending)
	g.pending = g.pending[n:]
	return n, nil
}

// TestReadStreamsWithBoundedMemory reads 60 MB of cards without ever
// holding the file: the heap stays far below the input size.
func TestReadStreamsWithBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 60 MB")
	}
	note := strings.Repeat("Notiz mit Umlauten äöü, 60 Zeichen lang, immer wieder. ", 220)
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:" + note + "\r\nEND:VCARD\r\n"
	g := &genReader{n: 60 << 20 / len(card), card: card}
	runtime.GC()
	res, err := Read(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != g.n {
		t.Fatalf("skipped %d cards, want %d", len(res.Skipped), g.n)
	}
	t.Logf("heap peak %d KB for %d cards", g.peak>>10, g.n)
	if limit := uint64(32 << 20); g.peak > limit {
		t.Errorf("heap peaked at %d MB reading %d MB, want under %d MB", g.peak>>20, g.n*len(card)>>20, limit>>20)
	}
}

// TestMissingEndDoesNotHoldLaterCards: a card without END:VCARD at the
// start of a big file makes every later card look nested in it; they must
// still stream (and come out in file order).
func TestMissingEndDoesNotHoldLaterCards(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 60 MB")
	}
	note := strings.Repeat("x", 12000)
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:" + note + "\r\nEND:VCARD\r\n"
	g := &genReader{n: 60 << 20 / len(card), card: card}
	r := io.MultiReader(strings.NewReader("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n"), g)
	runtime.GC()
	res, err := Read(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cards) != 1 || res.Cards[0].Customer.DisplayName != "No End" || res.Truncated != 1 {
		t.Errorf("cards = %+v, truncated %d", res.Cards, res.Truncated)
	}
	if len(res.Skipped) != g.n || res.Skipped[0].Line != 4 || res.Skipped[1].Line != 8 {
		t.Errorf("skipped %d cards starting at lines %d, %d", len(res.Skipped), res.Skipped[0].Line, res.Skipped[1].Line)
	}
	if limit := uint64(32 << 20); g.peak > limit {
		t.Errorf("heap peaked at %d MB, want under %d MB", g.peak>>20, limit>>20)
	}
}
