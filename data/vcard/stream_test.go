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
