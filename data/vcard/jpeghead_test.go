package vcard

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// jpegSamples are JPEGs of every kind image/jpeg reads: Go's own image
// test files (baseline, progressive, gray, CMYK, RGB, each chroma
// subsampling, restart markers), when the Go tree is at hand, and JPEGs
// encoded here, with and without a JFIF header.
func jpegSamples(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "*.jpeg"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out[filepath.Base(f)] = b
		}
	}
	for name, img := range map[string]image.Image{
		"gray 30x17": image.NewGray(image.Rect(0, 0, 30, 17)),
		"rgba 48x40": image.NewRGBA(image.Rect(0, 0, 48, 40)),
		"rgba 1x300": image.NewRGBA(image.Rect(0, 0, 1, 300)),
	} {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		out["go "+name] = b.Bytes()
		// As phones write them: SOI, then a JFIF APP0 and an EXIF APP1.
		app0 := []byte{0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
		app1 := []byte{0xFF, 0xE1, 0, 8, 'E', 'x', 'i', 'f', 0, 0}
		jfif := append(append(append([]byte{0xFF, 0xD8}, app0...), app1...), b.Bytes()[2:]...)
		out["jfif "+name] = jfif
	}
	return out
}

// TestJPEGSizeAgreesWithDecodeConfig: every sample is read without a
// decoder, to the same size, and cut-off or damaged copies either agree
// with DecodeConfig or are left to it.
func TestJPEGSizeAgreesWithDecodeConfig(t *testing.T) {
	samples := jpegSamples(t)
	if len(samples) < 6 {
		t.Fatalf("only %d samples", len(samples))
	}
	for name, b := range samples {
		t.Run(name, func(t *testing.T) {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
			w, h, ok := jpegSize(b)
			if err == nil && (!ok || w != cfg.Width || h != cfg.Height) {
				t.Errorf("jpegSize = %d×%d %v, DecodeConfig %d×%d", w, h, ok, cfg.Width, cfg.Height)
			}
			for cut := range len(b) {
				checkJPEGSize(t, b[:cut])
			}
			for i := range min(len(b), 400) {
				damaged := bytes.Clone(b)
				damaged[i] ^= 0x5A
				checkJPEGSize(t, damaged)
			}
		})
	}
}

// checkJPEGSize fails when jpegSize claims a size DecodeConfig would not
// give.
func checkJPEGSize(t *testing.T, b []byte) {
	t.Helper()
	w, h, ok := jpegSize(b)
	if !ok {
		return
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != w || cfg.Height != h {
		t.Fatalf("jpegSize = %d×%d, DecodeConfig = %d×%d, %v\n%x", w, h, cfg.Width, cfg.Height, err, b[:min(len(b), 64)])
	}
}

// FuzzJPEGSize holds jpegSize to image/jpeg.DecodeConfig: whatever size
// it reads, DecodeConfig reads too. Run it with:
// go test -fuzz=FuzzJPEGSize ./data/vcard/
func FuzzJPEGSize(f *testing.F) {
	for _, b := range jpegSamples(f) {
		if len(b) <= 64<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkJPEGSize(t, b) })
}
